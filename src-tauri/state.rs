//! The state every command shares: the database, opened once, off the UI
//! thread, by whichever comes first of the startup task and the first command.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use mona_core::artists::search_index;
use mona_core::twitch_app;
use mona_core::{Database, demo, files};
use mona_streaming::archive::RecordingArchive;
use mona_streaming::live::{LiveChat, LiveRunner};
use mona_streaming::obs::{ObsLink, ObsTiming, setup as obs_setup};
use mona_streaming::twitch::channel::TwitchChannel;
use mona_streaming::twitch::chat::journal::ChatJournal;
use mona_streaming::twitch::chat::{self, TwitchChat};
use mona_streaming::twitch::schedule::TwitchSchedule;
use mona_streaming::twitch::{TwitchAccount, TwitchEndpoints, TwitchHttp, kept_sign_in};
use mona_sync::SyncService;
use tokio::sync::OnceCell;

use crate::error::{AppError, StartupProblem};

pub struct AppState {
    started: std::time::Instant,
    data_folder: PathBuf,
    demo: bool,
    database: OnceCell<Result<Arc<Database>, StartupProblem>>,
    sync: OnceCell<SyncService>,
    obs: OnceCell<ObsLink>,
    /// Started with the link to OBS: archives what it records.
    archive: OnceCell<RecordingArchive>,
    twitch: OnceCell<TwitchAccount>,
    chat: OnceCell<TwitchChat>,
    /// The tasks sending news to the page (OBS's, the Twitch account's):
    /// one of each at a time, so a page that reloads does not leave its old
    /// followers running.
    followers: std::sync::Mutex<
        std::collections::HashMap<&'static str, tauri::async_runtime::JoinHandle<()>>,
    >,
    /// The live whose automatic segments start on time, if one runs.
    live: std::sync::Mutex<Option<LiveRunner>>,
    /// Set to stop the import running (one at a time: the dialog is modal).
    import_stop: Arc<AtomicBool>,
    /// Told when the first screen is on display.
    first_screen: tokio::sync::Notify,
}

/// How long the background services wait for the first screen before
/// starting anyway (a window stuck on a startup problem, a first run), and
/// the hidden window before showing anyway.
pub const SERVICES_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

impl AppState {
    pub fn new(started: std::time::Instant, data_folder: PathBuf, demo: bool) -> AppState {
        AppState {
            started,
            data_folder,
            demo,
            database: OnceCell::new(),
            sync: OnceCell::new(),
            obs: OnceCell::new(),
            archive: OnceCell::new(),
            twitch: OnceCell::new(),
            chat: OnceCell::new(),
            followers: std::sync::Mutex::new(std::collections::HashMap::new()),
            live: std::sync::Mutex::new(None),
            import_stop: Arc::new(AtomicBool::new(false)),
            first_screen: tokio::sync::Notify::new(),
        }
    }

    /// The flag a new import watches, lowered.
    pub fn start_import(&self) -> Arc<AtomicBool> {
        self.import_stop.store(false, Ordering::Relaxed);
        self.import_stop.clone()
    }

    /// Asks the running import to stop; it rolls back.
    pub fn stop_import(&self) {
        self.import_stop.store(true, Ordering::Relaxed);
    }

    /// When the process started.
    pub fn started(&self) -> std::time::Instant {
        self.started
    }

    pub fn data_folder(&self) -> &std::path::Path {
        &self.data_folder
    }

    /// Called when the first screen is on display: the background services
    /// may start.
    pub fn first_screen_shown(&self) {
        self.first_screen.notify_one();
    }

    /// Opens the database at once, so it is ready before the UI asks for
    /// it; then starts what runs by itself: the upkeep of kept files and of
    /// the search index, the team sync, the link to OBS with the archiving
    /// of its recordings (which takes up what waited since the last
    /// session) and the Twitch account. They wait for the
    /// first screen (at most [`SERVICES_WAIT`]): on a small machine their
    /// start (a TLS root store, the keychain, sockets) would otherwise take
    /// the cores the window needs to open (docs/PERFORMANCE.md, launch to
    /// interactive). A command that needs one sooner starts it itself.
    pub async fn start_services(&self) {
        let Ok(db) = self.database().await else {
            return;
        };
        let _ = tokio::time::timeout(SERVICES_WAIT, self.first_screen.notified()).await;
        // Bytes no file names any more leave the disk, unhurried.
        in_background(
            db.clone(),
            "kept files sweep",
            |db| -> Result<(), files::FileError> {
                let cleared = files::sweep(db)?;
                if cleared > 0 {
                    tracing::info!(cleared, "kept files no card names cleared");
                }
                Ok(())
            },
        );
        tauri::async_runtime::spawn(tidy_search_index(db));
        // Errors here are the database's, already reported to the UI.
        let _ = self.sync().await;
        let _ = self.archive().await;
        let _ = self.twitch().await;
    }

