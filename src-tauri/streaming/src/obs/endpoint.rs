//! Where OBS listens and how long the link waits for it.

use std::fmt;
use std::time::Duration;

use mona_core::obs_connection::{self, ObsConnection};
use mona_core::validation::FieldErrors;

/// The address of an OBS WebSocket server and its password. The password
/// comes from the OS keychain (the app shell reads it) and never leaves
/// this value except into obws's handshake: `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct ObsEndpoint {
    host: String,
    port: u16,
    password: Option<String>,
}

impl ObsEndpoint {
    /// An address to connect to, checked by the same rule as the saved
    /// settings (`obs_connection::validate`). An empty password means none.
    pub fn new(
        host: impl Into<String>,
        port: u16,
        password: Option<String>,
    ) -> Result<ObsEndpoint, FieldErrors> {
        let ObsConnection { host, port } = obs_connection::validate(ObsConnection {
            host: host.into(),
            port,
        })?;
        Ok(ObsEndpoint {
            host,
            port,
            password: password.filter(|p| !p.is_empty()),
        })
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn has_password(&self) -> bool {
        self.password.is_some()
    }

    pub(crate) fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }
}

impl fmt::Debug for ObsEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ObsEndpoint")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("password", &self.password.as_ref().map(|_| "<hidden>"))
            .finish()
    }
}

/// How long the link waits, and how often it looks. The defaults are for a
/// person at a live; tests shorten them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObsTiming {
    /// A whole connection attempt: TCP, WebSocket, OBS's hello and
    /// identification, and its version.
    pub connect_timeout: Duration,
    /// Any one request.
    pub request_timeout: Duration,
    /// How often a connected link asks OBS for its statistics, which is
    /// also how a connection that went silent is found.
    pub heartbeat_every: Duration,
    /// How long that question may stay unanswered.
    pub heartbeat_timeout: Duration,
    /// Wait before the second attempt; doubled each time up to
    /// `longest_retry`.
    pub first_retry: Duration,
    /// Longest wait between two attempts. Short, because a streamer who
    /// starts OBS expects the app to see it at once.
    pub longest_retry: Duration,
}

impl Default for ObsTiming {
    fn default() -> Self {
        ObsTiming {
            connect_timeout: Duration::from_secs(4),
            request_timeout: Duration::from_secs(5),
            heartbeat_every: Duration::from_secs(2),
            heartbeat_timeout: Duration::from_secs(3),
            first_retry: Duration::from_millis(100),
            longest_retry: Duration::from_secs(1),
        }
    }
}

impl ObsTiming {
    /// The wait before attempt number `attempt` (1 is the first retry).
    pub(crate) fn retry_after(&self, attempt: u32) -> Duration {
        let factor = 1u32 << attempt.saturating_sub(1).min(16);
        self.first_retry
            .saturating_mul(factor)
            .min(self.longest_retry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_never_shows_in_debug_output() {
        let endpoint =
            ObsEndpoint::new("127.0.0.1", 4455, Some("s3cret-pw".into())).expect("a valid address");
        let shown = format!("{endpoint:?}");
        assert!(!shown.contains("s3cret-pw"), "{shown}");
        assert!(shown.contains("<hidden>"));
    }

    #[test]
    fn an_empty_password_means_none() {
        let endpoint =
            ObsEndpoint::new("localhost", 4455, Some(String::new())).expect("a valid address");
        assert!(!endpoint.has_password());
    }

    #[test]
    fn an_address_without_host_or_port_is_refused_with_the_reason() {
        use mona_core::validation::FieldProblem;
        let refused = |host: &str, port| {
            ObsEndpoint::new(host, port, None)
                .expect_err("refused")
                .0
                .into_iter()
                .map(|e| (e.field, e.problem))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            refused("  ", 4455),
            [("host".to_owned(), FieldProblem::Required)]
        );
        assert_eq!(
            refused("localhost", 0),
            [("port".to_owned(), FieldProblem::Required)]
        );
        assert_eq!(
            refused("ws://localhost", 4455),
            [("host".to_owned(), FieldProblem::InvalidHost)]
        );
    }

    #[test]
    fn retries_double_from_the_first_wait_up_to_the_longest() {
        let timing = ObsTiming::default();
        let waits: Vec<u128> = (1..=6).map(|a| timing.retry_after(a).as_millis()).collect();
        assert_eq!(waits, [100, 200, 400, 800, 1000, 1000]);
        assert_eq!(timing.retry_after(u32::MAX).as_millis(), 1000);
    }
}
