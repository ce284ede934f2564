//! The artist score as a manager meets it: exchanges logged on the card
//! move it, the card says why, the team reweighs it, and another laptop
//! that receives the same facts shows the same score.

mod support;

use mona_core::Database;
use mona_core::artists::{self, ArtistFields, ArtistQuery, ArtistSortField, SortDirection};
use mona_core::interactions::{self, Direction, InteractionFields, Party};
use mona_core::replica::{self, FeedPosition};
use mona_core::scoring::{self, Criterion, CriterionKind, Measure, Score};
use support::{database, exchange, followed};

fn line(score: &Score, kind: CriterionKind) -> (i32, Measure) {
    let line = score
        .lines
        .iter()
        .find(|l| l.kind == kind)
        .expect("criterion line");
    (line.points, line.measure.clone())
}

fn listed_score(db: &Database, name: &str) -> u32 {
    let page = artists::list(
        db,
        &ArtistQuery {
            sort: ArtistSortField::Score,
            direction: SortDirection::Desc,
            limit: 50,
            ..ArtistQuery::default()
        },
    )
    .expect("list");
    page.rows
        .into_iter()
        .find(|r| r.name == name)
        .expect("listed")
        .score
}

fn rapper(db: &Database, name: &str, audience: u32) -> String {
    artists::create(
        db,
        ArtistFields {
            name: name.into(),
            genres: vec!["Rap".into()],
            accounts: followed(Some(audience)),
            ..ArtistFields::default()
        },
    )
    .expect("artist")
    .id
}

#[test]
fn an_artist_who_answers_gains_points_and_the_card_says_why() {
    let (_folder, db) = database();
    let nadia = rapper(&db, "Nadia K", 40_000);
    let before = artists::get(&db, &nadia).expect("card").score;
    assert_eq!(
        line(&before, CriterionKind::Responsiveness),
        (0, Measure::Unknown)
    );

    interactions::log(
        &db,
        exchange(&nadia, Direction::Outbound, 20, "Proposition Boost"),
    )
    .expect("log");
    let ignored = artists::get(&db, &nadia).expect("card").score;
    assert_eq!(
        line(&ignored, CriterionKind::Responsiveness),
        (
            -15,
            Measure::Responsiveness {
                answered: 0,
                asked: 1
            }
        )
    );
    assert!(ignored.total < before.total);

    interactions::log(
        &db,
        exchange(&nadia, Direction::Inbound, 19, "Partante, rappelle-moi"),
    )
    .expect("log");
    let answered = artists::get(&db, &nadia).expect("card").score;
    assert_eq!(
        line(&answered, CriterionKind::Responsiveness),
        (
            15,
            Measure::Responsiveness {
                answered: 1,
                asked: 1
            }
        )
    );
    assert!(answered.total > before.total);
    // The explanation adds up to the score, and the list sorts by it.
    let sum: i32 = answered.lines.iter().map(|l| l.points).sum();
    assert_eq!(sum + answered.capped, answered.total as i32);
    assert_eq!(listed_score(&db, "Nadia K"), answered.total);
}

#[test]
fn a_removed_exchange_stops_counting_and_undo_brings_it_back() {
    let (_folder, db) = database();
    let nadia = rapper(&db, "Nadia K", 40_000);
    interactions::log(&db, exchange(&nadia, Direction::Outbound, 20, "Relance")).expect("log");
    let ignored = listed_score(&db, "Nadia K");
    let reply =
        interactions::log(&db, exchange(&nadia, Direction::Inbound, 18, "Réponse")).expect("log");
    let answered = listed_score(&db, "Nadia K");
    assert!(answered > ignored);

    interactions::delete(&db, &reply.id).expect("delete");
    assert_eq!(listed_score(&db, "Nadia K"), ignored);
    interactions::restore(&db, &reply.id).expect("undo");
    assert_eq!(listed_score(&db, "Nadia K"), answered);
}

