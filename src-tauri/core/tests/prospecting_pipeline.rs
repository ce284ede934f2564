//! The prospecting pipeline: from spotted to signed (or lost), with the
//! history of every move, a next action on every open prospect, the stages
//! the team chooses and how well the pipeline converts.

mod support;

use mona_core::pipeline::{self, Attention, ProspectQuery, StageFields, StageKind, StagePreset};
use mona_core::tasks::{self, TaskFilter};
use mona_core::validation::FieldProblem;
use mona_core::{Database, Error, artists};
use support::{artist, database};

fn stage_names(db: &Database) -> Vec<String> {
    pipeline::stages(db)
        .expect("stages")
        .into_iter()
        .map(|s| {
            s.label
                .unwrap_or_else(|| s.preset.map(|p| p.as_str().to_owned()).unwrap_or_default())
        })
        .collect()
}

fn move_to(db: &Database, artist: &str, stage: StagePreset) {
    pipeline::move_artist(db, artist, stage.id(), None).expect("move");
}

/// Pretends the card entered its current stage `days` ago.
fn entered_days_ago(db: &Database, artist: &str, days: i64) {
    db.write(|t| {
        // A card that never moved entered its stage when it was created.
        for table in [
            "artist_stage_moves SET entered_at",
            "artists SET created_at",
        ] {
            let key = if table.starts_with("artists") {
                "id"
            } else {
                "artist_id"
            };
            t.execute(
                &format!(
                    "UPDATE {table} = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?2) WHERE {key} = ?1"
                ),
                rusqlite::params![artist, format!("-{days} days")],
            )?;
        }
        Ok(())
    })
    .expect("backdate");
}

#[test]
fn a_new_artist_is_identified_then_signed_and_every_step_is_dated() {
    let (_folder, db) = database();
    let elodie = artist(&db, "Élodie Mars");
    let card = artists::get(&db, &elodie).expect("card");
    assert_eq!(
        card.fields.stage_id.as_deref(),
        Some(StagePreset::Identified.id())
    );

    for stage in [
        StagePreset::Contacted,
        StagePreset::InDiscussion,
        StagePreset::ProposalSent,
        StagePreset::Signed,
    ] {
        move_to(&db, &elodie, stage);
    }
    let history = pipeline::history(&db, &elodie).expect("history");
    let stages: Vec<&str> = history.iter().map(|v| v.stage_id.as_str()).collect();
    assert_eq!(
        stages,
        [
            StagePreset::Identified.id(),
            StagePreset::Contacted.id(),
            StagePreset::InDiscussion.id(),
            StagePreset::ProposalSent.id(),
            StagePreset::Signed.id()
        ]
    );
    assert!(history[..4].iter().all(|v| v.left_at.is_some()));
    assert_eq!(history[4].left_at, None, "still signed");
    // Moving to the stage it is in changes nothing.
    move_to(&db, &elodie, StagePreset::Signed);
    assert_eq!(pipeline::history(&db, &elodie).expect("history").len(), 5);
}

#[test]
fn an_artist_is_lost_only_with_a_reason_and_the_reason_leaves_with_the_stage() {
    let (_folder, db) = database();
    let noe = artist(&db, "Noé Lacroix");
    let refused = pipeline::move_artist(&db, &noe, StagePreset::Lost.id(), Some("   "))
        .expect_err("no reason");
    let Error::Invalid(errors) = refused else {
        panic!("{refused:?}")
    };
    assert_eq!(errors.0[0].field, "lostReason");
    assert_eq!(errors.0[0].problem, FieldProblem::Required);

    let lost = pipeline::move_artist(&db, &noe, StagePreset::Lost.id(), Some("Signé ailleurs"))
        .expect("lost");
    assert_eq!(lost.lost_reason.as_deref(), Some("Signé ailleurs"));
    assert!(
        lost.attention.is_empty(),
        "a lost card needs no next action"
    );
    let back = pipeline::move_artist(&db, &noe, StagePreset::Contacted.id(), Some("ignored"))
        .expect("back");
    assert_eq!(back.lost_reason, None);
    let history = pipeline::history(&db, &noe).expect("history");
    assert_eq!(history[1].lost_reason.as_deref(), Some("Signé ailleurs"));
}

