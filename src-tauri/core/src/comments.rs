//! The conversation on a task: who said what, when, in Markdown.
//!
//! Why it exists: the decisions about a task ("le label veut le teaser
//! pour jeudi") belong on the task, not in a chat that scrolls away. Anyone
//! who may edit tasks comments; a comment is changed by its author (or an
//! admin, who moderates) and deleted by its author or by someone who may
//! delete others' tasks.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::team::{self, Action};
use crate::validation::{FieldErrors, FieldProblem, check_length};
use crate::{Database, Entity, Error, clock, ids, tasks};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    pub id: String,
    /// The member who wrote it (none: written before a team existed).
    pub author_id: Option<String>,
    /// Markdown.
    pub body: String,
    pub created_at: String,
    /// Changed after it was written.
    pub edited: bool,
}

const BODY_MAX: u32 = 10_000;

fn checked_body(body: &str) -> Result<String, Error> {
    let body = body.trim().to_owned();
    let mut errors = FieldErrors::default();
    if body.is_empty() {
        errors.add("body", FieldProblem::Required);
    }
    check_length(&mut errors, "body", &body, BODY_MAX);
    Ok(errors.into_result(body)?)
}

/// Writes a comment on a task, as the person at this computer.
pub fn add(db: &Database, task_id: &str, body: &str) -> Result<Vec<Comment>, Error> {
    let body = checked_body(body)?;
    db.write(|t| {
        team::require(t, Action::EditTasks)?;
        tasks::load(t, task_id)?;
        let now = clock::now();
        t.execute(
            "INSERT INTO task_comments (id, task_id, author_id, body, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![ids::new_id(), task_id, team::my_id(t)?, body, now],
        )?;
        of_task(t, task_id)
    })
}

/// Rewrites one's own comment.
pub fn edit(db: &Database, comment_id: &str, body: &str) -> Result<Vec<Comment>, Error> {
    let body = checked_body(body)?;
    db.write(|t| {
        let (task_id, author) = find(t, comment_id)?;
        team::require(t, Action::EditTasks)?;
        if author != team::my_id(t)? {
            // Words are their author's: only an admin, moderating, rewrites them.
            team::require(t, Action::ManageTeam)?;
        }
        // An edit always lands after the writing, even within the same
        // millisecond: "edited" is read from the two instants.
        t.execute(
            "UPDATE task_comments
             SET body = ?2,
                 updated_at = max(?3, strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+0.001 seconds'))
             WHERE id = ?1",
            params![comment_id, body, clock::now()],
        )?;
        of_task(t, &task_id)
    })
}

/// Deletes a comment: one's own, or another's with the right to delete
/// others' tasks.
pub fn delete(db: &Database, comment_id: &str) -> Result<Vec<Comment>, Error> {
    db.write(|t| {
        let (task_id, author) = find(t, comment_id)?;
        let mine = author.is_some() && author == team::my_id(t)?;
        team::require(
            t,
            if mine {
                Action::EditTasks
            } else {
                Action::DeleteOthersTasks
            },
        )?;
        let now = clock::now();
        t.execute(
            "UPDATE task_comments SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![comment_id, now],
        )?;
        of_task(t, &task_id)
    })
}

/// The task and author of a live comment.
fn find(c: &Connection, comment_id: &str) -> Result<(String, Option<String>), Error> {
    c.query_row(
        "SELECT task_id, author_id FROM task_comments WHERE id = ?1 AND deleted_at IS NULL",
        [comment_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        entity: Entity::Comment,
        id: comment_id.to_owned(),
    })
}

/// A task's live comments, oldest first.
pub(crate) fn of_task(c: &Connection, task_id: &str) -> Result<Vec<Comment>, Error> {
    let mut statement = c.prepare_cached(
        "SELECT id, author_id, body, created_at, updated_at > created_at FROM task_comments
         WHERE task_id = ?1 AND deleted_at IS NULL ORDER BY created_at, id",
    )?;
    let comments = statement
        .query_map([task_id], |r| {
            Ok(Comment {
                id: r.get(0)?,
                author_id: r.get(1)?,
                body: r.get(2)?,
                created_at: r.get(3)?,
                edited: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(comments)
}
