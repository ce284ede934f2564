//! The history of every exchange with an artist or a sponsor: calls,
//! e-mails, DMs, meetings, notes, appearances in a live.
//!
//! Why it exists: a manager taking over an artist must see in one place who
//! said what and when, and the score's responsiveness reads who wrote first
//! and whether the artist answered (`direction`). Logging an exchange is a
//! few keystrokes from anywhere; it is signed with the person at this
//! computer and can be corrected or removed (and brought back) later.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use crate::stored_enum::stored_enum;
use crate::team::{self, Action};
use crate::validation::{self, FieldErrors, FieldProblem, check_length};
use crate::{Database, Entity, Error, clock, ids, records, scoring};

/// What kind of exchange it was.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum InteractionKind {
    Call,
    Email,
    /// A direct message on a social network.
    Message,
    Meeting,
    #[default]
    Note,
    /// The artist appeared in one of SPARK's lives.
    Live,
    Other,
}

stored_enum!(InteractionKind {
    Call => "call",
    Email => "email",
    Message => "message",
    Meeting => "meeting",
    Note => "note",
    Live => "live",
    Other => "other",
});

/// Who started the exchange.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// MONA or SPARK reached out.
    Outbound,
    /// The artist or sponsor wrote or called: an answer, or their own step.
    Inbound,
    /// Neither: a note, a meeting.
    #[default]
    None,
}

stored_enum!(Direction {
    Outbound => "outbound",
    Inbound => "inbound",
    None => "none",
});

/// Whose history an exchange belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", tag = "kind", content = "id")]
pub enum Party {
    Artist(String),
    Sponsor(String),
}

/// What a person types to log an exchange.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct InteractionFields {
    pub party: Party,
    pub kind: InteractionKind,
    pub direction: Direction,
    /// What was said or decided, a line or a few.
    pub summary: String,
    /// When it happened (RFC 3339 with an offset).
    pub occurred_at: String,
}

/// One exchange in a history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Interaction {
    pub id: String,
    pub fields: InteractionFields,
    /// Who logged it (none: logged before a team existed).
    pub author_id: Option<String>,
    pub created_at: String,
}

/// A page of a history, newest first, and where the next one starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    pub items: Vec<Interaction>,
    /// Pass it back as `before` for older exchanges; `None` at the start.
    pub next: Option<String>,
}

const SUMMARY_MAX: u32 = 5_000;
/// The largest page of a history.
pub const PAGE_MAX: u32 = 200;
/// How far ahead an exchange may be dated: a call planned for tonight can
/// be logged now; a date next year is a typing error.
const AHEAD_DAYS_MAX: i64 = 2;

fn validate(fields: InteractionFields) -> Result<InteractionFields, FieldErrors> {
    let mut errors = FieldErrors::default();
    let summary = fields.summary.trim().to_owned();
    if summary.is_empty() {
        errors.add("summary", FieldProblem::Required);
    }
    check_length(&mut errors, "summary", &summary, SUMMARY_MAX);
    let occurred_at = validation::instant(&mut errors, "occurredAt", &fields.occurred_at);
    let limit = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(AHEAD_DAYS_MAX * 24))
        .unwrap_or(jiff::Timestamp::MAX);
    if occurred_at.is_some_and(|at| at > limit) {
        errors.add("occurredAt", FieldProblem::TooFarAhead);
    }
    errors.into_result(InteractionFields {
        summary,
        occurred_at: occurred_at.map(clock::format_instant).unwrap_or_default(),
        ..fields
    })
}

const COLUMNS: &str =
    "id, kind, direction, summary, occurred_at, artist_id, sponsor_id, user_id, created_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Interaction> {
    let artist: Option<String> = row.get(5)?;
    let sponsor: Option<String> = row.get(6)?;
    Ok(Interaction {
        id: row.get(0)?,
        fields: InteractionFields {
            party: match (artist, sponsor) {
                (Some(artist), _) => Party::Artist(artist),
                (None, sponsor) => Party::Sponsor(sponsor.unwrap_or_default()),
            },
            kind: InteractionKind::parse(&row.get::<_, String>(1)?),
            direction: Direction::parse(&row.get::<_, String>(2)?),
            summary: row.get(3)?,
            occurred_at: row.get(4)?,
        },
        author_id: row.get(7)?,
        created_at: row.get(8)?,
    })
}

fn load(c: &Connection, id: &str) -> Result<Interaction, Error> {
    c.query_row(
        &format!("SELECT {COLUMNS} FROM interactions WHERE id = ?1 AND deleted_at IS NULL"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| not_found(id))
}

/// The artist and the sponsor columns for `party`, after checking it exists.
fn party_columns(c: &Connection, party: &Party) -> Result<(Option<String>, Option<String>), Error> {
    let (kind, id) = match party {
        Party::Artist(id) => (records::RecordKind::Artist, id),
        Party::Sponsor(id) => (records::RecordKind::Sponsor, id),
    };
    records::require(c, kind, id)?;
    Ok(match party {
        Party::Artist(id) => (Some(id.clone()), None),
        Party::Sponsor(id) => (None, Some(id.clone())),
    })
}

/// Logs an exchange as the person at this computer, and recomputes the
/// artist's score (their answers count).
pub fn log(db: &Database, fields: InteractionFields) -> Result<Interaction, Error> {
    let fields = validate(fields)?;
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let (artist, sponsor) = party_columns(t, &fields.party)?;
        let id = ids::new_id();
        t.execute(
            "INSERT INTO interactions
                 (id, kind, direction, summary, occurred_at, artist_id, sponsor_id, user_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                id,
                fields.kind,
                fields.direction,
                fields.summary,
                fields.occurred_at,
                artist,
                sponsor,
                team::my_id(t)?,
                clock::now()
            ],
        )?;
        refresh_score(t, &artist)?;
        load(t, &id)
    })
}

