//! A task's checklist: the small steps of one task ("exporter le mix",
//! "envoyer au label"), ticked one by one, in an order that stays.
//!
//! Why it exists: Trello and Google Tasks users split a task into steps
//! without making each one a task; the board shows "2/5" on the card. Items
//! sit in order by fractional positions ([`crate::positions`]), so two
//! people reordering offline never renumber each other's items.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::team::{self, Action};
use crate::validation::{FieldErrors, FieldProblem, check_length};
use crate::{Database, Entity, Error, clock, ids, positions, tasks};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    pub id: String,
    pub text: String,
    pub done: bool,
}

const TEXT_MAX: u32 = 500;

fn checked_text(text: &str) -> Result<String, Error> {
    let text = text.trim().to_owned();
    let mut errors = FieldErrors::default();
    if text.is_empty() {
        errors.add("text", FieldProblem::Required);
    }
    check_length(&mut errors, "text", &text, TEXT_MAX);
    Ok(errors.into_result(text)?)
}

/// Adds a step at the end of the task's checklist.
pub fn add(db: &Database, task_id: &str, text: &str) -> Result<Vec<ChecklistItem>, Error> {
    let text = checked_text(text)?;
    db.write(|t| {
        team::require(t, Action::EditTasks)?;
        tasks::load(t, task_id)?;
        let last: Option<String> = t.query_row(
            "SELECT max(position) FROM task_checklist_items WHERE task_id = ?1 AND deleted_at IS NULL",
            [task_id],
            |r| r.get(0),
        )?;
        let now = clock::now();
        t.execute(
            "INSERT INTO task_checklist_items (id, task_id, text, done, position, created_at, updated_at)
             VALUES (?1, ?2, ?3, 0, ?4, ?5, ?5)",
            params![ids::new_id(), task_id, text, positions::between(last.as_deref(), None), now],
        )?;
        of_task(t, task_id)
    })
}

/// Ticks or unticks a step.
pub fn set_done(db: &Database, item_id: &str, done: bool) -> Result<Vec<ChecklistItem>, Error> {
    change(db, item_id, "done = ?2", &done)
}

/// Rewords a step.
pub fn rename(db: &Database, item_id: &str, text: &str) -> Result<Vec<ChecklistItem>, Error> {
    let text = checked_text(text)?;
    change(db, item_id, "text = ?2", &text)
}

/// Takes a step off the list.
pub fn remove(db: &Database, item_id: &str) -> Result<Vec<ChecklistItem>, Error> {
    change(db, item_id, "deleted_at = ?2", &clock::now())
}

/// Sets one column of a live item and returns its task's checklist.
fn change(
    db: &Database,
    item_id: &str,
    set: &str,
    value: &dyn rusqlite::ToSql,
) -> Result<Vec<ChecklistItem>, Error> {
    db.write(|t| {
        team::require(t, Action::EditTasks)?;
        let task_id: String = t
            .query_row(
                "SELECT task_id FROM task_checklist_items WHERE id = ?1 AND deleted_at IS NULL",
                [item_id],
                |r| r.get(0),
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Error::NotFound {
                    entity: Entity::ChecklistItem,
                    id: item_id.to_owned(),
                },
                other => other.into(),
            })?;
        t.execute(
            &format!("UPDATE task_checklist_items SET {set}, updated_at = ?3 WHERE id = ?1"),
            params![item_id, value, clock::now()],
        )?;
        of_task(t, &task_id)
    })
}

/// The live steps of a task, in order.
pub(crate) fn of_task(c: &Connection, task_id: &str) -> Result<Vec<ChecklistItem>, Error> {
    let mut statement = c.prepare_cached(
        "SELECT id, text, done FROM task_checklist_items
         WHERE task_id = ?1 AND deleted_at IS NULL ORDER BY position, id",
    )?;
    let items = statement
        .query_map([task_id], |r| {
            Ok(ChecklistItem {
                id: r.get(0)?,
                text: r.get(1)?,
                done: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(items)
}
