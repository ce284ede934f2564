//! Why a sync round stopped. Each variant says what the user can do; none
//! carries a password (connection strings are never formatted into errors).

/// A sync that could not happen or stopped. Local changes are always kept.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("the sync server cannot be reached: {0}")]
    Unreachable(String),
    #[error("the sync server refused the user name or password")]
    BadPassword,
    #[error("the secure connection (TLS) to the sync server failed: {detail}")]
    Tls {
        failure: crate::tls::TlsFailure,
        detail: String,
    },
    #[error("the sync server's database has not been prepared for the team yet")]
    NotPrepared,
    #[error(
        "the sync server's schema (version {found}) is older than this app's (version {expected}); an admin must update it"
    )]
    ServerTooOld { found: i32, expected: i32 },
    #[error(
        "the sync server's schema (version {found}) is newer than this app knows (version {expected}); update the app"
    )]
    ServerTooNew { found: i32, expected: i32 },
    #[error(
        "this app's data (version {found}) is older than the team requires (version {required}); update the app, local changes are kept"
    )]
    DeviceTooOld { found: i32, required: i32 },
    #[error(
        "this computer's clock is {ahead_ms} ms ahead of the server's; its changes wait until the clock is right"
    )]
    ClockAhead {
        ahead_ms: i64,
        /// The server's time, and the newest clock of this device it holds:
        /// what the device needs to give its held writes new clocks.
        server_ms: i64,
        acked_clock: i64,
    },
    #[error(
        "the sync server was rebuilt or restored; the next sync sends this device's data again"
    )]
    ServerReplaced,
    #[error("this device has not joined the team's workspace yet")]
    NotJoined,
    #[error(
        "another copy of this database synced under the same identity; this copy takes a new one"
    )]
    CopiedDatabase,
    #[error(
        "the sync server did not recognise this device's secret; the device takes a new identity"
    )]
    IdentityRefused,
    #[error("{0}")]
    Keychain(String),
    #[error("the sync server's database already holds other data; choose an empty database")]
    NotEmpty,
    #[error("the sync server failed: {0}")]
    Server(String),
    #[error("the local database failed: {0}")]
    Local(#[from] mona_core::Error),
}

impl From<tokio_postgres::Error> for SyncError {
    fn from(error: tokio_postgres::Error) -> Self {
        use tokio_postgres::error::SqlState;
        if let Some(db) = error.as_db_error() {
            let code = db.code();
            if *code == SqlState::INVALID_PASSWORD
                || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
            {
                return SyncError::BadPassword;
            }
            // Raised by the server's sync functions (migrations/postgres/V2).
            match code.code() {
                "MS001" => return SyncError::IdentityRefused,
                "MS002" => return SyncError::NotJoined,
                _ => {}
            }
            return SyncError::Server(format!("{} ({})", db.message(), code.code()));
        }
        if error.is_closed() {
            return SyncError::Unreachable("the connection was closed".into());
        }
        let text = error.to_string();
        if text.contains("error connecting") || text.contains("Connection refused") {
            SyncError::Unreachable(text)
        } else {
            SyncError::Server(text)
        }
    }
}

/// An error and its causes on one line (none carries a password).
pub(crate) fn full_text(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        let more = inner.to_string();
        if !text.contains(&more) {
            text = format!("{text}: {more}");
        }
        source = inner.source();
    }
    text
}