#[test]
fn the_history_reads_newest_first_page_by_page() {
    let (_folder, db) = database();
    let nadia = rapper(&db, "Nadia K", 1_000);
    for day in 1..=7 {
        interactions::log(
            &db,
            exchange(&nadia, Direction::None, day, &format!("Note {day}")),
        )
        .expect("log");
    }
    let party = Party::Artist(nadia);
    let first = interactions::timeline(&db, &party, None, 3).expect("page");
    let summaries = |page: &interactions::Timeline| -> Vec<String> {
        page.items
            .iter()
            .map(|i| i.fields.summary.clone())
            .collect()
    };
    assert_eq!(summaries(&first), ["Note 1", "Note 2", "Note 3"]);
    let second = interactions::timeline(&db, &party, first.next.as_deref(), 3).expect("page");
    assert_eq!(summaries(&second), ["Note 4", "Note 5", "Note 6"]);
    let last = interactions::timeline(&db, &party, second.next.as_deref(), 3).expect("page");
    assert_eq!(summaries(&last), ["Note 7"]);
    assert_eq!(last.next, None);
}

#[test]
fn an_exchange_with_an_unknown_artist_is_refused_and_nothing_is_saved() {
    let (_folder, db) = database();
    let error = interactions::log(&db, exchange("nobody", Direction::Outbound, 1, "Appel"))
        .expect_err("unknown artist");
    assert!(
        matches!(error, mona_core::Error::NotFound { .. }),
        "{error:?}"
    );
}

#[test]
fn a_team_that_weighs_genres_more_sees_every_score_follow() {
    let (_folder, db) = database();
    rapper(&db, "Nadia K", 1_000);
    let before = listed_score(&db, "Nadia K");
    let genres = scoring::criteria(&db)
        .expect("criteria")
        .into_iter()
        .find(|c| c.kind == CriterionKind::GenreFit)
        .expect("genre fit");
    let criteria = scoring::save_criterion(
        &db,
        Criterion {
            weight: 60,
            ..genres
        },
    )
    .expect("reweigh");
    assert_eq!(criteria.len(), 7, "the defaults became the team's rows");
    assert!(listed_score(&db, "Nadia K") > before);

    // A manual criterion, rated on the card.
    let criteria = scoring::save_criterion(
        &db,
        Criterion {
            kind: CriterionKind::Manual,
            label: Some("Présence scénique".into()),
            weight: 20,
            ..Criterion::default()
        },
    )
    .expect("add");
    let stage = criteria.last().expect("manual").id.clone().expect("id");
    let nadia = artists::list(
        &db,
        &ArtistQuery {
            limit: 1,
            ..ArtistQuery::default()
        },
    )
    .expect("list")
    .rows[0]
        .id
        .clone();
    let rated = scoring::rate(&db, &nadia, &stage, Some(5)).expect("rate");
    let manual = rated
        .lines
        .iter()
        .find(|l| l.label.as_deref() == Some("Présence scénique"))
        .expect("line");
    assert_eq!(manual.measure, Measure::Rating { stars: 5 });
    assert!(manual.points > 0);
    assert!(
        scoring::rate(&db, &nadia, &stage, Some(6)).is_err(),
        "five stars at most"
    );
}

#[test]
fn growth_shows_in_the_score_history_week_by_week() {
    let (_folder, db) = database();
    let nadia = rapper(&db, "Nadia K", 50_000);
    let history = scoring::history(&db, &nadia, 12).expect("history");
    assert_eq!(history.len(), 13, "twelve weeks back and today");
    // Only today's figure exists: before it, no audience at all.
    assert!(history[0].total < history[12].total, "{history:?}");
    assert_eq!(
        history.last().map(|p| p.total),
        Some(listed_score(&db, "Nadia K"))
    );
}

