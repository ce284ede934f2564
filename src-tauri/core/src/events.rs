//! SPARK's events: lives, shoots, meetings, releases, with the team members
//! taking part, on the team calendar beside the tasks.
//!
//! Why it exists: an event is what the calendar, the live planning and the
//! sponsor deliverables point at. This module validates one (times in the
//! zone they were picked in, a repeat rule that can be followed), stores it
//! with its attendees in one transaction, and checks rights: records are
//! created and changed with `EditRecords`, deleted with `DeleteRecords`.

use rusqlite::types::ToSql;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use crate::links::{self, Link};
use crate::recurrence::{Recurrence, RecurrenceProblem};
use crate::responsibilities;
use crate::series::{self, Scope, Table};
use crate::stored_enum::stored_enum;
use crate::team::{self, Action};
use crate::validation::{self, FieldErrors, FieldProblem, check_length, optional_text};
use crate::{Database, Entity, Error, clock, ids};

/// What kind of event it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Live,
    #[default]
    Event,
    Shoot,
    Meeting,
    Release,
    Other,
}

stored_enum!(EventKind {
    Live => "live",
    Event => "event",
    Shoot => "shoot",
    Meeting => "meeting",
    Release => "release",
    Other => "other",
});

/// Where an event stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    #[default]
    Planned,
    Confirmed,
    Done,
    Cancelled,
}

stored_enum!(EventStatus {
    Planned => "planned",
    Confirmed => "confirmed",
    Done => "done",
    Cancelled => "cancelled",
});

/// What a person sets on an event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct EventFields {
    pub title: String,
    pub kind: EventKind,
    /// Markdown.
    pub description: String,
    /// Instants in storage format; an all-day event runs from the start of
    /// its first day to the start of the day after its last, in `time_zone`.
    pub starts_at: String,
    pub ends_at: String,
    /// The IANA zone the times were picked in ("Europe/Paris").
    pub time_zone: String,
    pub all_day: bool,
    pub location: Option<String>,
    pub status: EventStatus,
    /// Repeats: an RFC 5545 rule, from the start, in `time_zone`.
    pub recurrence: Option<String>,
    /// Team members taking part (ids).
    pub attendees: Vec<String>,
    pub artist_id: Option<String>,
    pub sponsor_id: Option<String>,
    /// Who runs it.
    pub owner_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub id: String,
    pub fields: EventFields,
    pub created_at: String,
    pub updated_at: String,
}

const TITLE_MAX: u32 = 200;
const DESCRIPTION_MAX: u32 = 20_000;
const LOCATION_MAX: u32 = 300;

/// Checks every field; returns them tidied or every problem found.
pub fn validate(fields: EventFields) -> Result<EventFields, FieldErrors> {
    let mut errors = FieldErrors::default();
    let title = fields.title.trim().to_owned();
    if title.is_empty() {
        errors.add("title", FieldProblem::Required);
    }
    check_length(&mut errors, "title", &title, TITLE_MAX);
    check_length(
        &mut errors,
        "description",
        &fields.description,
        DESCRIPTION_MAX,
    );
    let location = optional_text(fields.location.as_deref());
    if let Some(location) = &location {
        check_length(&mut errors, "location", location, LOCATION_MAX);
    }
    let mut instant = |field: &str, value: &str| validation::instant(&mut errors, field, value);
    let start = instant("startsAt", &fields.starts_at);
    let end = instant("endsAt", &fields.ends_at);
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        errors.add("endsAt", FieldProblem::EndsBeforeStart);
    }
    if jiff::tz::TimeZone::get(&fields.time_zone).is_err() {
        errors.add("timeZone", FieldProblem::UnknownTimeZone);
    }
    let recurrence = fields
        .recurrence
        .map(|r| r.trim().trim_start_matches("RRULE:").to_owned())
        .filter(|r| !r.is_empty());
    if let (Some(rule), Some(first)) = (&recurrence, start)
        && let Err(RecurrenceProblem::Unreadable { .. }) =
            Recurrence::new(rule, first, &fields.time_zone)
    {
        errors.add("recurrence", FieldProblem::InvalidRecurrence);
    }
    let mut attendees = Vec::new();
    for id in fields.attendees {
        if !attendees.contains(&id) {
            attendees.push(id);
        }
    }
    errors.into_result(EventFields {
        title,
        location,
        recurrence,
        attendees,
        starts_at: start.map(clock::format_instant).unwrap_or_default(),
        ends_at: end.map(clock::format_instant).unwrap_or_default(),
        ..fields
    })
}

