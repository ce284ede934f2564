//! How the app and the media worker speak, and where the worker is.
//!
//! The worker (`mona-media-worker`, built from the `mona-media-worker` crate
//! and shipped beside the app's executable) is run once per file:
//! `mona-media-worker inspect <path>`. It answers on its standard output
//! with one line of JSON (`Answer`), followed, when the file was read, by
//! the thumbnail's JPEG bytes up to the end of the output. It exits with 0
//! whatever the file held; anything else means the worker itself failed.
//! Both halves of that format are here: [`write_answer`] (the worker's)
//! and [`read_answer`] (the app's).

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{Inspected, MediaError, NotPlayable, Probe};

/// The worker's executable name, without the platform's suffix.
pub const WORKER_NAME: &str = "mona-media-worker";
/// Names a different worker executable (tests, a packager's own layout).
pub const WORKER_VARIABLE: &str = "MONA_MEDIA_WORKER";
/// The verb asking the worker to read a file.
pub const INSPECT: &str = "inspect";

/// The worker's first line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
enum Answer {
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

/// Writes what the worker found of a file (`read`) to `out`, the worker's
/// standard output.
pub fn write_answer(
    out: &mut dyn Write,
    read: Result<Inspected, MediaError>,
) -> std::io::Result<()> {
    let (answer, thumbnail) = match read {
        Ok(inspected) => (
            Answer::Read {
                probe: inspected.probe,
            },
            inspected.thumbnail_jpeg,
        ),
        Err(MediaError::NotPlayable { reason, .. }) => (Answer::NotPlayable { reason }, Vec::new()),
        Err(error) => (
            Answer::Failed {
                message: error.to_string(),
            },
            Vec::new(),
        ),
    };
    serde_json::to_writer(&mut *out, &answer)?;
    out.write_all(b"\n")?;
    out.write_all(&thumbnail)?;
    out.flush()
}

/// What the worker's `output` says of the file at `path`.
pub(crate) fn read_answer(path: &Path, output: &[u8]) -> Result<Inspected, MediaError> {
    let (line, thumbnail) = output
        .iter()
        .position(|&byte| byte == b'\n')
        .map_or((output, &[][..]), |end| {
            (&output[..end], &output[end + 1..])
        });
    let answer =
        serde_json::from_slice::<Answer>(line).map_err(|error| MediaError::WorkerStopped {
            path: path.to_path_buf(),
            message: format!("an answer not understood: {error}"),
        })?;
    match answer {
        Answer::Read { probe } => Ok(Inspected {
            probe,
            thumbnail_jpeg: thumbnail.to_vec(),
        }),
        Answer::NotPlayable { reason } => Err(MediaError::NotPlayable {
            path: path.to_path_buf(),
            reason,
        }),
        Answer::Failed { message } => Err(MediaError::Ffmpeg {
            path: path.to_path_buf(),
            message,
        }),
    }
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
    fn what_the_worker_writes_the_app_reads_back_for_the_same_file() {
        let path = Path::new("/enregistrements/live du 4.mkv");
        let round_trip = |read| {
            let mut output = Vec::new();
            write_answer(&mut output, read).expect("written");
            read_answer(path, &output)
        };
        let probe = Probe {
            container: "matroska,webm".into(),
            duration_ms: 3_000,
            video: crate::VideoTrack {
                codec: "h264".into(),
                width: 1920,
                height: 1080,
                frame_rate: Some(60.0),
            },
            audio: None,
        };
        // JPEG bytes hold new lines of their own: only the first one ends the answer.
        let jpeg = vec![0xFF, 0xD8, b'\n', 0x00, b'\n', 0xFF, 0xD9];
        let read = round_trip(Ok(Inspected {
            probe: probe.clone(),
            thumbnail_jpeg: jpeg.clone(),
        }))
        .expect("read");
        assert_eq!((read.probe, read.thumbnail_jpeg), (probe, jpeg));

        match round_trip(Err(MediaError::NotPlayable {
            path: path.into(),
            reason: NotPlayable::NoVideo,
        })) {
            Err(MediaError::NotPlayable {
                reason,
                path: named,
            }) => {
                assert_eq!((reason, named.as_path()), (NotPlayable::NoVideo, path));
            }
            other => panic!("{other:?}"),
        }
        let failed = round_trip(Err(MediaError::Ffmpeg {
            path: path.into(),
            message: "Invalid data found when processing input".into(),
        }));
        assert!(
            matches!(failed, Err(MediaError::Ffmpeg { .. })),
            "{failed:?}"
        );
        let garbled = read_answer(path, b"Segmentation fault\n");
        assert!(
            matches!(garbled, Err(MediaError::WorkerStopped { .. })),
            "{garbled:?}"
        );
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
