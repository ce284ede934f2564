//! Keep in touch: an artist MONA wants to hear from every N days becomes a
//! notification when nothing was exchanged for that long.
//!
//! Why it exists: relationships go cold quietly. A cadence on the card
//! ("every 30 days") and the history of exchanges say when the next contact
//! is due; [`notify_due`] turns each due contact into one notification per
//! person who follows the artist, and a new exchange resets the clock.
//!
//! The notification's key is made of the artist, the day it fell due and
//! the person ([`crate::ids::link_id`]): asked again, or on another of the
//! person's computers, it is the same row, so it shows once.
//!
//! Who is told: the artist's owner and the members responsible for them;
//! an artist nobody follows tells everyone, and a computer where nobody
//! chose who they are is told of every artist.

use jiff::ToSpan;
use jiff::civil::Date;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::{Database, Error, clock, ids, team};

/// The day of artist `a`'s last exchange, or of its card's making.
const LAST_CONTACT: &str = "substr(coalesce((SELECT max(i.occurred_at) FROM interactions i
                                     WHERE i.artist_id = a.id AND i.deleted_at IS NULL),
                                    a.created_at), 1, 10)";

/// When an artist should next be contacted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NextContact {
    /// The day the next contact is due (`YYYY-MM-DD`).
    pub due_on: String,
    /// Whether that day has come.
    pub overdue: bool,
}

/// The day `artist_id` should next be contacted, from its cadence and the
/// last exchange (or the day the card was made); `None` without a cadence.
pub(crate) fn next_contact(
    c: &Connection,
    artist_id: &str,
    today: Date,
) -> Result<Option<NextContact>, Error> {
    let sql = format!(
        "SELECT a.contact_every_days, {LAST_CONTACT} FROM artists a
         WHERE a.id = ?1 AND a.contact_every_days IS NOT NULL"
    );
    let row: Option<(u32, String)> = c
        .prepare_cached(&sql)?
        .query_row([artist_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(row
        .and_then(|(every, last)| due_day(&last, every))
        .map(|due| NextContact {
            overdue: due <= today,
            due_on: due.to_string(),
        }))
}

fn due_day(last_contact: &str, every_days: u32) -> Option<Date> {
    let last: Date = last_contact.parse().ok()?;
    last.checked_add(i64::from(every_days).days()).ok()
}

/// Writes a notification for every contact due by `today` that the person
/// at this computer should make and was not told of yet. Returns how many
/// were new.
pub fn notify_due(db: &Database, today: Date) -> Result<u32, Error> {
    db.write(|t| {
        let me = team::my_id(t)?;
        let sql = format!(
            "SELECT a.id, a.name, a.contact_every_days, {LAST_CONTACT}
             FROM artists a
             WHERE a.contact_every_days IS NOT NULL AND a.deleted_at IS NULL
               AND (?1 IS NULL OR a.owner_id = ?1
                    OR EXISTS (SELECT 1 FROM responsibilities r
                               WHERE r.entity_type = 'artist' AND r.entity_id = a.id
                                 AND r.user_id = ?1 AND r.part = 'responsible' AND r.deleted_at IS NULL)
                    OR (a.owner_id IS NULL
                        AND NOT EXISTS (SELECT 1 FROM responsibilities r
                                        WHERE r.entity_type = 'artist' AND r.entity_id = a.id
                                          AND r.part = 'responsible' AND r.deleted_at IS NULL)))"
        );
        let mut statement = t.prepare_cached(&sql)?;
        let due: Vec<(String, String, String)> = statement
            .query_map([&me], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, u32>(2)?, r.get::<_, String>(3)?)))?
            .filter_map(|row| match row {
                Ok((id, name, every, last)) => due_day(&last, every)
                    .filter(|day| *day <= today)
                    .map(|day| Ok((id, name, day.to_string()))),
                Err(e) => Some(Err(e)),
            })
            .collect::<rusqlite::Result<_>>()?;
        let now = clock::now();
        let mut new = 0;
        for (artist_id, name, day) in due {
            let id = ids::link_id(
                "notifications",
                &["keep_in_touch", &artist_id, &day, me.as_deref().unwrap_or_default()],
            );
            new += t.execute(
                "INSERT OR IGNORE INTO notifications
                     (id, user_id, kind, title, body, entity_type, entity_id, created_at, updated_at)
                 VALUES (?1, ?2, 'keep_in_touch', ?3, ?4, 'artist', ?5, ?6, ?6)",
                params![id, me, name, day, artist_id, now],
            )? as u32;
        }
        Ok(new)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_contact_falls_the_cadence_after_the_last_exchange() {
        assert_eq!(
            due_day("2026-11-01", 30).map(|d| d.to_string()),
            Some("2026-12-01".into())
        );
        assert_eq!(due_day("pas une date", 30), None);
    }
}
