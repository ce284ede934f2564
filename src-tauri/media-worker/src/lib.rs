//! The media worker: FFmpeg's libraries, in a process of their own.
//!
//! Why it exists: the FFmpeg a desktop system ships loads some sixty
//! libraries (every codec it was built with), 30 to 40 ms of CPU and about
//! 28 MB before `main` runs. Linked into the app, every launch paid it; here
//! only reading a file does, and a codec that crashes on a damaged file
//! takes this process down, not the app. The app's executable stays free of
//! FFmpeg: `mona_media::inspect` runs this worker (`src-tauri/media_worker.rs`
//! is its `main`) and reads its answer.
//!
//! Invariants: the worker reads the file it is named and writes only to its
//! standard output and error, as `mona_media::worker` describes; it knows
//! nothing of the database or of the app.

mod inspect;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

pub use inspect::inspect_here;
use mona_media::worker::{self, INSPECT};

/// FFmpeg's libraries, set up once per process; they only print their own
/// errors (a damaged file is reported through `MediaError`, not stderr).
pub(crate) fn ffmpeg() -> Result<(), ffmpeg_next::Error> {
    static READY: std::sync::OnceLock<Result<(), ffmpeg_next::Error>> = std::sync::OnceLock::new();
    *READY.get_or_init(|| {
        ffmpeg_next::init()?;
        ffmpeg_next::util::log::set_level(ffmpeg_next::util::log::Level::Fatal);
        Ok(())
    })
}

/// Does what `args` (the command line, program name first) asks and writes
/// the answer to `out`; returns the process's exit code.
pub fn run(args: impl IntoIterator<Item = OsString>, out: &mut dyn Write) -> i32 {
    let mut args = args.into_iter().skip(1);
    let (Some(verb), Some(path), None) = (args.next(), args.next(), args.next()) else {
        eprintln!("usage: mona-media-worker {INSPECT} <file>");
        return 2;
    };
    if verb != INSPECT {
        eprintln!("unknown request {verb:?}; usage: mona-media-worker {INSPECT} <file>");
        return 2;
    }
    let written = worker::write_answer(out, inspect_here(&PathBuf::from(path)));
    match written {
        Ok(()) => 0,
        Err(error) => {
            eprintln!("the answer could not be written: {error}");
            1
        }
    }
}
