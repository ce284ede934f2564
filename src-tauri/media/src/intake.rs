//! Bringing a file into the library's folder.
//!
//! Why it exists: a recording is several gigabytes, written by OBS in its
//! own folder. The library keeps it under a name made from the SHA-256 of
//! its bytes (the same file brought twice is kept once, and the name proves
//! the content), so the bytes are hashed on their way in, in the one pass
//! that copies them. A copy is written as `.partial` and renamed whole; a move on the
//! same disk is a rename. Either way the library's folder never holds half
//! a file, and a cancelled intake leaves the original where it was.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::MediaError;

/// What becomes of the original file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Keep {
    /// The original stays where it was (OBS's folder keeps its recordings).
    #[default]
    Copy,
    /// The original leaves its folder for the library's.
    Move,
}

/// A file now in the library's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brought {
    /// Its path in the library's folder.
    pub path: PathBuf,
    pub sha256: String,
    pub byte_size: u64,
}

const CHUNK: usize = 1 << 20;

/// Brings `source` into `folder` under `name_for(sha256)` (the library names
/// kept bytes by their hash: `mona_core::files::stored_name`). `progress`
/// hears (bytes done, bytes in all) as the bytes go; `cancel` stops it
/// between two chunks, the original untouched and nothing left in `folder`.
pub fn bring_in(
    source: &Path,
    folder: &Path,
    keep: Keep,
    name_for: &dyn Fn(&str) -> String,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<Brought, MediaError> {
    let read_error = |source_error| MediaError::Read {
        path: source.to_path_buf(),
        source: source_error,
    };
    let write_error = |error| MediaError::Write {
        folder: folder.to_path_buf(),
        source: error,
    };
    std::fs::create_dir_all(folder).map_err(write_error)?;
    let partial = folder.join(format!(
        ".intake-{}-{}.partial",
        std::process::id(),
        unique()
    ));
    let moved = keep == Keep::Move && std::fs::rename(source, &partial).is_ok();
    let hashed = if moved {
        hash_file(&partial, progress, cancel).map_err(|error| {
            // Back where it was: a cancelled or failed move changes nothing.
            let _ = std::fs::rename(&partial, source);
            error.map_or(MediaError::Cancelled, read_error)
        })?
    } else {
        let copied = copy_hashed(source, &partial, progress, cancel);
        if copied.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        copied?
    };
    let (sha256, byte_size) = hashed;
    let path = folder.join(name_for(&sha256));
    std::fs::rename(&partial, &path).map_err(write_error)?;
    if keep == Keep::Move && !moved {
        // Another disk: copied, then the original removed.
        std::fs::remove_file(source).map_err(read_error)?;
    }
    Ok(Brought {
        path,
        sha256,
        byte_size,
    })
}

/// A name no other intake of this process uses at the same time.
fn unique() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Hashes `path`; `Err(None)` when cancelled, `Err(Some(_))` when unreadable.
fn hash_file(
    path: &Path,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<(String, u64), Option<std::io::Error>> {
    let mut file = File::open(path).map_err(Some)?;
    let total = file.metadata().map_err(Some)?.len();
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; CHUNK];
    let mut done = 0;
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Err(None);
        }
        let n = file.read(&mut buffer).map_err(Some)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        done += n as u64;
        progress(done, total);
    }
    Ok((format!("{:x}", hasher.finalize()), done))
}

/// Copies `source` to `to`, hashing the bytes on the way.
fn copy_hashed(
    source: &Path,
    to: &Path,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<(String, u64), MediaError> {
    let read_error = |error| MediaError::Read {
        path: source.to_path_buf(),
        source: error,
    };
    let write_error = |error| MediaError::Write {
        folder: to.parent().map(Path::to_path_buf).unwrap_or_default(),
        source: error,
    };
    let mut input = File::open(source).map_err(read_error)?;
    let total = input.metadata().map_err(read_error)?.len();
    let mut output = File::create(to).map_err(write_error)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; CHUNK];
    let mut done = 0;
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Err(MediaError::Cancelled);
        }
        let n = input.read(&mut buffer).map_err(read_error)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        output.write_all(&buffer[..n]).map_err(write_error)?;
        done += n as u64;
        progress(done, total);
    }
    output.sync_all().map_err(write_error)?;
    Ok((format!("{:x}", hasher.finalize()), done))
}