    /// The team sync of this device, started once the database is open.
    pub async fn sync(&self) -> Result<&SyncService, AppError> {
        let db = self.database().await?;
        Ok(self
            .sync
            .get_or_init(|| async move { start_sync(db) })
            .await)
    }

    /// The link to this computer's OBS, started once the database is open
    /// (its address is a device setting).
    pub async fn obs(&self) -> Result<&ObsLink, AppError> {
        let db = self.database().await?;
        Ok(self.obs.get_or_init(|| start_obs(db)).await)
    }

    /// The archiving of this computer's recordings.
    pub async fn archive(&self) -> Result<&RecordingArchive, AppError> {
        let db = self.database().await?;
        let link = self.obs().await?;
        Ok(self
            .archive
            .get_or_init(|| async move {
                let folder = mona_core::live_log::chat_journal_folder(&db);
                let archive = RecordingArchive::start(db, link);
                archive.read_chat_from(folder);
                archive
            })
            .await)
    }

    /// The Twitch account of this computer, taken up from the keychain once
    /// the database is open (the application's client id is a device
    /// setting).
    pub async fn twitch(&self) -> Result<&TwitchAccount, AppError> {
        let db = self.database().await?;
        Ok(self.twitch.get_or_init(|| start_twitch(db)).await)
    }

    /// The Twitch chat, following the account (it connects once signed
    /// in), with the channels and keywords this computer kept.
    pub async fn chat(&self) -> Result<&TwitchChat, AppError> {
        let account = self.twitch().await?.clone();
        let db = self.database().await?;
        Ok(self
            .chat
            .get_or_init(|| async move {
                let chat = TwitchChat::start(account, chat::DEFAULT_CAPACITY);
                chat.keep_journal(ChatJournal::open(mona_core::live_log::chat_journal_folder(
                    &db,
                )));
                // The channels and keywords kept from the last sessions.
                let kept = tauri::async_runtime::spawn_blocking(move || {
                    mona_core::chat_preferences::get(&db)
                })
                .await;
                match kept {
                    Ok(Ok(kept)) => chat.restore(&kept),
                    Ok(Err(error)) => {
                        tracing::warn!(%error, "the chat's preferences could not be read")
                    }
                    Err(_) => {}
                }
                chat
            })
            .await)
    }

    /// Where a segment's message goes: the streamer's own chat, asked
    /// again at each start (the sign-in may come or go during a live).
    pub async fn live_chat(&self) -> Result<impl Fn() -> Option<LiveChat> + use<>, AppError> {
        let account = self.twitch().await?.clone();
        let chat = self.chat().await?.clone();
        Ok(move || match account.state() {
            mona_streaming::twitch::TwitchAccountState::SignedIn { login, .. } => Some(LiveChat {
                chat: chat.clone(),
                channel: login,
            }),
            _ => None,
        })
    }

    /// Runs `event_id`'s automatic segments (none: stops the live running).
    pub fn run_live(&self, runner: Option<LiveRunner>) {
        *self
            .live
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = runner;
    }

    /// The live whose automatic segments run, if any.
    pub fn live_running(&self) -> Option<String> {
        self.live
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .as_ref()
            .map(|runner| runner.event_id().to_owned())
    }

    /// The signed-in streamer's channel on Twitch.
    pub async fn channel(&self) -> Result<TwitchChannel, AppError> {
        Ok(TwitchChannel::new(self.twitch().await?.clone()))
    }

    /// The signed-in streamer's Twitch schedule.
    pub async fn schedule(&self) -> Result<TwitchSchedule, AppError> {
        Ok(TwitchSchedule::new(self.twitch().await?.clone()))
    }

    /// Makes `follower` the one task sending `what`'s news to the page,
    /// stopping the one before.
    pub fn replace_follower(
        &self,
        what: &'static str,
        follower: tauri::async_runtime::JoinHandle<()>,
    ) {
        let mut followers = self
            .followers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(before) = followers.insert(what, follower) {
            before.abort();
        }
    }

    /// The open database, for calls that need it across awaits.
    pub async fn database(&self) -> Result<Arc<Database>, AppError> {
        self.database
            .get_or_init(|| open(self.data_folder.clone(), self.demo))
            .await
            .clone()
            .map_err(|problem| AppError::DatabaseUnavailable { problem })
    }

    /// Runs one library call against the database on a blocking thread,
    /// without waiting for it: work that prepares the next answers. A failure
    /// is logged; nobody waits for it.
    pub fn in_background<E: std::fmt::Display>(
        &self,
        what: &'static str,
        work: impl FnOnce(&Database) -> Result<(), E> + Send + 'static,
    ) {
        if let Some(Ok(db)) = self.database.get().cloned() {
            in_background(db, what, work);
        }
    }

