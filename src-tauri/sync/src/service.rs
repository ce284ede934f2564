//! Sync running by itself: shortly after local changes, on an interval,
//! when the network comes back, and when someone presses "Sync now"; with a
//! status the app shows at all times.
//!
//! Why it lives here and not in the app shell: when to sync and what the
//! status says are rules of the sync; the shell only starts the service and
//! shows its status.

use std::sync::Arc;
use std::time::{Duration, Instant};

use mona_core::team_server::{self, TeamServer};
use mona_core::{Database, conflicts, replica};
use serde::Serialize;
use tokio::sync::{Notify, watch};

use crate::round::local;
use crate::server::ServerAddress;
use crate::{Server, SyncError, keychain, sync_round};

/// How often local changes are looked for.
const LOOK_FOR_CHANGES: Duration = Duration::from_secs(2);
/// How often a device with nothing to send still asks for news.
const PULL_INTERVAL: Duration = Duration::from_secs(30);
/// Longest wait between two tries while the server cannot be reached.
const LONGEST_RETRY: Duration = Duration::from_secs(60);

/// Where the sync stands, as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SyncState {
    /// No team server is set: the device works alone.
    Off,
    Syncing,
    Synced,
    /// The server cannot be reached; changes wait.
    Offline,
    /// The server answered but the sync cannot go on (see the problem).
    Error,
}

/// Why the sync stopped, as a stable code the UI translates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum SyncProblem {
    Unreachable,
    BadPassword,
    Tls { failure: crate::tls::TlsFailure },
    NotPrepared,
    ServerTooOld { found: i32, expected: i32 },
    ServerTooNew { found: i32, expected: i32 },
    DeviceTooOld { found: i32, required: i32 },
    ClockAhead { ahead_minutes: u32 },
    NotEmpty,
    ServerReplaced,
    NotJoined,
    CopiedDatabase,
    Keychain,
    Server,
    Local,
}

impl From<&SyncError> for SyncProblem {
    fn from(error: &SyncError) -> Self {
        match error {
            SyncError::Unreachable(_) => SyncProblem::Unreachable,
            SyncError::BadPassword => SyncProblem::BadPassword,
            SyncError::Tls { failure, .. } => SyncProblem::Tls { failure: *failure },
            SyncError::NotPrepared => SyncProblem::NotPrepared,
            SyncError::ServerTooOld { found, expected } => SyncProblem::ServerTooOld {
                found: *found,
                expected: *expected,
            },
            SyncError::ServerTooNew { found, expected } => SyncProblem::ServerTooNew {
                found: *found,
                expected: *expected,
            },
            SyncError::DeviceTooOld { found, required } => SyncProblem::DeviceTooOld {
                found: *found,
                required: *required,
            },
            SyncError::ClockAhead { ahead_ms, .. } => SyncProblem::ClockAhead {
                ahead_minutes: u32::try_from(ahead_ms / 60_000).unwrap_or(u32::MAX),
            },
            SyncError::NotEmpty => SyncProblem::NotEmpty,
            SyncError::ServerReplaced => SyncProblem::ServerReplaced,
            SyncError::NotJoined => SyncProblem::NotJoined,
            SyncError::CopiedDatabase | SyncError::IdentityRefused => SyncProblem::CopiedDatabase,
            SyncError::Keychain(_) => SyncProblem::Keychain,
            SyncError::Server(_) => SyncProblem::Server,
            SyncError::Local(_) => SyncProblem::Local,
        }
    }
}

/// What the app shows about the sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    pub state: SyncState,
    /// Records with local changes the server has not stored yet.
    pub pending_rows: u32,
    /// Overwritten values nobody has restored or dismissed yet.
    pub open_conflicts: u32,
    pub last_synced_at: Option<String>,
    /// When the server stopped answering (while offline).
    pub offline_since: Option<String>,
    pub problem: Option<SyncProblem>,
}

impl SyncStatus {
    fn off() -> SyncStatus {
        SyncStatus {
            state: SyncState::Off,
            pending_rows: 0,
            open_conflicts: 0,
            last_synced_at: None,
            offline_since: None,
            problem: None,
        }
    }
}

/// The address of a team server as the sync connects to it.
pub fn address(server: &TeamServer) -> ServerAddress {
    ServerAddress {
        host: server.host.clone(),
        port: server.port,
        database: server.database.clone(),
        user: server.user.clone(),
        tls: server.tls,
        ca_file: server.ca_file.as_ref().map(std::path::PathBuf::from),
    }
}

/// Connects to `server` with the password kept in the keychain.
pub async fn connect(server: &TeamServer) -> Result<Server, SyncError> {
    let keychain_error = |e: keychain::KeychainError| SyncError::Keychain(e.to_string());
    let password = keychain::password(server).map_err(keychain_error)?;
    let mut connection = Server::connect(&address(server), &password).await?;
    connection.identify(keychain::device_secret(server).map_err(keychain_error)?);
    Ok(connection)
}

