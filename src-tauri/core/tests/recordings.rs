//! A recording OBS finished becomes an asset of the library, linked to the
//! live it recorded; the queue of recordings survives a restart, and a
//! recording that cannot be archived is reported.

mod support;

use std::path::Path;

use mona_core::Database;
use mona_core::events::{self, EventFields, EventKind, EventStatus};
use mona_core::recordings::{self, ArchivedRecording, IntakeProblem, IntakeState, RecordingKeep};
use mona_core::sponsors::{self, SponsorFields, SponsorStatus};
use support::{artist, database};

/// A live on the calendar, Friday 4 December 2026 from 20:00 to 22:00 Paris
/// time (19:00–21:00 UTC).
fn live(
    db: &Database,
    title: &str,
    artist_id: Option<String>,
    sponsor_id: Option<String>,
) -> String {
    events::create(
        db,
        EventFields {
            title: title.into(),
            kind: EventKind::Live,
            starts_at: "2026-12-04T19:00:00.000Z".into(),
            ends_at: "2026-12-04T21:00:00.000Z".into(),
            time_zone: "Europe/Paris".into(),
            artist_id,
            sponsor_id,
            ..EventFields::default()
        },
    )
    .expect("live")
    .id
}

/// What the media work found in a recording of `duration_ms`.
fn found(intake_id: &str, duration_ms: u64) -> ArchivedRecording {
    ArchivedRecording {
        intake_id: intake_id.into(),
        stored_name: "5f1e.mkv".into(),
        thumbnail_name: "5f1e.jpg".into(),
        sha256: "5f1e".into(),
        byte_size: 6 << 30,
        duration_ms,
        width: 1920,
        height: 1080,
        video_codec: "h264".into(),
        audio_codec: Some("aac".into()),
    }
}

fn only_waiting(db: &Database) -> String {
    let waiting = recordings::waiting(db).expect("waiting");
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    waiting[0].id.clone()
}

#[test]
fn a_recording_of_a_planned_live_is_archived_with_its_artist_and_sponsor() {
    let (_folder, db) = database();
    let nadia = artist(&db, "Nadia K");
    let lumiere = sponsors::create(
        &db,
        SponsorFields {
            name: "Studio Lumière".into(),
            status: SponsorStatus::Active,
            ..SponsorFields::default()
        },
    )
    .expect("sponsor")
    .id;
    let event = live(
        &db,
        "Nadia K en live",
        Some(nadia.clone()),
        Some(lumiere.clone()),
    );

    recordings::note_stopped(
        &db,
        Path::new("/home/lea/Vidéos/2026-12-04 20-10-00.mkv"),
        "2026-12-04T20:55:00.000Z",
    )
    .expect("noted");
    let intake = only_waiting(&db);
    let asset = recordings::archive(&db, &found(&intake, 45 * 60_000)).expect("archived");

    assert!(recordings::waiting(&db).expect("waiting").is_empty());
    let listed = recordings::recent(&db, 20).expect("recent");
    assert_eq!(listed.len(), 1);
    let entry = &listed[0];
    assert_eq!(entry.state, IntakeState::Archived);
    assert_eq!(entry.asset_id.as_deref(), Some(asset.as_str()));
    assert_eq!(entry.title.as_deref(), Some("Nadia K en live"));
    assert_eq!(entry.event_title.as_deref(), Some("Nadia K en live"));
    assert_eq!(entry.event_id.as_deref(), Some(event.as_str()));
    assert_eq!(entry.duration_ms, Some(45 * 60_000));
    assert_eq!(
        entry.byte_size,
        Some(f64::from(6u32) * f64::from(1u32 << 30))
    );
    assert_eq!(entry.file_name, "2026-12-04 20-10-00.mkv");

    let (artist_id, sponsor_id, from, until, mime): (String, String, String, String, String) = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT artist_id, sponsor_id, recorded_from, recorded_until, mime_type
                 FROM assets WHERE id = ?1",
                [&asset],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )?)
        })
        .expect("asset");
    assert_eq!((artist_id, sponsor_id), (nadia, lumiere));
    assert_eq!(from, "2026-12-04T20:10:00.000Z");
    assert_eq!(until, "2026-12-04T20:55:00.000Z");
    assert_eq!(mime, "video/x-matroska");
}

#[test]
fn a_recording_started_before_the_live_still_belongs_to_it_but_not_to_a_cancelled_one() {
    let (_folder, db) = database();
    let planned = live(&db, "Répétition générale", None, None);
    let cancelled = live(&db, "Live annulé", None, None);
    let mut fields = events::get(&db, &cancelled).expect("event").fields;
    fields.status = EventStatus::Cancelled;
    events::update(&db, &cancelled, fields).expect("cancel");

    // 18:40–18:58 UTC: before the live's 19:00 start, within the margin.
    recordings::note_stopped(&db, Path::new("/obs/early.mkv"), "2026-12-04T18:58:00.000Z")
        .expect("noted");
    let intake = only_waiting(&db);
    recordings::archive(&db, &found(&intake, 18 * 60_000)).expect("archived");
    let entry = &recordings::recent(&db, 20).expect("recent")[0];
    assert_eq!(entry.event_id.as_deref(), Some(planned.as_str()));
}

