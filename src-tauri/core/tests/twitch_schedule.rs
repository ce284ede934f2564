//! A live on the streamer's Twitch schedule, as the core sees it: what the
//! schedule would show, whether it is behind the live, what Twitch would
//! refuse, and a cancelled live kept in view until Twitch shows it
//! cancelled too.

mod support;

use jiff::{SignedDuration, Timestamp};
use mona_core::Database;
use mona_core::events::{self, EventFields, EventKind, EventStatus};
use mona_core::team::Role;
use mona_core::twitch_schedule::{self, PublishedLive, ScheduleProblem, ScheduleState};
use mona_core::{Error, clock, run_of_show, team};
use support::{database, person};

fn at(minutes: i64) -> String {
    clock::format_instant(
        Timestamp::now()
            .saturating_add(SignedDuration::from_mins(minutes))
            .expect("instant"),
    )
}

fn live(title: &str, starts_in_minutes: i64, minutes: i64) -> EventFields {
    EventFields {
        title: title.into(),
        kind: EventKind::Live,
        starts_at: at(starts_in_minutes),
        ends_at: at(starts_in_minutes + minutes),
        time_zone: "Europe/Paris".into(),
        ..EventFields::default()
    }
}

/// What the streaming crate records once Twitch made the broadcast.
fn publish(db: &Database, event_id: &str) -> PublishedLive {
    let live = twitch_schedule::to_send(db, event_id, Timestamp::now()).expect("fit");
    let published = PublishedLive {
        segment_id: "eyJzZWdtZW50SUQiOiJ1".into(),
        channel_id: "141981764".into(),
        channel_login: "nadia_live".into(),
        title: live.title,
        starts_at: live.starts_at,
        minutes: live.minutes,
        weekly: live.weekly,
        cancelled: live.cancelled,
        category_id: None,
        category_name: None,
        published_at: String::new(),
    };
    twitch_schedule::record_published(db, event_id, &published).expect("recorded");
    published
}

#[test]
fn a_live_renamed_after_publication_is_behind_on_twitch_until_published_again() {
    let (_folder, db) = database();
    let fields = live("Release party", 24 * 60, 120);
    let event = events::create(&db, fields.clone()).expect("live");
    let before = twitch_schedule::live_on_twitch(&db, &event.id, Timestamp::now()).expect("live");
    assert_eq!(
        (before.state, before.minutes, before.problems.as_slice()),
        (ScheduleState::NotPublished, 120, &[][..])
    );
    publish(&db, &event.id);
    let published =
        twitch_schedule::live_on_twitch(&db, &event.id, Timestamp::now()).expect("live");
    assert_eq!(published.state, ScheduleState::UpToDate);

    // Only what the schedule shows makes it behind: a new place does not.
    events::update(
        &db,
        &event.id,
        EventFields {
            location: Some("Studio Wagram".into()),
            ..fields.clone()
        },
    )
    .expect("placed");
    let placed = twitch_schedule::live_on_twitch(&db, &event.id, Timestamp::now()).expect("live");
    assert_eq!(placed.state, ScheduleState::UpToDate);
    events::update(
        &db,
        &event.id,
        EventFields {
            title: "Release party de Kenza B.".into(),
            ..fields
        },
    )
    .expect("renamed");
    let renamed = twitch_schedule::live_on_twitch(&db, &event.id, Timestamp::now()).expect("live");
    assert_eq!(renamed.state, ScheduleState::Changed);
    publish(&db, &event.id);
    let again = twitch_schedule::live_on_twitch(&db, &event.id, Timestamp::now()).expect("live");
    assert_eq!(again.state, ScheduleState::UpToDate);
    assert_eq!(
        again.published.expect("published").title,
        "Release party de Kenza B."
    );
}

#[test]
fn what_twitch_would_refuse_is_said_all_at_once() {
    let (_folder, db) = database();
    let event = events::create(
        &db,
        EventFields {
            recurrence: Some("FREQ=DAILY".into()),
            ..live(&"é".repeat(150), -10, 24 * 60)
        },
    )
    .expect("live");
    let seen = twitch_schedule::live_on_twitch(&db, &event.id, Timestamp::now()).expect("live");
    assert_eq!(
        seen.problems,
        [
            ScheduleProblem::Started,
            ScheduleProblem::TooLong {
                minutes: 1_440,
                max: 1_380
            },
            ScheduleProblem::TitleTooLong {
                count: 150,
                max: 140
            },
            ScheduleProblem::RepeatNotWeekly,
        ]
    );
    assert!(matches!(
        twitch_schedule::to_send(&db, &event.id, Timestamp::now()),
        Err(Error::TwitchSchedule(ScheduleProblem::Started))
    ));
}

#[test]
fn a_cancelled_live_stays_offered_until_the_twitch_schedule_shows_it_cancelled() {
    let (_folder, db) = database();
    let fields = live("Live du vendredi", 24 * 60, 90);
    let event = events::create(&db, fields.clone()).expect("live");
    let never_published = events::create(&db, live("Live annulé", 25 * 60, 90)).expect("live");
    publish(&db, &event.id);
    for id in [&event.id, &never_published.id] {
        let cancel = EventFields {
            status: EventStatus::Cancelled,
            ..events::get(&db, id).expect("live").fields
        };
        events::update(&db, id, cancel).expect("cancelled");
    }
    let offered = run_of_show::upcoming_lives(&db, Timestamp::now()).expect("lives");
    assert_eq!(
        offered
            .iter()
            .map(|l| (l.title.as_str(), l.cancelled))
            .collect::<Vec<_>>(),
        [("Live du vendredi", true)],
        "the one still shown on Twitch, to cancel it there"
    );
    let cancelled =
        twitch_schedule::live_on_twitch(&db, &event.id, Timestamp::now()).expect("live");
    assert_eq!(cancelled.state, ScheduleState::Changed);
    let never =
        twitch_schedule::live_on_twitch(&db, &never_published.id, Timestamp::now()).expect("live");
    assert_eq!(never.problems, [ScheduleProblem::Cancelled]);

    publish(&db, &event.id);
    assert!(
        run_of_show::upcoming_lives(&db, Timestamp::now())
            .expect("lives")
            .is_empty()
    );
}

#[test]
fn a_guest_of_the_team_cannot_publish_a_live() {
    let (_folder, db) = database();
    let event = events::create(&db, live("Live de la semaine", 24 * 60, 60)).expect("live");
    let guest = team::add_member(&db, person("Inès", Role::Guest)).expect("member");
    team::choose_me(&db, &guest.id).expect("me");
    assert!(matches!(
        twitch_schedule::to_send(&db, &event.id, Timestamp::now()),
        Err(Error::NotAllowed { .. })
    ));
}
