//! The team calendar as people read it: repeating tasks on every week,
//! one occurrence moved on its own, and a person booked twice flagged.

mod support;

use mona_core::calendar::{self, CalendarItem};
use mona_core::tasks::{self, TaskFields};
use mona_core::team::{self, MemberFields, Role};
use mona_core::{Database, Error};
use support::database;

fn person(db: &Database, name: &str) -> String {
    team::add_member(
        db,
        MemberFields {
            name: name.into(),
            email: None,
            role: Role::Streamer,
            color: None,
            time_zone: Some("Europe/Paris".into()),
        },
    )
    .expect("member")
    .id
}

fn block(title: &str, starts: &str, ends: &str, people: &[&String]) -> TaskFields {
    TaskFields {
        title: title.into(),
        starts_at: Some(starts.into()),
        ends_at: Some(ends.into()),
        time_zone: Some("Europe/Paris".into()),
        assignees: people.iter().map(|p| (*p).clone()).collect(),
        ..TaskFields::default()
    }
}

fn december(db: &Database) -> Vec<CalendarItem> {
    calendar::window(db, "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z")
        .expect("window")
        .items
}

#[test]
fn a_weekly_task_for_two_people_is_on_every_tuesday_of_the_month_for_both() {
    let (_folder, db) = database();
    let (ines, hugo) = (person(&db, "Inès"), person(&db, "Hugo"));
    let mut fields = block(
        "Live du mardi",
        "2026-11-24T19:00:00Z",
        "2026-11-24T21:00:00Z",
        &[&ines, &hugo],
    );
    fields.recurrence = Some("FREQ=WEEKLY;BYDAY=TU".into());
    let live = tasks::create(&db, fields).expect("task");
    let items = december(&db);
    let starts: Vec<&str> = items.iter().map(|i| i.starts_at.as_str()).collect();
    assert_eq!(
        starts,
        [
            "2026-12-01T19:00:00.000Z",
            "2026-12-08T19:00:00.000Z",
            "2026-12-15T19:00:00.000Z",
            "2026-12-22T19:00:00.000Z",
            "2026-12-29T19:00:00.000Z",
        ]
    );
    let mut both = vec![ines, hugo];
    both.sort();
    assert!(items.iter().all(|i| i.id == live.id && i.people == both));
    assert_eq!(
        items[0].ends_at, "2026-12-01T21:00:00.000Z",
        "two hours each time"
    );
    assert!(items.iter().all(|i| !i.clash));
}

#[test]
fn someone_booked_twice_at_the_same_time_is_flagged_on_both_items() {
    let (_folder, db) = database();
    let (ines, hugo) = (person(&db, "Inès"), person(&db, "Hugo"));
    tasks::create(
        &db,
        block(
            "Shooting",
            "2026-12-10T13:00:00Z",
            "2026-12-10T15:00:00Z",
            &[&ines],
        ),
    )
    .expect("task");
    tasks::create(
        &db,
        block(
            "Interview radio",
            "2026-12-10T14:30:00Z",
            "2026-12-10T15:30:00Z",
            &[&ines, &hugo],
        ),
    )
    .expect("task");
    tasks::create(
        &db,
        block(
            "Montage",
            "2026-12-10T15:30:00Z",
            "2026-12-10T17:00:00Z",
            &[&ines],
        ),
    )
    .expect("task");
    let items = december(&db);
    let flagged: Vec<(&str, bool)> = items.iter().map(|i| (i.title.as_str(), i.clash)).collect();
    assert_eq!(
        flagged,
        [
            ("Shooting", true),
            ("Interview radio", true),
            ("Montage", false)
        ],
        "back to back is not a clash"
    );
}

#[test]
fn a_task_with_only_a_due_time_is_on_its_day() {
    let (_folder, db) = database();
    tasks::create(
        &db,
        TaskFields {
            title: "Envoyer le devis".into(),
            due_at: Some("2026-12-04T17:00:00Z".into()),
            ..TaskFields::default()
        },
    )
    .expect("task");
    let items = december(&db);
    assert_eq!(items.len(), 1);
    assert_eq!(
        (items[0].starts_at.as_str(), items[0].ends_at.as_str()),
        ("2026-12-04T17:00:00.000Z", "2026-12-04T17:00:00.000Z")
    );
}

