//! What a video file holds, read once: its duration, its tracks, a
//! thumbnail, and whether it plays at all.
//!
//! Why one pass: deciding that a file plays means decoding a picture, and
//! the thumbnail is a decoded picture; a recording of several gigabytes is
//! opened once, not twice.
//!
//! The reading itself is FFmpeg's, in the media worker's process (crate
//! `mona-media-worker` says why); this is the app's side: it runs the
//! worker and reads its answer (`worker` says how).

use std::path::Path;
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

use crate::MediaError;
use crate::worker;

/// The thumbnail's width in pixels (its height keeps the picture's shape).
pub const THUMBNAIL_WIDTH: u32 = 320;

/// The video track of a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct VideoTrack {
    /// FFmpeg's short name of the codec: `h264`, `hevc`, `av1`…
    pub codec: String,
    pub width: u32,
    pub height: u32,
    /// Frames per second, when the file says.
    pub frame_rate: Option<f64>,
}

/// The audio track of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AudioTrack {
    pub codec: String,
    pub sample_rate: u32,
    pub channels: u16,
}

/// What a playable video file holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Probe {
    /// FFmpeg's name of the container (`matroska,webm`, `mov,mp4,…`).
    pub container: String,
    pub duration_ms: u64,
    pub video: VideoTrack,
    pub audio: Option<AudioTrack>,
}

/// A file read by [`inspect`].
#[derive(Debug, Clone)]
pub struct Inspected {
    pub probe: Probe,
    /// A JPEG [`THUMBNAIL_WIDTH`] pixels wide.
    pub thumbnail_jpeg: Vec<u8>,
}

/// Reads what the video at `path` holds and makes its thumbnail, in the
/// media worker. A file that is not a video a person could watch is
/// [`MediaError::NotPlayable`].
pub fn inspect(path: &Path) -> Result<Inspected, MediaError> {
    inspect_with(&worker::locate()?, path)
}

/// [`inspect`] with the worker at `program`.
pub fn inspect_with(program: &Path, path: &Path) -> Result<Inspected, MediaError> {
    // Opened here first so that a missing or forbidden file says so in the
    // words of the system; what the worker then refuses is not media.
    std::fs::File::open(path).map_err(|source| MediaError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let stopped = |message: String| MediaError::WorkerStopped {
        path: path.to_path_buf(),
        message,
    };
    let output = Command::new(program)
        .arg(worker::INSPECT)
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|error| stopped(format!("{} could not start: {error}", program.display())))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(stopped(format!("{} ({})", output.status, said.trim())));
    }
    worker::read_answer(path, &output.stdout)
}
