//! A live's run-of-show: its segments, in order, and what happened when
//! each really started.
//!
//! Why it exists: a live of SPARK is a show with a plan (the intro, the
//! guest, the sponsor's moment, the raid) and a sponsor pays for a moment
//! of it. The team writes the plan once on the live's event; during the
//! live the app says what is on and what comes next, and each segment's
//! start is logged: the scene it puts on air and the chat message it posts
//! are done by the streaming crate, the time it really started and the
//! sponsor deliverable it carried (delivered then, the segment its proof)
//! are kept here. When the live's recording is archived, the deliverable's
//! proof becomes the recording and the moment in it ([`prove_with_recording`]).
//!
//! Planned starts follow from the live's start and the durations before
//! them, as in a rundown: moving a segment or changing a duration moves the
//! ones after it, never by hand.

use jiff::{SignedDuration, Timestamp};
use rusqlite::{Connection, OptionalExtension, ToSql, params};
use serde::{Deserialize, Serialize};

use crate::owned_rows::OwnedRows;
use crate::team::{self, Action};
use crate::validation::{FieldErrors, FieldProblem, check_length, optional_text};
use crate::{Database, Entity, Error, clock};

pub const MAX_TITLE: u32 = 120;
pub const MAX_MINUTES: u32 = 720;
/// Twitch's own limit for a chat message.
pub const MAX_CHAT_MESSAGE: u32 = 500;
pub const MAX_NOTES: u32 = 5_000;
const MAX_NAME: u32 = 200;

const SEGMENTS: OwnedRows = OwnedRows {
    table: "live_segments",
    owner_column: "event_id",
    columns: &[
        "title",
        "duration_min",
        "obs_scene",
        "talent",
        "deliverable_id",
        "notes",
        "chat_message",
        "automatic",
    ],
};

/// What a person plans for one segment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct SegmentFields {
    /// The segment's id when it exists already (kept, so edits merge).
    pub id: Option<String>,
    pub title: String,
    pub duration_min: u32,
    /// The OBS scene to put on air at its start.
    pub obs_scene: Option<String>,
    /// Who is on (names, as the team writes them).
    pub talent: Option<String>,
    /// The sponsor deliverable this segment carries.
    pub deliverable_id: Option<String>,
    pub notes: String,
    /// Posted in the streamer's chat at its start.
    pub chat_message: Option<String>,
    /// Started by the app at its planned time, not by a click.
    pub automatic: bool,
}

/// A planned segment, with when it was planned and when it really started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Segment {
    pub id: String,
    pub fields: SegmentFields,
    pub planned_start: String,
    pub planned_end: String,
    pub started_at: Option<String>,
    /// The deliverable's title and its sponsor's name, to show.
    pub deliverable: Option<String>,
}

/// A live and its segments, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RunOfShow {
    pub event_id: String,
    pub title: String,
    pub starts_at: String,
    pub segments: Vec<Segment>,
    /// The segment on air: the last one started, in the show's order.
    pub on_air: Option<String>,
    /// The one to start next: the first not started after the one on air.
    pub next: Option<String>,
    /// The sponsor deliverables promised in this live, for a segment to
    /// carry.
    pub deliverables: Vec<DeliverableChoice>,
}

/// A sponsor deliverable a segment can carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DeliverableChoice {
    pub id: String,
    /// "Studio Lumière · Mention du studio".
    pub label: String,
}

/// What starting a segment asks of OBS and of the chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentStart {
    pub segment: Segment,
    /// Whether this call started it (false: it had started already).
    pub first_time: bool,
}

fn not_found(id: &str) -> Error {
    Error::NotFound {
        entity: Entity::Event,
        id: id.to_owned(),
    }
}

/// A live of the calendar, to pick the one to run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LiveSummary {
    pub id: String,
    pub title: String,
    pub starts_at: String,
    pub ends_at: String,
    /// Cancelled here, still shown on the Twitch schedule: offered until
    /// it is cancelled there too.
    pub cancelled: bool,
}

/// How many lives [`upcoming_lives`] offers.
const LIVES_OFFERED: u32 = 20;

