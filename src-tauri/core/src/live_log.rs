//! What a live leaves beside its recording: the stream markers set during
//! it, the times its segments really started, and the files that tell
//! them with the chat (the chat log, the live's record).
//!
//! Why it exists: a recording alone is hours of video. To cut a clip of
//! the sponsor's moment or find the guest's arrival, an editor needs to
//! know where things happened in it. Markers are written down here as the
//! streamer sets them ([`mark`]), linked to the live under way; once the
//! recording is archived, [`of_recording`] gives every segment and marker
//! at its offset in the file, and the streaming crate writes them beside
//! it with the chat, then names the files on the asset ([`record_files`];
//! [`crate::recordings::file_path`] finds them).

use std::path::PathBuf;

use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::recordings::{self, media_folder};
use crate::validation::{FieldErrors, FieldProblem, check_length};
use crate::{Database, Entity, Error, clock, ids};

/// Twitch's longest marker description.
pub const MAX_DESCRIPTION: u32 = 140;

/// A moment the streamer marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LiveMarker {
    pub id: String,
    pub description: String,
    pub marked_at: String,
    /// The live under way then, if one was planned.
    pub event_id: Option<String>,
}

/// A segment of the live, where it falls in the recording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedSegment {
    pub title: String,
    pub planned_start: String,
    /// `None`: it never started.
    pub started_at: Option<String>,
    /// Milliseconds into the recording it started at (`None`: not started,
    /// or not while recording).
    pub offset_ms: Option<i64>,
}

/// A marker, where it falls in the recording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedMarker {
    pub description: String,
    pub marked_at: String,
    pub offset_ms: i64,
}

/// What the files beside a recording tell, but the chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordingLog {
    pub asset_id: String,
    pub title: String,
    /// The recording's file in the media folder (relative to it).
    pub stored_name: String,
    pub recorded_from: String,
    pub recorded_until: String,
    pub event_id: Option<String>,
    pub segments: Vec<LoggedSegment>,
    pub markers: Vec<LoggedMarker>,
}

/// The folder the streamer's chat is written down in, beside the database
/// (the streaming crate's chat journal).
pub fn chat_journal_folder(db: &Database) -> PathBuf {
    media_folder(db).with_file_name("chat")
}

/// Writes down a marker set at `at` on `channel_login`'s live, linked to
/// the live under way then.
pub fn mark(
    db: &Database,
    channel_login: &str,
    description: &str,
    at: Timestamp,
) -> Result<LiveMarker, Error> {
    let description = description.trim();
    let mut errors = FieldErrors::default();
    check_length(&mut errors, "description", description, MAX_DESCRIPTION);
    if channel_login.trim().is_empty() {
        errors.add("channel", FieldProblem::Required);
    }
    errors.into_result(()).map_err(Error::Invalid)?;
    db.write(|t| {
        let event_id = recordings::live_recorded(t, at, at)?.map(|live| live.id);
        let marker = LiveMarker {
            id: ids::new_id(),
            description: description.to_owned(),
            marked_at: clock::format_instant(at),
            event_id,
        };
        let now = clock::now();
        t.execute(
            "INSERT INTO live_markers (id, event_id, channel_login, marked_at, description,
                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![
                marker.id,
                marker.event_id,
                channel_login.to_ascii_lowercase(),
                marker.marked_at,
                marker.description,
                now
            ],
        )?;
        Ok(marker)
    })
}

/// An archived recording's live: its segments and the markers set while it
/// recorded, each at its offset in the file.
pub fn of_recording(db: &Database, asset_id: &str) -> Result<RecordingLog, Error> {
    db.read(|c| {
        let (title, stored_name, from, until, event_id): (
            String,
            String,
            String,
            String,
            Option<String>,
        ) = c
            .query_row(
                "SELECT title, file_path, recorded_from, recorded_until, event_id FROM assets
                 WHERE id = ?1 AND deleted_at IS NULL AND recorded_from IS NOT NULL",
                [asset_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                entity: Entity::File,
                id: asset_id.to_owned(),
            })?;
        let start: Timestamp = from.parse().unwrap_or_else(|_| Timestamp::now());
        let end: Timestamp = until.parse().unwrap_or(start);
        let offset = |at: &str| -> Option<i64> {
            let at: Timestamp = at.parse().ok()?;
            (start <= at && at <= end)
                .then(|| i64::try_from(at.duration_since(start).as_millis()).unwrap_or(i64::MAX))
        };
        let segments = match &event_id {
            Some(event_id) => crate::run_of_show::load_segments(c, event_id)?
                .into_iter()
                .map(|s| LoggedSegment {
                    offset_ms: s.started_at.as_deref().and_then(offset),
                    title: s.fields.title,
                    planned_start: s.planned_start,
                    started_at: s.started_at,
                })
                .collect(),
            None => Vec::new(),
        };
        let markers = c
            .prepare_cached(
                "SELECT description, marked_at FROM live_markers
                 WHERE deleted_at IS NULL AND marked_at BETWEEN ?1 AND ?2 ORDER BY marked_at, id",
            )?
            .query_map(params![from, until], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter_map(|(description, marked_at)| {
                Some(LoggedMarker {
                    offset_ms: offset(&marked_at)?,
                    description,
                    marked_at,
                })
            })
            .collect();
        Ok(RecordingLog {
            asset_id: asset_id.to_owned(),
            title,
            stored_name,
            recorded_from: from,
            recorded_until: until,
            event_id,
            segments,
            markers,
        })
    })
}

/// Names the files written beside `asset_id`'s recording (relative to the
/// media folder) and how many chat messages the log holds.
pub fn record_files(
    db: &Database,
    asset_id: &str,
    chat_log: &str,
    live_log: &str,
    chat_messages: u32,
) -> Result<(), Error> {
    db.write(|t| {
        t.execute(
            "UPDATE assets SET chat_log_path = ?2, live_log_path = ?3, chat_messages = ?4,
                 updated_at = ?5
             WHERE id = ?1",
            params![asset_id, chat_log, live_log, chat_messages, clock::now()],
        )?;
        Ok(())
    })
}
