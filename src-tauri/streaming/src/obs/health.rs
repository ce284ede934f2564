//! Where the link to OBS stands, as the app shows it everywhere (a dot in
//! the sidebar, a banner in the Streaming screen), and why it is not
//! connected when it is not.

use serde::Serialize;

/// Why OBS is not connected, as a stable code the UI translates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ObsProblem {
    /// Nothing answers at the address: OBS is not running, its WebSocket
    /// server is off, or the host cannot be reached.
    Unreachable,
    /// OBS answered but is still loading its scenes (obs-websocket's 207).
    NotReady,
    /// OBS asks for a password and none is set in the app.
    PasswordRequired,
    /// OBS refused the password.
    WrongPassword,
    /// OBS or its WebSocket server is older than what the app speaks
    /// (OBS 30.2, obs-websocket 5.5).
    TooOld { found: String },
    /// OBS stopped answering on an open connection (a computer that slept,
    /// a network that dropped): found by the heartbeat.
    Silent,
    /// OBS closed the connection (it quit or restarted).
    Closed,
    /// OBS said something the app does not understand.
    Protocol,
}

impl ObsProblem {
    /// Problems that only a person can fix: the link waits for new settings
    /// or "Retry" instead of knocking again every second.
    pub fn needs_attention(&self) -> bool {
        matches!(
            self,
            ObsProblem::PasswordRequired | ObsProblem::WrongPassword | ObsProblem::TooOld { .. }
        )
    }
}

/// The link's state. Times are UTC instants in RFC 3339.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(
    tag = "state",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum ObsHealth {
    /// No OBS address is set.
    NotConfigured,
    /// Trying to connect; `problem` is what stopped the previous attempt.
    Connecting {
        attempt: u32,
        problem: Option<ObsProblem>,
        /// When OBS was lost or the first attempt began.
        since: String,
    },
    Connected {
        obs_version: String,
        websocket_version: String,
        since: String,
    },
    /// Not connected; the next attempt starts in `retry_in_ms`.
    Waiting {
        problem: ObsProblem,
        attempt: u32,
        retry_in_ms: u32,
        since: String,
    },
    /// Not connected and not retrying by itself: the problem needs a person
    /// (a password to set, an OBS to update). New settings or "Retry" start
    /// again.
    NeedsAttention { problem: ObsProblem, since: String },
}

impl ObsHealth {
    pub fn is_connected(&self) -> bool {
        matches!(self, ObsHealth::Connected { .. })
    }
}