/// For the settings screen's actions: connects with the password just typed,
/// or with the one in the keychain when none was typed.
async fn connect_with(server: &TeamServer, password: Option<String>) -> Result<Server, SyncError> {
    match password {
        Some(password) => Server::connect(&address(server), &password).await,
        None => connect(server).await,
    }
}

/// A handle on the running sync.
#[derive(Clone)]
pub struct SyncService {
    db: Arc<Database>,
    wake: Arc<Notify>,
    status: watch::Receiver<SyncStatus>,
}

impl SyncService {
    /// The service for `db`, and the loop to spawn on the async runtime.
    pub fn new(db: Arc<Database>) -> (SyncService, impl Future<Output = ()> + Send + 'static) {
        let wake = Arc::new(Notify::new());
        let (sender, status) = watch::channel(SyncStatus::off());
        let service = SyncService {
            db: Arc::clone(&db),
            wake: Arc::clone(&wake),
            status,
        };
        (service, run(db, wake, sender))
    }

    /// Syncs now (also after the settings changed).
    pub fn sync_now(&self) {
        self.wake.notify_one();
    }

    /// The status, with the counts of waiting changes and open conflicts
    /// read now (an edit shows as waiting at once, not at the next look).
    pub async fn status(&self) -> SyncStatus {
        let mut status = self.status.borrow().clone();
        status.pending_rows = count(local(&self.db, replica::pending_rows).await);
        status.open_conflicts = count(local(&self.db, conflicts::open_count).await);
        status
    }
}

async fn run(db: Arc<Database>, wake: Arc<Notify>, status: watch::Sender<SyncStatus>) {
    let mut connection: Option<(TeamServer, Server)> = None;
    let mut last_round: Option<Instant> = None;
    let mut last_synced_at: Option<String> = None;
    let mut offline_since: Option<String> = None;
    let mut retry = Duration::from_secs(5);
    let mut last_purge: Option<Instant> = None;
    let mut asked = true;
    loop {
        let settings = local(&db, team_server::get).await.ok().flatten();
        let pending = count(local(&db, replica::pending_rows).await);
        let open_conflicts = count(local(&db, conflicts::open_count).await);
        let Some(settings) = settings else {
            connection = None;
            status.send_replace(SyncStatus {
                pending_rows: pending,
                open_conflicts,
                ..SyncStatus::off()
            });
            wake.notified().await;
            asked = true;
            continue;
        };
        let waited = last_round.map_or(Duration::MAX, |t| t.elapsed());
        let due = if offline_since.is_some() {
            waited >= retry
        } else {
            pending > 0 || waited >= PULL_INTERVAL
        };
        if asked || due {
            let mut shown = status.borrow().clone();
            shown.state = SyncState::Syncing;
            shown.pending_rows = pending;
            status.send_replace(shown);
            let result = round(&db, &settings, &mut connection, &mut last_purge).await;
            last_round = Some(Instant::now());
            let pending = count(local(&db, replica::pending_rows).await);
            let open_conflicts = count(local(&db, conflicts::open_count).await);
            let (state, problem) = match &result {
                Ok(()) => {
                    last_synced_at = Some(mona_core::clock::now());
                    offline_since = None;
                    retry = Duration::from_secs(5);
                    (SyncState::Synced, None)
                }
                Err(error) => {
                    tracing::warn!("sync round failed: {error}");
                    connection = None;
                    if matches!(error, SyncError::Unreachable(_)) {
                        offline_since.get_or_insert_with(mona_core::clock::now);
                        retry = (retry * 2).min(LONGEST_RETRY);
                        (SyncState::Offline, Some(SyncProblem::from(error)))
                    } else {
                        (SyncState::Error, Some(SyncProblem::from(error)))
                    }
                }
            };
            status.send_replace(SyncStatus {
                state,
                pending_rows: pending,
                open_conflicts,
                last_synced_at: last_synced_at.clone(),
                offline_since: offline_since.clone(),
                problem,
            });
        } else {
            status.send_modify(|shown| {
                shown.pending_rows = pending;
                shown.open_conflicts = open_conflicts;
            });
        }
        asked = tokio::select! {
            _ = wake.notified() => true,
            _ = tokio::time::sleep(LOOK_FOR_CHANGES) => false,
        };
    }
}

/// A count for the status; a failed read shows as nothing waiting.
fn count(read: Result<i64, SyncError>) -> u32 {
    read.ok().and_then(|n| u32::try_from(n).ok()).unwrap_or(0)
}

