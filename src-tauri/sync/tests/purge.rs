//! Deleted records leave the server only once every active laptop has seen
//! them deleted; a laptop that comes back later with an edit of one gets a
//! conflict, not the record back from the dead.

mod support;

use mona_core::artists::{self, ArtistFields};
use mona_core::replica::{self, FeedPosition};
use mona_sync::pull::pull;
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
    // The whole feed as it was before the purge, to be delivered again.
    let before = pull(&server.connect().await, &FeedPosition::start(), 1000)
        .await
        .expect("pull");
    assert!(before.rows.iter().any(|r| r.id == gone.id));
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

    // Old pages delivered again do not bring the erased artist back.
    let cursor = replica::link(&lyon.db).expect("link").cursor;
    replica::apply_pulled(&lyon.db, &before.rows, &[], &cursor).expect("old page");
    assert!(!held(&lyon, &gone.id), "not back from an old page");
    assert!(held(&lyon, &kept.id));
}

/// Paris and Lyon both hold Nadia K. Lyon leaves for a long tour and edits
/// her offline (`edit`) while Paris deletes her; the server purges her once
/// Lyon has been away for longer than the retention. Returns (Paris, Lyon,
/// Nadia's id), Lyon not back yet.
async fn nadia_purged_while_lyon_was_away(
    server: &TestServer,
    edit: impl FnOnce(&mut ArtistFields),
) -> (Device, Device, String) {
    let (paris, lyon) = (Device::new("Paris"), Device::new("Lyon"));
    let nadia = artists::create(&paris.db, card("Nadia K")).expect("create");
    paris.sync(server).await.expect("sync");
    lyon.sync(server).await.expect("sync");
    let mut fields = artists::get(&lyon.db, &nadia.id).expect("card").fields;
    edit(&mut fields);
    artists::update(&lyon.db, &nadia.id, fields).expect("edit offline");
    artists::delete(&paris.db, &nadia.id).expect("delete");
    paris.sync(server).await.expect("sync");
    paris.sync(server).await.expect("sync");
    server
        .client()
        .await
        .execute(
            "UPDATE sync_devices SET last_seen_at = now() - interval '60 days' WHERE name = 'Lyon'",
            &[],
        )
        .await
        .expect("Lyon away for two months");
    assert_eq!(purge(server).await, 1);
    (paris, lyon, nadia.id)
}

#[tokio::test]
async fn a_late_edit_of_a_purged_artist_becomes_a_conflict_not_a_resurrection() {
    let server = TestServer::prepared().await;
    let (paris, lyon, nadia) = nadia_purged_while_lyon_was_away(&server, |card| {
        card.city = Some("Marseille".into());
    })
    .await;

    lyon.sync(&server).await.expect("Lyon comes back");
    assert!(server_ids(&server).await.is_empty(), "not resurrected");
    assert!(!held(&lyon, &nadia), "gone from Lyon too");
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
    assert_eq!(
        conflicts[0].record.as_deref(),
        Some("Nadia K"),
        "named from the content the conflict kept"
    );

    // One click brings her back with everything Lyon had, its edit included,
    // for the whole team.
    mona_core::conflicts::restore(&lyon.db, &conflicts[0].id).expect("restore");
    let back = artists::get(&lyon.db, &nadia).expect("back on Lyon");
    assert_eq!(back.fields.name, "Nadia K");
    assert_eq!(back.fields.city.as_deref(), Some("Marseille"));
    assert!(
        mona_core::conflicts::open(&lyon.db)
            .expect("open")
            .is_empty()
    );
    lyon.sync(&server).await.expect("sync");
    paris.sync(&server).await.expect("sync");
    assert_eq!(server_ids(&server).await, vec![nadia.clone()]);
    let on_paris = artists::get(&paris.db, &nadia).expect("back on Paris");
    assert_eq!(on_paris.fields.city.as_deref(), Some("Marseille"));
    assert_eq!(
        replica::state(&paris.db).expect("state"),
        replica::state(&lyon.db).expect("state")
    );
}

