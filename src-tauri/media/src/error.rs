//! What can go wrong with a file, said with the file's name.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Why a file was not read or brought in.
#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error("{path} cannot be read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write in {folder}: {source}")]
    Write {
        folder: PathBuf,
        source: std::io::Error,
    },
    /// The file is not a video a person could watch: it is reported, and
    /// nothing of it is brought in.
    #[error("{path} is not a playable video: {reason}")]
    NotPlayable { path: PathBuf, reason: NotPlayable },
    /// FFmpeg failed on a file it could read (a thumbnail it could not make).
    #[error("{path}: FFmpeg failed: {message}")]
    Ffmpeg { path: PathBuf, message: String },
    /// The media worker is not installed beside the app.
    #[error(
        "the media worker ({}) is not in {looked_in}: the app's installation is incomplete",
        crate::worker::WORKER_NAME
    )]
    NoWorker { looked_in: PathBuf },
    /// The media worker stopped without answering about `path` (a codec
    /// that crashed on a damaged file, a worker that could not start).
    #[error("{path}: the media worker stopped: {message}")]
    WorkerStopped { path: PathBuf, message: String },
    /// The person stopped it; nothing was left behind.
    #[error("stopped before the end")]
    Cancelled,
}

/// What is wrong with a file that does not play.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum NotPlayable {
    /// Not a container FFmpeg knows (a text file named `.mkv`).
    NotMedia,
    /// A container with no video in it.
    NoVideo,
    /// A video whose codec FFmpeg cannot decode.
    UnknownCodec,
    /// Not one picture could be decoded (an empty or broken recording).
    NoPicture,
}

impl fmt::Display for NotPlayable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NotPlayable::NotMedia => "not a video or audio file",
            NotPlayable::NoVideo => "it holds no video",
            NotPlayable::UnknownCodec => "its video codec is not known",
            NotPlayable::NoPicture => "not one picture of it can be decoded",
        })
    }
}
