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

use mona_core::recordings::{self, ArchivedRecording, Intake, IntakeProblem, RecordingKeep};
use mona_core::{Database, clock, files};
use mona_media::{Keep, MediaError};
use serde::Serialize;
use tokio::sync::{Notify, broadcast, watch};

use crate::obs::{ObsChange, ObsLink, OutputPhase};

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

/// Runs `work` off the async runtime's threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, mona_core::Error> + Send + 'static,
) -> Result<T, mona_core::Error> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or(Err(mona_core::Error::Cancelled))
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
            Ok(found) => recordings::archive(&worker.db, &found).map(|_| ()),
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

fn problem_of(error: MediaError) -> IntakeProblem {
    match error {
        MediaError::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            IntakeProblem::Missing
        }
        MediaError::Read { .. } | MediaError::Ffmpeg { .. } => IntakeProblem::Unreadable,
        MediaError::NotPlayable { .. } => IntakeProblem::NotPlayable,
        MediaError::Write { .. } => IntakeProblem::CannotWrite,
        MediaError::Cancelled => IntakeProblem::Cancelled,
    }
}