#[test]
fn a_move_to_a_stage_removed_meanwhile_says_so() {
    let (_folder, db) = database();
    let noe = artist(&db, "Noé Lacroix");
    let refused = pipeline::move_artist(&db, &noe, "0193a001-0000-7000-8000-0000000000ff", None)
        .expect_err("no such stage");
    let Error::Invalid(errors) = refused else {
        panic!("{refused:?}")
    };
    assert_eq!(errors.0[0].field, "stageId");
    assert_eq!(errors.0[0].problem, FieldProblem::UnknownStage);
}

#[test]
fn an_open_prospect_without_a_next_action_is_flagged_until_one_is_planned_in_planning() {
    let (_folder, db) = database();
    let kenza = artist(&db, "Kenza B.");
    let board = pipeline::board(&db, 50).expect("board");
    let first = &board[0];
    assert_eq!(first.total, 1);
    assert_eq!(first.cards[0].attention, [Attention::NoNextAction]);

    let task = pipeline::plan_next_action(
        &db,
        &kenza,
        "Appeler son manager",
        "2099-01-10T09:00:00.000Z",
    )
    .expect("plan");
    let planned = tasks::list(&db, &TaskFilter::default()).expect("tasks");
    assert!(
        planned
            .iter()
            .any(|t| t.id == task.id && t.fields.artist_id.as_deref() == Some(kenza.as_str())),
        "the next action is a task in Planning, linked to the artist"
    );
    let card = &pipeline::board(&db, 50).expect("board")[0].cards[0];
    assert!(card.attention.is_empty(), "{:?}", card.attention);
    assert_eq!(
        card.next_action.as_ref().map(|a| a.title.as_str()),
        Some("Appeler son manager")
    );

    // Overdue, and then stuck: 31 days in "identified" (30 allowed).
    pipeline::plan_next_action(&db, &kenza, "Relancer", "2020-01-10T09:00:00.000Z").expect("plan");
    entered_days_ago(&db, &kenza, 31);
    let card = &pipeline::board(&db, 50).expect("board")[0].cards[0];
    assert_eq!(card.attention, [Attention::ActionOverdue, Attention::Stuck]);
    assert_eq!(card.days_in_stage, 31);
}

#[test]
fn a_next_action_needs_a_due_date() {
    let (_folder, db) = database();
    let lou = artist(&db, "Lou Vidal");
    let error = pipeline::plan_next_action(&db, &lou, "Appeler", " ").expect_err("no date");
    let Error::Invalid(errors) = error else {
        panic!("{error:?}")
    };
    assert_eq!(errors.0[0].field, "dueAt");
}

#[test]
fn the_team_renames_adds_and_reorders_stages_and_the_board_follows() {
    let (_folder, db) = database();
    let theo = artist(&db, "Théo Martin");
    pipeline::save_stage(
        &db,
        Some(StagePreset::Identified.id()),
        StageFields {
            label: Some("Repéré sur Twitch".into()),
            kind: StageKind::Open,
            stuck_after_days: Some(10),
        },
    )
    .expect("rename");
    let added = pipeline::save_stage(
        &db,
        None,
        StageFields {
            label: Some("Maquette reçue".into()),
            kind: StageKind::Open,
            stuck_after_days: None,
        },
    )
    .expect("add");
    let names = stage_names(&db);
    assert_eq!(names[0], "Repéré sur Twitch");
    assert_eq!(names[6], "Maquette reçue", "after active, before lost");
    assert_eq!(names[7], "lost");

    // Put it right after "contacted", and move Théo there.
    let new_id = added[6].id.clone();
    pipeline::reorder_stage(
        &db,
        &new_id,
        Some(StagePreset::Contacted.id()),
        Some(StagePreset::InDiscussion.id()),
    )
    .expect("reorder");
    assert_eq!(stage_names(&db)[2], "Maquette reçue");
    pipeline::move_artist(&db, &theo, &new_id, None).expect("move");
    let board = pipeline::board(&db, 50).expect("board");
    assert_eq!(board[2].cards[0].name, "Théo Martin");

    // Removing the stage moves its cards; the history keeps both moves.
    pipeline::remove_stage(&db, &new_id, StagePreset::InDiscussion.id(), None).expect("remove");
    let card = artists::get(&db, &theo).expect("card");
    assert_eq!(
        card.fields.stage_id.as_deref(),
        Some(StagePreset::InDiscussion.id())
    );
    assert_eq!(pipeline::history(&db, &theo).expect("history").len(), 3);
    assert_eq!(stage_names(&db).len(), 7);
}

