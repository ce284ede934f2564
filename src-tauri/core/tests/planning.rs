//! Tasks on boards, as the team uses them: assigned to several people,
//! moved between columns in an order that stays, closed by a "Done"
//! column, and deleted only by those who may.

mod support;

use mona_core::boards::{self, BoardFields, ColumnFields};
use mona_core::tasks::{self, TaskFields, TaskStatus};
use mona_core::team::{self, MemberFields, Role};
use mona_core::{Database, Error, tags};
use support::database;

fn person(db: &Database, name: &str, role: Role) -> String {
    team::add_member(
        db,
        MemberFields {
            name: name.into(),
            email: None,
            role,
            color: None,
            time_zone: None,
        },
    )
    .expect("member")
    .id
}

fn column(name: &str, status: Option<TaskStatus>) -> ColumnFields {
    ColumnFields {
        name: name.into(),
        wip_limit: None,
        status,
    }
}

fn live_board(db: &Database) -> boards::Board {
    boards::create(
        db,
        BoardFields {
            name: "Sorties de décembre".into(),
            columns: vec![
                column("À faire", Some(TaskStatus::Todo)),
                column("En cours", Some(TaskStatus::InProgress)),
                column("Terminé", Some(TaskStatus::Done)),
            ],
        },
    )
    .expect("board")
}

fn task(db: &Database, title: &str, column: &str) -> String {
    tasks::create(
        db,
        TaskFields {
            title: title.into(),
            column_id: Some(column.into()),
            ..TaskFields::default()
        },
    )
    .expect("task")
    .id
}

fn titles(board: &boards::Board, column: usize) -> Vec<String> {
    board.columns[column]
        .cards
        .iter()
        .map(|c| c.fields.title.clone())
        .collect()
}

#[test]
fn a_task_assigned_to_two_people_shows_both_on_its_card() {
    let (_folder, db) = database();
    let ines = person(&db, "Inès", Role::Streamer);
    let hugo = person(&db, "Hugo", Role::Streamer);
    let board = live_board(&db);
    let todo = &board.columns[0].id;
    let made = tasks::create(
        &db,
        TaskFields {
            title: "  Monter le teaser de Nadia ".into(),
            assignees: vec![ines.clone(), hugo.clone(), ines.clone()],
            column_id: Some(todo.clone()),
            ..TaskFields::default()
        },
    )
    .expect("task");
    assert_eq!(made.fields.title, "Monter le teaser de Nadia");
    let board = boards::get(&db, &board.id).expect("board");
    assert_eq!(
        board.columns[0].cards[0].fields.assignees,
        vec![ines, hugo.clone()]
    );

    // Taking Inès off keeps Hugo.
    let mut fields = made.fields.clone();
    fields.assignees = vec![hugo.clone()];
    let changed = tasks::update(&db, &made.id, fields).expect("update");
    assert_eq!(changed.fields.assignees, vec![hugo]);
}

#[test]
fn cards_keep_the_order_they_were_moved_to_and_a_done_column_closes_them() {
    let (folder, db) = database();
    let board = live_board(&db);
    let (todo, doing, done) = (
        board.columns[0].id.clone(),
        board.columns[1].id.clone(),
        board.columns[2].id.clone(),
    );
    let teaser = task(&db, "Teaser", &todo);
    let visuel = task(&db, "Visuel", &todo);
    let mix = task(&db, "Mix", &todo);
    assert_eq!(
        titles(&boards::get(&db, &board.id).expect("board"), 0),
        ["Teaser", "Visuel", "Mix"]
    );
    // Mix goes to the top, Teaser to the bottom.
    boards::move_card(&db, &mix, &todo, None, Some(&teaser)).expect("to the top");
    boards::move_card(&db, &teaser, &todo, Some(&visuel), None).expect("to the bottom");
    let now = boards::get(&db, &board.id).expect("board");
    assert_eq!(titles(&now, 0), ["Mix", "Visuel", "Teaser"]);

    // Into "En cours", then "Terminé": the card takes each column's status.
    let moved = boards::move_card(&db, &visuel, &doing, None, None).expect("doing");
    assert_eq!(moved.fields.status, TaskStatus::InProgress);
    let moved = boards::move_card(&db, &visuel, &done, None, None).expect("done");
    assert_eq!(moved.fields.status, TaskStatus::Done);
    let expected = (
        vec!["Mix".to_owned(), "Teaser".to_owned()],
        vec!["Visuel".to_owned()],
    );
    let now = boards::get(&db, &board.id).expect("board");
    assert_eq!((titles(&now, 0), titles(&now, 2)), expected);
    // The order is the data's, not the screen's: it is there after a restart.
    drop(db);
    let db = Database::open(folder.path()).expect("reopen");
    let again = boards::get(&db, &board.id).expect("board");
    assert_eq!((titles(&again, 0), titles(&again, 2)), expected);
}