#[test]
fn another_laptop_that_receives_the_exchanges_shows_the_same_score() {
    let (_a, here) = database();
    let nadia = rapper(&here, "Nadia K", 40_000);
    let (_b, there) = database();
    replica::apply_snapshot(
        &there,
        &replica::state(&here).expect("state"),
        &[],
        &FeedPosition::start(),
        true,
    )
    .expect("copy");
    assert_eq!(
        listed_score(&there, "Nadia K"),
        listed_score(&here, "Nadia K")
    );

    interactions::log(
        &here,
        exchange(&nadia, Direction::Outbound, 20, "Proposition"),
    )
    .expect("log");
    interactions::log(&here, exchange(&nadia, Direction::Inbound, 19, "Réponse")).expect("log");
    let exchanges: Vec<_> = replica::state(&here)
        .expect("state")
        .into_iter()
        .filter(|row| row.table == "interactions")
        .collect();
    replica::apply_pulled(&there, &exchanges, &[], &FeedPosition::start()).expect("pull");
    assert_eq!(
        listed_score(&there, "Nadia K"),
        listed_score(&here, "Nadia K")
    );
    assert_eq!(
        scoring::explain(&there, &nadia).expect("score"),
        scoring::explain(&here, &nadia).expect("score")
    );
}

#[test]
fn exchanges_with_sponsors_leave_the_artist_scores_alone() {
    let (_folder, db) = database();
    rapper(&db, "Nadia K", 40_000);
    let before = listed_score(&db, "Nadia K");
    let sponsor = db
        .write(|t| {
            t.execute(
                "INSERT INTO sponsors (id, name, created_at, updated_at)
                 VALUES ('s1', 'Red Bull', '2026-11-01T09:00:00.000Z', '2026-11-01T09:00:00.000Z')",
                [],
            )?;
            Ok("s1".to_owned())
        })
        .expect("sponsor");
    interactions::log(
        &db,
        InteractionFields {
            party: Party::Sponsor(sponsor),
            ..exchange("", Direction::Outbound, 3, "Brief de la campagne d'hiver")
        },
    )
    .expect("log");
    scoring::refresh_all_scores(&db).expect("every score");
    assert_eq!(listed_score(&db, "Nadia K"), before);
}

#[test]
fn an_artist_not_heard_from_for_a_month_becomes_one_notification_until_the_next_exchange() {
    use mona_core::{keep_in_touch, notifications};
    let (_folder, db) = database();
    let nadia = artists::create(
        &db,
        ArtistFields {
            name: "Nadia K".into(),
            contact_every_days: Some(30),
            ..ArtistFields::default()
        },
    )
    .expect("artist")
    .id;
    interactions::log(
        &db,
        exchange(&nadia, Direction::Outbound, 40, "Dernier appel"),
    )
    .expect("log");
    let card = artists::get(&db, &nadia).expect("card");
    assert!(card.next_contact.as_ref().expect("cadence").overdue);

    let today = mona_core::clock::today();
    assert_eq!(keep_in_touch::notify_due(&db, today).expect("notify"), 1);
    assert_eq!(
        keep_in_touch::notify_due(&db, today).expect("again"),
        0,
        "told once"
    );
    let inbox = notifications::inbox(&db).expect("inbox");
    let told = inbox
        .items
        .iter()
        .find(|n| n.kind == "keep_in_touch")
        .expect("notification");
    assert_eq!(told.title, "Nadia K");
    assert_eq!(told.entity_id.as_deref(), Some(nadia.as_str()));

    interactions::log(
        &db,
        exchange(&nadia, Direction::Inbound, 0, "Elle rappelle"),
    )
    .expect("log");
    let card = artists::get(&db, &nadia).expect("card");
    assert!(!card.next_contact.as_ref().expect("cadence").overdue);
    assert_eq!(keep_in_touch::notify_due(&db, today).expect("notify"), 0);
}

#[test]
fn a_cadence_over_a_year_is_refused_under_its_field() {
    let (_folder, db) = database();
    let error = artists::create(
        &db,
        ArtistFields {
            name: "Nadia K".into(),
            contact_every_days: Some(400),
            ..ArtistFields::default()
        },
    )
    .expect_err("too long");
    match error {
        mona_core::Error::Invalid(errors) => assert_eq!(errors.0[0].field, "contactEveryDays"),
        other => panic!("{other:?}"),
    }
}