    /// Runs one library call against the database on a blocking thread.
    pub async fn run<T: Send + 'static, E: Into<AppError> + Send + 'static>(
        &self,
        work: impl FnOnce(&Database) -> Result<T, E> + Send + 'static,
    ) -> Result<T, AppError> {
        let db = self.database().await?;
        tauri::async_runtime::spawn_blocking(move || work(&db))
            .await
            .map_err(|error| {
                tracing::error!(%error, "a database task stopped unexpectedly");
                AppError::Internal
            })?
            .map_err(Into::into)
    }
}

/// Runs `work` on a blocking thread without waiting for it; a failure is
/// logged.
fn in_background<E: std::fmt::Display>(
    db: Arc<Database>,
    what: &'static str,
    work: impl FnOnce(&Database) -> Result<(), E> + Send + 'static,
) {
    tauri::async_runtime::spawn_blocking(move || {
        if let Err(error) = work(&db) {
            tracing::warn!(%error, what, "background work failed");
        }
    });
}

/// Keeps the artist search index compact, in the background: short steps
/// while there is work, so nobody's edit waits long; then a look now and then,
/// as the team's exchanges keep rewriting it.
async fn tidy_search_index(db: Arc<Database>) {
    loop {
        let step = db.clone();
        let more = tauri::async_runtime::spawn_blocking(move || {
            search_index::tidy(&step, search_index::PAGES_PER_STEP)
        })
        .await;
        let pause = match more {
            Ok(Ok(true)) => std::time::Duration::from_millis(200),
            Ok(Ok(false)) => std::time::Duration::from_secs(600),
            Ok(Err(error)) => {
                tracing::warn!(%error, "the artist search index could not be tidied");
                std::time::Duration::from_secs(600)
            }
            Err(_) => return,
        };
        tokio::time::sleep(pause).await;
    }
}

fn start_sync(db: Arc<Database>) -> SyncService {
    let (service, running) = SyncService::new(db);
    tauri::async_runtime::spawn(running);
    service
}

/// Starts the link to OBS at the saved address, with the password from the
/// keychain; without one (or a keychain that fails) it waits for settings.
async fn start_obs(db: Arc<Database>) -> ObsLink {
    let endpoint = tauri::async_runtime::spawn_blocking(move || obs_setup::endpoint(&db)).await;
    let endpoint = match endpoint {
        Ok(Ok(endpoint)) => endpoint,
        Ok(Err(error)) => {
            tracing::warn!(%error, "the OBS settings could not be read");
            None
        }
        Err(_) => None,
    };
    ObsLink::start(endpoint, ObsTiming::default())
}

/// Takes up the Twitch sign-in kept on this computer and checks it every
/// hour. The endpoints are Twitch's unless the environment moves them
/// (tests, a developer's mock server).
async fn start_twitch(db: Arc<Database>) -> TwitchAccount {
    let endpoints =
        TwitchEndpoints::from_env(|name| std::env::var(name).ok()).unwrap_or_else(|error| {
            tracing::error!(%error, "Twitch's address is not usable: Twitch's own is used");
            TwitchEndpoints::default()
        });
    let app = tauri::async_runtime::spawn_blocking(move || twitch_app::get(&db)).await;
    let client_id = match app {
        Ok(Ok(app)) => app.map(|app| app.client_id),
        Ok(Err(error)) => {
            tracing::warn!(%error, "the Twitch application could not be read");
            None
        }
        Err(_) => None,
    };
    let account = TwitchAccount::new(TwitchHttp::new(endpoints), client_id, kept_sign_in());
    let restoring = account.clone();
    tauri::async_runtime::spawn(async move {
        if let Err(error) = restoring.restore().await {
            tracing::info!(%error, "the kept Twitch sign-in was not taken up");
        }
        restoring.keep_checked().await;
    });
    account
}

async fn open(folder: PathBuf, load_demo: bool) -> Result<Arc<Database>, StartupProblem> {
    let opened = tauri::async_runtime::spawn_blocking(move || {
        let db = Database::open(&folder).map_err(|error| {
            tracing::error!(%error, "cannot open the database");
            StartupProblem::from(&error)
        })?;
        tracing::info!(path = %db.path().display(), "database ready");
        if load_demo && let Err(error) = demo::start_with_demo(&db) {
            tracing::error!(%error, "the demo data could not be loaded");
        }
        Ok(Arc::new(db))
    })
    .await;
    opened.unwrap_or_else(|_| {
        Err(StartupProblem::Other {
            path: String::new(),
        })
    })
}