#[test]
fn a_column_over_its_limit_says_so_and_a_removed_column_loses_no_card() {
    let (_folder, db) = database();
    let board = live_board(&db);
    let doing = board.columns[1].id.clone();
    boards::update_column(
        &db,
        &doing,
        ColumnFields {
            name: "En cours".into(),
            wip_limit: Some(1),
            status: Some(TaskStatus::InProgress),
        },
    )
    .expect("limit");
    task(&db, "Teaser", &doing);
    assert!(!boards::get(&db, &board.id).expect("board").columns[1].over_limit);
    task(&db, "Visuel", &doing);
    assert!(boards::get(&db, &board.id).expect("board").columns[1].over_limit);

    let board = boards::remove_column(&db, &doing).expect("remove");
    assert_eq!(board.columns.len(), 2);
    assert_eq!(
        titles(&board, 0),
        ["Teaser", "Visuel"],
        "moved to the first column"
    );
}

#[test]
fn a_streamer_deletes_their_own_tasks_but_not_a_colleagues() {
    let (_folder, db) = database();
    let camille = person(&db, "Camille", Role::Admin);
    let theo = person(&db, "Théo", Role::Streamer);
    let board = live_board(&db);
    let todo = board.columns[0].id.clone();
    team::choose_me(&db, &camille).expect("Camille");
    let hers = task(&db, "Contrat sponsor", &todo);
    team::choose_me(&db, &theo).expect("Théo");
    let his = task(&db, "Miniature du live", &todo);

    let refused = tasks::delete(&db, &hers);
    assert!(
        matches!(refused, Err(Error::NotAllowed { .. })),
        "{refused:?}"
    );
    tasks::delete(&db, &his).expect("his own");
    assert!(matches!(
        boards::create(
            &db,
            BoardFields {
                name: "Perso".into(),
                columns: Vec::new()
            }
        ),
        Err(Error::NotAllowed { .. })
    ));
    let left = boards::get(&db, &board.id).expect("board");
    assert_eq!(titles(&left, 0), ["Contrat sponsor"]);
}

#[test]
fn a_guest_cannot_add_a_task() {
    let (_folder, db) = database();
    let board = live_board(&db);
    let guest = person(&db, "Invitée", Role::Guest);
    team::choose_me(&db, &guest).expect("guest");
    let refused = tasks::create(
        &db,
        TaskFields {
            title: "Essai".into(),
            column_id: Some(board.columns[0].id.clone()),
            ..TaskFields::default()
        },
    );
    assert!(matches!(refused, Err(Error::NotAllowed { .. })));
}

#[test]
fn a_task_with_wrong_times_names_every_field_to_fix() {
    let (_folder, db) = database();
    let refused = tasks::create(
        &db,
        TaskFields {
            title: " ".into(),
            starts_at: Some("2026-12-03T15:00:00Z".into()),
            ends_at: Some("2026-12-03T14:00:00Z".into()),
            due_at: Some("demain".into()),
            time_zone: Some("Europe/Lyon".into()),
            remind_minutes: Some(100_000),
            ..TaskFields::default()
        },
    );
    let Err(Error::Invalid(errors)) = refused else {
        panic!("refused: {refused:?}")
    };
    let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        ["title", "dueAt", "endsAt", "timeZone", "remindMinutes"]
    );
}

