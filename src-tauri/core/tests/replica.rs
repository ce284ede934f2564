//! This device's side of the team sync, without a server: rows copied from
//! another device are listed, searchable and not sent back.

mod support;

use mona_core::Database;
use mona_core::artists::{self, ArtistFields, ArtistQuery};
use mona_core::replica::{self, FeedPosition};
use support::{database as device, exchange};

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
    let cards: Vec<_> = replica::state(&original)
        .expect("state")
        .into_iter()
        .filter(|row| row.table == "artists")
        .collect();
    let (folder, copy) = device();
    replica::apply_snapshot(&copy, &cards[..20], &[], &FeedPosition::start(), false)
        .expect("first page");
    drop(copy);

    let reopened = Database::open(folder.path()).expect("reopen");
    assert_eq!(names(&reopened, None).0, 20);
}

/// Élodie's card made on another laptop: its rows there, and the card's.
fn elodie_elsewhere() -> (Vec<replica::RemoteRow>, replica::RemoteRow) {
    let (_a, elsewhere) = device();
    team_of(&elsewhere, 1);
    let rows = replica::state(&elsewhere).expect("state");
    let card = rows
        .iter()
        .find(|row| row.table == "artists")
        .expect("the card")
        .clone();
    (rows, card)
}

/// `card` made again under its key, later than it was first born.
fn born_again(mut card: replica::RemoteRow) -> replica::RemoteRow {
    card.birth.clock += 1 << 16;
    for cell in card.cells.values_mut() {
        cell.version.clock += 1 << 16;
    }
    card
}

#[test]
fn a_page_lost_in_a_crash_and_delivered_after_the_purge_does_not_bring_the_row_back() {
    // Élodie's card was made on another laptop, then deleted and purged by
    // the server before this one applied the page that brought it.
    let (rows, card) = elodie_elsewhere();
    let (_b, here) = device();
    let purge = replica::Erased {
        table: card.table.clone(),
        id: card.id.clone(),
        birth: card.birth.clone(),
    };
    replica::apply_pulled(&here, &[], &[purge], &FeedPosition::start()).expect("purge");
    replica::apply_pulled(&here, &rows, &[], &FeedPosition::start()).expect("old page");
    assert_eq!(
        names(&here, None),
        (0, vec![]),
        "the purged card stays gone"
    );

    // Made again under the same key after the purge, it is a new row.
    let again = born_again(card);
    replica::apply_pulled(&here, &[again], &[], &FeedPosition::start()).expect("born again");
    assert_eq!(names(&here, None), (1, vec!["Élodie Martin".to_owned()]));
}

#[test]
fn a_card_made_again_after_the_purge_survives_the_late_news_of_the_purge() {
    // Élodie's card was purged by the server, then made again under its old
    // key by a colleague; this laptop hears of the new card (the answer to
    // its own push) before the feed tells it of the purge.
    let (rows, card) = elodie_elsewhere();
    let (_b, here) = device();
    replica::apply_pulled(&here, &rows, &[], &FeedPosition::start()).expect("the card");
    let purge = replica::Erased {
        table: card.table.clone(),
        id: card.id.clone(),
        birth: card.birth.clone(),
    };
    let again = born_again(card);
    replica::apply_pulled(
        &here,
        std::slice::from_ref(&again),
        &[],
        &FeedPosition::start(),
    )
    .expect("made again");

    replica::apply_pulled(&here, &[again], &[purge], &FeedPosition::start())
        .expect("the purge, then the new card");
    assert_eq!(names(&here, None), (1, vec!["Élodie Martin".to_owned()]));
}

#[test]
fn a_laptop_that_copied_the_team_filters_its_cards_by_tag_genre_and_last_contact() {
    use mona_core::artists::{ArtistFilters, LastContact};
    use mona_core::interactions::{self, Direction};
    use mona_core::tags;
    let (_a, original) = device();
    let press = tags::create(&original, "Presse").expect("tag");
    let elodie = artists::create(
        &original,
        ArtistFields {
            name: "Élodie Mars".into(),
            genres: vec!["Électro".into()],
            tags: vec![press.id.clone()],
            ..ArtistFields::default()
        },
    )
    .expect("card");
    team_of(&original, 30);
    interactions::log(
        &original,
        exchange(&elodie.id, Direction::Outbound, 0, "Appel"),
    )
    .expect("call");

    // The copy's pages are applied without upkeep; the list is built at the end.
    let (_b, copy) = device();
    let rows = replica::state(&original).expect("state");
    replica::apply_snapshot(&copy, &rows, &[], &FeedPosition::start(), true).expect("copy");
    for filters in [
        ArtistFilters {
            tag_id: Some(press.id.clone()),
            ..ArtistFilters::default()
        },
        ArtistFilters {
            genre: Some("electro".into()),
            ..ArtistFilters::default()
        },
        ArtistFilters {
            last_contact: Some(LastContact::Within { days: 1 }),
            ..ArtistFilters::default()
        },
    ] {
        let page = artists::list(
            &copy,
            &ArtistQuery {
                filters: filters.clone(),
                limit: 10,
                ..ArtistQuery::default()
            },
        )
        .expect("list");
        let shown: Vec<&str> = page.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(shown, ["Élodie Mars"], "{filters:?}");
    }
}