#[test]
fn a_window_with_an_unreadable_bound_names_it() {
    let (_folder, db) = database();
    let refused = calendar::window(&db, "1er décembre", "2027-01-01T00:00:00Z");
    let Err(Error::Invalid(errors)) = refused else {
        panic!("{refused:?}")
    };
    assert_eq!(errors.0[0].field, "from");
}

#[test]
fn a_repeating_task_needs_a_start_a_zone_and_a_rule_it_can_follow() {
    let (_folder, db) = database();
    let refused = tasks::create(
        &db,
        TaskFields {
            title: "Point hebdo".into(),
            recurrence: Some("FREQ=WEEKLY;BYDAY=LUNDI".into()),
            due_at: Some("2026-12-07T09:00:00Z".into()),
            time_zone: Some("Europe/Paris".into()),
            ..TaskFields::default()
        },
    );
    let Err(Error::Invalid(errors)) = refused else {
        panic!("{refused:?}")
    };
    assert_eq!(errors.0[0].field, "recurrence");
    let refused = tasks::create(
        &db,
        TaskFields {
            title: "Point hebdo".into(),
            recurrence: Some("FREQ=WEEKLY".into()),
            ..TaskFields::default()
        },
    );
    let Err(Error::Invalid(errors)) = refused else {
        panic!("{refused:?}")
    };
    assert_eq!(errors.0[0].field, "dueAt");
}

#[test]
fn a_task_dragged_to_another_hour_moves_and_a_repeating_one_says_to_edit_the_series() {
    let (_folder, db) = database();
    let ines = person(&db, "Inès");
    let shooting = tasks::create(
        &db,
        block(
            "Shooting",
            "2026-12-10T13:00:00Z",
            "2026-12-10T15:00:00Z",
            &[&ines],
        ),
    )
    .expect("task");
    tasks::reschedule(
        &db,
        &shooting.id,
        "2026-12-11T09:00:00Z",
        "2026-12-11T11:00:00Z",
    )
    .expect("moved");
    let items = december(&db);
    assert_eq!(
        (items[0].starts_at.as_str(), items[0].ends_at.as_str()),
        ("2026-12-11T09:00:00.000Z", "2026-12-11T11:00:00.000Z")
    );
    let refused = tasks::reschedule(
        &db,
        &shooting.id,
        "2026-12-11T12:00:00Z",
        "2026-12-11T10:00:00Z",
    );
    assert!(
        matches!(refused, Err(Error::Invalid(_))),
        "ends before it starts"
    );

    let mut weekly = block(
        "Live",
        "2026-12-01T19:00:00Z",
        "2026-12-01T21:00:00Z",
        &[&ines],
    );
    weekly.recurrence = Some("FREQ=WEEKLY".into());
    let live = tasks::create(&db, weekly).expect("task");
    let refused = tasks::reschedule(
        &db,
        &live.id,
        "2026-12-02T19:00:00Z",
        "2026-12-02T21:00:00Z",
    );
    let Err(Error::Invalid(errors)) = refused else {
        panic!("{refused:?}")
    };
    assert_eq!(
        errors.0[0].problem,
        mona_core::validation::FieldProblem::RepeatingMovedAlone
    );
}

mod this_one_or_the_following {
    use mona_core::calendar;
    use mona_core::events::{self, EventFields};
    use mona_core::series::Scope;
    use mona_core::tasks::{self, TaskFields};
    use mona_core::{Database, Error};

    fn database() -> (tempfile::TempDir, Database) {
        let folder = tempfile::tempdir().expect("temporary folder");
        let db = Database::open(folder.path()).expect("open");
        (folder, db)
    }

    fn march_starts(db: &Database, title: &str) -> Vec<String> {
        calendar::window(db, "2027-03-01T00:00:00Z", "2027-04-15T00:00:00Z")
            .expect("window")
            .items
            .into_iter()
            .filter(|i| i.title == title)
            .map(|i| i.starts_at)
            .collect()
    }

