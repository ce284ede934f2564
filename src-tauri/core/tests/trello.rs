//! The collective's Trello board comes over: its lists become columns, its
//! cards tasks with their labels, steps, due dates, comments and people;
//! what cannot come is counted and named; a broken file brings nothing.

mod support;

use mona_core::boards;
use mona_core::tasks::{self, TaskStatus};
use mona_core::team::{self, MemberFields, Role};
use mona_core::trello::{self, TrelloProblem};
use mona_core::{Database, Error};
use support::database;

fn fixture() -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trello-spark.json"),
    )
    .expect("fixture")
}

fn member(db: &Database, name: &str, email: &str, role: Role) -> String {
    team::add_member(
        db,
        MemberFields {
            name: name.into(),
            email: Some(email.into()),
            role,
            color: None,
            time_zone: None,
        },
    )
    .expect("member")
    .id
}

#[test]
fn the_preview_names_the_columns_and_everything_that_will_stay_behind() {
    let (_folder, db) = database();
    member(&db, "Inès Laurent", "ines@mona-spark.fr", Role::Admin);
    member(&db, "Yanis Belkacem", "yanis@mona-spark.fr", Role::Manager);
    let preview = trello::preview(&db, &fixture()).expect("preview");
    assert_eq!(preview.board_name, "SPARK — Lancements 🚀");
    assert_eq!(preview.columns, ["À faire", "En cours", "Terminé ✅"]);
    assert_eq!(
        (preview.cards, preview.checklist_items, preview.comments),
        (5, 4, 2)
    );
    let mapped: Vec<(&str, bool)> = preview
        .members
        .iter()
        .map(|m| (m.trello_name.as_str(), m.member_id.is_some()))
        .collect();
    // Inès by name, Yanis by his e-mail's user name, Zoé by nobody.
    assert_eq!(
        mapped,
        [
            ("Inès Laurent", true),
            ("Yanis B.", true),
            ("Zoé Freelance", false)
        ]
    );
    let left = preview.left_out;
    assert_eq!(
        (
            left.archived_cards,
            left.archived_lists,
            left.attachments,
            left.unreadable_dates,
            left.shortened
        ),
        (2, 1, 1, 1, 1)
    );
    assert_eq!(left.unknown_members, ["Zoé Freelance"]);
    assert!(
        boards::list(&db).expect("boards").is_empty(),
        "nothing written"
    );
}

#[test]
fn the_imported_board_has_its_cards_in_order_with_labels_steps_people_and_comments() {
    let (_folder, db) = database();
    let ines = member(&db, "Inès Laurent", "ines@mona-spark.fr", Role::Admin);
    let yanis = member(&db, "Yanis Belkacem", "yanis@mona-spark.fr", Role::Manager);
    let report = trello::import(&db, &fixture()).expect("import");
    assert_eq!(report.cards, 5);
    let board = boards::get(&db, &report.board_id).expect("board");
    let titles = |n: usize| -> Vec<String> {
        board.columns[n]
            .cards
            .iter()
            .map(|c| c.fields.title.chars().take(30).collect())
            .collect()
    };
    // Trello's positions order the cards: the studio (16383.5) before the teaser.
    assert_eq!(
        titles(0),
        ["Réserver le studio B", "Teaser vertical de Nadia"]
    );
    assert_eq!(titles(1)[0], "Mix du single");
    assert_eq!(titles(2), ["Miniature du live"]);
    assert_eq!(
        board.columns[2].fields.status,
        Some(TaskStatus::Done),
        "a list named Terminé closes its cards"
    );

    let teaser = &board.columns[0].cards[1];
    assert_eq!(teaser.fields.assignees, [ines.clone(), yanis]);
    assert_eq!(teaser.fields.labels.len(), 2);
    assert_eq!(
        teaser.fields.due_at.as_deref(),
        Some("2026-12-10T17:00:00.000Z")
    );
    let detail = tasks::detail(&db, &teaser.id).expect("detail");
    let steps: Vec<(&str, bool)> = detail
        .checklist
        .iter()
        .map(|s| (s.text.as_str(), s.done))
        .collect();
    assert_eq!(
        steps,
        [("Exporter le mix", true), ("Caler les sous-titres", false)]
    );
    assert_eq!(
        detail.comments[0].body,
        "Le label veut le teaser pour **jeudi**."
    );
    assert_eq!(detail.comments[0].author_id.as_deref(), Some(ines.as_str()));
    assert_eq!(detail.comments[0].created_at, "2026-11-18T14:02:11.000Z");

    let long = &board.columns[1].cards[1];
    assert_eq!(long.fields.title.chars().count(), 200, "cut, and reported");
    let mix = tasks::detail(&db, &board.columns[1].cards[0].id).expect("mix");
    assert_eq!(mix.checklist.len(), 2, "two checklists, one list of steps");
    assert_eq!(mix.task.fields.due_at, None, "its unreadable date left out");
}

#[test]
fn files_that_are_not_a_trello_board_bring_nothing_and_say_what_they_are() {
    let (_folder, db) = database();
    let cases = [
        ("{\"name\": \"Tableau\", \"lists\": [", "not json"),
        ("[1, 2, 3]", "not trello"),
        ("{\"name\": \"Notes\", \"pages\": []}", "not trello"),
    ];
    for (text, what) in cases {
        let refused = trello::import(&db, text);
        let ok = match what {
            "not json" => matches!(
                refused,
                Err(Error::Trello(TrelloProblem::NotJson { line: 1, .. }))
            ),
            _ => matches!(refused, Err(Error::Trello(TrelloProblem::NotTrello))),
        };
        assert!(ok, "{what}: {refused:?}");
    }
    // A board whose cards point at lists that do not exist brings its lists only.
    let orphans = r#"{"name": "Orphelins", "lists": [{"id": "l1", "name": "Tout"}],
        "cards": [{"id": "c1", "name": "Perdue", "idList": "ailleurs"}]}"#;
    let report = trello::import(&db, orphans).expect("lists only");
    assert_eq!(report.cards, 0);
    assert_eq!(report.left_out.archived_cards, 1);
}

#[test]
fn a_guest_cannot_import_a_board() {
    let (_folder, db) = database();
    member(&db, "Camille Morel", "camille@mona-spark.fr", Role::Admin);
    let guest = member(&db, "Léa", "lea@mona-spark.fr", Role::Guest);
    team::choose_me(&db, &guest).expect("Léa");
    assert!(matches!(
        trello::import(&db, &fixture()),
        Err(Error::NotAllowed { .. })
    ));
}
