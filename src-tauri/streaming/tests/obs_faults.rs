//! The link to OBS against a fake obs-websocket server, for what a real OBS
//! does not do on demand: answer "not ready", go silent on an open
//! connection, leave a request unanswered, refuse a password, be too old.

mod support;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use mona_streaming::obs::{
    ObsChange, ObsEndpoint, ObsError, ObsHealth, ObsLink, ObsProblem, ObsResource,
};
use support::fake_obs::{Behaviour, FakeObs};
use support::{change_arrives, connected, health_becomes, problem_of, quick_timing};

const SOON: Duration = Duration::from_secs(5);

fn endpoint(port: u16, password: Option<&str>) -> ObsEndpoint {
    ObsEndpoint::new("127.0.0.1", port, password.map(str::to_owned)).expect("a valid address")
}

#[tokio::test]
async fn obs_still_loading_its_scenes_is_waited_for_until_it_is_ready() {
    let behaviour = Behaviour::default();
    behaviour.not_ready_answers.store(3, Ordering::SeqCst);
    let obs = FakeObs::start(behaviour).await;
    let link = ObsLink::start(Some(endpoint(obs.port, None)), quick_timing());
    let mut health = link.health();

    let waiting = health_becomes(&mut health, SOON, |h| {
        problem_of(h) == Some(ObsProblem::NotReady)
    })
    .await;
    assert!(matches!(
        waiting,
        ObsHealth::Waiting { .. } | ObsHealth::Connecting { .. }
    ));
    let ready = connected(&mut health, SOON).await;
    let ObsHealth::Connected {
        obs_version,
        websocket_version,
        ..
    } = ready
    else {
        unreachable!()
    };
    assert_eq!(
        (obs_version.as_str(), websocket_version.as_str()),
        ("30.2.3", "5.5.2")
    );
}

#[tokio::test]
async fn a_connection_that_goes_silent_is_found_by_the_heartbeat_and_replaced() {
    let obs = FakeObs::start(Behaviour::default()).await;
    let link = ObsLink::start(Some(endpoint(obs.port, None)), quick_timing());
    let mut health = link.health();
    let mut changes = link.changes();
    connected(&mut health, SOON).await;
    let mut stats = link.stats();
    let figures = tokio::time::timeout(SOON, stats.wait_for(Option::is_some))
        .await
        .is_ok();
    assert!(figures, "the first heartbeat brings OBS's figures");

    // A laptop lid closed: the socket stays open, nothing comes back.
    obs.behaviour.silent.store(true, Ordering::SeqCst);
    let silent = health_becomes(&mut health, SOON, |h| !h.is_connected()).await;
    assert_eq!(problem_of(&silent), Some(ObsProblem::Silent));
    change_arrives(&mut changes, SOON, |c| *c == ObsChange::Disconnected).await;
    assert!(
        link.stats().borrow().is_none(),
        "no stale figures while away"
    );
    assert_eq!(link.scenes().await, Err(ObsError::NotConnected));

    // The network is back: a new connection, not the dead one.
    obs.behaviour.silent.store(false, Ordering::SeqCst);
    connected(&mut health, SOON).await;
    change_arrives(&mut changes, SOON, |c| *c == ObsChange::Connected).await;
    assert!(obs.opened.load(Ordering::SeqCst) >= 2);
    assert_eq!(
        link.scenes()
            .await
            .expect("OBS lists its scenes")
            .program
            .as_deref(),
        Some("Intro")
    );
}