#[test]
fn the_pipeline_keeps_a_stage_of_each_kind() {
    let (_folder, db) = database();
    let error = pipeline::remove_stage(
        &db,
        StagePreset::Lost.id(),
        StagePreset::Identified.id(),
        None,
    )
    .expect_err("last lost stage");
    assert!(matches!(error, Error::LastStage), "{error:?}");
    // Two won stages: one may go.
    pipeline::remove_stage(
        &db,
        StagePreset::Active.id(),
        StagePreset::Signed.id(),
        None,
    )
    .expect("remove active");
    let error = pipeline::save_stage(
        &db,
        Some(StagePreset::Signed.id()),
        StageFields {
            label: None,
            kind: StageKind::Open,
            stuck_after_days: None,
        },
    )
    .expect_err("last won stage");
    assert!(matches!(error, Error::LastStage), "{error:?}");
}

#[test]
fn conversion_and_time_per_stage_come_from_every_cards_history() {
    let (_folder, db) = database();
    let cards: Vec<String> = ["A", "B", "C", "D"]
        .iter()
        .map(|n| artist(&db, n))
        .collect();
    for card in &cards[..3] {
        move_to(&db, card, StagePreset::Contacted);
    }
    move_to(&db, &cards[0], StagePreset::Signed);
    pipeline::move_artist(&db, &cards[1], StagePreset::Lost.id(), Some("Budget")).expect("lost");

    let report = pipeline::report(&db).expect("report");
    assert_eq!((report.entered, report.won), (4, 1));
    let identified = &report.stages[0];
    assert_eq!((identified.entered, identified.went_further), (4, 3));
    assert_eq!(identified.conversion_percent, Some(75));
    assert_eq!(identified.median_days, Some(0.0), "moved on the same day");
    let contacted = &report.stages[1];
    assert_eq!((contacted.entered, contacted.went_further), (3, 1));
    assert_eq!(
        contacted.conversion_percent,
        Some(33),
        "a lost card does not go further"
    );
    let lost = report.stages.last().expect("lost");
    assert_eq!((lost.entered, lost.conversion_percent), (1, None));
}

#[test]
fn the_pipeline_list_pages_through_one_stage_best_score_first() {
    let (_folder, db) = database();
    for n in 0..5 {
        artist(&db, &format!("Artiste {n}"));
    }
    let signed = artist(&db, "Signée");
    move_to(&db, &signed, StagePreset::Signed);
    let page = pipeline::prospects(
        &db,
        &ProspectQuery {
            stage_id: Some(StagePreset::Identified.id().into()),
            offset: 2,
            limit: 2,
        },
    )
    .expect("page");
    assert_eq!(page.total, 5);
    assert_eq!(page.rows.len(), 2);
    let everything = pipeline::prospects(
        &db,
        &ProspectQuery {
            limit: 10,
            ..ProspectQuery::default()
        },
    )
    .expect("all");
    assert_eq!(everything.total, 6);
    assert_eq!(
        everything.rows.last().map(|r| r.name.as_str()),
        Some("Signée")
    );
}

#[test]
fn column_counts_follow_moves_deletions_restores_and_a_reordered_pipeline() {
    let (_folder, db) = database();
    let cards: Vec<String> = (0..6)
        .map(|n| artist(&db, &format!("Artiste {n}")))
        .collect();
    move_to(&db, &cards[0], StagePreset::Signed);
    move_to(&db, &cards[1], StagePreset::Signed);
    artists::delete(&db, &cards[2]).expect("delete");
    artists::delete(&db, &cards[1]).expect("delete");
    artists::restore(&db, &cards[1]).expect("restore");
    // Signed first: every rank moves.
    pipeline::reorder_stage(
        &db,
        StagePreset::Signed.id(),
        None,
        Some(StagePreset::Identified.id()),
    )
    .expect("reorder");
    let board = pipeline::board(&db, 50).expect("board");
    let counts: Vec<(String, u32, usize)> = board
        .iter()
        .map(|c| (c.stage.id.clone(), c.total, c.cards.len()))
        .collect();
    for (stage, total, shown) in &counts {
        assert_eq!(*total as usize, *shown, "{stage}");
    }
    assert_eq!(counts[0], (StagePreset::Signed.id().to_owned(), 2, 2));
    assert_eq!(
        counts[1].1, 3,
        "identified: six cards, two signed, one deleted"
    );
    let all = pipeline::prospects(
        &db,
        &ProspectQuery {
            limit: 50,
            ..ProspectQuery::default()
        },
    )
    .expect("all");
    assert_eq!(all.total, 5);
}