/// Creates an event.
pub fn create(db: &Database, fields: EventFields) -> Result<Event, Error> {
    let fields = validate(fields)?;
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let id = ids::new_id();
        insert(t, &id, &fields, None)?;
        load(t, &id)
    })
}

/// Stores a validated event under `id`, with its attendees; `ical_uid` is
/// the iCalendar UID it was imported from.
pub(crate) fn insert(
    t: &rusqlite::Transaction<'_>,
    id: &str,
    fields: &EventFields,
    ical_uid: Option<&str>,
) -> Result<(), Error> {
    let now = clock::now();
    let names: String = EDITABLE.iter().map(|c| format!(", {c}")).collect();
    let values: String = EDITABLE.iter().map(|c| format!(", :{c}")).collect();
    let mut bound = editable_values(fields, &now);
    bound.extend([
        (":id", &id as &dyn ToSql),
        (":ical_uid", &ical_uid),
        (":created_at", &now),
    ]);
    t.execute(
        &format!(
            "INSERT INTO spark_events (id, ical_uid, created_at{names})
             VALUES (:id, :ical_uid, :created_at{values})"
        ),
        bound.as_slice(),
    )?;
    set_attendees(t, id, &fields.attendees)
}

/// Changes an event's fields.
pub fn update(db: &Database, id: &str, fields: EventFields) -> Result<Event, Error> {
    let fields = validate(fields)?;
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let before = load(t, id)?;
        overwrite(t, id, &fields)?;
        if before.fields.starts_at != fields.starts_at {
            responsibilities::notify_event_moved(t, id, &fields.title, &fields.starts_at)?;
        }
        load(t, id)
    })
}

/// Writes validated fields over a live event.
pub(crate) fn overwrite(
    t: &rusqlite::Transaction<'_>,
    id: &str,
    fields: &EventFields,
) -> Result<(), Error> {
    let now = clock::now();
    let set: Vec<String> = EDITABLE.iter().map(|c| format!("{c} = :{c}")).collect();
    let mut bound = editable_values(fields, &now);
    bound.push((":id", &id as &dyn ToSql));
    let changed = t.execute(
        &format!(
            "UPDATE spark_events SET {} WHERE id = :id AND deleted_at IS NULL",
            set.join(", ")
        ),
        bound.as_slice(),
    )?;
    if changed == 0 {
        return Err(not_found(id));
    }
    set_attendees(t, id, &fields.attendees)
}

/// The columns a person edits on an event, written the same way on
/// creation and on every change.
const EDITABLE: [&str; 14] = [
    "title",
    "kind",
    "description",
    "starts_at",
    "ends_at",
    "time_zone",
    "all_day",
    "location",
    "status",
    "recurrence",
    "artist_id",
    "sponsor_id",
    "owner_id",
    "updated_at",
];

fn editable_values<'a>(
    fields: &'a EventFields,
    now: &'a dyn ToSql,
) -> Vec<(&'static str, &'a dyn ToSql)> {
    vec![
        (":title", &fields.title),
        (":kind", &fields.kind),
        (":description", &fields.description),
        (":starts_at", &fields.starts_at),
        (":ends_at", &fields.ends_at),
        (":time_zone", &fields.time_zone),
        (":all_day", &fields.all_day),
        (":location", &fields.location),
        (":status", &fields.status),
        (":recurrence", &fields.recurrence),
        (":artist_id", &fields.artist_id),
        (":sponsor_id", &fields.sponsor_id),
        (":owner_id", &fields.owner_id),
        (":updated_at", now),
    ]
}

