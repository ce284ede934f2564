//! Bringing a recording into the library's folder: named by its content,
//! whole or not at all, the original kept or moved as the person chose.

use std::sync::atomic::{AtomicBool, Ordering};

mod support;

use mona_media::{Keep, MediaError, bring_in};
use support::files_in as names;

/// As the library names kept bytes: their hash and the extension.
fn by_hash(sha256: &str) -> String {
    format!("{sha256}.mkv")
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(bytes))
}

/// Three and a half chunks of bytes, so that progress is heard several times.
fn recording_bytes() -> Vec<u8> {
    (0..(7u32 << 19)).map(|i| (i % 251) as u8).collect()
}

#[test]
fn a_copied_recording_is_named_by_its_content_and_the_original_stays() {
    let (obs, library) = (
        tempfile::tempdir().expect("obs"),
        tempfile::tempdir().expect("library"),
    );
    let original = obs.path().join("2026-12-04 20-00-00.MKV");
    let bytes = recording_bytes();
    std::fs::write(&original, &bytes).expect("write");

    let mut heard = Vec::new();
    let brought = bring_in(
        &original,
        library.path(),
        Keep::Copy,
        &by_hash,
        &mut |done, total| heard.push((done, total)),
        &AtomicBool::new(false),
    )
    .expect("bring in");
    let sha = sha256_hex(&bytes);
    assert_eq!(brought.sha256, sha);
    assert_eq!(brought.byte_size, bytes.len() as u64);
    assert_eq!(brought.path, library.path().join(format!("{sha}.mkv")));
    assert_eq!(std::fs::read(&brought.path).expect("copy"), bytes);
    assert!(original.exists(), "the original stays in OBS's folder");
    assert!(heard.len() >= 4, "{heard:?}");
    assert_eq!(
        heard.last(),
        Some(&(bytes.len() as u64, bytes.len() as u64))
    );
    assert_eq!(
        names(library.path()),
        vec![format!("{sha}.mkv")],
        "no partial file left"
    );
}

#[test]
fn a_moved_recording_leaves_obs_folder() {
    let (obs, library) = (
        tempfile::tempdir().expect("obs"),
        tempfile::tempdir().expect("library"),
    );
    let original = obs.path().join("live.mkv");
    std::fs::write(&original, recording_bytes()).expect("write");
    let brought = bring_in(
        &original,
        library.path(),
        Keep::Move,
        &by_hash,
        &mut |_, _| {},
        &AtomicBool::new(false),
    )
    .expect("bring in");
    assert!(!original.exists());
    assert!(brought.path.exists());
    assert_eq!(names(library.path()).len(), 1);
}

#[test]
fn a_cancelled_intake_leaves_the_original_and_nothing_in_the_library() {
    for keep in [Keep::Copy, Keep::Move] {
        let (obs, library) = (
            tempfile::tempdir().expect("obs"),
            tempfile::tempdir().expect("library"),
        );
        let original = obs.path().join("live.mkv");
        let bytes = recording_bytes();
        std::fs::write(&original, &bytes).expect("write");
        let cancel = AtomicBool::new(false);
        let result = bring_in(
            &original,
            library.path(),
            keep,
            &by_hash,
            // The person presses Cancel once the first chunk went.
            &mut |_, _| cancel.store(true, Ordering::Relaxed),
            &cancel,
        );
        assert!(
            matches!(result, Err(MediaError::Cancelled)),
            "{keep:?}: {result:?}"
        );
        assert_eq!(
            std::fs::read(&original).expect("original"),
            bytes,
            "{keep:?}"
        );
        assert!(
            names(library.path()).is_empty(),
            "{keep:?}: {:?}",
            names(library.path())
        );
    }
}

#[test]
fn the_same_recording_brought_twice_is_kept_once() {
    let (obs, library) = (
        tempfile::tempdir().expect("obs"),
        tempfile::tempdir().expect("library"),
    );
    let original = obs.path().join("live.mkv");
    std::fs::write(&original, recording_bytes()).expect("write");
    let never = AtomicBool::new(false);
    let first = bring_in(
        &original,
        library.path(),
        Keep::Copy,
        &by_hash,
        &mut |_, _| {},
        &never,
    )
    .expect("first");
    let second = bring_in(
        &original,
        library.path(),
        Keep::Copy,
        &by_hash,
        &mut |_, _| {},
        &never,
    )
    .expect("second");
    assert_eq!(first.path, second.path);
    assert_eq!(names(library.path()).len(), 1);
}

#[test]
fn a_library_folder_that_cannot_be_made_says_where() {
    let obs = tempfile::tempdir().expect("obs");
    let original = obs.path().join("live.mkv");
    std::fs::write(&original, b"bytes").expect("write");
    // A file stands where the folder should be.
    let blocked = obs.path().join("media");
    std::fs::write(&blocked, b"").expect("write");
    let error = bring_in(
        &original,
        &blocked,
        Keep::Copy,
        &by_hash,
        &mut |_, _| {},
        &AtomicBool::new(false),
    )
    .expect_err("no folder");
    assert!(matches!(error, MediaError::Write { .. }), "{error:?}");
    assert!(error.to_string().contains("media"), "{error}");
}
