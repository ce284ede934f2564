//! Deleted records leave the server only once every active laptop has seen
//! them deleted; a laptop that comes back later with an edit of one gets a
//! conflict, not the record back from the dead.

mod support;

use mona_core::artists::{self, ArtistFields};
use mona_core::replica;
use support::{Device, TestServer};

fn card(name: &str) -> ArtistFields {
    ArtistFields {
        name: name.into(),
        city: Some("Paris".into()),
        ..ArtistFields::default()
    }
}

/// What a day's housekeeping on the server does (devices not seen for 30
/// days do not hold it back).
async fn purge(server: &TestServer) -> i32 {
    server
        .connect()
        .await
        .purge(mona_sync::service::ACTIVE_DAYS)
        .await
        .expect("purge")
}

async fn remembered(server: &TestServer, id: &str) -> bool {
    server
        .client()
        .await
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM sync_purged WHERE pk = $1)",
            &[&id],
        )
        .await
        .expect("sync_purged")
        .get(0)
}

async fn server_ids(server: &TestServer) -> Vec<String> {
    server
        .client()
        .await
        .query(
            "SELECT pk FROM sync_state WHERE tbl = 'artists' ORDER BY pk",
            &[],
        )
        .await
        .expect("state")
        .into_iter()
        .map(|row| row.get(0))
        .collect()
}

/// Whether the laptop still has the row at all, deleted or not.
fn held(device: &Device, id: &str) -> bool {
    device
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT EXISTS (SELECT 1 FROM artists WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )?)
        })
        .expect("read")
}

#[tokio::test]
async fn a_deleted_artist_leaves_the_server_only_once_every_active_laptop_has_seen_it() {
    let server = TestServer::prepared().await;
    let (paris, lyon) = (Device::new("Paris"), Device::new("Lyon"));
    let gone = artists::create(&paris.db, card("Élodie Martin")).expect("create");
    let kept = artists::create(&paris.db, card("Nadia K")).expect("create");
    paris.sync(&server).await.expect("sync");
    lyon.sync(&server).await.expect("sync");

    artists::delete(&paris.db, &gone.id).expect("delete");
    paris.sync(&server).await.expect("sync");
    paris
        .sync(&server)
        .await
        .expect("Paris says it has seen its own deletion");
    assert_eq!(
        purge(&server).await,
        0,
        "Lyon has not seen the deletion yet"
    );

    lyon.sync(&server).await.expect("Lyon pulls the deletion");
    lyon.sync(&server).await.expect("and says so");
    assert_eq!(purge(&server).await, 1);
    assert_eq!(server_ids(&server).await, vec![kept.id.clone()]);
    assert!(remembered(&server, &gone.id).await);

    for device in [&paris, &lyon] {
        device.sync(&server).await.expect("sync");
        assert!(!held(device, &gone.id), "{} erased it too", device.name);
        assert!(held(device, &kept.id));
    }
    assert_eq!(
        replica::state(&paris.db).expect("state"),
        replica::state(&lyon.db).expect("state")
    );
    assert_eq!(purge(&server).await, 0, "nothing left to purge");
}

#[tokio::test]
async fn a_late_edit_of_a_purged_artist_becomes_a_conflict_not_a_resurrection() {
    let server = TestServer::prepared().await;
    let (paris, lyon) = (Device::new("Paris"), Device::new("Lyon"));
    let nadia = artists::create(&paris.db, card("Nadia K")).expect("create");
    paris.sync(&server).await.expect("sync");
    lyon.sync(&server).await.expect("sync");

    // Lyon leaves for a long tour and edits Nadia offline...
    let mut fields = artists::get(&lyon.db, &nadia.id).expect("card").fields;
    fields.city = Some("Marseille".into());
    artists::update(&lyon.db, &nadia.id, fields).expect("edit offline");
    // ...while Paris deletes her, and the server purges her after Lyon has
    // been away for more than the retention.
    artists::delete(&paris.db, &nadia.id).expect("delete");
    paris.sync(&server).await.expect("sync");
    paris.sync(&server).await.expect("sync");
    server
        .client()
        .await
        .execute(
            "UPDATE sync_devices SET last_seen_at = now() - interval '60 days' WHERE name = 'Lyon'",
            &[],
        )
        .await
        .expect("Lyon away for two months");
    assert_eq!(purge(&server).await, 1);

    lyon.sync(&server).await.expect("Lyon comes back");
    assert!(server_ids(&server).await.is_empty(), "not resurrected");
    assert!(!held(&lyon, &nadia.id), "gone from Lyon too");
    let conflicts = mona_core::conflicts::open(&lyon.db).expect("conflicts");
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].kind, "update_delete");
    assert!(
        conflicts[0]
            .lost_value
            .as_deref()
            .is_some_and(|v| v.contains("Marseille")),
        "{conflicts:?}"
    );
    // Restoring cannot bring back a record nobody holds any more: it says
    // so, and the lost values stay listed.
    let refused = mona_core::conflicts::restore(&lyon.db, &conflicts[0].id);
    assert!(
        matches!(refused, Err(mona_core::Error::NotFound { .. })),
        "{refused:?}"
    );
    assert_eq!(mona_core::conflicts::open(&lyon.db).expect("open").len(), 1);

    paris.sync(&server).await.expect("sync");
    assert_eq!(
        replica::state(&paris.db).expect("state"),
        replica::state(&lyon.db).expect("state")
    );
}
