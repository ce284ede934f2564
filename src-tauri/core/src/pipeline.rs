//! The prospecting pipeline: the stages an artist goes through from first
//! spotted to signed (or lost), when each card entered each stage, its next
//! action, and how well the pipeline converts.
//!
//! Why it exists: MONA lives from signing artists, and a prospect that
//! nobody calls back is lost silently. So every open card should carry a
//! next action (a task in Planning, linked to the artist), and the pipeline
//! says which cards have none or have sat in a stage too long.
//!
//! The stages are the team's. Like the score's criteria, they are the core's
//! defaults ([`DEFAULT_STAGES`], with fixed ids) until the team first changes
//! one; that change writes them all, so two computers doing it offline write
//! the same rows. A card's stage (`artists.stage_id`) is a synced cell, and
//! each move is a row of `artist_stage_moves`, so concurrent moves on two
//! laptops both stay in the history while the card ends in one stage.
//!
//! The list sorts by stage through `artist_list.stage_rank`, which the
//! schema's triggers read from `device_stage_ranks`, kept here ([`rerank`])
//! whenever the stages change, here or through the sync.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::records::{self, RecordKind};
use crate::stored_enum::stored_enum;
use crate::tasks::{self, Task, TaskFields};
use crate::team::{self, Action};
use crate::validation::{FieldErrors, FieldProblem, check_length, optional_text};
use crate::{Database, Entity, Error, clock, ids, positions};

/// What a stage means for the cards in it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    /// Still being worked on: needs a next action, can get stuck.
    #[default]
    Open,
    /// Signed: the prospecting succeeded.
    Won,
    /// Lost, with a reason.
    Lost,
}

stored_enum!(StageKind {
    Open => "open",
    Won => "won",
    Lost => "lost",
});

/// The stages a team starts with; the app names them in the user's language
/// until the team renames them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum StagePreset {
    #[default]
    Identified,
    Contacted,
    InDiscussion,
    ProposalSent,
    Signed,
    Active,
    Lost,
}

stored_enum!(StagePreset {
    Identified => "identified",
    Contacted => "contacted",
    InDiscussion => "in_discussion",
    ProposalSent => "proposal_sent",
    Signed => "signed",
    Active => "active",
    Lost => "lost",
});

impl StagePreset {
    /// The default stage's fixed id, the same on every computer.
    pub fn id(self) -> &'static str {
        DEFAULT_STAGES
            .iter()
            .find(|(_, preset, _, _)| *preset == self)
            .map_or(DEFAULT_STAGES[0].0, |(id, _, _, _)| id)
    }
}

/// The default pipeline, as (id, preset, kind, stuck after days).
const DEFAULT_STAGES: [(&str, StagePreset, StageKind, Option<u32>); 7] = [
    (
        "0193a001-0000-7000-8000-000000000001",
        StagePreset::Identified,
        StageKind::Open,
        Some(30),
    ),
    (
        "0193a001-0000-7000-8000-000000000002",
        StagePreset::Contacted,
        StageKind::Open,
        Some(14),
    ),
    (
        "0193a001-0000-7000-8000-000000000003",
        StagePreset::InDiscussion,
        StageKind::Open,
        Some(21),
    ),
    (
        "0193a001-0000-7000-8000-000000000004",
        StagePreset::ProposalSent,
        StageKind::Open,
        Some(14),
    ),
    (
        "0193a001-0000-7000-8000-000000000005",
        StagePreset::Signed,
        StageKind::Won,
        None,
    ),
    (
        "0193a001-0000-7000-8000-000000000006",
        StagePreset::Active,
        StageKind::Won,
        None,
    ),
    (
        "0193a001-0000-7000-8000-000000000007",
        StagePreset::Lost,
        StageKind::Lost,
        None,
    ),
];

/// A stage of the pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Stage {
    pub id: String,
    /// A default stage, named by the app until the team gives it a label.
    pub preset: Option<StagePreset>,
    pub label: Option<String>,
    pub kind: StageKind,
    /// An open card staying longer than this is stuck.
    pub stuck_after_days: Option<u32>,
}

/// What a person edits on a stage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct StageFields {
    /// Required for a stage the team adds; blank on a default stage keeps
    /// the app's name for it.
    pub label: Option<String>,
    pub kind: StageKind,
    pub stuck_after_days: Option<u32>,
}

const LABEL_MAX: u32 = 60;
const STUCK_MAX_DAYS: u32 = 365;
const REASON_MAX: u32 = 500;

fn default_stages() -> Vec<Stage> {
    DEFAULT_STAGES
        .iter()
        .map(|(id, preset, kind, stuck)| Stage {
            id: (*id).to_owned(),
            preset: Some(*preset),
            label: None,
            kind: *kind,
            stuck_after_days: *stuck,
        })
        .collect()
}

