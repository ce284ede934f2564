//! Who follows whom: Camille makes Inès responsible for Nadia and keeps
//! Hugo informed; they hear about it, and about the live they help with
//! when it moves.

mod support;

use mona_core::events::{self, EventFields};
use mona_core::notifications;
use mona_core::responsibilities::{self, Part, Subject};
use mona_core::team::{self, Role};
use mona_core::{Database, Error};
use support::{artist, database, person};

fn inbox_of(db: &Database, who: &str) -> Vec<(String, String, String)> {
    team::choose_me(db, who).expect("switch");
    notifications::inbox(db)
        .expect("inbox")
        .items
        .into_iter()
        .map(|n| (n.kind, n.title, n.body))
        .collect()
}

#[test]
fn the_people_given_a_part_hear_about_it_and_about_their_live_moving() {
    let (_folder, db) = database();
    let camille = team::join(&db, person("Camille", Role::Admin))
        .expect("Camille")
        .id;
    let ines = team::add_member(&db, person("Inès", Role::Streamer))
        .expect("Inès")
        .id;
    let hugo = team::add_member(&db, person("Hugo", Role::Manager))
        .expect("Hugo")
        .id;
    let nadia = artist(&db, "Nadia");
    responsibilities::set(&db, Subject::Artist, &nadia, &ines, Some(Part::Responsible))
        .expect("Inès");
    responsibilities::set(&db, Subject::Artist, &nadia, &camille, Some(Part::Helper)).expect("me");
    let parts = responsibilities::set(&db, Subject::Artist, &nadia, &hugo, Some(Part::Informed))
        .expect("Hugo");
    let listed: Vec<(&str, Part)> = parts.iter().map(|p| (p.user_id.as_str(), p.part)).collect();
    assert_eq!(
        listed,
        [
            (ines.as_str(), Part::Responsible),
            (camille.as_str(), Part::Helper),
            (hugo.as_str(), Part::Informed)
        ]
    );

    let live = events::create(
        &db,
        EventFields {
            title: "Live de Nadia".into(),
            starts_at: "2027-03-02T19:00:00Z".into(),
            ends_at: "2027-03-02T21:00:00Z".into(),
            time_zone: "Europe/Paris".into(),
            ..EventFields::default()
        },
    )
    .expect("live");
    responsibilities::set(&db, Subject::Event, &live.id, &ines, Some(Part::Helper)).expect("helps");
    events::reschedule(
        &db,
        &live.id,
        "2027-03-03T19:00:00Z",
        "2027-03-03T21:00:00Z",
    )
    .expect("moved");

    assert_eq!(
        inbox_of(&db, &ines),
        [
            ("event_moved".into(), "Live de Nadia".into(), String::new()),
            (
                "responsibility".into(),
                "Live de Nadia".into(),
                "helper".into()
            ),
            (
                "responsibility".into(),
                "Nadia".into(),
                "responsible".into()
            ),
        ]
    );
    assert_eq!(
        inbox_of(&db, &camille),
        [],
        "nobody is told what they did themselves"
    );

    team::choose_me(&db, &camille).expect("Camille");
    let parts =
        responsibilities::set(&db, Subject::Artist, &nadia, &hugo, None).expect("Hugo no longer");
    assert_eq!(parts.len(), 2);
}

#[test]
fn a_guest_cannot_give_parts_and_an_unknown_record_is_named() {
    let (_folder, db) = database();
    team::join(&db, person("Camille", Role::Admin)).expect("Camille");
    let lea = team::add_member(&db, person("Léa", Role::Guest))
        .expect("Léa")
        .id;
    assert!(matches!(
        responsibilities::set(
            &db,
            Subject::Sponsor,
            "01a2329b-0000-7000-8000-000000000000",
            &lea,
            Some(Part::Informed)
        ),
        Err(Error::NotFound { .. })
    ));
    team::choose_me(&db, &lea).expect("Léa");
    assert!(matches!(
        responsibilities::set(
            &db,
            Subject::Sponsor,
            "01a2329b-0000-7000-8000-000000000000",
            &lea,
            Some(Part::Informed)
        ),
        Err(Error::NotAllowed { .. })
    ));
}