/// Moves an event on the calendar to `[starts_at, ends_at)`. A repeating
/// one moves from its form, as a whole.
pub fn reschedule(db: &Database, id: &str, starts_at: &str, ends_at: &str) -> Result<Event, Error> {
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let mut fields = load(t, id)?.fields;
        if fields.recurrence.is_some() {
            return Err(Error::Invalid(FieldErrors(vec![
                crate::validation::FieldError {
                    field: "startsAt".into(),
                    problem: FieldProblem::RepeatingMovedAlone,
                },
            ])));
        }
        fields.starts_at = starts_at.to_owned();
        fields.ends_at = ends_at.to_owned();
        let fields = validate(fields)?;
        overwrite(t, id, &fields)?;
        responsibilities::notify_event_moved(t, id, &fields.title, &fields.starts_at)?;
        load(t, id)
    })
}

/// Changes one occurrence of a repeating event to `fields`: that
/// occurrence alone, or it and the following ones ([`crate::series`]).
pub fn update_occurrence(
    db: &Database,
    id: &str,
    occurrence_at: &str,
    fields: EventFields,
    scope: Scope,
) -> Result<Event, Error> {
    let mut fields = validate(fields)?;
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let (series, occurrence) = series::occurrence_of(t, Table::Events, id, occurrence_at)?;
        let occurrence_text = clock::format_instant(occurrence);
        match scope {
            Scope::ThisOne => {
                fields.recurrence = None;
                let row = match series::occurrence_row(t, Table::Events, id, &occurrence_text)? {
                    Some(row) => {
                        t.execute(
                            "UPDATE spark_events SET deleted_at = NULL WHERE id = ?1",
                            [&row],
                        )?;
                        overwrite(t, &row, &fields)?;
                        row
                    }
                    None => {
                        let row = ids::new_id();
                        insert(t, &row, &fields, None)?;
                        row
                    }
                };
                series::attach(t, Table::Events, &row, id, &occurrence_text, false)?;
                load(t, &row)
            }
            Scope::ThisAndFollowing => {
                let moved_to = fields.starts_at.parse::<jiff::Timestamp>().ok();
                let rule = match &fields.recurrence {
                    Some(rule) if *rule != series.rule => rule.clone(),
                    _ => series::retargeted(&series, occurrence, moved_to),
                };
                fields.recurrence = Some(series::continued_from(&series, occurrence, &rule));
                if occurrence == series.first {
                    overwrite(t, id, &fields)?;
                    return load(t, id);
                }
                series::end_before(t, Table::Events, id, &series, occurrence)?;
                let new = ids::new_id();
                insert(t, &new, &fields, None)?;
                load(t, &new)
            }
        }
    })
}

/// Deletes one occurrence of a repeating event, or it and the following
/// ones (all of them from the first).
pub fn delete_occurrence(
    db: &Database,
    id: &str,
    occurrence_at: &str,
    scope: Scope,
) -> Result<(), Error> {
    db.write(|t| {
        team::require(t, Action::DeleteRecords)?;
        let event = load(t, id)?;
        let (series, occurrence) = series::occurrence_of(t, Table::Events, id, occurrence_at)?;
        let occurrence_text = clock::format_instant(occurrence);
        match scope {
            Scope::ThisOne => {
                let row = match series::occurrence_row(t, Table::Events, id, &occurrence_text)? {
                    Some(row) => row,
                    None => {
                        let mut fields = event.fields.clone();
                        fields.recurrence = None;
                        let row = ids::new_id();
                        insert(t, &row, &fields, None)?;
                        row
                    }
                };
                series::attach(t, Table::Events, &row, id, &occurrence_text, true)
            }
            Scope::ThisAndFollowing if occurrence == series.first => {
                let now = clock::now();
                t.execute(
                    "UPDATE spark_events SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
                    params![id, now],
                )?;
                Ok(())
            }
            Scope::ThisAndFollowing => {
                series::end_before(t, Table::Events, id, &series, occurrence)
            }
        }
    })
}

pub fn get(db: &Database, id: &str) -> Result<Event, Error> {
    db.read(|c| load(c, id))
}

