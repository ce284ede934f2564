//! Lives on the streamer's Twitch schedule, against a fake of Helix that
//! keeps a schedule as Twitch does: published, moved, cancelled, brought
//! back, withdrawn, and made again when someone deleted it on twitch.tv.

mod support;

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use mona_core::Database;
use mona_core::events::{self, EventFields, EventKind, EventStatus};
use mona_core::twitch_schedule::{ScheduleProblem, ScheduleState};
use mona_streaming::twitch::channel::Category;
use mona_streaming::twitch::schedule::TwitchSchedule;
use mona_streaming::twitch::{TwitchError, TwitchLiveError};
use support::fake_twitch::{Broadcast, FakeTwitch, LOGIN, USER_ID, signed_in};

struct Studio {
    _folder: tempfile::TempDir,
    db: Arc<Database>,
    fake: FakeTwitch,
    schedule: TwitchSchedule,
}

async fn studio(name: &str) -> Studio {
    let (fake, account) = signed_in(name).await;
    let folder = tempfile::tempdir().expect("a folder");
    let db = Arc::new(Database::open(folder.path()).expect("a database"));
    Studio {
        _folder: folder,
        db,
        fake,
        schedule: TwitchSchedule::new(account),
    }
}

/// An instant `hours` from now, whole minutes, in storage format.
fn in_hours(hours: i64) -> String {
    let at = Timestamp::now()
        .saturating_add(SignedDuration::from_hours(hours))
        .expect("an instant");
    let whole = Timestamp::from_second(at.as_second() - at.as_second() % 60).expect("minutes");
    mona_core::clock::format_instant(whole)
}

fn live(title: &str, starts_in_hours: i64, minutes: i64) -> EventFields {
    let starts_at = in_hours(starts_in_hours);
    let start: Timestamp = starts_at.parse().expect("start");
    EventFields {
        title: title.into(),
        kind: EventKind::Live,
        ends_at: mona_core::clock::format_instant(
            start
                .saturating_add(SignedDuration::from_mins(minutes))
                .expect("end"),
        ),
        starts_at,
        time_zone: "Europe/Paris".into(),
        ..EventFields::default()
    }
}

fn music() -> Category {
    Category {
        id: "26936".into(),
        name: "Music".into(),
    }
}

#[tokio::test]
async fn a_live_published_moved_then_cancelled_follows_on_the_twitch_schedule() {
    let s = studio("schedule-follows").await;
    let fields = live("Release party de Kenza B.", 48, 120);
    let event = events::create(&s.db, fields.clone()).expect("a live");

    let published = s
        .schedule
        .publish(&s.db, &event.id, Some(music()))
        .await
        .expect("published");
    assert_eq!(published.state, ScheduleState::UpToDate);
    let on_twitch = published.published.clone().expect("on the schedule");
    assert_eq!(
        (
            on_twitch.channel_login.as_str(),
            on_twitch.channel_id.as_str()
        ),
        (LOGIN, USER_ID)
    );
    assert_eq!(
        s.fake.with(|t| t.schedule.clone()),
        [Broadcast {
            id: on_twitch.segment_id.clone(),
            start_time: fields.starts_at.clone(),
            timezone: "Europe/Paris".into(),
            minutes: 120,
            title: "Release party de Kenza B.".into(),
            weekly: false,
            canceled: false,
            category_id: Some("26936".into()),
        }]
    );

    // The team moves the live an hour later and renames it: the app says
    // the schedule is behind until someone updates it.
    let mut moved = live("Release party de Kenza B. (avec invités)", 49, 90);
    moved.time_zone = "Europe/Paris".into();
    events::update(&s.db, &event.id, moved.clone()).expect("moved");
    let behind = mona_core::twitch_schedule::live_on_twitch(&s.db, &event.id, Timestamp::now())
        .expect("the live");
    assert_eq!(behind.state, ScheduleState::Changed);
    let updated = s
        .schedule
        .publish(&s.db, &event.id, None)
        .await
        .expect("updated");
    assert_eq!(updated.state, ScheduleState::UpToDate);
    let broadcast = s.fake.with(|t| t.schedule[0].clone());
    assert_eq!(
        (
            broadcast.id.as_str(),
            broadcast.start_time.as_str(),
            broadcast.minutes,
            broadcast.title.as_str(),
            broadcast.category_id.as_deref()
        ),
        (
            on_twitch.segment_id.as_str(),
            moved.starts_at.as_str(),
            90,
            "Release party de Kenza B. (avec invités)",
            Some("26936")
        ),
        "the same broadcast, moved, in the category it was published in"
    );

    // Cancelled in the app, then on Twitch: viewers see it cancelled.
    events::update(
        &s.db,
        &event.id,
        EventFields {
            status: EventStatus::Cancelled,
            ..moved
        },
    )
    .expect("cancelled");
    let cancelled = s
        .schedule
        .publish(&s.db, &event.id, None)
        .await
        .expect("cancelled there");
    assert_eq!(cancelled.state, ScheduleState::UpToDate);
    assert!(s.fake.with(|t| t.schedule[0].canceled));
    assert_eq!(s.fake.with(|t| t.schedule.len()), 1);
}