/// The stages in pipeline order; the defaults while the team changed none.
pub fn stages(db: &Database) -> Result<Vec<Stage>, Error> {
    db.read(load_stages)
}

pub(crate) fn load_stages(connection: &Connection) -> Result<Vec<Stage>, Error> {
    if !written(connection)? {
        return Ok(default_stages());
    }
    let mut statement = connection.prepare_cached(
        "SELECT id, preset, label, kind, stuck_after_days FROM pipeline_stages
         WHERE deleted_at IS NULL ORDER BY position, id",
    )?;
    let stages = statement
        .query_map([], |row| {
            Ok(Stage {
                id: row.get(0)?,
                preset: row
                    .get::<_, Option<String>>(1)?
                    .map(|p| StagePreset::parse(&p)),
                label: row.get(2)?,
                kind: StageKind::parse(&row.get::<_, String>(3)?),
                stuck_after_days: row.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(stages)
}

fn written(connection: &Connection) -> Result<bool, Error> {
    crate::presets::written(connection, "pipeline_stages")
}

/// Writes the default stages as rows, before the team's first change.
fn write_defaults(connection: &Connection, now: &str) -> Result<(), Error> {
    crate::presets::write_once(
        connection,
        "pipeline_stages",
        &default_stages(),
        |stage, position| {
            connection.execute(
                "INSERT INTO pipeline_stages
                 (id, preset, label, kind, stuck_after_days, position, created_at, updated_at)
             VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6, ?6)
             ON CONFLICT (id) DO NOTHING",
                params![
                    stage.id,
                    stage.preset,
                    stage.kind,
                    stage.stuck_after_days,
                    position,
                    now
                ],
            )?;
            Ok(())
        },
    )
}

fn validate_stage(fields: StageFields) -> Result<StageFields, FieldErrors> {
    let mut errors = FieldErrors::default();
    let label = optional_text(fields.label.as_deref());
    if let Some(label) = &label {
        check_length(&mut errors, "label", label, LABEL_MAX);
    }
    if fields
        .stuck_after_days
        .is_some_and(|days| !(1..=STUCK_MAX_DAYS).contains(&days))
    {
        errors.add(
            "stuckAfterDays",
            FieldProblem::TooLarge {
                max: STUCK_MAX_DAYS,
            },
        );
    }
    errors.into_result(StageFields {
        label,
        // Only open cards get stuck.
        stuck_after_days: fields
            .stuck_after_days
            .filter(|_| fields.kind == StageKind::Open),
        ..fields
    })
}

/// Adds a stage (at the end, before the lost ones) or changes one. Returns
/// the stages as they now are.
pub fn save_stage(
    db: &Database,
    id: Option<&str>,
    fields: StageFields,
) -> Result<Vec<Stage>, Error> {
    let fields = validate_stage(fields)?;
    db.write(|t| {
        team::require(t, Action::ConfigurePipeline)?;
        let now = clock::now();
        write_defaults(t, &now)?;
        match id {
            Some(id) => {
                let before = stage(t, id)?;
                if before.preset.is_none() && fields.label.is_none() {
                    return Err(label_required());
                }
                if before.kind != fields.kind {
                    keeps_every_kind(t, id)?;
                }
                t.execute(
                    "UPDATE pipeline_stages SET label = ?2, kind = ?3, stuck_after_days = ?4,
                     updated_at = ?5 WHERE id = ?1",
                    params![id, fields.label, fields.kind, fields.stuck_after_days, now],
                )?;
            }
            None => {
                if fields.label.is_none() {
                    return Err(label_required());
                }
                // A new stage goes last among the stages that are not lost.
                let positions: Vec<(String, String)> = t
                    .prepare(
                        "SELECT position, kind FROM pipeline_stages WHERE deleted_at IS NULL
                         ORDER BY position, id",
                    )?
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                let first_lost = positions.iter().position(|(_, kind)| kind == "lost");
                let (after, before) = match first_lost {
                    Some(at) => (
                        at.checked_sub(1).map(|i| positions[i].0.as_str()),
                        Some(positions[at].0.as_str()),
                    ),
                    None => (positions.last().map(|(p, _)| p.as_str()), None),
                };
                t.execute(
                    "INSERT INTO pipeline_stages
                         (id, preset, label, kind, stuck_after_days, position, created_at, updated_at)
                     VALUES (?1, NULL, ?2, ?3, ?4, ?5, ?6, ?6)",
                    params![
                        ids::new_id(),
                        fields.label,
                        fields.kind,
                        fields.stuck_after_days,
                        positions::between(after, before),
                        now
                    ],
                )?;
            }
        }
        rerank(t)?;
        load_stages(t)
    })
}

/// Puts a stage between two others (ids; `None` at an end).
pub fn reorder_stage(
    db: &Database,
    id: &str,
    after: Option<&str>,
    before: Option<&str>,
) -> Result<Vec<Stage>, Error> {
    db.write(|t| {
        team::require(t, Action::ConfigurePipeline)?;
        let now = clock::now();
        write_defaults(t, &now)?;
        stage(t, id)?;
        let position_of = |stage_id: Option<&str>| -> Result<Option<String>, Error> {
            let Some(stage_id) = stage_id else {
                return Ok(None);
            };
            Ok(t.query_row(
                "SELECT position FROM pipeline_stages WHERE id = ?1 AND deleted_at IS NULL",
                [stage_id],
                |r| r.get(0),
            )
            .optional()?)
        };
        let (after, before) = (position_of(after)?, position_of(before)?);
        t.execute(
            "UPDATE pipeline_stages SET position = ?2, updated_at = ?3 WHERE id = ?1",
            params![
                id,
                positions::between(after.as_deref(), before.as_deref()),
                now
            ],
        )?;
        rerank(t)?;
        load_stages(t)
    })
}

/// Removes a stage; its cards move to `move_to` first (each move is in
/// their history; a lost stage needs the reason). The pipeline keeps at
/// least one stage of each kind.
pub fn remove_stage(
    db: &Database,
    id: &str,
    move_to: &str,
    lost_reason: Option<&str>,
) -> Result<Vec<Stage>, Error> {
    db.write(|t| {
        team::require(t, Action::ConfigurePipeline)?;
        let now = clock::now();
        write_defaults(t, &now)?;
        stage(t, id)?;
        keeps_every_kind(t, id)?;
        if move_to == id {
            let mut errors = FieldErrors::default();
            errors.add("stageId", FieldProblem::Unchangeable);
            return Err(errors.into());
        }
        let (target, reason) = check_stage(t, move_to, lost_reason)?;
        let cards: Vec<String> = t
            .prepare("SELECT id FROM artists WHERE stage_id = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let me = team::my_id(t)?;
        for card in &cards {
            write_stage(t, card, &target, reason.as_deref(), me.as_deref(), &now)?;
        }
        t.execute(
            "UPDATE pipeline_stages SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        rerank(t)?;
        load_stages(t)
    })
}

/// Refuses to change or remove `id` when it is the last stage of its kind.
fn keeps_every_kind(connection: &Connection, id: &str) -> Result<(), Error> {
    let stages = load_stages(connection)?;
    let kind = stages.iter().find(|s| s.id == id).map(|s| s.kind);
    if stages.iter().filter(|s| Some(s.kind) == kind).count() <= 1 {
        return Err(Error::LastStage);
    }
    Ok(())
}

fn label_required() -> Error {
    let mut errors = FieldErrors::default();
    errors.add("label", FieldProblem::Required);
    errors.into()
}

fn stage(connection: &Connection, id: &str) -> Result<Stage, Error> {
    load_stages(connection)?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| Error::NotFound {
            entity: Entity::Stage,
            id: id.to_owned(),
        })
}

/// Makes `device_stage_ranks` follow the stages, and the list's ranks
/// follow them, writing only what moved.
pub(crate) fn rerank(connection: &Connection) -> Result<(), Error> {
    let stages = load_stages(connection)?;
    connection.execute("DELETE FROM device_stage_ranks", [])?;
    let mut insert = connection
        .prepare_cached("INSERT INTO device_stage_ranks (stage_id, rank) VALUES (?1, ?2)")?;
    for (rank, stage) in stages.iter().enumerate() {
        insert.execute(params![stage.id, rank as i64])?;
    }
    connection.execute(
        "UPDATE artist_list SET stage_rank = ranked.rank
         FROM (SELECT a.id AS artist_id, coalesce(r.rank, 0) AS rank
               FROM artists a LEFT JOIN device_stage_ranks r ON r.stage_id = a.stage_id
               WHERE a.deleted_at IS NULL) AS ranked
         WHERE artist_list.artist_id = ranked.artist_id AND artist_list.stage_rank <> ranked.rank",
        [],
    )?;
    Ok(())
}

/// After rows came from elsewhere (a sync page, a restored conflict): new
/// or changed stages move the list's ranks.
pub(crate) fn refresh_for_rows<'a>(
    connection: &Connection,
    rows: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<(), Error> {
    if rows
        .into_iter()
        .any(|(table, _)| table == "pipeline_stages")
    {
        rerank(connection)?;
    }
    Ok(())
}

/// What the pipeline needs when the database opens: the stage of cards an
/// older app version wrote moved into `stage_id` (an edit, which syncs, with
/// the same values on every computer), and the ranks in place.
pub(crate) fn bring_up_to_date(db: &Database) -> Result<(), Error> {
    db.write(|t| {
        if !crate::storage::has_table(t, "pipeline_stages")? {
            // A schema older than V14 (only the upgrade tests open one).
            return Ok(());
        }
        move_retired_stages(t)?;
        let ranked: bool = t.query_row(
            "SELECT EXISTS (SELECT 1 FROM device_stage_ranks)",
            [],
            |r| r.get(0),
        )?;
        if !ranked {
            rerank(t)?;
        }
        Ok(())
    })
}

/// Gives every card still without a `stage_id` the default stage matching
/// its V1 `stage`, with a first history entry dated on its last edit.
fn move_retired_stages(connection: &Connection) -> Result<usize, Error> {
    let cards: Vec<(String, String, String)> = connection
        .prepare("SELECT id, stage, updated_at FROM artists WHERE stage_id IS NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (artist_id, retired, updated_at) in &cards {
        let preset = match retired.as_str() {
            "contacted" => StagePreset::Contacted,
            "negotiating" => StagePreset::InDiscussion,
            "signed" => StagePreset::Signed,
            "alumni" => StagePreset::Active,
            "declined" => StagePreset::Lost,
            _ => StagePreset::Identified,
        };
        connection
            .prepare_cached("UPDATE artists SET stage_id = ?2 WHERE id = ?1")?
            .execute(params![artist_id, preset.id()])?;
        connection
            .prepare_cached(
                "INSERT INTO artist_stage_moves
                     (id, artist_id, stage_id, entered_at, user_id, lost_reason, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, NULL, NULL, ?4, ?4)
                 ON CONFLICT (id) DO NOTHING",
            )?
            .execute(params![
                ids::link_id("artist_stage_moves", &[artist_id, preset.id()]),
                artist_id,
                preset.id(),
                updated_at
            ])?;
    }
    Ok(cards.len())
}

/// Checks the stage a card is given, and the reason a lost card needs.
/// Returns the stage and the tidied reason (none outside lost stages).
pub(crate) fn check_stage(
    connection: &Connection,
    stage_id: &str,
    lost_reason: Option<&str>,
) -> Result<(Stage, Option<String>), Error> {
    let stage = load_stages(connection)?
        .into_iter()
        .find(|s| s.id == stage_id);
    let mut errors = FieldErrors::default();
    let Some(stage) = stage else {
        errors.add("stageId", FieldProblem::UnknownStage);
        return Err(errors.into());
    };
    let reason = optional_text(lost_reason).filter(|_| stage.kind == StageKind::Lost);
    if stage.kind == StageKind::Lost && reason.is_none() {
        errors.add("lostReason", FieldProblem::Required);
    }
    if let Some(reason) = &reason {
        check_length(&mut errors, "lostReason", reason, REASON_MAX);
    }
    Ok(errors.into_result((stage, reason))?)
}

/// The first open stage: where a new card starts.
pub(crate) fn first_stage(connection: &Connection) -> Result<Stage, Error> {
    let stages = load_stages(connection)?;
    stages
        .iter()
        .find(|s| s.kind == StageKind::Open)
        .or(stages.first())
        .cloned()
        .ok_or_else(|| Error::NotFound {
            entity: Entity::Stage,
            id: String::new(),
        })
}

/// Puts a card in `stage` (an entry in its history when the stage changes;
/// only the reason otherwise).
pub(crate) fn write_stage(
    connection: &Connection,
    artist_id: &str,
    stage: &Stage,
    lost_reason: Option<&str>,
    user_id: Option<&str>,
    now: &str,
) -> Result<(), Error> {
    let current: Option<(Option<String>, String, Option<String>)> = connection
        .query_row(
            "SELECT stage_id, created_at, lost_reason FROM artists WHERE id = ?1",
            [artist_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((current, created_at, current_reason)) = current else {
        return Err(not_found(artist_id));
    };
    connection.execute(
        "UPDATE artists SET stage_id = ?2, lost_reason = ?3, updated_at = ?4
         WHERE id = ?1 AND (stage_id IS NOT ?2 OR lost_reason IS NOT ?3)",
        params![artist_id, stage.id, lost_reason, now],
    )?;
    if current.as_deref() != Some(stage.id.as_str()) {
        if let Some(first) = &current {
            // The stage the card was created in becomes a row at its first
            // move, with an id made from the card: two laptops moving it
            // offline write the same row.
            connection
                .prepare_cached(
                    "INSERT INTO artist_stage_moves
                         (id, artist_id, stage_id, entered_at, user_id, lost_reason, created_at, updated_at)
                     SELECT ?1, ?2, ?3, ?4, NULL, ?5, ?4, ?4
                     WHERE NOT EXISTS (SELECT 1 FROM artist_stage_moves
                                       WHERE artist_id = ?2 AND deleted_at IS NULL)
                     ON CONFLICT (id) DO NOTHING",
                )?
                .execute(params![
                    ids::link_id("artist_stage_moves", &[artist_id, "first"]),
                    artist_id,
                    first,
                    created_at,
                    current_reason
                ])?;
        }
        record_move(connection, artist_id, &stage.id, lost_reason, user_id, now)?;
    }
    Ok(())
}

/// A card that never moved: its one visit, read from the card.
fn first_visit(connection: &Connection, artist_id: &str) -> Result<Option<StageVisit>, Error> {
    Ok(connection
        .prepare_cached(
            "SELECT stage_id, created_at, lost_reason FROM artists
             WHERE id = ?1 AND deleted_at IS NULL AND stage_id IS NOT NULL",
        )?
        .query_row([artist_id], |r| {
            Ok(StageVisit {
                stage_id: r.get(0)?,
                entered_at: r.get(1)?,
                left_at: None,
                by: None,
                lost_reason: r.get(2)?,
            })
        })
        .optional()?)
}

/// Writes in a card's history that it entered `stage_id` at `now`.
fn record_move(
    connection: &Connection,
    artist_id: &str,
    stage_id: &str,
    lost_reason: Option<&str>,
    user_id: Option<&str>,
    now: &str,
) -> Result<(), Error> {
    connection
        .prepare_cached(
            "INSERT INTO artist_stage_moves
                 (id, artist_id, stage_id, entered_at, user_id, lost_reason, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?4, ?4)",
        )?
        .execute(params![
            ids::new_id(),
            artist_id,
            stage_id,
            now,
            user_id,
            lost_reason
        ])?;
    Ok(())
}

/// Moves a card to another stage as the person at this computer (a lost
/// stage needs a reason). Returns the card's place in the pipeline.
pub fn move_artist(
    db: &Database,
    artist_id: &str,
    stage_id: &str,
    lost_reason: Option<&str>,
) -> Result<Prospect, Error> {
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        records::require(t, RecordKind::Artist, artist_id)?;
        let (stage, reason) = check_stage(t, stage_id, lost_reason)?;
        let me = team::my_id(t)?;
        write_stage(
            t,
            artist_id,
            &stage,
            reason.as_deref(),
            me.as_deref(),
            &clock::now(),
        )?;
        prospect(t, artist_id)
    })
}

/// One stay of a card in a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StageVisit {
    pub stage_id: String,
    pub entered_at: String,
    /// When the card moved on; `None` for the stage it is in.
    pub left_at: Option<String>,
    /// Who moved it there (`None`: an older app version, or another device's
    /// member unknown here).
    pub by: Option<String>,
    pub lost_reason: Option<String>,
}

/// Every stage a card went through, oldest first.
pub fn history(db: &Database, artist_id: &str) -> Result<Vec<StageVisit>, Error> {
    db.read(|c| {
        records::require(c, RecordKind::Artist, artist_id)?;
        let mut visits: Vec<StageVisit> = c
            .prepare_cached(
                "SELECT stage_id, entered_at, user_id, lost_reason FROM artist_stage_moves
                 WHERE artist_id = ?1 AND deleted_at IS NULL ORDER BY entered_at, id",
            )?
            .query_map([artist_id], |r| {
                Ok(StageVisit {
                    stage_id: r.get(0)?,
                    entered_at: r.get(1)?,
                    left_at: None,
                    by: r.get(2)?,
                    lost_reason: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        if visits.is_empty() {
            return Ok(first_visit(c, artist_id)?.into_iter().collect());
        }
        for at in 1..visits.len() {
            visits[at - 1].left_at = Some(visits[at].entered_at.clone());
        }
        Ok(visits)
    })
}

/// A card's next action: its earliest open task in Planning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NextAction {
    pub task_id: String,
    pub title: String,
    pub due_at: Option<String>,
}

/// Why a card deserves a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Attention {
    /// An open card with nothing planned.
    NoNextAction,
    /// The next action's due time has passed.
    ActionOverdue,
    /// Longer in its stage than the stage allows.
    Stuck,
}

/// A card as the pipeline shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Prospect {
    pub artist_id: String,
    pub name: String,
    pub score: u32,
    pub stage_id: Option<String>,
    /// When the card entered its stage.
    pub entered_at: String,
    pub days_in_stage: u32,
    pub lost_reason: Option<String>,
    pub next_action: Option<NextAction>,
    pub attention: Vec<Attention>,
}

/// One column of the pipeline board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PipelineColumn {
    pub stage: Stage,
    /// Cards in the stage, over all of them.
    pub total: u32,
    /// The best-scored cards first, at most the board's page.
    pub cards: Vec<Prospect>,
}

/// The most cards a board column or a list page holds.
pub const PAGE_MAX: u32 = 200;

/// The pipeline as a board: each stage with its best-scored cards.
pub fn board(db: &Database, per_column: u32) -> Result<Vec<PipelineColumn>, Error> {
    let per_column = per_column.clamp(1, PAGE_MAX);
    db.read(|c| {
        let stages = load_stages(c)?;
        let totals: HashMap<i64, u32> = c
            .prepare_cached("SELECT stage_rank, cards FROM device_stage_counts")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut columns = Vec::with_capacity(stages.len());
        for (rank, stage) in stages.into_iter().enumerate() {
            let rank = rank as i64;
            let cards = prospects_at(c, Some(rank), 0, per_column, std::slice::from_ref(&stage))?;
            columns.push(PipelineColumn {
                total: totals.get(&rank).copied().unwrap_or(0),
                stage,
                cards,
            });
        }
        Ok(columns)
    })
}

/// A page of the pipeline as a list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct ProspectQuery {
    /// One stage only; every stage when absent.
    pub stage_id: Option<String>,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProspectPage {
    pub rows: Vec<Prospect>,
    pub total: u32,
    pub offset: u32,
}

/// The pipeline as a list, in stage order, best score first within a stage.
pub fn prospects(db: &Database, query: &ProspectQuery) -> Result<ProspectPage, Error> {
    let limit = query.limit.clamp(1, PAGE_MAX);
    db.read(|c| {
        let stages = load_stages(c)?;
        let rank = match &query.stage_id {
            Some(id) => {
                Some(
                    stages
                        .iter()
                        .position(|s| &s.id == id)
                        .ok_or_else(|| Error::NotFound {
                            entity: Entity::Stage,
                            id: id.clone(),
                        })? as i64,
                )
            }
            None => None,
        };
        let total: u32 = match rank {
            Some(rank) => c
                .prepare_cached(
                    "SELECT coalesce(max(cards), 0) FROM device_stage_counts WHERE stage_rank = ?1",
                )?
                .query_row([rank], |r| r.get(0))?,
            None => c
                .prepare_cached("SELECT coalesce(sum(cards), 0) FROM device_stage_counts")?
                .query_row([], |r| r.get(0))?,
        };
        let rows = prospects_at(c, rank, query.offset, limit, &stages)?;
        Ok(ProspectPage {
            rows,
            total,
            offset: query.offset,
        })
    })
}

/// The cards at `rank` (every rank when `None`), best score first.
fn prospects_at(
    connection: &Connection,
    rank: Option<i64>,
    offset: u32,
    limit: u32,
    stages: &[Stage],
) -> Result<Vec<Prospect>, Error> {
    let ids: Vec<String> = match rank {
        Some(rank) => connection
            .prepare_cached(
                "SELECT artist_id FROM artist_list WHERE stage_rank = ?1
                 ORDER BY stage_rank, score DESC, sort_key LIMIT ?2 OFFSET ?3",
            )?
            .query_map(params![rank, limit, offset], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
        None => connection
            .prepare_cached(
                "SELECT artist_id FROM artist_list
                 ORDER BY stage_rank, score DESC, sort_key LIMIT ?1 OFFSET ?2",
            )?
            .query_map(params![limit, offset], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
    };
    prospects_of(connection, &ids, stages)
}

/// Where one live card stands in the pipeline.
pub(crate) fn prospect(connection: &Connection, artist_id: &str) -> Result<Prospect, Error> {
    let stages = load_stages(connection)?;
    prospects_of(connection, &[artist_id.to_owned()], &stages)?
        .pop()
        .ok_or_else(|| not_found(artist_id))
}

/// The live cards `ids` as the pipeline shows them, in the same order, read
/// in one statement: their stage entry and next action come with them.
fn prospects_of(
    connection: &Connection,
    ids: &[String],
    stages: &[Stage],
) -> Result<Vec<Prospect>, Error> {
    let keys: Vec<rusqlite::types::Value> = ids.iter().cloned().map(Into::into).collect();
    let mut statement = connection.prepare_cached(
        "SELECT a.id, a.name, l.score, a.stage_id, a.lost_reason, a.created_at,
                (SELECT max(m.entered_at) FROM artist_stage_moves m
                 WHERE m.artist_id = a.id AND m.stage_id = a.stage_id AND m.deleted_at IS NULL),
                t.id, t.title, t.due_at
         FROM rarray(?1) k
         JOIN artists a ON a.id = k.value
         JOIN artist_list l ON l.artist_id = a.id
         LEFT JOIN tasks t ON t.id = (
             SELECT n.id FROM tasks n
             WHERE n.artist_id = a.id AND n.deleted_at IS NULL AND n.status IN ('todo', 'in_progress')
             ORDER BY n.due_at IS NULL, n.due_at, n.created_at LIMIT 1)
         WHERE a.deleted_at IS NULL",
    )?;
    let now = jiff::Timestamp::now();
    let mut found: HashMap<String, Prospect> = HashMap::with_capacity(ids.len());
    let mut rows = statement.query([std::rc::Rc::new(keys)])?;
    while let Some(row) = rows.next()? {
        let artist_id: String = row.get(0)?;
        let stage_id: Option<String> = row.get(3)?;
        let created_at: String = row.get(5)?;
        let entered_at = row.get::<_, Option<String>>(6)?.unwrap_or(created_at);
        let next_action = match row.get::<_, Option<String>>(7)? {
            Some(task_id) => Some(NextAction {
                task_id,
                title: row.get(8)?,
                due_at: row.get(9)?,
            }),
            None => None,
        };
        let stage = stage_id
            .as_deref()
            .and_then(|id| stages.iter().find(|s| s.id == id));
        let days_in_stage = entered_at
            .parse::<jiff::Timestamp>()
            .map(|at| (now.as_second() - at.as_second()).max(0) / 86_400)
            .unwrap_or(0) as u32;
        let attention = attention(stage, next_action.as_ref(), days_in_stage, now);
        found.insert(
            artist_id.clone(),
            Prospect {
                artist_id,
                name: row.get(1)?,
                score: row.get(2)?,
                stage_id,
                entered_at,
                days_in_stage,
                lost_reason: row.get(4)?,
                next_action,
                attention,
            },
        );
    }
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// Why an open card deserves a look: nothing planned, its action overdue,
/// longer in its stage than the stage allows. A card in a stage this device
/// does not know yet counts as open.
fn attention(
    stage: Option<&Stage>,
    next_action: Option<&NextAction>,
    days_in_stage: u32,
    now: jiff::Timestamp,
) -> Vec<Attention> {
    let (kind, stuck_after) =
        stage.map_or((StageKind::Open, None), |s| (s.kind, s.stuck_after_days));
    let mut attention = Vec::new();
    if kind != StageKind::Open {
        return attention;
    }
    match next_action {
        None => attention.push(Attention::NoNextAction),
        Some(action)
            if action
                .due_at
                .as_deref()
                .and_then(|d| d.parse::<jiff::Timestamp>().ok())
                .is_some_and(|due| due < now) =>
        {
            attention.push(Attention::ActionOverdue)
        }
        Some(_) => {}
    }
    if stuck_after.is_some_and(|days| days_in_stage > days) {
        attention.push(Attention::Stuck);
    }
    attention
}

/// Plans a card's next action: a task in Planning, linked to the artist and
/// given to the person at this computer.
pub fn plan_next_action(
    db: &Database,
    artist_id: &str,
    title: &str,
    due_at: &str,
) -> Result<Task, Error> {
    let me = db.read(|c| {
        records::require(c, RecordKind::Artist, artist_id)?;
        team::my_id(c)
    })?;
    let mut errors = FieldErrors::default();
    if due_at.trim().is_empty() {
        errors.add("dueAt", FieldProblem::Required);
        return Err(errors.into());
    }
    tasks::create(
        db,
        TaskFields {
            title: title.to_owned(),
            due_at: Some(due_at.to_owned()),
            artist_id: Some(artist_id.to_owned()),
            assignees: me.into_iter().collect(),
            ..TaskFields::default()
        },
    )
}

/// How one stage converts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StageReport {
    pub stage_id: String,
    /// Cards that ever entered the stage.
    pub entered: u32,
    /// Of those, cards that later reached a further stage that is not lost.
    pub went_further: u32,
    /// `went_further` over `entered`, in percent; `None` for a last or
    /// lost stage, where nothing goes further.
    pub conversion_percent: Option<u32>,
    /// Median days a card spent in the stage before moving on.
    pub median_days: Option<f64>,
}

/// The pipeline's conversion, stage by stage, from every card's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PipelineReport {
    pub stages: Vec<StageReport>,
    /// Cards that entered the pipeline.
    pub entered: u32,
    /// Of those, cards that reached a won stage.
    pub won: u32,
}

pub fn report(db: &Database) -> Result<PipelineReport, Error> {
    db.read(|c| {
        let stages = load_stages(c)?;
        let rank: HashMap<&str, usize> = stages
            .iter()
            .enumerate()
            .map(|(at, s)| (s.id.as_str(), at))
            .collect();
        let mut entered = vec![0_u32; stages.len()];
        let mut further = vec![0_u32; stages.len()];
        let mut stays: Vec<Vec<f64>> = vec![Vec::new(); stages.len()];
        let (mut cards, mut won) = (0_u32, 0_u32);
        // Every move, and for a card that never moved, its one visit since
        // it was created.
        let mut statement = c.prepare(
            "SELECT m.artist_id, m.stage_id, m.entered_at, m.id FROM artist_stage_moves m
             JOIN artists a ON a.id = m.artist_id
             WHERE m.deleted_at IS NULL AND a.deleted_at IS NULL
             UNION ALL
             SELECT a.id, a.stage_id, a.created_at, '' FROM artists a
             WHERE a.deleted_at IS NULL AND a.stage_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM artist_stage_moves m
                               WHERE m.artist_id = a.id AND m.deleted_at IS NULL)
             ORDER BY 1, 3, 4",
        )?;
        let mut rows = statement.query([])?;
        let mut card: Vec<(usize, jiff::Timestamp)> = Vec::new();
        let mut current: Option<String> = None;
        let mut close = |card: &mut Vec<(usize, jiff::Timestamp)>| {
            if card.is_empty() {
                return;
            }
            cards += 1;
            if card
                .iter()
                .any(|(at, _)| stages[*at].kind == StageKind::Won)
            {
                won += 1;
            }
            let mut seen = vec![false; stages.len()];
            for (index, (at, when)) in card.iter().enumerate() {
                if let Some((_, next)) = card.get(index + 1) {
                    stays[*at].push((next.as_second() - when.as_second()) as f64 / 86_400.0);
                }
                if seen[*at] {
                    continue;
                }
                seen[*at] = true;
                entered[*at] += 1;
                let goes_on = card[index + 1..]
                    .iter()
                    .any(|(later, _)| *later > *at && stages[*later].kind != StageKind::Lost);
                if goes_on {
                    further[*at] += 1;
                }
            }
            card.clear();
        };
        while let Some(row) = rows.next()? {
            let artist: String = row.get(0)?;
            let stage: String = row.get(1)?;
            let when: String = row.get(2)?;
            if current.as_deref() != Some(artist.as_str()) {
                close(&mut card);
                current = Some(artist);
            }
            if let (Some(at), Ok(when)) = (rank.get(stage.as_str()), when.parse()) {
                card.push((*at, when));
            }
        }
        close(&mut card);
        let last_not_lost = stages.iter().rposition(|s| s.kind != StageKind::Lost);
        let reports = stages
            .iter()
            .enumerate()
            .map(|(at, stage)| {
                let ends = stage.kind == StageKind::Lost || Some(at) == last_not_lost;
                StageReport {
                    stage_id: stage.id.clone(),
                    entered: entered[at],
                    went_further: further[at],
                    conversion_percent: (!ends && entered[at] > 0)
                        .then(|| (further[at] * 100 + entered[at] / 2) / entered[at]),
                    median_days: median(&mut stays[at]),
                }
            })
            .collect();
        Ok(PipelineReport {
            stages: reports,
            entered: cards,
            won,
        })
    })
}

fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    let median = if values.len().is_multiple_of(2) {
        (values[middle - 1] + values[middle]) / 2.0
    } else {
        values[middle]
    };
    // Tenths of a day are as precise as a person reads it.
    Some((median * 10.0).round() / 10.0)
}

fn not_found(id: &str) -> Error {
    Error::NotFound {
        entity: Entity::Artist,
        id: id.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_stages_have_distinct_fixed_ids_and_every_kind() {
        let stages = default_stages();
        let mut ids: Vec<&str> = stages.iter().map(|s| s.id.as_str()).collect();
        ids.dedup();
        assert_eq!(ids.len(), 7);
        for kind in StageKind::ALL {
            assert!(stages.iter().any(|s| s.kind == kind), "{kind:?}");
        }
        assert_eq!(
            StagePreset::Signed.id(),
            "0193a001-0000-7000-8000-000000000005"
        );
    }

    #[test]
    fn the_median_stay_is_read_in_tenths_of_a_day() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [1.0, 2.0]), Some(1.5));
        assert_eq!(median(&mut [1.234]), Some(1.2));
    }

    #[test]
    fn a_stuck_delay_only_applies_to_open_stages() {
        let fields = validate_stage(StageFields {
            label: Some("  Signé  ".into()),
            kind: StageKind::Won,
            stuck_after_days: Some(10),
        })
        .expect("valid");
        assert_eq!(fields.label.as_deref(), Some("Signé"));
        assert_eq!(fields.stuck_after_days, None);
        let errors = validate_stage(StageFields {
            label: None,
            kind: StageKind::Open,
            stuck_after_days: Some(0),
        })
        .expect_err("zero days");
        assert_eq!(errors.0[0].field, "stuckAfterDays");
    }
}
