//! Pointing at a record from a task: Camille types a few letters, without
//! accents, and finds the artist, the sponsor, the live or the post she
//! means; the task then shows what it is linked to, by name.

mod support;

use mona_core::artists::{self, ArtistFields};
use mona_core::events::{self, EventFields};
use mona_core::records::{self, RecordKind};
use mona_core::tasks::{self, TaskFields};
use mona_core::team::{self, Role};
use mona_core::{Database, Error, clock, ids};
use rusqlite::params;
use support::{artist, database, person};

/// A new database where Camille, the admin, is at her desk.
fn camilles_database() -> (tempfile::TempDir, Database) {
    let (folder, db) = database();
    team::join(&db, person("Camille", Role::Admin)).expect("Camille");
    (folder, db)
}

/// Sponsors and content items have no screen of their own yet: they come
/// from the demo data and from the team sync, so tests write their rows.
fn sponsor(db: &Database, name: &str, website: Option<&str>) -> String {
    let id = ids::new_id();
    db.write(|t| {
        t.execute(
            "INSERT INTO sponsors (id, name, website, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![id, name, website, clock::now()],
        )?;
        Ok(())
    })
    .expect("sponsor");
    id
}

fn content(db: &Database, title: &str, platform: &str, scheduled_at: Option<&str>) -> String {
    let id = ids::new_id();
    db.write(|t| {
        t.execute(
            "INSERT INTO spark_content (id, title, platform, scheduled_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![id, title, platform, scheduled_at, clock::now()],
        )?;
        Ok(())
    })
    .expect("content");
    id
}

fn event(db: &Database, title: &str, starts_at: &str, ends_at: &str) -> String {
    events::create(
        db,
        EventFields {
            title: title.into(),
            starts_at: starts_at.into(),
            ends_at: ends_at.into(),
            time_zone: "Europe/Paris".into(),
            ..EventFields::default()
        },
    )
    .expect("event")
    .id
}

fn names(found: &[records::RecordRef]) -> Vec<(RecordKind, &str)> {
    found.iter().map(|r| (r.kind, r.name.as_str())).collect()
}

#[test]
fn records_of_every_kind_found_by_a_word_typed_without_accents() {
    let (_folder, db) = camilles_database();
    artists::create(
        &db,
        ArtistFields {
            name: "Élodie Mars".into(),
            city: Some("Lyon".into()),
            ..ArtistFields::default()
        },
    )
    .expect("Élodie");
    sponsor(&db, "Vélo Urbain Lyon", Some("https://velo-urbain.fr"));
    sponsor(&db, "Brasserie du Rhône", None);
    event(
        &db,
        "Live vélo avec Élodie",
        "2099-03-02T19:00:00.000Z",
        "2099-03-02T21:00:00.000Z",
    );
    content(&db, "Teaser vélo", "instagram", None);

    let found = records::find(&db, "velo", &RecordKind::ALL, 5).expect("search");
    assert_eq!(
        names(&found),
        [
            (RecordKind::Sponsor, "Vélo Urbain Lyon"),
            (RecordKind::Event, "Live vélo avec Élodie"),
            (RecordKind::Content, "Teaser vélo"),
        ]
    );
    assert_eq!(found[0].hint.as_deref(), Some("https://velo-urbain.fr"));
    assert_eq!(found[1].at.as_deref(), Some("2099-03-02T19:00:00.000Z"));
    assert_eq!(found[2].hint.as_deref(), Some("instagram"));

    let found = records::find(&db, "ELO", &RecordKind::ALL, 5).expect("search");
    assert_eq!(
        names(&found),
        [
            (RecordKind::Artist, "Élodie Mars"),
            (RecordKind::Event, "Live vélo avec Élodie"),
        ]
    );
    assert_eq!(found[0].hint.as_deref(), Some("Lyon"));

    // Every typed word must start a word of the name: "rbain" is inside
    // one, not at its start.
    assert!(
        records::find(&db, "rbain", &RecordKind::ALL, 5)
            .expect("search")
            .is_empty()
    );
    assert!(
        records::find(&db, "  ", &RecordKind::ALL, 5)
            .expect("search")
            .is_empty()
    );
    // Only the kinds asked for.
    assert_eq!(
        names(&records::find(&db, "rhone", &[RecordKind::Sponsor], 5).expect("search")),
        [(RecordKind::Sponsor, "Brasserie du Rhône")]
    );
}

#[test]
fn the_next_live_comes_before_the_past_ones() {
    let (_folder, db) = camilles_database();
    event(
        &db,
        "Live de janvier",
        "2020-01-10T19:00:00.000Z",
        "2020-01-10T21:00:00.000Z",
    );
    event(
        &db,
        "Live de mars",
        "2020-03-10T19:00:00.000Z",
        "2020-03-10T21:00:00.000Z",
    );
    event(
        &db,
        "Live de l'an prochain",
        "2098-05-10T19:00:00.000Z",
        "2098-05-10T21:00:00.000Z",
    );
    event(
        &db,
        "Live de demain",
        "2097-05-10T19:00:00.000Z",
        "2097-05-10T21:00:00.000Z",
    );
    let found = records::find(&db, "live", &[RecordKind::Event], 10).expect("search");
    assert_eq!(
        names(&found),
        [
            (RecordKind::Event, "Live de demain"),
            (RecordKind::Event, "Live de l'an prochain"),
            (RecordKind::Event, "Live de mars"),
            (RecordKind::Event, "Live de janvier"),
        ]
    );
    let found = records::find(&db, "live", &[RecordKind::Event], 2).expect("search");
    assert_eq!(found.len(), 2, "at most what was asked for");
}

#[test]
fn a_task_shows_the_artist_sponsor_live_and_post_it_is_linked_to() {
    let (_folder, db) = camilles_database();
    let nadia = artist(&db, "Nadia");
    let brand = sponsor(&db, "Vélo Urbain Lyon", None);
    let live = event(
        &db,
        "Live de Nadia",
        "2099-03-02T19:00:00.000Z",
        "2099-03-02T21:00:00.000Z",
    );
    let post = content(
        &db,
        "Annonce du live",
        "tiktok",
        Some("2099-03-01T17:00:00.000Z"),
    );
    let task = tasks::create(
        &db,
        TaskFields {
            title: "Caler la mention du sponsor".into(),
            artist_id: Some(nadia.clone()),
            sponsor_id: Some(brand.clone()),
            event_id: Some(live.clone()),
            content_id: Some(post.clone()),
            ..TaskFields::default()
        },
    )
    .expect("task");

    let detail = tasks::detail(&db, &task.id).expect("detail");
    let shown: Vec<(RecordKind, &str, &str)> = detail
        .links
        .iter()
        .map(|r| (r.kind, r.id.as_str(), r.name.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            (RecordKind::Artist, nadia.as_str(), "Nadia"),
            (RecordKind::Sponsor, brand.as_str(), "Vélo Urbain Lyon"),
            (RecordKind::Event, live.as_str(), "Live de Nadia"),
            (RecordKind::Content, post.as_str(), "Annonce du live"),
        ]
    );

    // A deleted live is no longer shown; the other links stay.
    events::delete(&db, &live).expect("delete live");
    let detail = tasks::detail(&db, &task.id).expect("detail");
    assert_eq!(detail.links.len(), 3);
    assert!(detail.links.iter().all(|r| r.kind != RecordKind::Event));
    let missing = db.read(|c| records::require(c, RecordKind::Event, &live));
    assert!(matches!(
        missing,
        Err(Error::NotFound {
            entity: mona_core::Entity::Event,
            ..
        })
    ));
}