#[test]
fn the_demo_team_has_a_board_of_tasks_and_a_weekly_live_on_its_calendar() {
    let (_folder, db) = database();
    mona_core::demo::load_if_empty(&db).expect("demo");
    let boards = boards::list(&db).expect("boards");
    assert_eq!(boards.len(), 1);
    let board = boards::get(&db, &boards[0].id).expect("board");
    assert_eq!(
        titles(&board, 1),
        ["Valider le visuel du single de Noé Lacroix"]
    );
    assert_eq!(board.columns[1].cards[0].fields.assignees.len(), 2);
    // The teaser task points at the artist, her release party and the post.
    let teaser = &board.columns[0].cards[0];
    assert_eq!(teaser.fields.title, "Monter le teaser de Kenza B.");
    let links: Vec<String> = tasks::detail(&db, &teaser.id)
        .expect("detail")
        .links
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(
        links,
        [
            "Kenza B.",
            "Release party de Kenza B.",
            "Teaser de la release party de Kenza B."
        ]
    );
    let from = jiff::Timestamp::now();
    let to = from
        .checked_add(jiff::SignedDuration::from_hours(8 * 24))
        .expect("week");
    let week = mona_core::calendar::window(&db, &from.to_string(), &to.to_string()).expect("week");
    assert!(
        week.items
            .iter()
            .any(|i| i.title == "Live du mardi" && i.people.len() == 2),
        "{:?}",
        week.items.iter().map(|i| &i.title).collect::<Vec<_>>()
    );
}

#[test]
fn a_task_past_its_due_time_is_overdue_until_it_is_done() {
    let (_folder, db) = database();
    let late = tasks::create(
        &db,
        TaskFields {
            title: "Relancer le sponsor".into(),
            due_at: Some("2026-01-05T09:00:00Z".into()),
            ..TaskFields::default()
        },
    )
    .expect("task");
    assert!(late.overdue);
    let later = tasks::create(
        &db,
        TaskFields {
            title: "Bilan de l'année".into(),
            due_at: Some("2099-12-31T09:00:00Z".into()),
            ..TaskFields::default()
        },
    )
    .expect("task");
    assert!(!later.overdue);
    let mut fields = late.fields;
    fields.status = TaskStatus::Done;
    assert!(!tasks::update(&db, &late.id, fields).expect("done").overdue);
}

