//! The notification centre: what the app has to tell the person at this
//! computer (a reminder, later a mention or a sync problem), newest first,
//! read or not.
//!
//! Why it exists: one list for every module, so nothing important hides in
//! a corner of one screen. Notifications are synced like any record; each
//! person sees their own and those addressed to the whole team.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::{Database, Entity, Error, clock, team};

/// How many notifications the centre shows (the newest).
pub const SHOWN: u32 = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    pub id: String,
    /// What it is about: "reminder".
    pub kind: String,
    pub title: String,
    pub body: String,
    /// The record it is about ("task" and its id), to open it.
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    /// When the thing it is about happens, if it happens at a time.
    pub occurs_at: Option<String>,
    pub read: bool,
    pub created_at: String,
}

/// The centre's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Inbox {
    /// The newest [`SHOWN`], newest first.
    pub items: Vec<Notification>,
    /// How many are unread, all of them.
    pub unread: u32,
}

/// Rows addressed to `?1` (the person here) or to everybody; with nobody
/// chosen on this computer, every row.
const MINE: &str = "deleted_at IS NULL AND (?1 IS NULL OR user_id IS NULL OR user_id = ?1)";

pub fn inbox(db: &Database) -> Result<Inbox, Error> {
    db.read(|c| {
        let me = team::my_id(c)?;
        let mut statement = c.prepare_cached(&format!(
            "SELECT id, kind, title, body, entity_type, entity_id, occurs_at, read_at IS NOT NULL,
                    created_at
             FROM notifications WHERE {MINE}
             ORDER BY created_at DESC, id DESC LIMIT {SHOWN}"
        ))?;
        let items = statement
            .query_map([&me], |r| {
                Ok(Notification {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    title: r.get(2)?,
                    body: r.get(3)?,
                    entity_type: r.get(4)?,
                    entity_id: r.get(5)?,
                    occurs_at: r.get(6)?,
                    read: r.get(7)?,
                    created_at: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let unread = c.query_row(
            &format!("SELECT count(*) FROM notifications WHERE {MINE} AND read_at IS NULL"),
            [&me],
            |r| r.get(0),
        )?;
        Ok(Inbox { items, unread })
    })
}

/// Marks one notification read.
pub fn mark_read(db: &Database, id: &str) -> Result<Inbox, Error> {
    db.write(|t| {
        let changed = t.execute(
            "UPDATE notifications SET read_at = ?2, updated_at = ?2
             WHERE id = ?1 AND deleted_at IS NULL AND read_at IS NULL",
            params![id, clock::now()],
        )?;
        if changed == 0 && !exists(t, id)? {
            return Err(Error::NotFound {
                entity: Entity::Notification,
                id: id.to_owned(),
            });
        }
        Ok(())
    })?;
    inbox(db)
}

/// Marks every notification of the person here read.
pub fn mark_all_read(db: &Database) -> Result<Inbox, Error> {
    db.write(|t| {
        let me = team::my_id(t)?;
        t.execute(
            &format!(
                "UPDATE notifications SET read_at = ?2, updated_at = ?2
                 WHERE {MINE} AND read_at IS NULL"
            ),
            params![me, clock::now()],
        )?;
        Ok(())
    })?;
    inbox(db)
}

fn exists(c: &Connection, id: &str) -> Result<bool, Error> {
    Ok(c.query_row(
        "SELECT count(*) FROM notifications WHERE id = ?1 AND deleted_at IS NULL",
        [id],
        |r| r.get::<_, i64>(0),
    )? > 0)
}
