//! What the OBS tests share: waiting for the link's health or a change,
//! with a deadline and the last thing seen when it passes.

#![allow(dead_code)]

pub mod fake_irc;
pub mod fake_obs;
pub mod fake_twitch;
pub mod keychain;
pub mod log;
pub mod real_obs;

use std::time::Duration;

use mona_streaming::obs::{ObsChange, ObsHealth, ObsTiming};
use tokio::sync::{broadcast, watch};

/// Short waits, so a test of a fault takes a second, not a minute.
pub fn quick_timing() -> ObsTiming {
    ObsTiming {
        connect_timeout: Duration::from_millis(600),
        request_timeout: Duration::from_millis(500),
        heartbeat_every: Duration::from_millis(200),
        heartbeat_timeout: Duration::from_millis(300),
        first_retry: Duration::from_millis(50),
        longest_retry: Duration::from_millis(200),
    }
}

/// Waits until the health satisfies `wanted`, and returns it.
pub async fn health_becomes(
    health: &mut watch::Receiver<ObsHealth>,
    within: Duration,
    wanted: impl Fn(&ObsHealth) -> bool,
) -> ObsHealth {
    let found = match tokio::time::timeout(within, health.wait_for(|h| wanted(h))).await {
        Ok(Ok(found)) => Some(found.clone()),
        Ok(Err(_)) => panic!("the link stopped"),
        Err(_) => None,
    };
    found.unwrap_or_else(|| {
        panic!(
            "the health did not become what was expected within {within:?}; it is {:?}",
            *health.borrow()
        )
    })
}

pub async fn connected(health: &mut watch::Receiver<ObsHealth>, within: Duration) -> ObsHealth {
    health_becomes(health, within, ObsHealth::is_connected).await
}

/// Waits for a change satisfying `wanted`, skipping others.
pub async fn change_arrives(
    changes: &mut broadcast::Receiver<ObsChange>,
    within: Duration,
    wanted: impl Fn(&ObsChange) -> bool,
) -> ObsChange {
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, changes.recv()).await {
            Ok(Ok(change)) if wanted(&change) => return change,
            Ok(Ok(_)) | Ok(Err(broadcast::error::RecvError::Lagged(_))) => {}
            Ok(Err(broadcast::error::RecvError::Closed)) => panic!("the link stopped"),
            Err(_) => panic!("the expected change did not arrive within {within:?}"),
        }
    }
}

/// The problem a health names, if any.
pub fn problem_of(health: &ObsHealth) -> Option<mona_streaming::obs::ObsProblem> {
    match health {
        ObsHealth::Connecting { problem, .. } => problem.clone(),
        ObsHealth::Waiting { problem, .. } | ObsHealth::NeedsAttention { problem, .. } => {
            Some(problem.clone())
        }
        ObsHealth::NotConfigured | ObsHealth::Connected { .. } => None,
    }
}