    /// Tuesdays 20:00 in Paris from 2 March 2027, two hours.
    fn weekly_live() -> EventFields {
        EventFields {
            title: "Live du mardi".into(),
            starts_at: "2027-03-02T19:00:00Z".into(),
            ends_at: "2027-03-02T21:00:00Z".into(),
            time_zone: "Europe/Paris".into(),
            recurrence: Some("FREQ=WEEKLY;BYDAY=TU".into()),
            ..EventFields::default()
        }
    }

    #[test]
    fn one_tuesday_moved_alone_leaves_the_others_where_they_were() {
        let (_folder, db) = database();
        let live = events::create(&db, weekly_live()).expect("live");
        let fields = EventFields {
            starts_at: "2027-03-09T20:00:00Z".into(),
            ends_at: "2027-03-09T22:00:00Z".into(),
            ..live.fields.clone()
        };
        events::update_occurrence(
            &db,
            &live.id,
            "2027-03-09T19:00:00Z",
            fields,
            Scope::ThisOne,
        )
        .expect("moved alone");
        assert_eq!(
            march_starts(&db, "Live du mardi")[..3],
            [
                "2027-03-02T19:00:00.000Z",
                "2027-03-09T20:00:00.000Z",
                "2027-03-16T19:00:00.000Z"
            ]
        );
    }

    #[test]
    fn from_the_twenty_third_on_the_live_moves_to_wednesdays() {
        let (_folder, db) = database();
        let live = events::create(&db, weekly_live()).expect("live");
        let fields = EventFields {
            starts_at: "2027-03-24T19:00:00Z".into(),
            ends_at: "2027-03-24T21:00:00Z".into(),
            ..live.fields.clone()
        };
        events::update_occurrence(
            &db,
            &live.id,
            "2027-03-23T19:00:00Z",
            fields,
            Scope::ThisAndFollowing,
        )
        .expect("split");
        // Summer time from the 28th: 20:00 in Paris is 18:00 UTC.
        assert_eq!(
            march_starts(&db, "Live du mardi"),
            [
                "2027-03-02T19:00:00.000Z",
                "2027-03-09T19:00:00.000Z",
                "2027-03-16T19:00:00.000Z",
                "2027-03-24T19:00:00.000Z",
                "2027-03-31T18:00:00.000Z",
                "2027-04-07T18:00:00.000Z",
                "2027-04-14T18:00:00.000Z",
            ]
        );
    }

    #[test]
    fn a_repeating_task_loses_one_occurrence_then_all_that_follow() {
        let (_folder, db) = database();
        let task = tasks::create(
            &db,
            TaskFields {
                title: "Sauvegarde des rushes".into(),
                due_at: Some("2027-03-01T08:00:00Z".into()),
                time_zone: Some("Europe/Paris".into()),
                recurrence: Some("FREQ=WEEKLY".into()),
                ..TaskFields::default()
            },
        )
        .expect("task");
        tasks::delete_occurrence(&db, &task.id, "2027-03-08T08:00:00Z", Scope::ThisOne)
            .expect("one");
        tasks::delete_occurrence(
            &db,
            &task.id,
            "2027-03-22T08:00:00Z",
            Scope::ThisAndFollowing,
        )
        .expect("following");
        assert_eq!(
            march_starts(&db, "Sauvegarde des rushes"),
            ["2027-03-01T08:00:00.000Z", "2027-03-15T08:00:00.000Z"]
        );
        assert!(matches!(
            tasks::reschedule_occurrence(
                &db,
                &task.id,
                "2027-03-02T08:00:00Z",
                "2027-03-02T09:00:00Z",
                "2027-03-02T09:00:00Z",
                Scope::ThisOne
            ),
            Err(Error::Invalid(_))
        ));
        let moved = tasks::reschedule_occurrence(
            &db,
            &task.id,
            "2027-03-15T08:00:00Z",
            "2027-03-16T08:00:00Z",
            "2027-03-16T08:00:00Z",
            Scope::ThisOne,
        )
        .expect("moved");
        assert_eq!(moved.fields.recurrence, None);
        assert_eq!(
            march_starts(&db, "Sauvegarde des rushes"),
            ["2027-03-01T08:00:00.000Z", "2027-03-16T08:00:00.000Z"]
        );
    }
}
