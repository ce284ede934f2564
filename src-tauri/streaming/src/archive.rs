//! Automatic archiving: every recording OBS finishes becomes an asset of
//! the library, linked to the live it recorded.
//!
//! Why here: this is where OBS (which names the file when a recording
//! stops), the media work ([`mona_media`]: probe, thumbnail, copy and hash)
//! and the library ([`mona_core::recordings`]) meet. The file is written
//! down in the core's queue the moment OBS names it, so a recording that
//! stops while the app is busy, or just before it closes, is archived at
//! the next start. One recording is worked on at a time, off the async
//! runtime; its progress is published and it can be cancelled. A file that
//! is not a playable video is found out before anything is copied: it is
//! reported, never half-imported.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use mona_core::live_log;
use mona_core::recordings::{self, ArchivedRecording, Intake, IntakeProblem, RecordingKeep};
use mona_core::{Database, clock, files};
use mona_media::{Keep, MediaError};
use serde::Serialize;
use tokio::sync::{Notify, broadcast, watch};

use crate::blocking;
use crate::obs::{ObsChange, ObsLink, OutputPhase};
use crate::twitch::chat::journal;
use crate::twitch::chat::{ChatEvent, ChatPart};

/// The recording being archived, for the screen's progress bar.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveProgress {
    pub intake_id: String,
    pub file_name: String,
    /// Bytes copied (or hashed, for a move) so far, and in all: floats, as a
    /// recording passes 4 GiB.
    pub done_bytes: f64,
    pub total_bytes: f64,
}

/// What the Streaming screen hears of the archive.
#[derive(Debug, Clone, Default, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveNews {
    /// Moves whenever a recording is noted, archived or fails: the list is
    /// read again.
    pub changes: u32,
    /// The recording being archived now, if any.
    pub progress: Option<ArchiveProgress>,
}

struct Shared {
    db: Arc<Database>,
    /// The chat journal's folder, once given: its lines during a recording
    /// go beside it.
    journal: std::sync::OnceLock<std::path::PathBuf>,
    wake: Notify,
    news: watch::Sender<ArchiveNews>,
    /// The recording being worked on and its cancel switch.
    current: Mutex<Option<(String, Arc<AtomicBool>)>>,
}

/// The archiving of this computer's recordings. Cheap to clone; its tasks
/// stop when the last clone is dropped.
#[derive(Clone)]
pub struct RecordingArchive {
    shared: Arc<Shared>,
    /// Dropped with the last clone: the tasks see it gone and stop.
    _alive: Arc<watch::Sender<()>>,
}

impl RecordingArchive {
    /// Starts archiving what waits in `db`'s queue, then every recording
    /// `obs` announces stopped. Must be called inside a Tokio runtime.
    pub fn start(db: Arc<Database>, obs: &ObsLink) -> RecordingArchive {
        let shared = Arc::new(Shared {
            db,
            journal: std::sync::OnceLock::new(),
            wake: Notify::new(),
            news: watch::channel(ArchiveNews::default()).0,
            current: Mutex::new(None),
        });
        let (alive, alive_seen) = watch::channel(());
        tokio::spawn(follow_obs(
            Arc::clone(&shared),
            obs.changes(),
            alive_seen.clone(),
        ));
        tokio::spawn(work(Arc::clone(&shared), alive_seen));
        shared.wake.notify_one();
        RecordingArchive {
            shared,
            _alive: Arc::new(alive),
        }
    }

    /// Puts the chat written in the journal at `folder` beside each
    /// recording archived from now on (the first folder given stays).
    pub fn read_chat_from(&self, folder: std::path::PathBuf) {
        let _ = self.shared.journal.set(folder);
    }

    /// The list's changes and the recording under way, as they happen.
    pub fn news(&self) -> watch::Receiver<ArchiveNews> {
        self.shared.news.subscribe()
    }

