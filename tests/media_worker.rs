//! The app's side of the media worker: a file read in the worker's process
//! arrives whole (figures and thumbnail), what is not a video says so, and a
//! worker that fails is reported, never a crash of the app.

#[path = "../src-tauri/media/tests/support/mod.rs"]
mod support;

use std::path::Path;

use mona_media::{MediaError, NotPlayable, THUMBNAIL_WIDTH, inspect_with};

fn worker() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_mona-media-worker"))
}

#[test]
fn a_recording_read_by_the_worker_arrives_with_its_figures_and_thumbnail() {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("live du vendredi.mkv");
    support::clip(&path, 2, 25, 640, 360);

    let read = inspect_with(worker(), &path).expect("inspect");
    assert!(
        (1_900..=2_100).contains(&read.probe.duration_ms),
        "{} ms",
        read.probe.duration_ms
    );
    assert_eq!(
        (read.probe.video.width, read.probe.video.height),
        (640, 360)
    );
    assert_eq!(&read.thumbnail_jpeg[..3], &[0xFF, 0xD8, 0xFF], "a JPEG");
    let sof = read
        .thumbnail_jpeg
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline JPEG frame header");
    let width = u16::from_be_bytes([read.thumbnail_jpeg[sof + 7], read.thumbnail_jpeg[sof + 8]]);
    assert_eq!(u32::from(width), THUMBNAIL_WIDTH, "the bytes arrived whole");
}

#[test]
fn a_text_file_read_by_the_worker_is_not_playable_and_named() {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("notes.mp4");
    std::fs::write(&path, "Ceci n'est pas une vidéo.\n".repeat(100)).expect("write");
    match inspect_with(worker(), &path) {
        Err(MediaError::NotPlayable {
            reason,
            path: named,
        }) => {
            assert_eq!(reason, NotPlayable::NotMedia);
            assert_eq!(named, path);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_worker_that_fails_is_reported_with_the_file_it_was_reading() {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("live.mkv");
    support::clip(&path, 1, 25, 320, 240);

    for program in [
        Path::new("/bin/false"),
        &folder.path().join("no-such-worker"),
    ] {
        let error = inspect_with(program, &path).expect_err("no answer");
        assert!(
            matches!(error, MediaError::WorkerStopped { .. }),
            "{error:?}"
        );
        assert!(error.to_string().contains("live.mkv"), "{error}");
    }
}

#[test]
fn the_app_itself_does_not_load_ffmpeg() {
    // What the worker is for: FFmpeg's libraries stay out of the app's
    // process (read from the executable's list of needed libraries).
    let app = Path::new(env!("CARGO_BIN_EXE_mona-spark"));
    let listed = std::process::Command::new("ldd").arg(app).output();
    let Ok(listed) = listed else {
        return; // no ldd (not Linux): nothing to read
    };
    let needed = String::from_utf8_lossy(&listed.stdout);
    assert!(!needed.is_empty(), "ldd read nothing of {}", app.display());
    assert!(
        !needed.contains("libavcodec"),
        "the app links FFmpeg:\n{needed}"
    );
    let worker = String::from_utf8_lossy(
        &std::process::Command::new("ldd")
            .arg(worker())
            .output()
            .expect("ldd")
            .stdout,
    )
    .into_owned();
    assert!(
        worker.contains("libavcodec"),
        "the worker is the one that does:\n{worker}"
    );
}