#[test]
fn a_recording_outside_any_live_is_titled_with_its_file_name() {
    let (_folder, db) = database();
    live(&db, "Nadia K en live", None, None);
    // The morning after.
    recordings::note_stopped(
        &db,
        Path::new("/obs/2026-12-05 09-00-00.mkv"),
        "2026-12-05T08:30:00.000Z",
    )
    .expect("noted");
    let intake = only_waiting(&db);
    recordings::archive(&db, &found(&intake, 10 * 60_000)).expect("archived");
    let entry = &recordings::recent(&db, 20).expect("recent")[0];
    assert_eq!(entry.title.as_deref(), Some("2026-12-05 09-00-00"));
    assert_eq!(entry.event_id, None);
}

#[test]
fn a_recording_announced_twice_is_archived_once() {
    let (_folder, db) = database();
    for _ in 0..2 {
        recordings::note_stopped(&db, Path::new("/obs/live.mkv"), "2026-12-04T20:55:00.000Z")
            .expect("noted");
    }
    only_waiting(&db);
}

#[test]
fn recordings_waiting_when_the_app_closes_are_still_waiting_at_the_next_start() {
    let (folder, db) = database();
    recordings::note_stopped(&db, Path::new("/obs/live.mkv"), "2026-12-04T20:55:00.000Z")
        .expect("noted");
    drop(db);
    let db = Database::open(folder.path()).expect("reopen");
    let waiting = recordings::waiting(&db).expect("waiting");
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].file_path, Path::new("/obs/live.mkv"));
}

#[test]
fn a_recording_that_is_not_a_video_is_reported_and_can_be_tried_again() {
    let (_folder, db) = database();
    recordings::note_stopped(
        &db,
        Path::new("/obs/broken.mkv"),
        "2026-12-04T20:55:00.000Z",
    )
    .expect("noted");
    let intake = only_waiting(&db);
    recordings::fail(&db, &intake, IntakeProblem::NotPlayable).expect("failed");

    assert!(recordings::waiting(&db).expect("waiting").is_empty());
    let entry = &recordings::recent(&db, 20).expect("recent")[0];
    assert_eq!(entry.state, IntakeState::Failed);
    assert_eq!(entry.problem, Some(IntakeProblem::NotPlayable));
    assert_eq!(entry.asset_id, None);
    let inbox = mona_core::notifications::inbox(&db).expect("inbox");
    let told = inbox
        .items
        .iter()
        .find(|n| n.kind == "recording_failed")
        .expect("told in the notification centre");
    assert_eq!(told.title, "broken.mkv");
    assert_eq!(told.body, "not_playable");

    recordings::retry(&db, &intake).expect("retry");
    assert_eq!(only_waiting(&db), intake);
}

#[test]
fn a_recording_the_person_stopped_is_not_announced_again() {
    let (_folder, db) = database();
    recordings::note_stopped(&db, Path::new("/obs/live.mkv"), "2026-12-04T20:55:00.000Z")
        .expect("noted");
    let intake = only_waiting(&db);
    recordings::fail(&db, &intake, IntakeProblem::Cancelled).expect("stopped");
    let inbox = mona_core::notifications::inbox(&db).expect("inbox");
    assert!(inbox.items.iter().all(|n| n.kind != "recording_failed"));
}

#[test]
fn recordings_are_copied_unless_the_person_chose_to_move_them() {
    let (folder, db) = database();
    assert_eq!(recordings::keep(&db).expect("keep"), RecordingKeep::Copy);
    recordings::set_keep(&db, RecordingKeep::Move).expect("set");
    drop(db);
    let db = Database::open(folder.path()).expect("reopen");
    assert_eq!(recordings::keep(&db).expect("keep"), RecordingKeep::Move);
    assert_eq!(recordings::media_folder(&db), folder.path().join("media"));
}

#[test]
fn a_marker_set_during_a_live_is_found_at_its_moment_in_the_live_s_recording() {
    use mona_core::live_log;
    use mona_core::recordings::RecordingFile;
    let (_folder, db) = database();
    let live_id = live(&db, "Nadia K en live", None, None);
    let at = |instant: &str| instant.parse::<jiff::Timestamp>().expect("instant");
    let during = live_log::mark(
        &db,
        "Nadia_Live",
        "  début du DJ set ",
        at("2026-12-04T19:40:00Z"),
    )
    .expect("marked");
    assert_eq!(
        (during.description.as_str(), during.event_id.as_deref()),
        ("début du DJ set", Some(live_id.as_str()))
    );
    let elsewhere = live_log::mark(&db, "nadia_live", "répétition", at("2026-12-05T12:00:00Z"))
        .expect("marked");
    assert_eq!(elsewhere.event_id, None, "no live planned then");
    assert!(matches!(
        live_log::mark(
            &db,
            "nadia_live",
            &"x".repeat(141),
            at("2026-12-04T19:41:00Z")
        ),
        Err(mona_core::Error::Invalid(_))
    ));

    // The live recorded from 19:30 to 20:15 UTC.
    recordings::note_stopped(&db, Path::new("/obs/live.mkv"), "2026-12-04T20:15:00.000Z")
        .expect("noted");
    let asset =
        recordings::archive(&db, &found(&only_waiting(&db), 45 * 60_000)).expect("archived");
    let log = live_log::of_recording(&db, &asset).expect("the log");
    assert_eq!(log.event_id.as_deref(), Some(live_id.as_str()));
    assert_eq!(
        log.markers
            .iter()
            .map(|m| (m.description.as_str(), m.offset_ms))
            .collect::<Vec<_>>(),
        [("début du DJ set", 10 * 60_000)]
    );
    // Its files are not on this computer (the test wrote none).
    assert!(matches!(
        recordings::file_path(&db, &asset, RecordingFile::ChatLog),
        Err(mona_core::Error::NotFound { .. })
    ));
}