#[test]
fn a_tasks_checklist_keeps_its_steps_in_order_and_ticked() {
    let (_folder, db) = database();
    let board = live_board(&db);
    let teaser = task(&db, "Teaser de Nadia", &board.columns[0].id);
    for step in [
        "Exporter le mix",
        "Caler les sous-titres",
        "Envoyer au label",
    ] {
        mona_core::checklists::add(&db, &teaser, step).expect("step");
    }
    let steps = mona_core::tasks::detail(&db, &teaser)
        .expect("detail")
        .checklist;
    let texts: Vec<&str> = steps.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Exporter le mix",
            "Caler les sous-titres",
            "Envoyer au label"
        ]
    );
    let after = mona_core::checklists::set_done(&db, &steps[0].id, true).expect("tick");
    assert!(after[0].done && !after[1].done);
    let after = mona_core::checklists::remove(&db, &steps[1].id).expect("remove");
    assert_eq!(after.len(), 2);
    assert!(matches!(
        mona_core::checklists::add(&db, &teaser, "   "),
        Err(Error::Invalid(_))
    ));
    assert!(matches!(
        mona_core::checklists::set_done(&db, &steps[1].id, true),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn comments_belong_to_their_author_and_a_guest_only_reads_them() {
    let (_folder, db) = database();
    let camille = person(&db, "Camille", Role::Admin);
    let ines = person(&db, "Inès", Role::Streamer);
    let theo = person(&db, "Théo", Role::Streamer);
    let guest = person(&db, "Léa", Role::Guest);
    let board = live_board(&db);
    let teaser = task(&db, "Teaser de Nadia", &board.columns[0].id);

    team::choose_me(&db, &ines).expect("Inès");
    let said =
        mona_core::comments::add(&db, &teaser, "Le label veut le teaser **jeudi**").expect("said");
    assert_eq!(said[0].author_id.as_deref(), Some(ines.as_str()));
    let id = said[0].id.clone();

    team::choose_me(&db, &theo).expect("Théo");
    assert!(matches!(
        mona_core::comments::edit(&db, &id, "Vendredi"),
        Err(Error::NotAllowed { .. })
    ));
    assert!(matches!(
        mona_core::comments::delete(&db, &id),
        Err(Error::NotAllowed { .. })
    ));
    team::choose_me(&db, &guest).expect("Léa");
    assert!(matches!(
        mona_core::comments::add(&db, &teaser, "Super"),
        Err(Error::NotAllowed { .. })
    ));

    team::choose_me(&db, &ines).expect("Inès");
    let edited = mona_core::comments::edit(&db, &id, "Le label veut le teaser vendredi")
        .expect("her own words");
    assert!(edited[0].edited);
    team::choose_me(&db, &camille).expect("Camille");
    assert!(
        mona_core::comments::delete(&db, &id)
            .expect("an admin tidies up")
            .is_empty()
    );
}

#[test]
fn my_tasks_are_mine_soonest_first_and_the_overdue_view_shows_the_late_ones() {
    let (_folder, db) = database();
    let ines = person(&db, "Inès", Role::Streamer);
    let hugo = person(&db, "Hugo", Role::Streamer);
    let due = |title: &str, at: Option<&str>, who: &str| {
        tasks::create(
            &db,
            TaskFields {
                title: title.into(),
                due_at: at.map(str::to_owned),
                assignees: vec![who.to_owned()],
                ..TaskFields::default()
            },
        )
        .expect("task")
    };
    due("Sans date", None, &ines);
    due("Miniature", Some("2030-01-10T10:00:00Z"), &ines);
    due("Teaser", Some("2030-01-05T10:00:00Z"), &ines);
    due("En retard", Some("2020-01-05T10:00:00Z"), &ines);
    let done = due("Déjà fait", Some("2020-01-01T10:00:00Z"), &ines);
    let mut closed = done.fields.clone();
    closed.status = TaskStatus::Done;
    tasks::update(&db, &done.id, closed).expect("done");
    due("Pour Hugo", Some("2030-01-01T10:00:00Z"), &hugo);

    let titles = |filter: tasks::TaskFilter| -> Vec<String> {
        tasks::list(&db, &filter)
            .expect("list")
            .into_iter()
            .map(|t| t.fields.title)
            .collect()
    };
    let mine = tasks::TaskFilter {
        assignee: Some(ines.clone()),
        ..Default::default()
    };
    assert_eq!(
        titles(mine.clone()),
        ["En retard", "Teaser", "Miniature", "Sans date"]
    );
    assert_eq!(
        titles(tasks::TaskFilter {
            include_closed: true,
            ..mine
        })[0],
        "Déjà fait"
    );
    assert_eq!(
        titles(tasks::TaskFilter {
            overdue_only: true,
            ..Default::default()
        }),
        ["En retard"]
    );
    let listed = tasks::list(&db, &tasks::TaskFilter::default()).expect("all");
    assert!(listed.iter().all(|t| t.fields.assignees.len() == 1));
    assert!(
        listed
            .iter()
            .find(|t| t.fields.title == "En retard")
            .is_some_and(|t| t.overdue)
    );
}

#[test]
fn a_label_typed_again_with_other_accents_is_the_same_label() {
    let (_folder, db) = database();
    let video = tags::create(&db, " Vidéo ").expect("label");
    assert_eq!(video.name, "Vidéo");
    assert_eq!(tags::create(&db, "VIDEO").expect("again").id, video.id);
    assert_eq!(tags::all(&db).expect("labels").len(), 1);
    assert!(matches!(tags::create(&db, "  "), Err(Error::Invalid(_))));
}