#[tokio::test]
async fn a_purged_artist_made_again_under_its_old_id_lives_again_everywhere() {
    let server = TestServer::prepared().await;
    // Lyon's edit comes back as a conflict that Paris restores.
    let (paris, lyon, nadia) = nadia_purged_while_lyon_was_away(&server, |card| {
        card.phone = Some("+33 6 12 34 56 78".into());
    })
    .await;
    lyon.sync(&server).await.expect("Lyon comes back");
    paris
        .sync(&server)
        .await
        .expect("Paris hears of the conflict");
    let conflict = mona_core::conflicts::open(&paris.db).expect("conflicts");
    assert_eq!(conflict.len(), 1, "{conflict:?}");
    mona_core::conflicts::restore(&paris.db, &conflict[0].id).expect("restore");
    paris.sync(&server).await.expect("sync");
    lyon.sync(&server).await.expect("sync");

    let on_lyon = artists::get(&lyon.db, &nadia).expect("Nadia on Lyon");
    assert_eq!(on_lyon.fields.phone.as_deref(), Some("+33 6 12 34 56 78"));
    // Edited again, she syncs like any record; deleted again, she can be
    // purged again.
    let mut fields = on_lyon.fields;
    fields.city = Some("Lille".into());
    artists::update(&lyon.db, &nadia, fields).expect("edit");
    lyon.sync(&server).await.expect("sync");
    paris.sync(&server).await.expect("sync");
    assert_eq!(
        artists::get(&paris.db, &nadia)
            .expect("card")
            .fields
            .city
            .as_deref(),
        Some("Lille")
    );
    artists::delete(&paris.db, &nadia).expect("delete again");
    for _ in 0..2 {
        paris.sync(&server).await.expect("sync");
        lyon.sync(&server).await.expect("sync");
    }
    assert_eq!(purge(&server).await, 1, "purged a second time");
    for device in [&paris, &lyon] {
        device.sync(&server).await.expect("sync");
        assert!(!held(device, &nadia), "{} erased her again", device.name);
    }
    assert!(
        mona_core::conflicts::open(&paris.db)
            .expect("open")
            .is_empty()
    );
}

fn label(device: &Device, id: &str) -> Option<String> {
    device
        .db
        .read(|c| {
            Ok(
                c.query_row("SELECT label FROM artists WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?,
            )
        })
        .expect("label")
}

/// Nice runs the next version of the app (artists have a label there) and
/// was away while Nadia K was purged and then brought back from a conflict:
/// it copies the server again and must hold the card that was brought back,
/// not a mix with what it remembered of the purged one.
#[tokio::test]
async fn a_laptop_back_after_a_purge_holds_the_card_brought_back_not_the_purged_one() {
    let server = TestServer::prepared().await;
    let (paris, lyon) = (Device::new("Paris"), Device::new("Lyon"));
    let nice = Device::new("Nice").upgrade();
    let nadia = artists::create(&paris.db, card("Nadia K"))
        .expect("create")
        .id;
    for device in [&paris, &lyon, &nice] {
        device.sync(&server).await.expect("sync");
    }
    nice.db
        .write(|t| {
            Ok(t.execute(
                "UPDATE artists SET label = 'Wagram' WHERE id = ?1",
                [&nadia],
            )?)
        })
        .expect("label");
    nice.sync(&server).await.expect("sync");
    paris.sync(&server).await.expect("Paris sees the label");

    // Lyon edits her offline while Paris deletes her; Lyon and Nice stay
    // away long enough for the server to purge her.
    let mut fields = artists::get(&lyon.db, &nadia).expect("card").fields;
    fields.city = Some("Marseille".into());
    artists::update(&lyon.db, &nadia, fields).expect("edit offline");
    artists::delete(&paris.db, &nadia).expect("delete");
    paris.sync(&server).await.expect("sync");
    paris.sync(&server).await.expect("sync");
    server
        .client()
        .await
        .execute(
            "UPDATE sync_devices SET last_seen_at = now() - interval '60 days'
             WHERE name IN ('Lyon', 'Nice')",
            &[],
        )
        .await
        .expect("away for two months");
    assert_eq!(purge(&server).await, 1);

    // Lyon's edit comes back as a conflict; Paris brings her back with it.
    lyon.sync(&server).await.expect("Lyon comes back");
    paris.sync(&server).await.expect("sync");
    let conflict = mona_core::conflicts::open(&paris.db).expect("conflicts");
    assert_eq!(conflict.len(), 1, "{conflict:?}");
    mona_core::conflicts::restore(&paris.db, &conflict[0].id).expect("restore");
    paris.sync(&server).await.expect("sync");

    nice.sync(&server).await.expect("Nice comes back");
    let newcomer = Device::new("Marseille").upgrade();
    newcomer.sync(&server).await.expect("joins");
    let on_nice = artists::get(&nice.db, &nadia).expect("Nadia on Nice");
    assert_eq!(on_nice.fields.city.as_deref(), Some("Marseille"));
    assert_eq!(label(&nice, &nadia), label(&newcomer, &nadia));
    assert_eq!(
        replica::state(&nice.db).expect("state"),
        replica::state(&newcomer.db).expect("state"),
        "Nice holds what a laptop joining now copies"
    );
}
