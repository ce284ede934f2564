//! Reminders: "15 minutes before the live" becomes a notification for the
//! people on the task, at the right local time, once.
//!
//! Why it exists: a reminder is due at an instant computed from the task's
//! start (or due time), its repeat rule in its own time zone, and its
//! `remind_minutes`; the app asks [`take_due`] every few seconds and shows
//! what comes back. Each device remembers what it has shown
//! (`device_reminders_shown`), so a reminder shows once per device, and one
//! whose time passed while the app was closed shows at the next start, up
//! to [`MISSED_FOR`] later. Older ones are stale news and stay quiet.
//!
//! The in-app notification is a row of `notifications` whose key is made of
//! the task, the occurrence and the person ([`crate::ids::link_id`]), so the
//! same person's laptop and desktop make the same row and the team sync
//! merges them into one.
//!
//! Whose reminder: the task's assignees; a task with nobody on it reminds
//! its creator. A device where nobody chose who they are (one person alone)
//! is reminded of every task.

use std::collections::HashSet;

use jiff::{SignedDuration, Timestamp};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::recurrence::Recurrence;
use crate::{Database, Error, clock, ids, team};

/// How long after its time a missed reminder still shows.
pub const MISSED_FOR: SignedDuration = SignedDuration::from_hours(7 * 24);

/// A reminder to show now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    pub task_id: String,
    pub title: String,
    /// When the task (this occurrence of it) starts or is due.
    pub occurs_at: String,
    /// When the reminder was due; earlier than a few seconds ago means it
    /// was missed while the app was closed.
    pub due_at: String,
    /// The notification it became in the notification centre.
    pub notification_id: String,
}

/// The reminders due at `now` that this device has not shown yet, marked
/// shown and written to the notification centre in the same transaction.
pub fn take_due(db: &Database, now: Timestamp) -> Result<Vec<Reminder>, Error> {
    // Asked every few seconds: most of the time nothing is new, and a read
    // says so without waiting for the writer.
    let anything_new = db.read(|c| {
        let me = team::my_id(c)?;
        let mut shown = c.prepare_cached(
            "SELECT 1 FROM device_reminders_shown WHERE task_id = ?1 AND occurrence_at = ?2",
        )?;
        for reminder in due(c, me.as_deref(), now)? {
            if !shown.exists(params![reminder.task_id, reminder.occurs_at])? {
                return Ok(true);
            }
        }
        Ok::<_, Error>(false)
    })?;
    if !anything_new {
        return Ok(Vec::new());
    }
    db.write(|t| {
        let me = team::my_id(t)?;
        let due = due(t, me.as_deref(), now)?;
        let created = clock::format_instant(now);
        let mut taken = Vec::new();
        for reminder in due {
            let shown = t.execute(
                "INSERT OR IGNORE INTO device_reminders_shown (task_id, occurrence_at, shown_at)
                 VALUES (?1, ?2, ?3)",
                params![reminder.task_id, reminder.occurs_at, created],
            )?;
            if shown == 0 {
                continue;
            }
            t.execute(
                "INSERT OR IGNORE INTO notifications
                     (id, user_id, kind, title, entity_type, entity_id, occurs_at, created_at, updated_at)
                 VALUES (?1, ?2, 'reminder', ?3, 'task', ?4, ?5, ?6, ?6)",
                params![
                    reminder.notification_id,
                    me,
                    reminder.title,
                    reminder.task_id,
                    reminder.occurs_at,
                    created
                ],
            )?;
            taken.push(reminder);
        }
        Ok(taken)
    })
}

/// A task that reminds somebody, as read for [`due`].
struct Reminding {
    id: String,
    title: String,
    starts_at: String,
    time_zone: Option<String>,
    recurrence: Option<String>,
    remind: SignedDuration,
    created_at: String,
}

/// Every reminder of `me`'s tasks due in `(now - MISSED_FOR, now]`, in
/// the order they were due, shown or not.
fn due(c: &Connection, me: Option<&str>, now: Timestamp) -> Result<Vec<Reminder>, Error> {
    let mut statement = c.prepare_cached(
        "SELECT id, title, coalesce(starts_at, due_at), time_zone, recurrence, remind_minutes,
                created_at
         FROM tasks t
         WHERE remind_minutes IS NOT NULL AND deleted_at IS NULL
           AND status NOT IN ('done', 'cancelled')
           AND coalesce(starts_at, due_at) IS NOT NULL
           AND (?1 IS NULL
                OR EXISTS (SELECT 1 FROM task_assignees a
                           WHERE a.task_id = t.id AND a.user_id = ?1 AND a.deleted_at IS NULL)
                OR (created_by = ?1
                    AND NOT EXISTS (SELECT 1 FROM task_assignees a
                                    WHERE a.task_id = t.id AND a.deleted_at IS NULL)))",
    )?;
    let tasks = statement
        .query_map([me], |r| {
            Ok(Reminding {
                id: r.get(0)?,
                title: r.get(1)?,
                starts_at: r.get(2)?,
                time_zone: r.get(3)?,
                recurrence: r.get(4)?,
                remind: SignedDuration::from_mins(r.get::<_, i64>(5)?),
                created_at: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if tasks.is_empty() {
        return Ok(Vec::new());
    }
    let edited = edited_occurrences(c)?;
    let oldest = now.checked_sub(MISSED_FOR).unwrap_or(now);
    let mut due = Vec::new();
    for task in tasks {
        let Ok(first) = task.starts_at.parse::<Timestamp>() else {
            continue;
        };
        let starts = match task.recurrence.as_deref().zip(task.time_zone.as_deref()) {
            None => vec![first],
            Some((rule, zone)) => {
                // Occurrences whose reminder falls in the window.
                let from = oldest.checked_add(task.remind).unwrap_or(oldest);
                let to = now
                    .checked_add(task.remind)
                    .and_then(|t| t.checked_add(SignedDuration::from_millis(1)))
                    .unwrap_or(now);
                match Recurrence::new(rule, first, zone).and_then(|r| r.between(from, to)) {
                    Ok(occurrences) => occurrences.starts,
                    Err(_) => continue,
                }
            }
        };
        for start in starts {
            let Ok(at) = start.checked_sub(task.remind) else {
                continue;
            };
            let occurs_at = clock::format_instant(start);
            let due_at = clock::format_instant(at);
            // Set after its time had passed: the person knew already.
            let set_too_late = due_at < task.created_at;
            if at > now || at <= oldest || set_too_late {
                continue;
            }
            if task.recurrence.is_some() && edited.contains(&(task.id.clone(), occurs_at.clone())) {
                continue;
            }
            due.push(Reminder {
                notification_id: ids::link_id(
                    "notifications",
                    &["reminder", &task.id, &occurs_at, me.unwrap_or_default()],
                ),
                task_id: task.id.clone(),
                title: task.title.clone(),
                occurs_at,
                due_at,
            });
        }
    }
    due.sort_by(|a, b| (&a.due_at, &a.task_id).cmp(&(&b.due_at, &b.task_id)));
    Ok(due)
}

/// Occurrences of repeating tasks edited (or deleted) on their own: their
/// own row reminds instead, or nothing does.
fn edited_occurrences(c: &Connection) -> Result<HashSet<(String, String)>, Error> {
    let mut statement = c.prepare_cached(
        "SELECT series_id, occurrence_at FROM tasks
         WHERE series_id IS NOT NULL AND occurrence_at IS NOT NULL",
    )?;
    let edited = statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(edited)
}
