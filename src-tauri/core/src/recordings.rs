//! Recordings OBS finished, on their way to the library.
//!
//! Why it exists: a recording that stops is the proof of a live (for the
//! artist, for the sponsor whose deliverable it carries). The moment OBS
//! names the file, it is written down here ([`note_stopped`]); the media
//! work that follows (probe, copy, hash, thumbnail) can take minutes, and
//! the app may be closed or crash meanwhile, so what is written down is
//! picked up again at the next start ([`waiting`]). Each recording ends
//! archived, as an asset linked to the live it recorded, its artist and its
//! sponsor ([`archive`]), or failed with a reason a person can act on
//! ([`fail`]), never half-imported.
//!
//! The queue is this computer's (`device_recording_intake`, never synced:
//! its paths are this computer's); the assets it makes sync like any row.

use std::path::{Path, PathBuf};

use jiff::{SignedDuration, Timestamp};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::settings::{store, stored};
use crate::stored_enum::stored_enum;
use crate::{Database, Entity, Error, clock, ids, team};

/// How far before its start or after its end a recording still belongs to
/// a live: a streamer starts recording before the planned start, or runs
/// late.
pub const LIVE_MARGIN: SignedDuration = SignedDuration::from_mins(30);
const KEEP: &str = "recording_keep";

/// Where a recording is on its way to the library.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum IntakeState {
    #[default]
    Waiting,
    Archived,
    Failed,
}

stored_enum!(IntakeState {
    Waiting => "waiting",
    Archived => "archived",
    Failed => "failed",
});

/// Why a recording did not reach the library.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum IntakeProblem {
    /// The file is no longer where OBS wrote it.
    Missing,
    /// The file is there but cannot be read.
    #[default]
    Unreadable,
    /// Not a video a person could watch (not media, no picture…).
    NotPlayable,
    /// The media folder cannot be written (disk full, no right).
    CannotWrite,
    /// The person stopped it.
    Cancelled,
}

stored_enum!(IntakeProblem {
    Missing => "missing",
    Unreadable => "unreadable",
    NotPlayable => "not_playable",
    CannotWrite => "cannot_write",
    Cancelled => "cancelled",
});

/// Whether a recording is copied into the library or moved there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RecordingKeep {
    /// OBS's folder keeps its file too.
    #[default]
    Copy,
    Move,
}

stored_enum!(RecordingKeep {
    Copy => "copy",
    Move => "move",
});

/// A recording waiting to be archived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intake {
    pub id: String,
    pub file_path: PathBuf,
    pub stopped_at: String,
}

/// What the media work found and made, for [`archive`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchivedRecording {
    pub intake_id: String,
    /// The file in the media folder, relative to it.
    pub stored_name: String,
    pub thumbnail_name: String,
    pub sha256: String,
    pub byte_size: u64,
    pub duration_ms: u64,
    pub width: u32,
    pub height: u32,
    pub video_codec: String,
    pub audio_codec: Option<String>,
}

/// A recording as the Streaming screen lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RecordingEntry {
    pub intake_id: String,
    /// The file's name as OBS wrote it.
    pub file_name: String,
    pub stopped_at: String,
    pub state: IntakeState,
    pub problem: Option<IntakeProblem>,
    pub asset_id: Option<String>,
    pub title: Option<String>,
    pub duration_ms: Option<u32>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub video_codec: Option<String>,
    /// In bytes; a float, as a recording passes 4 GiB.
    pub byte_size: Option<f64>,
    /// The live it recorded, when one was planned then.
    pub event_id: Option<String>,
    pub event_title: Option<String>,
    /// The chat messages its chat log holds; `None` until the logs beside
    /// it are written.
    pub chat_messages: Option<u32>,
}

/// The folder recordings are archived in, beside the database.
pub fn media_folder(db: &Database) -> PathBuf {
    db.path()
        .parent()
        .map_or_else(|| PathBuf::from("media"), |data| data.join("media"))
}

