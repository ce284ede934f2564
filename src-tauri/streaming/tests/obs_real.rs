//! The link against a real OBS Studio 30.2, headless (see
//! `scripts/obs-headless.sh`): what a streamer does, and OBS crashing in
//! the middle of it.

mod support;

use std::time::{Duration, Instant};

use mona_streaming::obs::{
    ObsChange, ObsEndpoint, ObsHealth, ObsLink, ObsProblem, ObsTiming, SceneItem,
};
use support::real_obs::RealObs;
use support::{change_arrives, connected, health_becomes, problem_of};

/// OBS takes one to two seconds to start here, more on a busy machine.
const OBS_STARTS: Duration = Duration::from_secs(40);
const SOON: Duration = Duration::from_secs(10);

fn link_to(obs: &RealObs, password: Option<&str>) -> ObsLink {
    let endpoint = ObsEndpoint::new("127.0.0.1", obs.port, password.map(str::to_owned))
        .expect("a valid address");
    ObsLink::start(Some(endpoint), ObsTiming::default())
}

fn visibility(items: &[SceneItem]) -> Vec<(&str, bool)> {
    items
        .iter()
        .map(|i| (i.source.as_str(), i.visible))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_streamer_switches_scenes_and_hides_a_source_from_the_app() {
    let obs = RealObs::start(None);
    let link = link_to(&obs, None);
    let mut health = link.health();
    let mut changes = link.changes();
    let ready = connected(&mut health, OBS_STARTS).await;
    let ObsHealth::Connected { obs_version, .. } = ready else {
        unreachable!()
    };
    assert!(
        obs_version.starts_with("30.") || obs_version.starts_with("31."),
        "{obs_version}"
    );

    let scenes = link.scenes().await.expect("OBS lists its scenes");
    assert_eq!(scenes.scenes, ["Intro", "Live", "Pause"]);
    assert_eq!(scenes.program.as_deref(), Some("Intro"));

    link.switch_program("Live").await.expect("OBS does it");
    change_arrives(&mut changes, SOON, |c| {
        *c == ObsChange::ProgramScene {
            name: "Live".into(),
        }
    })
    .await;
    assert_eq!(
        link.scenes()
            .await
            .expect("OBS lists its scenes")
            .program
            .as_deref(),
        Some("Live")
    );

    let items = link.scene_items("Live").await.expect("OBS does it");
    assert_eq!(visibility(&items), [("Logo", true), ("Fond", true)]);
    assert_eq!(items[0].input_kind.as_deref(), Some("color_source_v3"));
    let logo = items[0].id;

    link.set_item_visible("Live", logo, false)
        .await
        .expect("OBS does it");
    let change = change_arrives(&mut changes, SOON, |c| {
        matches!(c, ObsChange::SceneItemVisibility { .. })
    })
    .await;
    assert_eq!(
        change,
        ObsChange::SceneItemVisibility {
            scene: "Live".into(),
            item_id: logo,
            visible: false
        }
    );
    let items = link.scene_items("Live").await.expect("OBS does it");
    assert_eq!(visibility(&items), [("Logo", false), ("Fond", true)]);

    let snapshot = link
        .program_snapshot(320)
        .await
        .expect("a picture of the program");
    assert!(
        snapshot.starts_with("data:image/jpg;base64,")
            || snapshot.starts_with("data:image/jpeg;base64,"),
        "{}",
        &snapshot[..40.min(snapshot.len())]
    );
    assert!(snapshot.len() > 500);

    let stats = link
        .stats()
        .borrow()
        .clone()
        .expect("figures from the heartbeat");
    assert!(stats.render_total_frames > 0, "{stats:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_obs_with_a_password_lets_in_the_right_one_only() {
    let obs = RealObs::start(Some("mot de passe é!"));

    let wrong = link_to(&obs, Some("pas le bon"));
    let mut health = wrong.health();
    let refused = health_becomes(&mut health, OBS_STARTS, |h| {
        matches!(h, ObsHealth::NeedsAttention { .. })
    })
    .await;
    assert_eq!(problem_of(&refused), Some(ObsProblem::WrongPassword));

    let none = link_to(&obs, None);
    let mut health = none.health();
    let refused = health_becomes(&mut health, SOON, |h| {
        matches!(h, ObsHealth::NeedsAttention { .. })
    })
    .await;
    assert_eq!(problem_of(&refused), Some(ObsProblem::PasswordRequired));

    let right = link_to(&obs, Some("mot de passe é!"));
    connected(&mut right.health(), SOON).await;
    assert_eq!(
        right
            .scenes()
            .await
            .expect("OBS lists its scenes")
            .scenes
            .len(),
        3
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn obs_killed_mid_session_is_reported_and_reconnected_when_it_is_back() {
    let mut obs = RealObs::start(None);
    let link = link_to(&obs, None);
    let mut health = link.health();
    let mut changes = link.changes();
    connected(&mut health, OBS_STARTS).await;
    link.switch_program("Pause").await.expect("OBS does it");

    obs.kill().await;
    change_arrives(&mut changes, SOON, |c| *c == ObsChange::Disconnected).await;
    // Closed first, then unreachable while OBS is away (the health shows the
    // latest; the loss's time stays in `since`).
    health_becomes(&mut health, SOON, |h| {
        matches!(
            h,
            ObsHealth::Waiting {
                problem: ObsProblem::Unreachable,
                ..
            }
        )
    })
    .await;
    assert!(link.scenes().await.is_err());

    obs.restart();
    let restarted = Instant::now();
    connected(&mut health, OBS_STARTS).await;
    change_arrives(&mut changes, SOON, |c| *c == ObsChange::Connected).await;
    eprintln!(
        "reconnected {:?} after OBS was started again",
        restarted.elapsed()
    );
    // A fresh OBS starts on its saved scene collection.
    let scenes = link.scenes().await.expect("OBS lists its scenes");
    assert_eq!(scenes.scenes, ["Intro", "Live", "Pause"]);
}

/// Waits until OBS's figures (read again after each action) show the
/// recording as `wanted`; what the live controls show comes from them.
async fn recording_shows(
    link: &ObsLink,
    wanted: fn(&mona_streaming::obs::OutputFigures) -> bool,
) -> mona_streaming::obs::ObsStats {
    let mut stats = link.stats();
    tokio::time::timeout(
        SOON,
        stats.wait_for(|s| s.as_ref().is_some_and(|s| wanted(&s.recording))),
    )
    .await
    .map(|seen| seen.map(|s| s.clone()))
    .expect("the figures show it")
    .expect("the link runs")
    .expect("figures")
}

/// A live planned on the calendar around now, as the team would have it.
fn live_planned_now(db: &mona_core::Database) -> String {
    use mona_core::events::{self, EventFields, EventKind};
    let now = jiff::Timestamp::now();
    let at = |minutes: i64| {
        mona_core::clock::format_instant(
            now.saturating_add(jiff::SignedDuration::from_mins(minutes))
                .expect("instant"),
        )
    };
    events::create(
        db,
        EventFields {
            title: "Session live de test".into(),
            kind: EventKind::Live,
            starts_at: at(-10),
            ends_at: at(60),
            time_zone: "Europe/Paris".into(),
            ..EventFields::default()
        },
    )
    .expect("live")
    .id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_three_second_recording_becomes_an_asset_of_its_live_with_a_thumbnail() {
    use mona_core::recordings::{self, IntakeState};
    use mona_streaming::archive::RecordingArchive;
    use mona_streaming::obs::{OutputAction, OutputPhase};
    let obs = RealObs::start(None);
    let link = link_to(&obs, None);
    let mut changes = link.changes();
    connected(&mut link.health(), OBS_STARTS).await;
    let data = tempfile::tempdir().expect("data folder");
    let db = std::sync::Arc::new(mona_core::Database::open(data.path()).expect("database"));
    let live = live_planned_now(&db);
    let archive = RecordingArchive::start(std::sync::Arc::clone(&db), &link);
    let mut archived = archive.news();

    let asked = Instant::now();
    assert_eq!(link.output(OutputAction::StartRecording).await, Ok(None));
    recording_shows(&link, |r| r.active && !r.paused).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let file = link
        .output(OutputAction::StopRecording)
        .await
        .expect("stopped")
        .expect("the recording's file");
    let recorded_at_most = asked.elapsed();
    let stopped = change_arrives(&mut changes, SOON, |c| {
        matches!(
            c,
            ObsChange::Recording {
                phase: OutputPhase::Stopped,
                ..
            }
        )
    })
    .await;
    assert_eq!(
        stopped,
        ObsChange::Recording {
            phase: OutputPhase::Stopped,
            path: Some(file.clone())
        }
    );
    assert!(
        file.starts_with(&obs.state.join("recordings").display().to_string()),
        "{file}"
    );

    // What the Streaming screen lists once the archive is done.
    let entry = tokio::time::timeout(Duration::from_secs(60), async {
        loop {
            let listed = recordings::recent(&db, 10).expect("recent");
            if let Some(entry) = listed.first()
                && entry.state != IntakeState::Waiting
            {
                return entry.clone();
            }
            archived.changed().await.expect("the archive runs");
        }
    })
    .await
    .expect("archived within a minute");
    assert_eq!(entry.state, IntakeState::Archived, "{entry:?}");
    // At least the three seconds it was seen recording, at most the time
    // from asking OBS to start to its answer to the stop.
    let duration = u128::from(entry.duration_ms.expect("duration"));
    assert!(
        (2_900..=recorded_at_most.as_millis() + 100).contains(&duration),
        "{duration} ms, recorded for at most {recorded_at_most:?}"
    );
    assert_eq!((entry.width, entry.height), (Some(640), Some(360)));
    assert_eq!(entry.video_codec.as_deref(), Some("h264"));
    assert_eq!(entry.event_id.as_deref(), Some(live.as_str()));
    assert_eq!(entry.title.as_deref(), Some("Session live de test"));
    let asset = entry.asset_id.expect("asset");
    let thumbnail = recordings::thumbnail(&db, &asset).expect("the thumbnail beside it");
    assert_eq!(&thumbnail[..3], &[0xFF, 0xD8, 0xFF], "a JPEG");
    assert!(
        std::path::Path::new(&file).exists(),
        "copied: OBS's folder keeps its file"
    );
}

/// Only the pause is checked here, not the file: OBS 30.2 (headless, mkv)
/// sometimes never finishes a recording that was paused and resumed (its
/// timecode freezes, the file stays empty, it stays "active" after the
/// stop). The link then rightly announces no finished file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recording_is_paused_and_resumed_from_the_app() {
    use mona_streaming::obs::OutputAction;
    let obs = RealObs::start(None);
    let link = link_to(&obs, None);
    connected(&mut link.health(), OBS_STARTS).await;

    link.output(OutputAction::StartRecording)
        .await
        .expect("started");
    recording_shows(&link, |r| r.active && !r.paused).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    link.output(OutputAction::PauseRecording)
        .await
        .expect("paused");
    let paused = recording_shows(&link, |r| r.paused).await;
    assert!(paused.recording.active);
    assert!(paused.recording.timecode_ms >= 500, "{paused:?}");
    link.output(OutputAction::ResumeRecording)
        .await
        .expect("resumed");
    recording_shows(&link, |r| r.active && !r.paused).await;
    link.output(OutputAction::StopRecording)
        .await
        .expect("stopped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_studio_mode_a_scene_is_prepared_in_preview_then_put_on_air() {
    let obs = RealObs::start(None);
    let link = link_to(&obs, None);
    let mut changes = link.changes();
    connected(&mut link.health(), OBS_STARTS).await;

    link.set_studio_mode(true).await.expect("studio mode on");
    change_arrives(&mut changes, SOON, |c| {
        *c == ObsChange::StudioMode { enabled: true }
    })
    .await;
    link.set_preview("Pause").await.expect("previewed");
    change_arrives(&mut changes, SOON, |c| {
        *c == ObsChange::PreviewScene {
            name: "Pause".into(),
        }
    })
    .await;
    let scenes = link.scenes().await.expect("OBS lists its scenes");
    assert_eq!(
        (scenes.program.as_deref(), scenes.preview.as_deref()),
        (Some("Intro"), Some("Pause"))
    );

    link.transition().await.expect("transitioned");
    change_arrives(&mut changes, SOON, |c| {
        *c == ObsChange::ProgramScene {
            name: "Pause".into(),
        }
    })
    .await;
    assert_eq!(
        link.scenes()
            .await
            .expect("OBS lists its scenes")
            .program
            .as_deref(),
        Some("Pause")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mixer_mutes_an_input_and_moves_its_fader() {
    let obs = RealObs::start(None);
    let link = link_to(&obs, None);
    let mut changes = link.changes();
    connected(&mut link.health(), OBS_STARTS).await;

    let inputs = link.audio_inputs().await.expect("OBS lists its inputs");
    let jingle = inputs
        .iter()
        .find(|i| i.name == "Jingle")
        .expect("the media source has sound");
    assert!(!jingle.muted);
    assert!(
        inputs.iter().all(|i| i.name != "Logo"),
        "a colour has no sound: {inputs:?}"
    );

    link.set_muted("Jingle", true).await.expect("muted");
    change_arrives(&mut changes, SOON, |c| {
        *c == ObsChange::InputMuted {
            input: "Jingle".into(),
            muted: true,
        }
    })
    .await;
    link.set_volume_db("Jingle", -12.0).await.expect("faded");
    change_arrives(&mut changes, SOON, |c| {
        matches!(c, ObsChange::InputVolume { input, volume_db } if input == "Jingle" && (*volume_db + 12.0).abs() < 0.1)
    })
    .await;
    let jingle = link
        .audio_inputs()
        .await
        .expect("OBS lists its inputs")
        .into_iter()
        .find(|i| i.name == "Jingle")
        .expect("still there");
    assert!(jingle.muted);
    assert!((jingle.volume_db + 12.0).abs() < 0.1, "{jingle:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_segment_that_starts_puts_its_scene_on_air_and_the_automatic_one_starts_on_time() {
    use mona_core::run_of_show::{self, SegmentFields};
    use mona_streaming::live::{LiveRunner, start_segment};
    let obs = RealObs::start(None);
    let link = link_to(&obs, None);
    let mut changes = link.changes();
    connected(&mut link.health(), OBS_STARTS).await;
    let data = tempfile::tempdir().expect("data folder");
    let db = std::sync::Arc::new(mona_core::Database::open(data.path()).expect("database"));
    let live = live_planned_now(&db);
    // The live started ten minutes ago: the opening is over, the break is
    // due now and starts by itself.
    let show = run_of_show::save(
        &db,
        &live,
        vec![
            SegmentFields {
                title: "Ouverture".into(),
                duration_min: 10,
                obs_scene: Some("Pause".into()),
                chat_message: Some("C'est parti !".into()),
                ..SegmentFields::default()
            },
            SegmentFields {
                title: "Pause".into(),
                duration_min: 30,
                obs_scene: Some("Intro".into()),
                automatic: true,
                ..SegmentFields::default()
            },
        ],
    )
    .expect("run-of-show");

    let started = start_segment(&db, &link, None, &show.segments[0].id)
        .await
        .expect("started");
    assert_eq!(started.scene_on_air, Some(true));
    assert_eq!(
        started.message_posted,
        Some(false),
        "no chat signed in: said, not hidden"
    );
    change_arrives(&mut changes, SOON, |c| {
        *c == ObsChange::ProgramScene {
            name: "Pause".into(),
        }
    })
    .await;
    let again = start_segment(&db, &link, None, &show.segments[0].id)
        .await
        .expect("again");
    assert_eq!(
        (again.scene_on_air, again.message_posted),
        (None, None),
        "started once"
    );

    let _runner = LiveRunner::start(std::sync::Arc::clone(&db), link.clone(), || None, &live);
    change_arrives(&mut changes, SOON, |c| {
        *c == ObsChange::ProgramScene {
            name: "Intro".into(),
        }
    })
    .await;
    let show = run_of_show::get(&db, &live).expect("run-of-show");
    assert!(
        show.segments[1].started_at.is_some(),
        "its real start logged"
    );
}
