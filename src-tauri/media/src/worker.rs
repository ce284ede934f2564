//! How the app and the media worker speak, and where the worker is.
//!
//! The worker (`mona-media-worker`, built from the `mona-media-worker` crate
//! and shipped beside the app's executable) is run once per file:
//! `mona-media-worker inspect <path>`. It answers on its standard output
//! with one line of JSON ([`Answer`]), followed, when the file was read, by
//! the thumbnail's JPEG bytes up to the end of the output. It exits with 0
//! whatever the file held; anything else means the worker itself failed.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{MediaError, NotPlayable, Probe};

/// The worker's executable name, without the platform's suffix.
pub const WORKER_NAME: &str = "mona-media-worker";
/// Names a different worker executable (tests, a packager's own layout).
pub const WORKER_VARIABLE: &str = "MONA_MEDIA_WORKER";
/// The verb asking the worker to read a file.
pub const INSPECT: &str = "inspect";

/// The worker's first line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum Answer {
    /// The file plays; the thumbnail's bytes follow the line.
    Read {
        probe: Probe,
    },
    NotPlayable {
        reason: NotPlayable,
    },
    /// FFmpeg failed on a file it could read.
    Failed {
        message: String,
    },
}

/// The worker's executable: the one [`WORKER_VARIABLE`] names, else the one
/// beside this executable, else the one a folder above (a test executable
/// runs from `target/<profile>/deps`, the worker is in `target/<profile>`).
pub fn locate() -> Result<PathBuf, MediaError> {
    locate_from(
        std::env::var_os(WORKER_VARIABLE),
        std::env::current_exe().ok(),
    )
}

fn locate_from(named: Option<OsString>, exe: Option<PathBuf>) -> Result<PathBuf, MediaError> {
    if let Some(named) = named.filter(|name| !name.is_empty()) {
        return Ok(PathBuf::from(named));
    }
    let here = exe
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let file = format!("{WORKER_NAME}{}", std::env::consts::EXE_SUFFIX);
    let found = [Some(here.as_path()), here.parent()]
        .into_iter()
        .flatten()
        .map(|folder| folder.join(&file))
        .find(|path| path.is_file());
    found.ok_or(MediaError::NoWorker { looked_in: here })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_reads_back_as_it_was_written() {
        let answers = [
            Answer::NotPlayable {
                reason: NotPlayable::NoVideo,
            },
            Answer::Failed {
                message: "Invalid data found when processing input".into(),
            },
        ];
        for answer in answers {
            let line = serde_json::to_string(&answer).expect("json");
            assert!(!line.contains('\n'), "one line: {line}");
            assert_eq!(serde_json::from_str::<Answer>(&line).expect("read"), answer);
        }
    }

    #[test]
    fn the_worker_is_found_beside_the_app_or_a_folder_above() {
        let target = tempfile::tempdir().expect("folder");
        let deps = target.path().join("deps");
        std::fs::create_dir(&deps).expect("deps");
        let worker = target
            .path()
            .join(format!("{WORKER_NAME}{}", std::env::consts::EXE_SUFFIX));
        let app = target.path().join("mona-spark");
        let test = deps.join("archive-0123");

        match locate_from(None, Some(app.clone())) {
            Err(MediaError::NoWorker { looked_in }) => assert_eq!(looked_in, target.path()),
            other => panic!("{other:?}"),
        }
        std::fs::write(&worker, "").expect("worker");
        assert_eq!(locate_from(None, Some(app)).expect("beside"), worker);
        assert_eq!(locate_from(None, Some(test)).expect("above"), worker);
        assert_eq!(
            locate_from(Some("/opt/worker".into()), None).expect("named"),
            PathBuf::from("/opt/worker")
        );
    }
}
