//! No OBS password reaches the log, at any level, whether OBS refuses it or
//! lets it in, nor any error the app shows.

mod support;

use mona_streaming::obs::{ObsEndpoint, ObsHealth, ObsLink};
use support::fake_obs::{Behaviour, FakeObs};
use support::log::Log;
use support::{connected, health_becomes, quick_timing};

const RIGHT: &str = "bon-secret-8c41";
const WRONG: &str = "mauvais-secret-d93e";

#[tokio::test]
async fn the_obs_password_never_reaches_the_log_nor_an_error() {
    let log = Log::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(log.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .finish();
    // The test's runtime has one thread: the link's tasks log here too.
    let _logging = tracing::subscriber::set_default(subscriber);

    let obs = FakeObs::start(Behaviour {
        password: Some(RIGHT.into()),
        ..Behaviour::default()
    })
    .await;
    let endpoint = |password: &str| {
        ObsEndpoint::new("127.0.0.1", obs.port, Some(password.into())).expect("an address")
    };
    let link = ObsLink::start(Some(endpoint(WRONG)), quick_timing());
    let mut health = link.health();
    let refused = health_becomes(&mut health, std::time::Duration::from_secs(5), |h| {
        matches!(h, ObsHealth::NeedsAttention { .. })
    })
    .await;
    let error = link
        .switch_program("Live")
        .await
        .expect_err("not connected");

    link.configure(Some(endpoint(RIGHT)));
    connected(&mut health, std::time::Duration::from_secs(5)).await;
    link.switch_program("Live").await.expect("switched");

    let logged = log.text();
    assert!(
        logged.contains("OBS connected"),
        "the log was captured: {logged}"
    );
    for secret in [RIGHT, WRONG] {
        assert!(!logged.contains(secret), "a password is in the log");
        assert!(!format!("{refused:?} {error} {error:?}").contains(secret));
        assert!(!format!("{:?} {:?}", endpoint(secret), *health.borrow()).contains(secret));
    }
}