#[tokio::test]
async fn a_request_obs_never_answers_fails_within_its_deadline() {
    let obs = FakeObs::start(Behaviour::default()).await;
    obs.behaviour
        .unanswered
        .lock()
        .expect("not poisoned")
        .insert("SetCurrentProgramScene".to_owned());
    let timing = quick_timing();
    let link = ObsLink::start(Some(endpoint(obs.port, None)), timing);
    let mut health = link.health();
    connected(&mut health, SOON).await;

    let asked = Instant::now();
    assert_eq!(link.switch_program("Live").await, Err(ObsError::NoAnswer));
    assert!(asked.elapsed() < timing.request_timeout * 3);
    // The link checked itself: OBS still answers its heartbeat, so it stays.
    tokio::time::sleep(timing.heartbeat_timeout * 2).await;
    assert!(health.borrow().is_connected(), "{:?}", *health.borrow());
    assert_eq!(obs.opened.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn obs_quitting_is_reported_and_the_link_is_back_when_obs_is() {
    let obs = FakeObs::start(Behaviour::default()).await;
    let link = ObsLink::start(Some(endpoint(obs.port, None)), quick_timing());
    let mut health = link.health();
    let mut changes = link.changes();
    connected(&mut health, SOON).await;

    let port = obs.kill();
    change_arrives(&mut changes, SOON, |c| *c == ObsChange::Disconnected).await;
    // While OBS is away the link keeps trying, and says so.
    health_becomes(&mut health, SOON, |h| {
        matches!(h, ObsHealth::Waiting { problem: ObsProblem::Unreachable, attempt, .. } if *attempt >= 2)
    })
    .await;

    let back = FakeObs::start_on(port, Behaviour::default()).await;
    let restarted = Instant::now();
    connected(&mut health, SOON).await;
    assert!(restarted.elapsed() < Duration::from_secs(2));
    assert_eq!(
        back.opened.load(Ordering::SeqCst),
        1,
        "one attempt reached the new OBS"
    );
    assert_eq!(link.switch_program("Pause").await, Ok(()));
    assert_eq!(back.program(), "Pause");
}

#[tokio::test]
async fn pressing_retry_again_and_again_never_opens_a_second_attempt() {
    // An OBS that accepts connections but never identifies them.
    let obs = FakeObs::start(Behaviour::default()).await;
    obs.behaviour.silent.store(true, Ordering::SeqCst);
    let timing = quick_timing();
    let link = ObsLink::start(Some(endpoint(obs.port, None)), timing);

    let started = Instant::now();
    while started.elapsed() < Duration::from_millis(1500) {
        link.retry_now();
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // ~150 presses; attempts last 600 ms each: at most a few, one at a time.
    let opened = obs.opened.load(Ordering::SeqCst);
    assert!(opened <= 4, "{opened} connections opened");
    assert_eq!(obs.most_open.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_wrong_password_waits_for_a_person_instead_of_knocking_again() {
    let obs = FakeObs::start(Behaviour {
        password: Some("bon-mot-de-passe".into()),
        ..Behaviour::default()
    })
    .await;
    let link = ObsLink::start(Some(endpoint(obs.port, Some("mauvais"))), quick_timing());
    let mut health = link.health();

    let refused = health_becomes(&mut health, SOON, |h| {
        matches!(h, ObsHealth::NeedsAttention { .. })
    })
    .await;
    assert_eq!(problem_of(&refused), Some(ObsProblem::WrongPassword));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        obs.opened.load(Ordering::SeqCst),
        1,
        "no second try with the same password"
    );

    link.configure(Some(endpoint(obs.port, Some("bon-mot-de-passe"))));
    connected(&mut health, SOON).await;
}

#[tokio::test]
async fn an_obs_that_asks_for_a_password_the_app_does_not_have_says_so() {
    let obs = FakeObs::start(Behaviour {
        password: Some("secret".into()),
        ..Behaviour::default()
    })
    .await;
    let link = ObsLink::start(Some(endpoint(obs.port, None)), quick_timing());
    let mut health = link.health();
    let refused = health_becomes(&mut health, SOON, |h| {
        matches!(h, ObsHealth::NeedsAttention { .. })
    })
    .await;
    assert_eq!(problem_of(&refused), Some(ObsProblem::PasswordRequired));
}

#[tokio::test]
async fn an_obs_older_than_30_2_is_named_in_the_health() {
    let behaviour = Behaviour::default();
    *behaviour.obs_version.lock().expect("not poisoned") = Some("29.0.2".into());
    let obs = FakeObs::start(behaviour).await;
    let link = ObsLink::start(Some(endpoint(obs.port, None)), quick_timing());
    let mut health = link.health();
    let refused = health_becomes(&mut health, SOON, |h| {
        matches!(h, ObsHealth::NeedsAttention { .. })
    })
    .await;
    assert_eq!(
        problem_of(&refused),
        Some(ObsProblem::TooOld {
            found: "OBS 29.0.2".into()
        })
    );

    // Updated: "Retry" connects.
    *obs.behaviour.obs_version.lock().expect("not poisoned") = None;
    link.retry_now();
    connected(&mut health, SOON).await;
}

#[tokio::test]
async fn a_scene_switched_from_the_app_is_announced_back_by_obs() {
    let obs = FakeObs::start(Behaviour::default()).await;
    let link = ObsLink::start(Some(endpoint(obs.port, None)), quick_timing());
    let mut health = link.health();
    let mut changes = link.changes();
    connected(&mut health, SOON).await;

    let scenes = link.scenes().await.expect("OBS lists its scenes");
    assert_eq!(
        scenes.scenes,
        ["Intro", "Live", "Pause"],
        "top of OBS's list first"
    );
    assert_eq!(scenes.program.as_deref(), Some("Intro"));
    assert_eq!(scenes.preview, None);

    link.switch_program("Live").await.expect("OBS switches");
    let change = change_arrives(&mut changes, SOON, |c| {
        matches!(c, ObsChange::ProgramScene { .. })
    })
    .await;
    assert_eq!(
        change,
        ObsChange::ProgramScene {
            name: "Live".into()
        }
    );
    assert_eq!(obs.program(), "Live");
}

#[tokio::test]
async fn a_scene_that_does_not_exist_is_named_in_the_error() {
    let obs = FakeObs::start(Behaviour::default()).await;
    let link = ObsLink::start(Some(endpoint(obs.port, None)), quick_timing());
    connected(&mut link.health(), SOON).await;
    assert_eq!(
        link.switch_program("Coulisses").await,
        Err(ObsError::NotFound {
            what: ObsResource::Scene,
            name: "Coulisses".into()
        })
    );
    assert_eq!(
        ObsError::NotFound {
            what: ObsResource::Scene,
            name: "Coulisses".into()
        }
        .to_string(),
        "OBS has no scene named \"Coulisses\""
    );
}

#[tokio::test]
async fn requests_while_obs_is_away_fail_at_once_instead_of_waiting_in_a_queue() {
    let free = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = free.local_addr().expect("its address").port();
    drop(free);
    let link = ObsLink::start(Some(endpoint(port, None)), quick_timing());
    let asked = Instant::now();
    assert_eq!(
        link.switch_program("Live").await,
        Err(ObsError::NotConnected)
    );
    assert!(asked.elapsed() < Duration::from_millis(50));
    let mut health = link.health();
    let away = health_becomes(&mut health, SOON, |h| {
        matches!(h, ObsHealth::Waiting { .. })
    })
    .await;
    assert_eq!(problem_of(&away), Some(ObsProblem::Unreachable));
}

#[tokio::test]
async fn a_link_without_settings_says_so_and_connects_once_given_an_address() {
    let obs = FakeObs::start(Behaviour::default()).await;
    let link = ObsLink::start(None, quick_timing());
    let mut health = link.health();
    assert_eq!(*health.borrow(), ObsHealth::NotConfigured);
    link.configure(Some(endpoint(obs.port, None)));
    connected(&mut health, SOON).await;
    link.configure(None);
    health_becomes(&mut health, SOON, |h| *h == ObsHealth::NotConfigured).await;
}

#[tokio::test]
async fn a_screen_following_the_link_hears_the_health_first_then_each_change_until_it_closes() {
    use mona_streaming::obs::ObsUpdate;
    let obs = FakeObs::start(Behaviour::default()).await;
    let link = ObsLink::start(Some(endpoint(obs.port, None)), quick_timing());
    connected(&mut link.health(), SOON).await;

    let (screen, mut seen) = tokio::sync::mpsc::unbounded_channel();
    let following = tokio::spawn({
        let link = link.clone();
        async move { link.follow(move |update| screen.send(update).is_ok()).await }
    });
    let first = seen.recv().await.expect("an update");
    assert!(
        matches!(first, ObsUpdate::Health { ref health } if health.is_connected()),
        "{first:?}"
    );

    link.switch_program("Pause").await.expect("OBS switches");
    let scene_change = async {
        loop {
            if let Some(ObsUpdate::Change {
                change: ObsChange::ProgramScene { name },
            }) = seen.recv().await
            {
                return name;
            }
        }
    };
    let name = tokio::time::timeout(SOON, scene_change)
        .await
        .expect("the change arrives");
    assert_eq!(name, "Pause");

    // The screen closes: following ends at the next update.
    drop(seen);
    link.switch_program("Intro").await.expect("OBS switches");
    tokio::time::timeout(SOON, following)
        .await
        .expect("following ends")
        .expect("no panic");
}

#[tokio::test]
async fn a_recording_obs_forgets_to_announce_stopped_is_announced_once_it_is_finished() {
    use mona_streaming::obs::{OutputAction, OutputPhase};
    let obs = FakeObs::start(Behaviour::default()).await;
    let link = ObsLink::start(Some(endpoint(obs.port, None)), quick_timing());
    let mut changes = link.changes();
    connected(&mut link.health(), SOON).await;

    link.output(OutputAction::StartRecording)
        .await
        .expect("started");
    change_arrives(&mut changes, SOON, |c| {
        matches!(
            c,
            ObsChange::Recording {
                phase: OutputPhase::Started,
                ..
            }
        )
    })
    .await;
    assert_eq!(
        link.output(OutputAction::StopRecording).await,
        Ok(Some("/records/fake.mkv".into()))
    );
    // OBS says nothing more; the next heartbeat finds it no longer recording.
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
            path: Some("/records/fake.mkv".into())
        }
    );
}

#[tokio::test]
async fn a_recording_obs_never_announces_is_announced_stopped_with_the_file_its_stop_named() {
    use mona_streaming::obs::{OutputAction, OutputPhase};
    let behaviour = Behaviour::default();
    behaviour.silent_recording.store(true, Ordering::SeqCst);
    let obs = FakeObs::start(behaviour).await;
    let link = ObsLink::start(Some(endpoint(obs.port, None)), quick_timing());
    let mut changes = link.changes();
    connected(&mut link.health(), SOON).await;

    link.output(OutputAction::StartRecording)
        .await
        .expect("started");
    let file = link
        .output(OutputAction::StopRecording)
        .await
        .expect("stopped")
        .expect("its file");
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
            path: Some(file)
        }
    );
}

#[tokio::test]
async fn new_settings_after_a_run_of_failures_start_counting_afresh() {
    let free = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let nowhere = free.local_addr().expect("its address").port();
    drop(free);
    let link = ObsLink::start(Some(endpoint(nowhere, None)), quick_timing());
    let mut health = link.health();
    let failing = health_becomes(
        &mut health,
        SOON,
        |h| matches!(h, ObsHealth::Waiting { attempt, .. } if *attempt >= 3),
    )
    .await;

    // Another address, where nothing listens either: the count and the
    // "since" are this address's, not the old one's.
    let free = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let elsewhere = free.local_addr().expect("its address").port();
    drop(free);
    link.configure(Some(endpoint(elsewhere, None)));
    let fresh = health_becomes(&mut health, SOON, |h| {
        matches!(h, ObsHealth::Waiting { attempt: 1, .. })
    })
    .await;
    let since = |h: &ObsHealth| match h {
        ObsHealth::Waiting { since, .. } => since.clone(),
        other => panic!("{other:?}"),
    };
    assert!(
        since(&fresh) > since(&failing),
        "{fresh:?} after {failing:?}"
    );
}
