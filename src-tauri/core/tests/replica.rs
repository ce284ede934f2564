//! This device's side of the team sync, without a server: rows copied from
//! another device are listed, searchable and not sent back.

use mona_core::Database;
use mona_core::artists::{self, ArtistFields, ArtistQuery};
use mona_core::replica::{self, FeedPosition};

fn device() -> (tempfile::TempDir, Database) {
    let folder = tempfile::tempdir().expect("temporary folder");
    let db = Database::open(folder.path()).expect("open");
    (folder, db)
}

fn team_of(db: &Database, count: usize) {
    let mut cards: Vec<ArtistFields> = (0..count - 1)
        .map(|n| ArtistFields {
            name: format!("Artiste {n:03}"),
            city: Some("Lyon".into()),
            ..ArtistFields::default()
        })
        .collect();
    cards.push(ArtistFields {
        name: "Élodie Martin".into(),
        ..ArtistFields::default()
    });
    artists::create_many(db, cards).expect("create");
}

fn names(db: &Database, search: Option<&str>) -> (u32, Vec<String>) {
    let page = artists::list(
        db,
        &ArtistQuery {
            search: search.map(str::to_owned),
            limit: 500,
            ..ArtistQuery::default()
        },
    )
    .expect("list");
    (page.total, page.rows.into_iter().map(|r| r.name).collect())
}

#[test]
fn a_team_copied_page_by_page_is_listed_and_searchable_like_the_original() {
    let (_a, original) = device();
    team_of(&original, 60);
    let rows = replica::state(&original).expect("state");
    let (_b, copy) = device();
    let start = FeedPosition::start();
    let (first, rest) = rows.split_at(rows.len() / 2);
    replica::apply_snapshot(&copy, first, &[], &start, false).expect("first page");
    replica::apply_snapshot(&copy, rest, &[], &start, true).expect("last page");

    assert_eq!(names(&copy, None), names(&original, None));
    assert_eq!(
        names(&copy, Some("elodie")).0,
        1,
        "found without its accent"
    );
    assert_eq!(
        replica::pending_rows(&copy).expect("pending"),
        0,
        "copied rows are not sent back"
    );
    assert_eq!(replica::state(&copy).expect("state"), rows);
}

#[test]
fn a_copy_interrupted_halfway_lists_what_arrived_after_a_restart() {
    let (_a, original) = device();
    team_of(&original, 40);
    let rows = replica::state(&original).expect("state");
    let (folder, copy) = device();
    replica::apply_snapshot(&copy, &rows[..20], &[], &FeedPosition::start(), false)
        .expect("first page");
    drop(copy);

    let reopened = Database::open(folder.path()).expect("reopen");
    assert_eq!(names(&reopened, None).0, 20);
}
