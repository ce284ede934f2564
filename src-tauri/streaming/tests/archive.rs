//! Archiving without OBS in the way: what waited in the queue when the app
//! closed is archived at the next start, a file that does not play is
//! reported and nothing of it copied, and a move leaves OBS's folder empty.
//! (A real OBS recording is archived in `obs_real.rs`.)

#[path = "../../media/tests/support/mod.rs"]
mod clip;
mod support;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use clip::files_in;
use mona_core::Database;
use mona_core::recordings::{self, IntakeProblem, IntakeState, RecordingEntry, RecordingKeep};
use mona_streaming::archive::RecordingArchive;
use mona_streaming::obs::ObsLink;
use mona_streaming::twitch::chat::journal::{JournalEntry, JournalLine};
use mona_streaming::twitch::chat::{ChatEvent, ChatMessage, ChatPart};

/// The app as it starts: a database and an OBS link with no OBS set up.
fn app(data: &Path) -> (Arc<Database>, ObsLink) {
    let db = Arc::new(Database::open(data).expect("database"));
    (db, ObsLink::start(None, support::quick_timing()))
}

/// The list once no recording waits any more.
async fn settled(db: &Database, archive: &RecordingArchive) -> Vec<RecordingEntry> {
    let mut news = archive.news();
    tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            let listed = recordings::recent(db, 20).expect("recent");
            if listed.iter().all(|e| e.state != IntakeState::Waiting) {
                return listed;
            }
            news.changed().await.expect("the archive runs");
        }
    })
    .await
    .expect("settled within 30 s")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recordings_left_waiting_are_archived_at_the_next_start_and_a_broken_one_is_reported() {
    let (data, obs_folder) = (
        tempfile::tempdir().expect("data"),
        tempfile::tempdir().expect("obs"),
    );
    let good = obs_folder.path().join("2026-12-04 20-00-00.mkv");
    clip::clip(&good, 2, 25, 320, 180);
    let broken = obs_folder.path().join("2026-12-04 21-00-00.mkv");
    std::fs::write(&broken, b"OBS was killed before it wrote a byte of video").expect("write");
    {
        // OBS stopped both while the app was closing: noted, not archived.
        let db = Database::open(data.path()).expect("database");
        recordings::note_stopped(&db, &good, "2026-12-04T19:30:00.000Z").expect("noted");
        recordings::note_stopped(&db, &broken, "2026-12-04T20:30:00.000Z").expect("noted");
    }

    let (db, obs) = app(data.path());
    let archive = RecordingArchive::start(Arc::clone(&db), &obs);
    let listed = settled(&db, &archive).await;
    assert_eq!(listed.len(), 2);
    let by_name = |name: &str| {
        listed
            .iter()
            .find(|e| e.file_name == name)
            .expect("listed")
            .clone()
    };
    let archived = by_name("2026-12-04 20-00-00.mkv");
    assert_eq!(archived.state, IntakeState::Archived);
    assert_eq!(archived.title.as_deref(), Some("2026-12-04 20-00-00"));
    assert!(
        archived
            .duration_ms
            .is_some_and(|ms| (1_900..=2_100).contains(&ms))
    );
    let reported = by_name("2026-12-04 21-00-00.mkv");
    assert_eq!(reported.state, IntakeState::Failed);
    assert_eq!(reported.problem, Some(IntakeProblem::NotPlayable));

    // Only the good recording and its thumbnail reached the media folder.
    let media = files_in(&recordings::media_folder(&db));
    assert_eq!(media.len(), 2, "{media:?}");
    assert!(media.iter().any(|n| n.ends_with(".mkv")), "{media:?}");
    assert!(media.iter().any(|n| n.ends_with(".jpg")), "{media:?}");
    assert!(good.exists() && broken.exists(), "copied, not moved");
    let inbox = mona_core::notifications::inbox(&db).expect("inbox");
    assert!(
        inbox
            .items
            .iter()
            .any(|n| n.kind == "recording_failed" && n.title == "2026-12-04 21-00-00.mkv")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recording_moved_to_the_library_leaves_obs_folder_and_a_gone_one_is_reported() {
    let (data, obs_folder) = (
        tempfile::tempdir().expect("data"),
        tempfile::tempdir().expect("obs"),
    );
    let (db, obs) = app(data.path());
    recordings::set_keep(&db, RecordingKeep::Move).expect("move");
    let recording = obs_folder.path().join("live.mp4");
    clip::clip(&recording, 1, 25, 320, 180);
    recordings::note_stopped(&db, &recording, "2026-12-04T19:30:00.000Z").expect("noted");
    recordings::note_stopped(
        &db,
        &obs_folder.path().join("deleted.mkv"),
        "2026-12-04T19:40:00.000Z",
    )
    .expect("noted");

    let archive = RecordingArchive::start(Arc::clone(&db), &obs);
    let listed = settled(&db, &archive).await;
    let moved = listed
        .iter()
        .find(|e| e.file_name == "live.mp4")
        .expect("listed");
    assert_eq!(moved.state, IntakeState::Archived);
    assert!(!recording.exists(), "moved out of OBS's folder");
    let gone = listed
        .iter()
        .find(|e| e.file_name == "deleted.mkv")
        .expect("listed");
    assert_eq!(gone.problem, Some(IntakeProblem::Missing));

    // Put back, the gone one is tried again on demand.
    clip::clip(&obs_folder.path().join("deleted.mkv"), 1, 25, 320, 180);
    archive.retry(&gone.intake_id).await.expect("retry");
    let listed = settled(&db, &archive).await;
    let back = listed
        .iter()
        .find(|e| e.file_name == "deleted.mkv")
        .expect("listed");
    assert_eq!(back.state, IntakeState::Archived, "{back:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_copy_shows_its_progress_and_cancelling_it_leaves_the_recording_in_place() {
    let (data, obs_folder) = (
        tempfile::tempdir().expect("data"),
        tempfile::tempdir().expect("obs"),
    );
    let (db, obs) = app(data.path());
    let recording = obs_folder.path().join("long live.mkv");
    clip::clip(&recording, 1, 25, 320, 180);
    // Long enough to be seen copying: what follows the video is not read
    // by a player.
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&recording)
        .expect("open");
    std::io::Write::write_all(&mut file, &vec![0u8; 400 << 20]).expect("pad");
    drop(file);
    let before = std::fs::metadata(&recording).expect("size").len();
    recordings::note_stopped(&db, &recording, "2026-12-04T19:30:00.000Z").expect("noted");

    let archive = RecordingArchive::start(Arc::clone(&db), &obs);
    let mut news = archive.news();
    let shown = tokio::time::timeout(
        Duration::from_secs(30),
        news.wait_for(|n| n.progress.as_ref().is_some_and(|p| p.done_bytes > 0.0)),
    )
    .await
    .expect("progress shown")
    .expect("the archive runs")
    .progress
    .clone()
    .expect("progress");
    assert_eq!(shown.file_name, "long live.mkv");
    assert_eq!(shown.total_bytes, before as f64);
    archive.cancel(&shown.intake_id);

    let listed = settled(&db, &archive).await;
    assert_eq!(listed[0].state, IntakeState::Failed);
    assert_eq!(listed[0].problem, Some(IntakeProblem::Cancelled));
    assert_eq!(
        std::fs::metadata(&recording).expect("still there").len(),
        before
    );
    assert!(
        files_in(&recordings::media_folder(&db)).is_empty(),
        "nothing half-copied"
    );
    assert_eq!(
        archive.news().borrow().progress,
        None,
        "no progress shown any more"
    );
}

/// A chat message of `name` in the streamer's journal, `text` with an emote
/// when it names one.
fn said(name: &str, at: jiff::Timestamp, parts: Vec<ChatPart>, action: bool) -> JournalLine {
    JournalLine {
        at: at.to_string(),
        entry: JournalEntry::Event {
            event: ChatEvent::Message {
                message: Box::new(ChatMessage {
                    id: format!("m-{}", at.as_millisecond()),
                    login: name.to_lowercase(),
                    user_id: "2002".into(),
                    name: name.into(),
                    color: None,
                    badges: Vec::new(),
                    parts,
                    action,
                    mentions_me: false,
                    keyword: false,
                    reply_to: None,
                    sent_at: at.to_string(),
                }),
            },
        },
    }
}

fn text(text: &str) -> ChatPart {
    ChatPart::Text { text: text.into() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_live_s_recording_gets_its_chat_segments_and_markers_beside_it() {
    use jiff::{SignedDuration, Timestamp};
    use mona_core::events::{self, EventFields, EventKind};
    use mona_core::live_log;
    use mona_core::run_of_show::{self, SegmentFields};
    let (data, obs_folder) = (
        tempfile::tempdir().expect("data"),
        tempfile::tempdir().expect("obs"),
    );
    let (db, obs) = app(data.path());
    let at = |ms: i64| {
        Timestamp::now()
            .saturating_add(SignedDuration::from_millis(ms))
            .expect("instant")
    };
    let live = events::create(
        &db,
        EventFields {
            title: "Release party de Kenza B.".into(),
            kind: EventKind::Live,
            starts_at: mona_core::clock::format_instant(at(-20 * 60_000)),
            ends_at: mona_core::clock::format_instant(at(100 * 60_000)),
            time_zone: "Europe/Paris".into(),
            ..EventFields::default()
        },
    )
    .expect("live");
    let segment = |title: &str| SegmentFields {
        title: title.into(),
        duration_min: 10,
        ..SegmentFields::default()
    };
    let show = run_of_show::save(
        &db,
        &live.id,
        vec![segment("Ouverture"), segment("Interview")],
    )
    .expect("run-of-show");

    // A two-second recording: the segment starts, chat speaks, a marker.
    let recording_start = at(-100);
    run_of_show::start(&db, &show.segments[0].id).expect("started");
    live_log::mark(
        &db,
        "nadia_live",
        "début du DJ set",
        recording_start
            .saturating_add(SignedDuration::from_millis(500))
            .expect("instant"),
    )
    .expect("marked");
    let journal = data.path().join("chat");
    let day = recording_start
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    let lines = [
        said(
            "Troll_42",
            recording_start
                .saturating_sub(SignedDuration::from_secs(60))
                .expect("before"),
            vec![text("avant le live")],
            false,
        ),
        said(
            "Kenza_B",
            recording_start
                .saturating_add(SignedDuration::from_millis(300))
                .expect("in"),
            vec![text("bonsoir !")],
            false,
        ),
        said(
            "Nadia_Live",
            recording_start
                .saturating_add(SignedDuration::from_millis(1_200))
                .expect("in"),
            vec![
                text("danse "),
                ChatPart::Emote {
                    id: "25".into(),
                    name: "Kappa".into(),
                },
            ],
            true,
        ),
    ];
    std::fs::create_dir_all(journal.join("nadia_live")).expect("journal folder");
    let written: String = lines
        .iter()
        .map(|l| serde_json::to_string(l).expect("a line") + "\n")
        .collect();
    std::fs::write(
        journal.join("nadia_live").join(format!("{day}.jsonl")),
        written,
    )
    .expect("journal");

    let file = obs_folder.path().join("2026-12-04 20-00-00.mkv");
    clip::clip(&file, 2, 25, 320, 180);
    let stopped = recording_start
        .saturating_add(SignedDuration::from_secs(2))
        .expect("instant");
    recordings::note_stopped(&db, &file, &mona_core::clock::format_instant(stopped))
        .expect("noted");
    let archive = RecordingArchive::start(Arc::clone(&db), &obs);
    archive.read_chat_from(journal);
    let listed = settled(&db, &archive).await;
    let archived = &listed[0];
    assert_eq!(archived.state, IntakeState::Archived, "{archived:?}");
    assert_eq!(
        archived.chat_messages,
        Some(2),
        "the chat during the recording only"
    );
    let asset = archived.asset_id.as_deref().expect("an asset");

    let chat = std::fs::read_to_string(
        recordings::file_path(&db, asset, recordings::RecordingFile::ChatLog).expect("a chat log"),
    )
    .expect("readable");
    assert_eq!(
        chat.lines().collect::<Vec<_>>(),
        [
            "[00:00:00] ▶ Ouverture",
            "[00:00:00] Kenza_B: bonsoir !",
            "[00:00:00] ⚑ début du DJ set",
            "[00:00:01] Nadia_Live: * danse Kappa",
        ]
    );
    let record: serde_json::Value = serde_json::from_slice(
        &std::fs::read(
            recordings::file_path(&db, asset, recordings::RecordingFile::LiveLog)
                .expect("a live log"),
        )
        .expect("readable"),
    )
    .expect("JSON");
    assert_eq!(record["title"], "Release party de Kenza B.");
    assert_eq!(record["segments"][1]["title"], "Interview");
    assert_eq!(
        record["segments"][1]["offsetMs"],
        serde_json::Value::Null,
        "never started"
    );
    // Offsets from the recording's start, however long FFmpeg finds it.
    let offset = |v: &serde_json::Value| v["offsetMs"].as_i64().expect("an offset");
    assert_eq!(
        offset(&record["markers"][0]) - offset(&record["chat"][0]),
        200
    );
    assert_eq!(offset(&record["chat"][1]) - offset(&record["chat"][0]), 900);
    assert_eq!(record["chat"][1]["event"]["message"]["name"], "Nadia_Live");
}