/// Writes down that OBS stopped recording into `file_path` at `stopped_at`
/// (storage format). The same file announced twice is written down once.
pub fn note_stopped(db: &Database, file_path: &Path, stopped_at: &str) -> Result<(), Error> {
    let path = file_path.to_string_lossy();
    db.write(|t| {
        t.execute(
            "INSERT INTO device_recording_intake (id, file_path, stopped_at, updated_at)
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT (file_path) DO NOTHING",
            params![ids::new_id(), path, stopped_at, clock::now()],
        )?;
        Ok(())
    })
}

/// The recordings still to archive, oldest first.
pub fn waiting(db: &Database) -> Result<Vec<Intake>, Error> {
    db.read(|c| {
        let mut statement = c.prepare_cached(
            "SELECT id, file_path, stopped_at FROM device_recording_intake
             WHERE state = 'waiting' ORDER BY stopped_at, id",
        )?;
        let rows = statement.query_map([], |r| {
            Ok(Intake {
                id: r.get(0)?,
                file_path: PathBuf::from(r.get::<_, String>(1)?),
                stopped_at: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    })
}

/// A live a recording belongs to.
pub(crate) struct Live {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) artist_id: Option<String>,
    pub(crate) sponsor_id: Option<String>,
}

/// The live being recorded between `from` and `until`: a live of the
/// calendar (not cancelled) overlapping them, give or take
/// [`LIVE_MARGIN`], the one overlapping most.
pub(crate) fn live_recorded(
    c: &Connection,
    from: Timestamp,
    until: Timestamp,
) -> Result<Option<Live>, Error> {
    let mut statement = c.prepare_cached(
        "SELECT id, title, artist_id, sponsor_id, starts_at, ends_at FROM spark_events
         WHERE kind = 'live' AND status != 'cancelled' AND deleted_at IS NULL
           AND starts_at <= ?1 AND ends_at >= ?2",
    )?;
    let widened_until = clock::format_instant(until.saturating_add(LIVE_MARGIN).unwrap_or(until));
    let widened_from = clock::format_instant(from.saturating_sub(LIVE_MARGIN).unwrap_or(from));
    let candidates = statement
        .query_map(params![widened_until, widened_from], |r| {
            Ok((
                Live {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    artist_id: r.get(2)?,
                    sponsor_id: r.get(3)?,
                },
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let overlap = |starts: &str, ends: &str| -> i64 {
        let (Ok(starts), Ok(ends)) = (starts.parse::<Timestamp>(), ends.parse::<Timestamp>())
        else {
            return i64::MIN;
        };
        let start = starts.max(from);
        let end = ends.min(until);
        end.duration_since(start)
            .as_millis()
            .try_into()
            .unwrap_or(i64::MIN)
    };
    Ok(candidates
        .into_iter()
        .max_by_key(|(_, starts, ends)| overlap(starts, ends))
        .map(|(live, _, _)| live))
}

/// Makes `recording` an asset of the library, linked to the live it
/// recorded (and that live's artist and sponsor), and marks its intake
/// archived. Returns the asset's id.
pub fn archive(db: &Database, recording: &ArchivedRecording) -> Result<String, Error> {
    db.write(|t| {
        let (file_path, stopped_at): (String, String) = t
            .query_row(
                "SELECT file_path, stopped_at FROM device_recording_intake WHERE id = ?1",
                [&recording.intake_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                entity: Entity::File,
                id: recording.intake_id.clone(),
            })?;
        let until: Timestamp = stopped_at.parse().unwrap_or_else(|_| Timestamp::now());
        let length = SignedDuration::from_millis(i64::try_from(recording.duration_ms).unwrap_or(0));
        let from = until.saturating_sub(length).unwrap_or(until);
        let live = live_recorded(t, from, until)?;
        let file_name = Path::new(&file_path)
            .file_stem()
            .map_or_else(|| file_path.clone(), |s| s.to_string_lossy().into_owned());
        let title = live
            .as_ref()
            .map_or_else(|| file_name.clone(), |live| live.title.clone());
        let id = ids::new_id();
        let now = clock::now();
        t.execute(
            "INSERT INTO assets (id, title, kind, file_path, mime_type, byte_size, duration_ms, width,
                 height, sha256, artist_id, event_id, sponsor_id, thumbnail_path, video_codec,
                 audio_codec, recorded_from, recorded_until, created_at, updated_at)
             VALUES (?1, ?2, 'video', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 ?17, ?18, ?18)",
            params![
                id,
                title,
                recording.stored_name,
                mime_type(&recording.stored_name),
                i64::try_from(recording.byte_size).unwrap_or(i64::MAX),
                i64::try_from(recording.duration_ms).unwrap_or(i64::MAX),
                recording.width,
                recording.height,
                recording.sha256,
                live.as_ref().and_then(|live| live.artist_id.clone()),
                live.as_ref().map(|live| live.id.clone()),
                live.as_ref().and_then(|live| live.sponsor_id.clone()),
                recording.thumbnail_name,
                recording.video_codec,
                recording.audio_codec,
                clock::format_instant(from),
                stopped_at,
                now,
            ],
        )?;
        // The sponsor moments its segments delivered are at their moment in it.
        if let Some(live) = &live {
            crate::run_of_show::prove_with_recording(t, &live.id, &id, from, until)?;
        }
        t.execute(
            "UPDATE device_recording_intake SET state = 'archived', problem = NULL, asset_id = ?2,
                 updated_at = ?3
             WHERE id = ?1",
            params![recording.intake_id, id, now],
        )?;
        Ok(id)
    })
}

/// Marks a recording as not archived, for `problem`, and tells the person
/// in the notification centre.
pub fn fail(db: &Database, intake_id: &str, problem: IntakeProblem) -> Result<(), Error> {
    db.write(|t| {
        let file_path: Option<String> = t
            .query_row(
                "UPDATE device_recording_intake SET state = 'failed', problem = ?2, updated_at = ?3
                 WHERE id = ?1 RETURNING file_path",
                params![intake_id, problem, clock::now()],
                |r| r.get(0),
            )
            .optional()?;
        let Some(file_path) = file_path else {
            return Err(Error::NotFound {
                entity: Entity::File,
                id: intake_id.to_owned(),
            });
        };
        // A person stopping it knows already.
        if problem != IntakeProblem::Cancelled {
            let name = Path::new(&file_path)
                .file_name()
                .map_or_else(|| file_path.clone(), |n| n.to_string_lossy().into_owned());
            t.execute(
                "INSERT INTO notifications (id, user_id, kind, title, body, created_at, updated_at)
                 VALUES (?1, ?2, 'recording_failed', ?3, ?4, ?5, ?5)",
                params![
                    ids::new_id(),
                    team::my_id(t)?,
                    name,
                    problem.as_str(),
                    clock::now()
                ],
            )?;
        }
        Ok(())
    })
}

/// Puts a failed recording back in the queue (the file was put back, the
/// disk has room again).
pub fn retry(db: &Database, intake_id: &str) -> Result<(), Error> {
    db.write(|t| {
        let changed = t.execute(
            "UPDATE device_recording_intake SET state = 'waiting', problem = NULL, updated_at = ?2
             WHERE id = ?1 AND state = 'failed'",
            params![intake_id, clock::now()],
        )?;
        if changed == 0 {
            return Err(Error::NotFound {
                entity: Entity::File,
                id: intake_id.to_owned(),
            });
        }
        Ok(())
    })
}

/// The latest `limit` recordings of this computer, newest first, with what
/// became of them.
pub fn recent(db: &Database, limit: u32) -> Result<Vec<RecordingEntry>, Error> {
    db.read(|c| {
        let mut statement = c.prepare_cached(
            "SELECT i.id, i.file_path, i.stopped_at, i.state, i.problem, a.id, a.title,
                    a.duration_ms, a.width, a.height, a.video_codec, a.byte_size, e.id, e.title,
                    a.chat_messages
             FROM device_recording_intake i
             LEFT JOIN assets a ON a.id = i.asset_id AND a.deleted_at IS NULL
             LEFT JOIN spark_events e ON e.id = a.event_id AND e.deleted_at IS NULL
             ORDER BY i.stopped_at DESC, i.id DESC LIMIT ?1",
        )?;
        let rows = statement.query_map([limit], |r| {
            let path: String = r.get(1)?;
            Ok(RecordingEntry {
                intake_id: r.get(0)?,
                file_name: Path::new(&path)
                    .file_name()
                    .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned()),
                stopped_at: r.get(2)?,
                state: IntakeState::parse(&r.get::<_, String>(3)?),
                problem: r
                    .get::<_, Option<String>>(4)?
                    .map(|p| IntakeProblem::parse(&p)),
                asset_id: r.get(5)?,
                title: r.get(6)?,
                duration_ms: r.get(7)?,
                width: r.get(8)?,
                height: r.get(9)?,
                video_codec: r.get(10)?,
                byte_size: r.get::<_, Option<i64>>(11)?.map(|b| b as f64),
                event_id: r.get(12)?,
                event_title: r.get(13)?,
                chat_messages: r.get(14)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    })
}

/// Which file of an archived recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RecordingFile {
    Video,
    /// The chat during the recording, as readable text.
    ChatLog,
    /// Segments, markers and chat with their offsets (JSON).
    LiveLog,
    /// Its JPEG thumbnail.
    Thumbnail,
}

/// Where `file` of `asset_id`'s recording is on this computer (a
/// teammate's recording has its row here, not its files).
pub fn file_path(db: &Database, asset_id: &str, file: RecordingFile) -> Result<PathBuf, Error> {
    let column = match file {
        RecordingFile::Video => "file_path",
        RecordingFile::ChatLog => "chat_log_path",
        RecordingFile::LiveLog => "live_log_path",
        RecordingFile::Thumbnail => "thumbnail_path",
    };
    let not_here = || Error::NotFound {
        entity: Entity::File,
        id: asset_id.to_owned(),
    };
    let name: Option<String> = db.read(|c| {
        Ok(c.query_row(
            &format!("SELECT {column} FROM assets WHERE id = ?1 AND deleted_at IS NULL"),
            [asset_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
    })?;
    let path = media_folder(db).join(name.ok_or_else(not_here)?);
    if path.is_file() {
        Ok(path)
    } else {
        Err(not_here())
    }
}

/// The JPEG thumbnail of an archived recording, as kept on this computer.
pub fn thumbnail(db: &Database, asset_id: &str) -> Result<Vec<u8>, Error> {
    let path = file_path(db, asset_id, RecordingFile::Thumbnail)?;
    std::fs::read(path).map_err(|_| Error::NotFound {
        entity: Entity::File,
        id: asset_id.to_owned(),
    })
}

/// Whether recordings are copied or moved into the library.
pub fn keep(db: &Database) -> Result<RecordingKeep, Error> {
    db.read(|c| {
        Ok(stored(c, KEEP)?.map_or_else(RecordingKeep::default, |v| RecordingKeep::parse(&v)))
    })
}

pub fn set_keep(db: &Database, keep: RecordingKeep) -> Result<RecordingKeep, Error> {
    db.write(|t| store(t, KEEP, keep.as_str()))?;
    Ok(keep)
}

/// The MIME type of a recording, from the extensions OBS writes.
fn mime_type(name: &str) -> &'static str {
    match Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "mp4" | "m4v" => "video/mp4",
        "mov" => "video/quicktime",
        "flv" => "video/x-flv",
        "ts" | "m2ts" => "video/mp2t",
        "webm" => "video/webm",
        "mkv" => "video/x-matroska",
        _ => "application/octet-stream",
    }
}