/// The lives that end after `now` (the one under way first), soonest
/// first: those not cancelled, and the cancelled ones the Twitch schedule
/// still shows as coming.
pub fn upcoming_lives(db: &Database, now: Timestamp) -> Result<Vec<LiveSummary>, Error> {
    db.read(|c| {
        let mut statement = c.prepare_cached(
            "SELECT e.id, e.title, e.starts_at, e.ends_at, e.status = 'cancelled' FROM spark_events e
             WHERE e.kind = 'live' AND e.deleted_at IS NULL AND e.ends_at > ?1
               AND (e.status != 'cancelled' OR EXISTS (
                   SELECT 1 FROM twitch_schedule_segments t
                   WHERE t.event_id = e.id AND t.deleted_at IS NULL AND t.cancelled = 0))
             ORDER BY e.starts_at, e.id LIMIT ?2",
        )?;
        let lives = statement
            .query_map(params![clock::format_instant(now), LIVES_OFFERED], |r| {
                Ok(LiveSummary {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    starts_at: r.get(2)?,
                    ends_at: r.get(3)?,
                    cancelled: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(lives)
    })
}

/// `event_id`'s run-of-show (an event with no segment has an empty one).
pub fn get(db: &Database, event_id: &str) -> Result<RunOfShow, Error> {
    db.read(|c| load(c, event_id))
}

/// `event_id`'s segments, in order, for a reader already in a transaction.
pub(crate) fn load_segments(c: &Connection, event_id: &str) -> Result<Vec<Segment>, Error> {
    Ok(load(c, event_id)?.segments)
}

fn load(c: &Connection, event_id: &str) -> Result<RunOfShow, Error> {
    let (title, starts_at): (String, String) = c
        .query_row(
            "SELECT title, starts_at FROM spark_events WHERE id = ?1 AND deleted_at IS NULL",
            [event_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| not_found(event_id))?;
    let mut at: Timestamp = starts_at.parse().unwrap_or_else(|_| Timestamp::now());
    let mut statement = c.prepare_cached(
        "SELECT s.id, s.title, s.duration_min, s.obs_scene, s.talent, s.deliverable_id, s.notes,
                s.chat_message, s.automatic, s.started_at, d.title, sp.name
         FROM live_segments s
         LEFT JOIN sponsor_deliverables d ON d.id = s.deliverable_id AND d.deleted_at IS NULL
         LEFT JOIN sponsors sp ON sp.id = d.sponsor_id
         WHERE s.event_id = ?1 AND s.deleted_at IS NULL ORDER BY s.position, s.id",
    )?;
    let rows = statement
        .query_map([event_id], |r| {
            let deliverable: Option<String> = r.get(10)?;
            let sponsor: Option<String> = r.get(11)?;
            Ok((
                r.get::<_, String>(0)?,
                SegmentFields {
                    id: Some(r.get(0)?),
                    title: r.get(1)?,
                    duration_min: r.get(2)?,
                    obs_scene: r.get(3)?,
                    talent: r.get(4)?,
                    deliverable_id: r.get(5)?,
                    notes: r.get(6)?,
                    chat_message: r.get(7)?,
                    automatic: r.get(8)?,
                },
                r.get::<_, Option<String>>(9)?,
                deliverable.map(|title| match sponsor {
                    Some(sponsor) => format!("{sponsor} · {title}"),
                    None => title,
                }),
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut segments = Vec::with_capacity(rows.len());
    for (id, fields, started_at, deliverable) in rows {
        let end = at
            .saturating_add(SignedDuration::from_mins(i64::from(fields.duration_min)))
            .unwrap_or(at);
        segments.push(Segment {
            id,
            planned_start: clock::format_instant(at),
            planned_end: clock::format_instant(end),
            fields,
            started_at,
            deliverable,
        });
        at = end;
    }
    let deliverables = c
        .prepare_cached(
            "SELECT d.id, sp.name || ' · ' || d.title FROM sponsor_deliverables d
             JOIN sponsors sp ON sp.id = d.sponsor_id
             WHERE d.event_id = ?1 AND d.deleted_at IS NULL ORDER BY sp.name, d.title, d.id",
        )?
        .query_map([event_id], |r| {
            Ok(DeliverableChoice {
                id: r.get(0)?,
                label: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let on_air = segments.iter().rposition(|s| s.started_at.is_some());
    let next = segments
        .iter()
        .skip(on_air.map_or(0, |at| at + 1))
        .find(|s| s.started_at.is_none())
        .map(|s| s.id.clone());
    Ok(RunOfShow {
        event_id: event_id.to_owned(),
        title,
        starts_at,
        on_air: on_air.map(|at| segments[at].id.clone()),
        next,
        segments,
        deliverables,
    })
}

/// Makes `event_id`'s run-of-show exactly `segments`, in that order.
/// Every invalid field is reported (`segments.2.title`), nothing saved.
pub fn save(
    db: &Database,
    event_id: &str,
    segments: Vec<SegmentFields>,
) -> Result<RunOfShow, Error> {
    let mut errors = FieldErrors::default();
    let mut clean = Vec::with_capacity(segments.len());
    for (at, segment) in segments.into_iter().enumerate() {
        let field = |name: &str| format!("segments.{at}.{name}");
        let title = segment.title.trim().to_owned();
        if title.is_empty() {
            errors.add(&field("title"), FieldProblem::Required);
        }
        check_length(&mut errors, &field("title"), &title, MAX_TITLE);
        if segment.duration_min == 0 {
            errors.add(&field("durationMin"), FieldProblem::TooSmall { min: 1 });
        } else if segment.duration_min > MAX_MINUTES {
            errors.add(
                &field("durationMin"),
                FieldProblem::TooLarge { max: MAX_MINUTES },
            );
        }
        let chat_message = optional_text(segment.chat_message.as_deref());
        if let Some(message) = &chat_message {
            check_length(
                &mut errors,
                &field("chatMessage"),
                message,
                MAX_CHAT_MESSAGE,
            );
        }
        let talent = optional_text(segment.talent.as_deref());
        if let Some(talent) = &talent {
            check_length(&mut errors, &field("talent"), talent, MAX_NAME);
        }
        let obs_scene = optional_text(segment.obs_scene.as_deref());
        if let Some(scene) = &obs_scene {
            check_length(&mut errors, &field("obsScene"), scene, MAX_NAME);
        }
        check_length(&mut errors, &field("notes"), &segment.notes, MAX_NOTES);
        clean.push(SegmentFields {
            title,
            chat_message,
            talent,
            obs_scene,
            deliverable_id: optional_text(segment.deliverable_id.as_deref()),
            ..segment
        });
    }
    errors.into_result(()).map_err(Error::from)?;
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        load(t, event_id)?;
        // A deliverable removed meanwhile on another laptop.
        for deliverable in clean.iter().filter_map(|s| s.deliverable_id.as_deref()) {
            let live: bool = t.query_row(
                "SELECT EXISTS (SELECT 1 FROM sponsor_deliverables WHERE id = ?1 AND deleted_at IS NULL)",
                [deliverable],
                |r| r.get(0),
            )?;
            if !live {
                return Err(Error::NotFound {
                    entity: Entity::Deliverable,
                    id: deliverable.to_owned(),
                });
            }
        }
        let rows: Vec<(Option<&str>, Vec<&dyn ToSql>)> = clean
            .iter()
            .map(|s| {
                let values: Vec<&dyn ToSql> = vec![
                    &s.title,
                    &s.duration_min,
                    &s.obs_scene,
                    &s.talent,
                    &s.deliverable_id,
                    &s.notes,
                    &s.chat_message,
                    &s.automatic,
                ];
                (s.id.as_deref(), values)
            })
            .collect();
        SEGMENTS.replace(t, event_id, &rows, &clock::now())?;
        load(t, event_id)
    })
}

/// Starts `segment_id` now: its real start is logged (once: a second call
/// changes nothing), and the deliverable it carries is delivered at that
/// moment, the segment its proof.
pub fn start(db: &Database, segment_id: &str) -> Result<SegmentStart, Error> {
    db.write(|t| {
        let event_id: String = t
            .query_row(
                "SELECT event_id FROM live_segments WHERE id = ?1 AND deleted_at IS NULL",
                [segment_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| not_found(segment_id))?;
        let now = clock::now();
        let first_time = t.execute(
            "UPDATE live_segments SET started_at = ?2, updated_at = ?2
             WHERE id = ?1 AND started_at IS NULL",
            params![segment_id, now],
        )? > 0;
        if first_time {
            t.execute(
                "UPDATE sponsor_deliverables SET status = 'delivered', delivered_at = ?2,
                     proof_segment_id = ?1, updated_at = ?2
                 WHERE id = (SELECT deliverable_id FROM live_segments WHERE id = ?1)
                   AND status = 'planned' AND deleted_at IS NULL",
                params![segment_id, now],
            )?;
        }
        let segment = load(t, &event_id)?
            .segments
            .into_iter()
            .find(|s| s.id == segment_id)
            .ok_or_else(|| not_found(segment_id))?;
        Ok(SegmentStart {
            segment,
            first_time,
        })
    })
}

/// The automatic segments of `event_id` whose planned time has come at
/// `now` and that have not started: the app starts them.
pub fn due(db: &Database, event_id: &str, now: Timestamp) -> Result<Vec<String>, Error> {
    let show = get(db, event_id)?;
    let now = clock::format_instant(now);
    Ok(show
        .segments
        .into_iter()
        .filter(|s| {
            s.fields.automatic
                && s.started_at.is_none()
                && s.planned_start <= now
                && now < s.planned_end
        })
        .map(|s| s.id)
        .collect())
}

/// Once the live's recording is an asset: the deliverables its segments
/// delivered between `from` and `until` are proved by the recording and
/// the moment in it.
pub(crate) fn prove_with_recording(
    t: &Connection,
    event_id: &str,
    asset_id: &str,
    from: Timestamp,
    until: Timestamp,
) -> Result<(), Error> {
    let mut statement = t.prepare_cached(
        "SELECT d.id, s.started_at FROM live_segments s
         JOIN sponsor_deliverables d ON d.proof_segment_id = s.id
         WHERE s.event_id = ?1 AND s.started_at IS NOT NULL AND d.proof_asset_id IS NULL
           AND d.deleted_at IS NULL",
    )?;
    let proved: Vec<(String, String)> = statement
        .query_map([event_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (deliverable, started_at) in proved {
        let Ok(started) = started_at.parse::<Timestamp>() else {
            continue;
        };
        if started < from || started > until {
            continue;
        }
        let offset = started.duration_since(from).as_millis();
        t.execute(
            "UPDATE sponsor_deliverables SET proof_asset_id = ?2, proof_offset_ms = ?3, updated_at = ?4
             WHERE id = ?1",
            params![
                deliverable,
                asset_id,
                i64::try_from(offset).unwrap_or(0),
                clock::now()
            ],
        )?;
    }
    Ok(())
}