#[tokio::test]
async fn a_live_withdrawn_leaves_the_schedule_and_one_deleted_on_twitch_is_published_again() {
    let s = studio("schedule-withdraw").await;
    let event = events::create(&s.db, live("Atelier beatmaking", 24, 60)).expect("a live");
    s.schedule
        .publish(&s.db, &event.id, None)
        .await
        .expect("published");

    // Someone deletes the broadcast on twitch.tv; publishing again makes a
    // new one rather than failing on the old.
    s.fake.with(|t| t.schedule.clear());
    let again = s
        .schedule
        .publish(&s.db, &event.id, None)
        .await
        .expect("published again");
    assert_eq!(s.fake.with(|t| t.schedule.len()), 1);
    assert_eq!(
        again.published.expect("on the schedule").segment_id,
        s.fake.with(|t| t.schedule[0].id.clone())
    );

    let withdrawn = s
        .schedule
        .withdraw(&s.db, &event.id)
        .await
        .expect("withdrawn");
    assert_eq!(withdrawn.state, ScheduleState::NotPublished);
    assert!(s.fake.with(|t| t.schedule.is_empty()));
    // Withdrawn twice: nothing more to do, no error.
    s.schedule
        .withdraw(&s.db, &event.id)
        .await
        .expect("still withdrawn");
}

#[tokio::test]
async fn a_live_twitch_would_refuse_is_refused_before_anything_is_sent() {
    let s = studio("schedule-refused").await;
    let short = events::create(&s.db, live("Annonce flash", 24, 20)).expect("a live");
    let refused = s.schedule.publish(&s.db, &short.id, None).await;
    assert!(
        matches!(
            refused,
            Err(TwitchLiveError::Live(mona_core::Error::TwitchSchedule(
                ScheduleProblem::TooShort {
                    minutes: 20,
                    min: 30
                }
            )))
        ),
        "{refused:?}"
    );
    let mut fortnightly = live("Session compo", 24, 120);
    fortnightly.recurrence = Some("FREQ=WEEKLY;INTERVAL=2".into());
    let fortnightly = events::create(&s.db, fortnightly).expect("a live");
    let seen = mona_core::twitch_schedule::live_on_twitch(&s.db, &fortnightly.id, Timestamp::now())
        .expect("the live");
    assert_eq!(seen.problems, [ScheduleProblem::RepeatNotWeekly]);
    let past = events::create(&s.db, live("Live d'hier", -24, 60)).expect("a live");
    assert!(matches!(
        s.schedule.publish(&s.db, &past.id, None).await,
        Err(TwitchLiveError::Live(mona_core::Error::TwitchSchedule(
            ScheduleProblem::Started
        )))
    ));
    assert!(s.fake.with(|t| t.schedule.is_empty()), "nothing sent");
}

#[tokio::test]
async fn a_weekly_live_is_a_recurring_broadcast_and_stopping_the_repeat_replaces_it() {
    let s = studio("schedule-weekly").await;
    let mut weekly = live("Le jeudi de SPARK", 30, 180);
    weekly.recurrence = Some("FREQ=WEEKLY".into());
    let event = events::create(&s.db, weekly.clone()).expect("a live");
    s.schedule
        .publish(&s.db, &event.id, None)
        .await
        .expect("published");
    let first = s.fake.with(|t| t.schedule.clone());
    assert!(first[0].weekly);

    weekly.recurrence = None;
    events::update(&s.db, &event.id, weekly).expect("no longer repeats");
    s.schedule
        .publish(&s.db, &event.id, None)
        .await
        .expect("replaced");
    let now = s.fake.with(|t| t.schedule.clone());
    assert_eq!(now.len(), 1);
    assert!(!now[0].weekly);
    assert_ne!(
        now[0].id, first[0].id,
        "Twitch cannot stop a repeat in place"
    );
}

#[tokio::test]
async fn a_live_on_another_streamer_s_schedule_is_theirs_to_change() {
    let s = studio("schedule-other").await;
    let event = events::create(&s.db, live("Live croisé", 24, 60)).expect("a live");
    s.schedule
        .publish(&s.db, &event.id, None)
        .await
        .expect("published");
    // A teammate's device synced a publication on her channel.
    let mut theirs = mona_core::twitch_schedule::live_on_twitch(&s.db, &event.id, Timestamp::now())
        .expect("the live")
        .published
        .expect("published");
    theirs.segment_id = "another".into();
    theirs.channel_id = "99".into();
    theirs.channel_login = "lea_sessions".into();
    mona_core::twitch_schedule::record_published(&s.db, &event.id, &theirs).expect("recorded");
    let refused = s.schedule.withdraw(&s.db, &event.id).await;
    assert!(
        matches!(
            &refused,
            Err(TwitchLiveError::Twitch(TwitchError::OtherChannel { login })) if login == "lea_sessions"
        ),
        "{refused:?}"
    );
}