/// Corrects an exchange (what, when, who started it); it stays in the same
/// history.
pub fn update(db: &Database, id: &str, fields: InteractionFields) -> Result<Interaction, Error> {
    let fields = validate(fields)?;
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let before = load(t, id)?;
        if before.fields.party != fields.party {
            let mut errors = FieldErrors::default();
            errors.add("party", FieldProblem::Unchangeable);
            return Err(errors.into());
        }
        t.execute(
            "UPDATE interactions SET kind = ?2, direction = ?3, summary = ?4, occurred_at = ?5,
             updated_at = ?6 WHERE id = ?1",
            params![
                id,
                fields.kind,
                fields.direction,
                fields.summary,
                fields.occurred_at,
                clock::now()
            ],
        )?;
        let (artist, _) = party_columns(t, &fields.party)?;
        refresh_score(t, &artist)?;
        load(t, id)
    })
}

/// Removes an exchange from its history (a soft delete: [`restore`] brings it back).
pub fn delete(db: &Database, id: &str) -> Result<(), Error> {
    set_deleted(db, id, true)
}

pub fn restore(db: &Database, id: &str) -> Result<Interaction, Error> {
    set_deleted(db, id, false)?;
    db.read(|c| load(c, id))
}

fn set_deleted(db: &Database, id: &str, deleted: bool) -> Result<(), Error> {
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let now = clock::now();
        let artist: Option<Option<String>> = t
            .query_row(
                "UPDATE interactions SET deleted_at = ?2, updated_at = ?3
                 WHERE id = ?1 AND (deleted_at IS NULL) = ?4 RETURNING artist_id",
                params![id, deleted.then_some(&now), now, deleted],
                |r| r.get(0),
            )
            .optional()?;
        let Some(artist) = artist else {
            return Err(not_found(id));
        };
        refresh_score(t, &artist)
    })
}

fn refresh_score(c: &Connection, artist: &Option<String>) -> Result<(), Error> {
    match artist {
        Some(artist) => scoring::refresh(c, artist),
        None => Ok(()),
    }
}

/// A page of `party`'s history, newest first, older than `before` (a
/// `next` from the previous page).
pub fn timeline(
    db: &Database,
    party: &Party,
    before: Option<&str>,
    limit: u32,
) -> Result<Timeline, Error> {
    let limit = limit.clamp(1, PAGE_MAX);
    let (column, id) = match party {
        Party::Artist(id) => ("artist_id", id),
        Party::Sponsor(id) => ("sponsor_id", id),
    };
    // The cursor is "occurred_at id" of the last item shown.
    let (before_at, before_id) = before
        .and_then(|b| b.split_once(' '))
        .map_or((None, None), |(at, id)| (Some(at), Some(id)));
    db.read(|c| {
        let sql = format!(
            "SELECT {COLUMNS} FROM interactions
             WHERE {column} = ?1 AND deleted_at IS NULL
               AND (?2 IS NULL OR (occurred_at, id) < (?2, ?3))
             ORDER BY occurred_at DESC, id DESC LIMIT ?4"
        );
        let mut items: Vec<Interaction> = c
            .prepare_cached(&sql)?
            .query_map(params![id, before_at, before_id, limit + 1], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let next = if items.len() > limit as usize {
            items.truncate(limit as usize);
            items
                .last()
                .map(|last| format!("{} {}", last.fields.occurred_at, last.id))
        } else {
            None
        };
        Ok(Timeline { items, next })
    })
}

fn not_found(id: &str) -> Error {
    Error::NotFound {
        entity: Entity::Interaction,
        id: id.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(summary: &str, occurred_at: &str) -> InteractionFields {
        InteractionFields {
            party: Party::Artist("a".into()),
            kind: InteractionKind::Call,
            direction: Direction::Outbound,
            summary: summary.into(),
            occurred_at: occurred_at.into(),
        }
    }

    #[test]
    fn an_exchange_needs_words_and_a_real_date_not_next_year() {
        let errors = validate(fields("  ", "mardi")).expect_err("invalid");
        let problems: Vec<(&str, &FieldProblem)> = errors
            .0
            .iter()
            .map(|e| (e.field.as_str(), &e.problem))
            .collect();
        assert_eq!(
            problems,
            [
                ("summary", &FieldProblem::Required),
                ("occurredAt", &FieldProblem::InvalidInstant)
            ]
        );
        let next_year = jiff::Timestamp::now()
            .checked_add(jiff::SignedDuration::from_hours(24 * 365))
            .expect("date");
        let errors = validate(fields("Appel", &next_year.to_string())).expect_err("invalid");
        assert_eq!(errors.0[0].problem, FieldProblem::TooFarAhead);
    }

    #[test]
    fn the_instant_is_stored_in_utc_whatever_offset_was_typed() {
        let valid = validate(fields(" Appel ", "2026-12-01T10:30:00+01:00")).expect("valid");
        assert_eq!(valid.occurred_at, "2026-12-01T09:30:00.000Z");
        assert_eq!(valid.summary, "Appel");
    }
}