async fn round(
    db: &Arc<Database>,
    settings: &TeamServer,
    connection: &mut Option<(TeamServer, Server)>,
    last_purge: &mut Option<Instant>,
) -> Result<(), SyncError> {
    if connection.as_ref().is_none_or(|(used, _)| used != settings) {
        *connection = Some((settings.clone(), connect(settings).await?));
    }
    let Some((_, server)) = connection.as_mut() else {
        return Ok(());
    };
    sync_round(db, server, &settings.device_name).await?;
    if last_purge.is_none_or(|at| at.elapsed() >= PURGE_EVERY) {
        *last_purge = Some(Instant::now());
        // Housekeeping: a failure here never stops the sync.
        match server.purge(ACTIVE_DAYS).await {
            Ok(0) => {}
            Ok(purged) => tracing::info!("{purged} deleted rows purged from the team server"),
            Err(error) => tracing::warn!("purging deleted rows failed: {error}"),
        }
    }
    Ok(())
}

/// How often a device asks the server to purge deleted rows.
const PURGE_EVERY: Duration = Duration::from_secs(24 * 3600);
/// A device not seen for this long no longer holds back purges; when it
/// comes back it copies the server again.
pub const ACTIVE_DAYS: i32 = 30;

/// Why a team server setting could not be used: the fields to fix, or what
/// the server said.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("invalid settings: {0}")]
    Invalid(mona_core::validation::FieldErrors),
    #[error(transparent)]
    Sync(#[from] SyncError),
}

impl From<mona_core::Error> for SetupError {
    fn from(error: mona_core::Error) -> Self {
        match error {
            mona_core::Error::Invalid(fields) => SetupError::Invalid(fields),
            other => SetupError::Sync(SyncError::Local(other)),
        }
    }
}

/// What "Test connection" found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ServerCheck {
    /// The team's workspace name, once an admin prepared the server.
    pub workspace: String,
}

/// Connects with `password` (or the one in the keychain when `None`) and
/// checks the server is prepared and speaks this app's schema.
pub async fn check(
    server: TeamServer,
    password: Option<String>,
) -> Result<ServerCheck, SetupError> {
    let server = team_server::validate(server).map_err(SetupError::Invalid)?;
    let connection = connect_with(&server, password).await?;
    let info = connection.info().await?;
    Ok(ServerCheck {
        workspace: info.workspace,
    })
}

/// Admin action: prepares an empty server database for the team named
/// `workspace` (creates and migrates its schema, and publishes a readable
/// table of the current state of each synced table).
pub async fn prepare(
    db: &Arc<Database>,
    server: TeamServer,
    password: Option<String>,
    workspace: String,
) -> Result<ServerCheck, SetupError> {
    let server = team_server::validate(server).map_err(SetupError::Invalid)?;
    let workspace = workspace.trim().to_owned();
    if workspace.is_empty() {
        let mut fields = mona_core::validation::FieldErrors::default();
        fields.add("workspace", mona_core::validation::FieldProblem::Required);
        return Err(SetupError::Invalid(fields));
    }
    let mut connection = connect_with(&server, password).await?;
    let info = connection.prepare(&workspace).await?;
    let tables = local(db, replica::synced_schema).await?;
    connection.publish_tables(&tables).await?;
    Ok(ServerCheck {
        workspace: info.workspace,
    })
}

/// The sign-in an admin makes for the team's computers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TeamSignIn {
    pub user: String,
    pub password: String,
}

/// Shortest password a team sign-in may have.
pub const SIGN_IN_PASSWORD_MIN: usize = 12;

/// Admin action: creates (or gives a new password to) the sign-in the
/// team's computers use: a PostgreSQL login that may read the server and
/// call the sync functions, nothing else (docs/TEAM-SERVER.md).
pub async fn create_sign_in(
    server: TeamServer,
    password: Option<String>,
    sign_in: TeamSignIn,
) -> Result<(), SetupError> {
    use mona_core::validation::{FieldErrors, FieldProblem};
    let server = team_server::validate(server).map_err(SetupError::Invalid)?;
    let user = sign_in.user.trim().to_owned();
    let mut fields = FieldErrors::default();
    if user.is_empty() {
        fields.add("signInUser", FieldProblem::Required);
    } else if user.len() > 63 {
        fields.add("signInUser", FieldProblem::TooLong { max: 63 });
    } else if !user
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
    {
        // What the field's message says: letters, digits, dots, underscores.
        fields.add("signInUser", FieldProblem::InvalidHandle);
    }
    if sign_in.password.chars().count() < SIGN_IN_PASSWORD_MIN {
        fields.add(
            "signInPassword",
            FieldProblem::TooShort {
                min: SIGN_IN_PASSWORD_MIN as u32,
            },
        );
    }
    fields.into_result(()).map_err(SetupError::Invalid)?;
    let connection = connect_with(&server, password).await?;
    connection.info().await?;
    connection
        .create_device_login(&user, &sign_in.password)
        .await?;
    Ok(())
}

/// Saves the team server for this device and, when given, its password in
/// the keychain.
pub fn configure(
    db: &Database,
    server: TeamServer,
    password: Option<String>,
) -> Result<TeamServer, SetupError> {
    let server = team_server::save(db, server)?;
    if let Some(password) = password {
        keychain::store_password(&server, &password)
            .map_err(|e| SyncError::Keychain(e.to_string()))?;
    }
    Ok(server)
}