    /// Stops archiving `intake_id` if it is the one under way; the original
    /// file stays where it was.
    pub fn cancel(&self, intake_id: &str) {
        if let Ok(current) = self.shared.current.lock()
            && let Some((id, cancel)) = current.as_ref()
            && id == intake_id
        {
            cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Tries a failed recording again.
    pub async fn retry(&self, intake_id: &str) -> Result<(), mona_core::Error> {
        let db = Arc::clone(&self.shared.db);
        let id = intake_id.to_owned();
        blocking(move || recordings::retry(&db, &id)).await?;
        self.shared.changed();
        self.shared.wake.notify_one();
        Ok(())
    }
}

impl Shared {
    fn changed(&self) {
        self.news
            .send_modify(|news| news.changes = news.changes.wrapping_add(1));
    }

    fn show(&self, progress: Option<ArchiveProgress>) {
        self.news.send_modify(|news| news.progress = progress);
    }
}

/// Notes every recording OBS announces stopped.
async fn follow_obs(
    shared: Arc<Shared>,
    mut changes: broadcast::Receiver<ObsChange>,
    mut alive: watch::Receiver<()>,
) {
    loop {
        let change = tokio::select! {
            change = changes.recv() => change,
            _ = alive.changed() => return,
        };
        let change = match change {
            Ok(change) => change,
            Err(broadcast::error::RecvError::Lagged(_)) => continue,
            Err(broadcast::error::RecvError::Closed) => return,
        };
        let ObsChange::Recording {
            phase: OutputPhase::Stopped,
            path: Some(file),
        } = change
        else {
            continue;
        };
        let db = Arc::clone(&shared.db);
        let noted =
            blocking(move || recordings::note_stopped(&db, Path::new(&file), &clock::now())).await;
        match noted {
            Ok(()) => {
                shared.changed();
                shared.wake.notify_one();
            }
            Err(error) => tracing::error!("a stopped recording could not be noted: {error}"),
        }
    }
}

/// Archives what waits, one recording at a time, then waits to be woken
/// (by a new recording or a retry).
async fn work(shared: Arc<Shared>, mut alive: watch::Receiver<()>) {
    loop {
        let db = Arc::clone(&shared.db);
        match blocking(move || recordings::waiting(&db)).await {
            Ok(waiting) => {
                for intake in waiting {
                    archive_one(&shared, intake).await;
                }
            }
            Err(error) => tracing::error!("the recordings to archive could not be read: {error}"),
        }
        tokio::select! {
            () = shared.wake.notified() => {}
            _ = alive.changed() => return,
        }
    }
}

async fn archive_one(shared: &Arc<Shared>, intake: Intake) {
    let cancel = Arc::new(AtomicBool::new(false));
    if let Ok(mut current) = shared.current.lock() {
        *current = Some((intake.id.clone(), Arc::clone(&cancel)));
    }
    let worker = Arc::clone(shared);
    let id = intake.id.clone();
    let outcome = tokio::task::spawn_blocking(move || {
        let outcome = archive_file(&worker, &intake, &cancel);
        let recorded = match outcome {
            Ok(found) => recordings::archive(&worker.db, &found).map(|asset_id| {
                // The recording is archived even when its logs cannot be
                // written: they are said in the log, the video is safe.
                if let Err(error) = write_beside(&worker, &asset_id) {
                    tracing::warn!(
                        "the logs of recording {asset_id} could not be written: {error}"
                    );
                }
            }),
            Err(problem) => recordings::fail(&worker.db, &intake.id, problem),
        };
        worker.show(None);
        recorded
    })
    .await;
    if let Ok(mut current) = shared.current.lock() {
        *current = None;
    }
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(error)) => {
            tracing::error!("recording {id} could not be recorded as archived: {error}")
        }
        Err(error) => tracing::error!("archiving recording {id} stopped: {error}"),
    }
    shared.changed();
}

/// The media work on one recording: inspected first (nothing is copied of
/// a file that does not play), brought into the media folder, its
/// thumbnail written beside it.
fn archive_file(
    shared: &Shared,
    intake: &Intake,
    cancel: &AtomicBool,
) -> Result<ArchivedRecording, IntakeProblem> {
    let db = &shared.db;
    let path = &intake.file_path;
    let file_name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let inspected = mona_media::inspect(path).map_err(problem_of)?;
    let keep = match recordings::keep(db) {
        Ok(RecordingKeep::Move) => Keep::Move,
        _ => Keep::Copy,
    };
    let folder = recordings::media_folder(db);
    let mut last_percent = u64::MAX;
    let brought = mona_media::bring_in(
        path,
        &folder,
        keep,
        &|sha256| files::stored_name(sha256, &file_name),
        &mut |done, total| {
            // The screen hears of each percent, not of each megabyte.
            let percent = done.saturating_mul(100) / total.max(1);
            if percent != last_percent {
                last_percent = percent;
                shared.show(Some(ArchiveProgress {
                    intake_id: intake.id.clone(),
                    file_name: file_name.clone(),
                    done_bytes: done as f64,
                    total_bytes: total as f64,
                }));
            }
        },
        cancel,
    )
    .map_err(problem_of)?;
    let thumbnail_name = files::stored_name(&brought.sha256, "thumbnail.jpg");
    files::keep(&folder, &thumbnail_name, &inspected.thumbnail_jpeg)
        .map_err(|_| IntakeProblem::CannotWrite)?;
    let stored_name = brought
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let probe = inspected.probe;
    Ok(ArchivedRecording {
        intake_id: intake.id.clone(),
        stored_name,
        thumbnail_name,
        sha256: brought.sha256,
        byte_size: brought.byte_size,
        duration_ms: probe.duration_ms,
        width: probe.video.width,
        height: probe.video.height,
        video_codec: probe.video.codec,
        audio_codec: probe.audio.map(|a| a.codec),
    })
}

