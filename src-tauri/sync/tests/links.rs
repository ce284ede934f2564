//! Links between records (a tag on an artist, a member on a task) made on
//! two laptops offline are one link once they sync: their ids come from what
//! they join, so the schema's "unique by content" holds on every device.

mod support;

use mona_core::artists::{self, ArtistFields};
use mona_core::links::{self, Link};
use mona_core::{conflicts, ids, replica};
use support::{Device, TestServer};

fn tag_named(device: &Device, name: &str) -> String {
    let id = ids::new_id();
    let now = mona_core::clock::now();
    device
        .db
        .write(|t| {
            t.execute(
                "INSERT INTO tags (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                [&id, name, &now],
            )?;
            Ok(())
        })
        .expect("tag");
    id
}

/// The live links of an artist on a device.
fn tags_on(device: &Device, artist: &str) -> Vec<String> {
    device
        .db
        .read(|c| {
            let mut statement = c.prepare(
                "SELECT tag_id FROM entity_tags
                 WHERE entity_type = 'artist' AND entity_id = ?1 AND deleted_at IS NULL",
            )?;
            let tags = statement.query_map([artist], |r| r.get(0))?;
            Ok(tags.collect::<rusqlite::Result<Vec<String>>>()?)
        })
        .expect("tags")
}

fn change(device: &Device, work: impl FnOnce(&rusqlite::Transaction<'_>) -> bool) -> bool {
    device.db.write(|t| Ok(work(t))).expect("write")
}

#[tokio::test]
async fn the_same_tag_put_on_an_artist_on_two_laptops_offline_is_one_tag_without_conflict() {
    let server = TestServer::prepared().await;
    let (paris, lyon) = (Device::new("Paris"), Device::new("Lyon"));
    let nadia = artists::create(
        &paris.db,
        ArtistFields {
            name: "Nadia K".into(),
            ..ArtistFields::default()
        },
    )
    .expect("create");
    let rap = tag_named(&paris, "Rap");
    paris.sync(&server).await.expect("sync");
    lyon.sync(&server).await.expect("sync");

    let link = Link::EntityTag {
        tag_id: &rap,
        entity_type: "artist",
        entity_id: &nadia.id,
    };
    // Both tag Nadia "Rap" on the train.
    assert!(change(&paris, |t| links::add(t, link).expect("tag")));
    assert!(change(&lyon, |t| links::add(t, link).expect("tag")));
    for device in [&paris, &lyon, &paris] {
        device.sync(&server).await.expect("sync");
    }
    for device in [&paris, &lyon] {
        assert_eq!(
            tags_on(device, &nadia.id),
            vec![rap.clone()],
            "{}",
            device.name
        );
        assert!(conflicts::open(&device.db).expect("conflicts").is_empty());
    }
    assert_eq!(
        replica::state(&paris.db).expect("state"),
        replica::state(&lyon.db).expect("state")
    );

    // Taken off in Paris, put back in Lyon afterwards: the same link again.
    assert!(change(&paris, |t| links::remove(t, link).expect("untag")));
    paris.sync(&server).await.expect("sync");
    lyon.sync(&server).await.expect("sync");
    assert!(tags_on(&lyon, &nadia.id).is_empty());
    assert!(change(&lyon, |t| links::add(t, link).expect("tag again")));
    assert!(
        !change(&lyon, |t| links::add(t, link).expect("tag twice")),
        "a link made twice is made once"
    );
    lyon.sync(&server).await.expect("sync");
    paris.sync(&server).await.expect("sync");
    assert_eq!(tags_on(&paris, &nadia.id), vec![rap]);
    let rows: i64 = paris
        .db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM entity_tags", [], |r| r.get(0))?))
        .expect("count");
    assert_eq!(rows, 1, "one row for one link, whatever happened to it");
}