/// The most events an artist's card lists.
pub const OF_ARTIST_MAX: u32 = 100;

/// The events with the artist `artist_id` (a repeating one once, as its
/// series), in time order: the latest [`OF_ARTIST_MAX`] by their start,
/// those still to come included.
pub fn of_artist(db: &Database, artist_id: &str) -> Result<Vec<Event>, Error> {
    db.read(|c| {
        let mut latest_first = c
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM spark_events
                 WHERE artist_id = ?1 AND deleted_at IS NULL AND series_id IS NULL
                 ORDER BY starts_at DESC, id LIMIT {OF_ARTIST_MAX}"
            ))?
            .query_map([artist_id], event_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        latest_first.reverse();
        Ok(latest_first)
    })
}

/// Moves an event to the bin; [`restore`] brings it back.
pub fn delete(db: &Database, id: &str) -> Result<(), Error> {
    db.write(|t| {
        team::require(t, Action::DeleteRecords)?;
        let now = clock::now();
        let changed = t.execute(
            "UPDATE spark_events SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, now],
        )?;
        if changed == 0 {
            return Err(not_found(id));
        }
        Ok(())
    })
}

pub fn restore(db: &Database, id: &str) -> Result<Event, Error> {
    db.write(|t| {
        team::require(t, Action::DeleteRecords)?;
        let changed = t.execute(
            "UPDATE spark_events SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NOT NULL",
            params![id, clock::now()],
        )?;
        if changed == 0 {
            return Err(not_found(id));
        }
        load(t, id)
    })
}

fn set_attendees(
    t: &rusqlite::Transaction<'_>,
    id: &str,
    attendees: &[String],
) -> Result<(), Error> {
    let held: Vec<String> = t
        .prepare_cached(
            "SELECT user_id FROM event_attendees WHERE event_id = ?1 AND deleted_at IS NULL",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for user in held.iter().filter(|u| !attendees.contains(u)) {
        links::remove(
            t,
            Link::EventAttendee {
                event_id: id,
                user_id: user,
            },
        )?;
    }
    for user in attendees {
        links::add(
            t,
            Link::EventAttendee {
                event_id: id,
                user_id: user,
            },
        )?;
    }
    Ok(())
}

pub(crate) const COLUMNS: &str = "id, title, kind, description, starts_at, ends_at, time_zone,
    all_day, location, status, recurrence, artist_id, sponsor_id, owner_id, created_at, updated_at";

/// An event row read with [`COLUMNS`], without its attendees.
pub(crate) fn event_row(r: &Row<'_>) -> rusqlite::Result<Event> {
    Ok(Event {
        id: r.get(0)?,
        fields: EventFields {
            title: r.get(1)?,
            kind: EventKind::parse(&r.get::<_, String>(2)?),
            description: r.get(3)?,
            starts_at: r.get(4)?,
            ends_at: r.get(5)?,
            time_zone: r.get(6)?,
            all_day: r.get(7)?,
            location: r.get(8)?,
            status: EventStatus::parse(&r.get::<_, String>(9)?),
            recurrence: r.get(10)?,
            attendees: Vec::new(),
            artist_id: r.get(11)?,
            sponsor_id: r.get(12)?,
            owner_id: r.get(13)?,
        },
        created_at: r.get(14)?,
        updated_at: r.get(15)?,
    })
}

pub(crate) fn load(c: &Connection, id: &str) -> Result<Event, Error> {
    let mut event = c
        .query_row(
            &format!("SELECT {COLUMNS} FROM spark_events WHERE id = ?1 AND deleted_at IS NULL"),
            [id],
            event_row,
        )
        .optional()?
        .ok_or_else(|| not_found(id))?;
    event.fields.attendees = c
        .prepare_cached(
            "SELECT user_id FROM event_attendees WHERE event_id = ?1 AND deleted_at IS NULL
             ORDER BY created_at, user_id",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(event)
}

pub(crate) fn not_found(id: &str) -> Error {
    Error::NotFound {
        entity: Entity::Event,
        id: id.to_owned(),
    }
}
