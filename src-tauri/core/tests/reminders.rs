//! Reminders as the team lives them: the Tuesday live reminds its
//! streamers at 19:45 Paris time, summer and winter, once; a reminder
//! missed while the laptop was shut shows when it opens; nobody is
//! reminded of somebody else's task.

mod support;

use jiff::Timestamp;
use mona_core::notifications;
use mona_core::reminders;
use mona_core::tasks::{self, TaskFields, TaskStatus};
use mona_core::team::{self, Role};
use mona_core::{Database, Error};
use support::{database, person};

fn at(text: &str) -> Timestamp {
    text.parse().expect("instant")
}

fn titles_due(db: &Database, now: &str) -> Vec<(String, String)> {
    reminders::take_due(db, at(now))
        .expect("reminders")
        .into_iter()
        .map(|r| (r.title, r.occurs_at))
        .collect()
}

/// A task starting at `starts_at` for an hour, reminding `remind` minutes before.
fn timed(title: &str, starts_at: &str, remind: u32, assignees: Vec<String>) -> TaskFields {
    let start = at(starts_at);
    TaskFields {
        title: title.into(),
        starts_at: Some(starts_at.into()),
        ends_at: Some(
            start
                .checked_add(jiff::SignedDuration::from_hours(1))
                .expect("end")
                .to_string(),
        ),
        time_zone: Some("Europe/Paris".into()),
        remind_minutes: Some(remind),
        assignees,
        ..TaskFields::default()
    }
}

#[test]
fn the_tuesday_live_reminds_its_streamers_a_quarter_before_at_paris_time_once() {
    let (_folder, db) = database();
    let ines = team::join(&db, person("Inès", Role::Admin))
        .expect("Inès")
        .id;
    let hugo = team::add_member(&db, person("Hugo", Role::Streamer))
        .expect("Hugo")
        .id;
    // Tuesdays 20:00 in Paris, from 16 March 2027; clocks go forward on 28 March.
    tasks::create(
        &db,
        TaskFields {
            recurrence: Some("FREQ=WEEKLY;BYDAY=TU".into()),
            ..timed(
                "Live du mardi",
                "2027-03-16T19:00:00Z",
                15,
                vec![ines, hugo],
            )
        },
    )
    .expect("live");

    assert!(titles_due(&db, "2027-03-16T18:44:59Z").is_empty());
    assert_eq!(
        titles_due(&db, "2027-03-16T18:45:00Z"),
        [("Live du mardi".into(), "2027-03-16T19:00:00.000Z".into())]
    );
    assert!(
        titles_due(&db, "2027-03-16T18:50:00Z").is_empty(),
        "shown once"
    );
    // The laptop was shut the week after; opened on the 30th, it shows
    // the missed reminder of the 23rd at once.
    assert_eq!(
        titles_due(&db, "2027-03-30T08:00:00Z"),
        [("Live du mardi".into(), "2027-03-23T19:00:00.000Z".into())]
    );
    // Summer time: 20:00 in Paris is 18:00 UTC, so the reminder is at 17:45 UTC.
    assert!(titles_due(&db, "2027-03-30T16:45:00Z").is_empty());
    assert_eq!(
        titles_due(&db, "2027-03-30T17:45:00Z"),
        [("Live du mardi".into(), "2027-03-30T18:00:00.000Z".into())]
    );

    let inbox = notifications::inbox(&db).expect("inbox");
    assert_eq!(inbox.unread, 3);
    assert_eq!(inbox.items[0].kind, "reminder");
    assert_eq!(inbox.items[0].title, "Live du mardi");
}

#[test]
fn a_reminder_missed_while_the_laptop_was_shut_shows_at_the_next_start_but_not_weeks_later() {
    let (_folder, db) = database();
    team::join(&db, person("Camille", Role::Admin)).expect("Camille");
    tasks::create(
        &db,
        timed("Appeler le label", "2027-01-11T09:00:00Z", 30, Vec::new()),
    )
    .expect("call");
    tasks::create(
        &db,
        timed("Envoyer le devis", "2027-01-04T09:00:00Z", 30, Vec::new()),
    )
    .expect("quote");

    // Opened on the 13th: the call of the 11th is shown, the quote of the
    // 4th (nine days ago) is not.
    let due = reminders::take_due(&db, at("2027-01-13T08:00:00Z")).expect("due");
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].title, "Appeler le label");
    assert_eq!(due[0].due_at, "2027-01-11T08:30:00.000Z");
}

#[test]
fn nobody_is_reminded_of_a_task_that_is_not_theirs_or_already_done() {
    let (_folder, db) = database();
    let camille = team::join(&db, person("Camille", Role::Admin)).expect("Camille");
    let ines = team::add_member(&db, person("Inès", Role::Streamer)).expect("Inès");
    let theo = team::add_member(&db, person("Théo", Role::Streamer)).expect("Théo");
    team::choose_me(&db, &theo.id).expect("Théo uses this computer");
    tasks::create(
        &db,
        timed(
            "Miniature pour Inès",
            "2027-02-01T10:00:00Z",
            10,
            vec![ines.id],
        ),
    )
    .expect("hers");
    tasks::create(
        &db,
        timed("Ma miniature", "2027-02-01T10:00:00Z", 10, Vec::new()),
    )
    .expect("his, for nobody in particular");
    let done = tasks::create(
        &db,
        timed(
            "Réserver le studio",
            "2027-02-01T10:00:00Z",
            10,
            vec![theo.id.clone()],
        ),
    )
    .expect("done");
    let mut fields = done.fields.clone();
    fields.status = TaskStatus::Done;
    tasks::update(&db, &done.id, fields).expect("closed");

    let due = titles_due(&db, "2027-02-01T09:55:00Z");
    assert_eq!(
        due,
        [("Ma miniature".into(), "2027-02-01T10:00:00.000Z".into())]
    );
    // Camille's notification centre does not get Théo's reminder.
    team::choose_me(&db, &camille.id).expect("Camille");
    assert_eq!(notifications::inbox(&db).expect("inbox").unread, 0);
}

#[test]
fn reading_a_notification_leaves_the_others_unread_until_all_are_read() {
    let (_folder, db) = database();
    team::join(&db, person("Camille", Role::Admin)).expect("Camille");
    for (title, start) in [
        ("Mix de Nadia", "2027-05-03T10:00:00Z"),
        ("Shooting", "2027-05-03T14:00:00Z"),
    ] {
        tasks::create(&db, timed(title, start, 0, Vec::new())).expect("task");
    }
    reminders::take_due(&db, at("2027-05-03T15:00:00Z")).expect("due");
    let inbox = notifications::inbox(&db).expect("inbox");
    assert_eq!(inbox.unread, 2);
    let first = inbox.items[0].id.clone();
    let inbox = notifications::mark_read(&db, &first).expect("read");
    assert_eq!(inbox.unread, 1);
    assert!(inbox.items.iter().any(|n| n.id == first && n.read));
    assert_eq!(notifications::mark_all_read(&db).expect("all").unread, 0);
    assert!(matches!(
        notifications::mark_read(&db, "01a2329b-0000-7000-8000-000000000000"),
        Err(Error::NotFound { .. })
    ));
}
