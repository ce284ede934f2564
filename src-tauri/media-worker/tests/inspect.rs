//! Reading what a recording holds, in the worker's own process: the figures
//! the library shows, its thumbnail, and a clear "not playable" for what is
//! not a video. (The app's side of the exchange: `tests/media_worker.rs`.)

#[path = "../../media/tests/support/mod.rs"]
mod support;

use mona_media::{MediaError, NotPlayable, THUMBNAIL_WIDTH};
use mona_media_worker::inspect_here as inspect;

#[test]
fn a_three_second_recording_is_read_with_its_duration_codec_and_size() {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("live.mkv");
    support::clip(&path, 3, 30, 640, 360);

    let read = inspect(&path).expect("inspect");
    let probe = read.probe;
    assert!(
        (2_900..=3_100).contains(&probe.duration_ms),
        "{} ms",
        probe.duration_ms
    );
    assert_eq!(probe.video.codec, "mpeg4");
    assert_eq!((probe.video.width, probe.video.height), (640, 360));
    assert_eq!(probe.video.frame_rate.map(f64::round), Some(30.0));
    assert!(probe.container.contains("matroska"), "{}", probe.container);
    assert_eq!(probe.audio, None);
}

#[test]
fn a_recording_gets_a_jpeg_thumbnail_of_its_shape() {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("live.mp4");
    support::clip(&path, 2, 25, 640, 360);

    let jpeg = inspect(&path).expect("inspect").thumbnail_jpeg;
    assert_eq!(&jpeg[..3], &[0xFF, 0xD8, 0xFF], "a JPEG");
    // The JPEG's frame header (SOF0) holds its height and width.
    let sof = jpeg
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline JPEG frame header");
    let height = u16::from_be_bytes([jpeg[sof + 5], jpeg[sof + 6]]);
    let width = u16::from_be_bytes([jpeg[sof + 7], jpeg[sof + 8]]);
    assert_eq!((u32::from(width), height), (THUMBNAIL_WIDTH, 180));
}

#[test]
fn a_recording_cut_short_is_read_for_what_it_holds() {
    let folder = tempfile::tempdir().expect("folder");
    let whole = folder.path().join("whole.mkv");
    support::clip(&whole, 4, 30, 320, 240);
    // As OBS leaves a file when it is killed mid-recording: no index, no
    // stated duration, the last bytes missing.
    let bytes = std::fs::read(&whole).expect("read");
    let cut = folder.path().join("cut.mkv");
    std::fs::write(&cut, &bytes[..bytes.len() * 6 / 10]).expect("write");

    let probe = inspect(&cut).expect("a cut recording still plays").probe;
    assert!(
        probe.duration_ms > 1_000 && probe.duration_ms < 4_000,
        "{} ms",
        probe.duration_ms
    );
}

#[test]
fn a_text_file_named_like_a_video_is_not_playable() {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("notes.mkv");
    std::fs::write(&path, "Ceci n'est pas une vidéo.\n".repeat(100)).expect("write");
    match inspect(&path) {
        Err(MediaError::NotPlayable {
            reason,
            path: named,
        }) => {
            assert_eq!(reason, NotPlayable::NotMedia);
            assert_eq!(named, path, "the message names the file");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_empty_recording_is_not_playable() {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("empty.mkv");
    std::fs::write(&path, b"").expect("write");
    assert!(matches!(
        inspect(&path),
        Err(MediaError::NotPlayable { .. })
    ));
}

#[test]
fn a_recording_that_is_gone_says_it_cannot_be_read() {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("gone.mkv");
    let error = inspect(&path).expect_err("no file");
    assert!(matches!(error, MediaError::Read { .. }), "{error:?}");
    assert!(error.to_string().contains("gone.mkv"), "{error}");
}
