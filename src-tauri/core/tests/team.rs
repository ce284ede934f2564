//! The team's roles, as people meet them: the first member runs the team,
//! a guest only looks, and the team never loses its last admin.

mod support;

use mona_core::Error;
use mona_core::artists::{self, ArtistFields};
use mona_core::team::{self, Action, Role};
use support::{database, person};

fn card(name: &str) -> ArtistFields {
    ArtistFields {
        name: name.into(),
        ..ArtistFields::default()
    }
}

#[test]
fn the_first_person_to_join_runs_the_team_and_newcomers_start_as_guests() {
    let (_folder, db) = database();
    assert_eq!(team::me(&db).expect("me"), None);
    let camille = team::join(&db, person("Camille", Role::Guest)).expect("join");
    assert_eq!(camille.role, Role::Admin, "the first member is the admin");
    assert_eq!(team::me(&db).expect("me"), Some(camille.clone()));

    // On a second computer of the same team, a newcomer introduces themself.
    let (_other, laptop) = database();
    team::join(&laptop, person("Camille", Role::Admin)).expect("first");
    let theo = team::join(&laptop, person("Théo", Role::Admin)).expect("join");
    assert_eq!(theo.role, Role::Guest, "until an admin gives a role");
}

#[test]
fn a_guest_can_look_at_artists_but_not_change_them() {
    let (_folder, db) = database();
    team::join(&db, person("Camille", Role::Admin)).expect("admin");
    let nadia = artists::create(&db, card("Nadia K")).expect("the admin creates");
    let guest = team::add_member(&db, person("Inès", Role::Guest)).expect("add");
    team::choose_me(&db, &guest.id).expect("Inès uses this computer");

    let refused = artists::create(&db, card("Jules"));
    assert!(
        matches!(
            refused,
            Err(Error::NotAllowed {
                action: Action::EditRecords,
                role: Role::Guest
            })
        ),
        "{refused:?}"
    );
    let mut edit = artists::get(&db, &nadia.id).expect("she can read").fields;
    edit.city = Some("Lyon".into());
    assert!(matches!(
        artists::update(&db, &nadia.id, edit),
        Err(Error::NotAllowed { .. })
    ));
    assert!(matches!(
        artists::delete(&db, &nadia.id),
        Err(Error::NotAllowed { .. })
    ));
    let unchanged = artists::get(&db, &nadia.id).expect("still there");
    assert_eq!(unchanged.fields.city, None);
    assert!(matches!(
        team::add_member(&db, person("Jules", Role::Admin)),
        Err(Error::NotAllowed {
            action: Action::ManageTeam,
            ..
        })
    ));
}

#[test]
fn a_streamer_edits_artists_but_does_not_delete_them() {
    let (_folder, db) = database();
    team::join(&db, person("Camille", Role::Admin)).expect("admin");
    let nadia = artists::create(&db, card("Nadia K")).expect("create");
    let theo = team::add_member(&db, person("Théo", Role::Streamer)).expect("add");
    team::choose_me(&db, &theo.id).expect("Théo");
    let mut edit = artists::get(&db, &nadia.id).expect("card").fields;
    edit.city = Some("Lyon".into());
    artists::update(&db, &nadia.id, edit).expect("a streamer edits");
    assert!(matches!(
        artists::delete(&db, &nadia.id),
        Err(Error::NotAllowed {
            action: Action::DeleteRecords,
            role: Role::Streamer
        })
    ));
}

#[test]
fn the_team_always_keeps_an_admin() {
    let (_folder, db) = database();
    let camille = team::join(&db, person("Camille", Role::Admin)).expect("admin");
    assert!(matches!(
        team::update_member(&db, &camille.id, person("Camille", Role::Manager)),
        Err(Error::LastAdmin)
    ));
    assert!(matches!(
        team::remove_member(&db, &camille.id),
        Err(Error::LastAdmin)
    ));
    let jules = team::add_member(&db, person("Jules", Role::Admin)).expect("second admin");
    team::update_member(&db, &camille.id, person("Camille", Role::Manager))
        .expect("another admin remains");
    let names: Vec<(String, Role)> = team::members(&db)
        .expect("members")
        .into_iter()
        .map(|m| (m.name, m.role))
        .collect();
    assert_eq!(
        names,
        vec![
            ("Camille".into(), Role::Manager),
            ("Jules".into(), Role::Admin)
        ]
    );
    // Camille is a manager now: managing the team is Jules's.
    assert!(matches!(
        team::remove_member(&db, &jules.id),
        Err(Error::NotAllowed { .. })
    ));
}

#[test]
fn choosing_someone_who_is_not_in_the_team_says_so() {
    let (_folder, db) = database();
    assert!(matches!(
        team::choose_me(&db, "01a2329b-0000-7000-8000-000000000000"),
        Err(Error::NotFound { .. })
    ));
}
