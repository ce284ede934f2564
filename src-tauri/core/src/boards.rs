//! Kanban boards: columns of cards, each card a task.
//!
//! Why it exists: the board is one view of the tasks, with its own order
//! (a fractional index per card, [`crate::positions`]) and its own rules: a
//! column may close the cards moved into it (its `status`) and may have a
//! work-in-progress limit, which the view reports when it is exceeded (a
//! warning, as in the Kanban tools the team knows, not a refusal).

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::tasks::{self, Task, TaskStatus};
use crate::team::{self, Action};
use crate::validation::{FieldErrors, FieldProblem, check_length};
use crate::{Database, Entity, Error, clock, ids, positions};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ColumnFields {
    pub name: String,
    pub wip_limit: Option<u32>,
    /// The status a card takes when moved here.
    pub status: Option<TaskStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BoardFields {
    pub name: String,
    /// The columns a new board starts with, in order.
    pub columns: Vec<ColumnFields>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BoardSummary {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Column {
    pub id: String,
    pub fields: ColumnFields,
    /// Cards in the column now.
    pub cards: Vec<Task>,
    /// More cards than its work-in-progress limit.
    pub over_limit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Board {
    pub id: String,
    pub name: String,
    pub columns: Vec<Column>,
}

const NAME_MAX: u32 = 100;

fn validate_name(errors: &mut FieldErrors, field: &str, name: &str) -> String {
    let name = name.trim().to_owned();
    if name.is_empty() {
        errors.add(field, FieldProblem::Required);
    }
    check_length(errors, field, &name, NAME_MAX);
    name
}

/// Every board, in order.
pub fn list(db: &Database) -> Result<Vec<BoardSummary>, Error> {
    db.read(|c| {
        let mut statement = c.prepare(
            "SELECT id, name FROM boards WHERE deleted_at IS NULL ORDER BY position, id",
        )?;
        let boards = statement
            .query_map([], |r| {
                Ok(BoardSummary {
                    id: r.get(0)?,
                    name: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(boards)
    })
}

/// Creates a board with its first columns.
pub fn create(db: &Database, fields: BoardFields) -> Result<Board, Error> {
    let mut errors = FieldErrors::default();
    let name = validate_name(&mut errors, "name", &fields.name);
    let columns: Vec<ColumnFields> = fields
        .columns
        .into_iter()
        .enumerate()
        .map(|(n, column)| ColumnFields {
            name: validate_name(&mut errors, &format!("columns.{n}.name"), &column.name),
            ..column
        })
        .collect();
    let columns = errors.into_result(columns)?;
    db.write(|t| {
        team::require(t, Action::ManageBoards)?;
        let (id, _) = insert_board(t, &name, &columns)?;
        load(t, &id)
    })
}

/// Stores a checked board after the others, with its columns in order;
/// returns its id and its columns' ids.
pub(crate) fn insert_board(
    t: &rusqlite::Transaction<'_>,
    name: &str,
    columns: &[ColumnFields],
) -> Result<(String, Vec<String>), Error> {
    let id = ids::new_id();
    let now = clock::now();
    let last: Option<String> = t.query_row(
        "SELECT max(position) FROM boards WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )?;
    t.execute(
        "INSERT INTO boards (id, name, position, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![id, name, positions::between(last.as_deref(), None), now],
    )?;
    let mut column_ids = Vec::with_capacity(columns.len());
    for (column, position) in columns.iter().zip(positions::sequence(columns.len())) {
        column_ids.push(insert_column(t, &id, column, &position, &now)?);
    }
    Ok((id, column_ids))
}

/// Adds a column at the end of a board.
pub fn add_column(db: &Database, board_id: &str, fields: ColumnFields) -> Result<Board, Error> {
    let mut errors = FieldErrors::default();
    let name = validate_name(&mut errors, "name", &fields.name);
    let fields = errors.into_result(ColumnFields { name, ..fields })?;
    db.write(|t| {
        team::require(t, Action::ManageBoards)?;
        exists(t, board_id)?;
        let last: Option<String> = t.query_row(
            "SELECT max(position) FROM board_columns WHERE board_id = ?1 AND deleted_at IS NULL",
            [board_id],
            |r| r.get(0),
        )?;
        let position = positions::between(last.as_deref(), None);
        insert_column(t, board_id, &fields, &position, &clock::now())?;
        load(t, board_id)
    })
}

/// Renames a column, or changes its limit or status.
pub fn update_column(db: &Database, column_id: &str, fields: ColumnFields) -> Result<Board, Error> {
    let mut errors = FieldErrors::default();
    let name = validate_name(&mut errors, "name", &fields.name);
    let fields = errors.into_result(ColumnFields { name, ..fields })?;
    db.write(|t| {
        team::require(t, Action::ManageBoards)?;
        let board = board_of(t, column_id)?;
        t.execute(
            "UPDATE board_columns SET name = ?2, wip_limit = ?3, status = ?4, updated_at = ?5
             WHERE id = ?1",
            params![
                column_id,
                fields.name,
                fields.wip_limit,
                fields.status.map(TaskStatus::as_str),
                clock::now()
            ],
        )?;
        load(t, &board)
    })
}

/// Removes a column; its cards go to the end of the board's first other
/// column, so that no card is lost with it.
pub fn remove_column(db: &Database, column_id: &str) -> Result<Board, Error> {
    db.write(|t| {
        team::require(t, Action::ManageBoards)?;
        let board = board_of(t, column_id)?;
        let other: Option<String> = t
            .query_row(
                "SELECT id FROM board_columns WHERE board_id = ?1 AND id <> ?2 AND deleted_at IS NULL
                 ORDER BY position, id LIMIT 1",
                params![board, column_id],
                |r| r.get(0),
            )
            .optional()?;
        let now = clock::now();
        let cards: Vec<String> = t
            .prepare(
                "SELECT id FROM tasks WHERE column_id = ?1 AND deleted_at IS NULL
                 ORDER BY position, id",
            )?
            .query_map([column_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut last = tasks::last_position(t, other.as_deref())?;
        for card in cards {
            let position = positions::between(last.as_deref(), None);
            t.execute(
                "UPDATE tasks SET column_id = ?2, position = ?3, updated_at = ?4 WHERE id = ?1",
                params![card, other, position, now],
            )?;
            last = Some(position);
        }
        t.execute(
            "UPDATE board_columns SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![column_id, now],
        )?;
        load(t, &board)
    })
}

/// Moves a card into `column_id`, between the cards `after` (above it) and
/// `before` (below it); either may be absent. A column with a status gives
/// it to the card.
pub fn move_card(
    db: &Database,
    task_id: &str,
    column_id: &str,
    after: Option<&str>,
    before: Option<&str>,
) -> Result<Task, Error> {
    db.write(|t| {
        team::require(t, Action::EditTasks)?;
        let status: Option<Option<String>> = t
            .query_row(
                "SELECT status FROM board_columns WHERE id = ?1 AND deleted_at IS NULL",
                [column_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(status) = status else {
            return Err(Error::NotFound {
                entity: Entity::Column,
                id: column_id.to_owned(),
            });
        };
        let position_of = |card: Option<&str>| -> Result<Option<String>, Error> {
            let Some(card) = card else { return Ok(None) };
            Ok(t.query_row(
                "SELECT position FROM tasks WHERE id = ?1 AND column_id = ?2 AND deleted_at IS NULL",
                params![card, column_id],
                |r| r.get(0),
            )
            .optional()?)
        };
        let (above, below) = (position_of(after)?, position_of(before)?);
        let position = match (&above, &below) {
            (None, None) if after.is_none() && before.is_none() => {
                // Dropped on the column itself: at its end.
                let last = tasks::last_position(t, Some(column_id))?;
                positions::between(last.as_deref(), None)
            }
            _ => positions::between(above.as_deref(), below.as_deref()),
        };
        let changed = t.execute(
            "UPDATE tasks SET column_id = ?2, position = ?3, status = coalesce(?4, status),
                 updated_at = ?5
             WHERE id = ?1 AND deleted_at IS NULL",
            params![task_id, column_id, position, status, clock::now()],
        )?;
        if changed == 0 {
            return Err(tasks::not_found(task_id));
        }
        tasks::load(t, task_id)
    })
}

/// A board with its columns and their cards, in order.
pub fn get(db: &Database, board_id: &str) -> Result<Board, Error> {
    db.read(|c| load(c, board_id))
}

fn insert_column(
    c: &Connection,
    board_id: &str,
    fields: &ColumnFields,
    position: &str,
    now: &str,
) -> Result<String, Error> {
    let id = ids::new_id();
    c.execute(
        "INSERT INTO board_columns (id, board_id, name, position, wip_limit, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            id,
            board_id,
            fields.name,
            position,
            fields.wip_limit,
            fields.status.map(TaskStatus::as_str),
            now
        ],
    )?;
    Ok(id)
}

fn exists(c: &Connection, board_id: &str) -> Result<(), Error> {
    c.query_row(
        "SELECT 1 FROM boards WHERE id = ?1 AND deleted_at IS NULL",
        [board_id],
        |_| Ok(()),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        entity: Entity::Board,
        id: board_id.to_owned(),
    })
}

fn board_of(c: &Connection, column_id: &str) -> Result<String, Error> {
    c.query_row(
        "SELECT board_id FROM board_columns WHERE id = ?1 AND deleted_at IS NULL",
        [column_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        entity: Entity::Column,
        id: column_id.to_owned(),
    })
}

fn load(c: &Connection, board_id: &str) -> Result<Board, Error> {
    let name: String = c
        .query_row(
            "SELECT name FROM boards WHERE id = ?1 AND deleted_at IS NULL",
            [board_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound {
            entity: Entity::Board,
            id: board_id.to_owned(),
        })?;
    let mut columns: Vec<Column> = c
        .prepare_cached(
            "SELECT id, name, wip_limit, status FROM board_columns
             WHERE board_id = ?1 AND deleted_at IS NULL ORDER BY position, id",
        )?
        .query_map([board_id], |r| {
            Ok(Column {
                id: r.get(0)?,
                fields: ColumnFields {
                    name: r.get(1)?,
                    wip_limit: r.get(2)?,
                    status: r
                        .get::<_, Option<String>>(3)?
                        .map(|s| TaskStatus::parse(&s)),
                },
                cards: Vec::new(),
                over_limit: false,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let index: HashMap<String, usize> = columns
        .iter()
        .enumerate()
        .map(|(n, column)| (column.id.clone(), n))
        .collect();
    // All the board's cards in one query, then their links in two.
    const IN_COLUMNS: &str = "column_id IN (SELECT id FROM board_columns
                                  WHERE board_id = ?1 AND deleted_at IS NULL)
                              AND deleted_at IS NULL";
    let on_board = format!("IN (SELECT id FROM tasks WHERE {IN_COLUMNS})");
    let mut statement = c.prepare_cached(&format!(
        "SELECT {} FROM tasks WHERE {IN_COLUMNS} ORDER BY position, id",
        tasks::COLUMNS
    ))?;
    let cards = statement
        .query_map([board_id], tasks::task_row)?
        .collect::<rusqlite::Result<Vec<Task>>>()?;
    let links = |sql: &str| -> Result<HashMap<String, Vec<String>>, Error> {
        let mut found: HashMap<String, Vec<String>> = HashMap::new();
        let mut statement = c.prepare_cached(sql)?;
        for pair in statement.query_map([board_id], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))? {
            let (task, other) = pair?;
            found.entry(task).or_default().push(other);
        }
        Ok(found)
    };
    let mut assignees = links(&format!(
        "SELECT task_id, user_id FROM task_assignees
         WHERE deleted_at IS NULL AND task_id {on_board} ORDER BY created_at, user_id"
    ))?;
    let mut labels = links(&format!(
        "SELECT entity_id, tag_id FROM entity_tags
         WHERE entity_type = 'task' AND deleted_at IS NULL AND entity_id {on_board}
         ORDER BY created_at, tag_id"
    ))?;
    for mut card in cards {
        card.fields.assignees = assignees.remove(&card.id).unwrap_or_default();
        card.fields.labels = labels.remove(&card.id).unwrap_or_default();
        let column = card.fields.column_id.as_ref().and_then(|id| index.get(id));
        if let Some(&n) = column {
            columns[n].cards.push(card);
        }
    }
    for column in &mut columns {
        column.over_limit = column
            .fields
            .wip_limit
            .is_some_and(|limit| column.cards.len() > limit as usize);
    }
    Ok(Board {
        id: board_id.to_owned(),
        name,
        columns,
    })
}