/// What the live leaves beside its recording, in the media folder: the
/// chat during the recording as readable text (`<sha256>.chat.txt`: a
/// timecode in the recording, who, what; segments and markers between), and
/// the live's record as JSON (`<sha256>.live.json`: segments, markers and
/// chat events with their offsets), for an editor or the Content Studio.
fn write_beside(shared: &Shared, asset_id: &str) -> Result<(), BesideError> {
    let log = live_log::of_recording(&shared.db, asset_id)?;
    let (Ok(from), Ok(until)) = (
        log.recorded_from.parse::<jiff::Timestamp>(),
        log.recorded_until.parse::<jiff::Timestamp>(),
    ) else {
        return Ok(());
    };
    let chat = shared
        .journal
        .get()
        .map(|folder| journal::lines_between(folder, from, until))
        .unwrap_or_default();
    // A recording of no live, with no chat: nothing to tell beside it.
    if log.event_id.is_none() && chat.is_empty() && log.markers.is_empty() {
        return Ok(());
    }
    let offset_of = |at: &str| {
        at.parse::<jiff::Timestamp>()
            .map_or(0, |at| at.duration_since(from).as_millis().max(0))
    };
    let record = LiveRecord {
        log: &log,
        chat: chat
            .iter()
            .map(|line| RecordedChat {
                offset_ms: i64::try_from(offset_of(&line.line.at)).unwrap_or(i64::MAX),
                line,
            })
            .collect(),
    };
    let stem = log
        .stored_name
        .split_once('.')
        .map_or(log.stored_name.as_str(), |(stem, _)| stem);
    let folder = recordings::media_folder(&shared.db);
    let chat_name = format!("{stem}.chat.txt");
    let live_name = format!("{stem}.live.json");
    let (text, messages) = chat_text(&log, &chat, &offset_of);
    let json = serde_json::to_vec_pretty(&record).map_err(std::io::Error::from)?;
    files::keep(&folder, &chat_name, text.as_bytes())?;
    files::keep(&folder, &live_name, &json)?;
    live_log::record_files(&shared.db, asset_id, &chat_name, &live_name, messages)?;
    Ok(())
}

#[derive(Debug, thiserror::Error)]
enum BesideError {
    #[error(transparent)]
    Live(#[from] mona_core::Error),
    #[error("the media folder could not be written: {0}")]
    Write(#[from] std::io::Error),
}

/// The live's record as written beside the recording.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LiveRecord<'a> {
    #[serde(flatten)]
    log: &'a live_log::RecordingLog,
    chat: Vec<RecordedChat<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RecordedChat<'a> {
    offset_ms: i64,
    #[serde(flatten)]
    line: &'a journal::ChannelLine,
}

/// The chat as a person reads it: `[01:02:03] Name: text`, a segment's
/// start as `▶ title`, a marker as `⚑ description`, in time order; and
/// how many messages it holds.
fn chat_text(
    log: &live_log::RecordingLog,
    chat: &[journal::ChannelLine],
    offset_of: &dyn Fn(&str) -> i128,
) -> (String, u32) {
    let mut rows: Vec<(i128, String)> = Vec::new();
    for segment in &log.segments {
        if let Some(offset) = segment.offset_ms {
            rows.push((i128::from(offset), format!("▶ {}", segment.title)));
        }
    }
    for marker in &log.markers {
        rows.push((
            i128::from(marker.offset_ms),
            format!("⚑ {}", marker.description),
        ));
    }
    let mut messages = 0u32;
    for line in chat {
        let journal::JournalEntry::Event {
            event: ChatEvent::Message { message },
        } = &line.line.entry
        else {
            continue;
        };
        messages = messages.saturating_add(1);
        let text: String = message
            .parts
            .iter()
            .map(|part| match part {
                ChatPart::Text { text } => text.as_str(),
                ChatPart::Emote { name, .. } => name.as_str(),
            })
            .collect();
        let text = if message.action {
            format!("* {text}")
        } else {
            text
        };
        rows.push((
            offset_of(&line.line.at),
            format!("{}: {text}", message.name),
        ));
    }
    // Stable: at the same moment, the segment, then the marker, then chat.
    rows.sort_by_key(|(offset, _)| *offset);
    let mut out = String::new();
    for (offset, row) in rows {
        let seconds = offset / 1_000;
        out.push_str(&format!(
            "[{:02}:{:02}:{:02}] {row}\n",
            seconds / 3_600,
            seconds / 60 % 60,
            seconds % 60
        ));
    }
    (out, messages)
}

fn problem_of(error: MediaError) -> IntakeProblem {
    match error {
        MediaError::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            IntakeProblem::Missing
        }
        // The worker's failures read as the file's (the log says which).
        MediaError::Read { .. }
        | MediaError::Ffmpeg { .. }
        | MediaError::NoWorker { .. }
        | MediaError::WorkerStopped { .. } => IntakeProblem::Unreadable,
        MediaError::NotPlayable { .. } => IntakeProblem::NotPlayable,
        MediaError::Write { .. } => IntakeProblem::CannotWrite,
        MediaError::Cancelled => IntakeProblem::Cancelled,
    }
}
