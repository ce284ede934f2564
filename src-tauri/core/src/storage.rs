//! The one place that opens, configures and migrates the SQLite file.
//!
//! Why it exists: every way a database file can be wrong (missing folder,
//! no permission, another window holding it, not a database at all, made by a
//! newer app, a migration that fails halfway) must end in a clear
//! [`OpenError`] and an untouched file, never in a new empty database
//! silently created over the user's data. Services only ever see a
//! [`Database`] that passed all of these checks.
//!
//! Concurrency: SQLite in WAL mode lets one writer and many readers work at
//! once. [`Database`] keeps exactly one writing connection behind a mutex and a
//! small pool of read-only connections, so a long read never blocks a write.
//! All its methods block; the app shell calls them off the UI thread.

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::functions::FunctionFlags;
use rusqlite::{
    Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction, TransactionBehavior,
};

use crate::Error;
use crate::capture::{self, CaptureError, SyncedTable};
use crate::replica;

mod migrations {
    refinery::embed_migrations!("../../migrations/sqlite");
}

/// File name of the database inside the data folder.
pub const DATABASE_FILE: &str = "mona-spark.sqlite3";
/// File whose OS lock marks the data folder as in use by one running app.
const LOCK_FILE: &str = "mona-spark.lock";
/// `PRAGMA application_id` of our files ("MoSp"), so a foreign SQLite file is
/// refused instead of being migrated into ours.
pub const APPLICATION_ID: i32 = 0x4d6f_5370;
/// How long a statement waits for another connection's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Read-only connections kept open for reuse.
const READER_POOL_SIZE: usize = 4;

/// Why the database could not be opened. Each variant names the file and
/// says what was left untouched.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot create or use the data folder {path}: {source}")]
    DataFolder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the data folder {path} is already used by another running MONA x SPARK Desk")]
    AlreadyOpen { path: PathBuf },
    #[error("cannot read {path}: permission denied")]
    Unreadable { path: PathBuf },
    #[error(
        "{path} is not a database this app can read (damaged or not an SQLite file); it was left untouched"
    )]
    NotADatabase { path: PathBuf },
    #[error(
        "{path} belongs to another application (application id {application_id:#x}); it was left untouched"
    )]
    ForeignDatabase { path: PathBuf, application_id: i32 },
    #[error(
        "{path} was written by a newer version of the app (schema {found}, this version knows up to {supported}); it was left untouched"
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{path} is locked by another program")]
    Locked { path: PathBuf },
    #[error(
        "updating {path} to schema version {version} failed, the file was left as it was: {message}"
    )]
    MigrationFailed {
        path: PathBuf,
        version: u32,
        message: String,
    },
    #[error("SQLite error on {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("the schema of {path} cannot be synced: {source}")]
    Capture { path: PathBuf, source: CaptureError },
}

/// The opened, migrated database: one writer, pooled readers.
pub struct Database {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    /// Whether the writer's changes are recorded for the sync (`capture`).
    capture: TriggerSwitch,
    /// Whether triggers keep derived tables (the artist list and its search
    /// index) up to date row by row; off for bulk loads that rebuild them.
    deriving: TriggerSwitch,
    /// The clock the change capture stamps edits with.
    wall_clock: WallClock,
    /// The capture's clock and site while a capturing write runs.
    capture_clock: CaptureClock,
    /// The synced tables of this file's schema. Read once at open: only
    /// migrations change the schema, and they run at open.
    synced: Vec<SyncedTable>,
    /// Each card's place in the artist list's orders, while the list stays
    /// the same (searches pick their pages with it).
    list_ranks: Arc<crate::artists::OrderRanks>,
    /// Held for the life of the database: the OS releases it if the app dies.
    _folder_lock: File,
}

/// A database file checked and migrated, before the capture is installed.
struct Migrated {
    path: PathBuf,
    writer: Connection,
    capture: TriggerSwitch,
    deriving: TriggerSwitch,
    wall_clock: WallClock,
    capture_clock: CaptureClock,
    folder_lock: File,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Database {
    /// Opens (or, only when no file exists yet, creates) the database in
    /// `data_folder`, then brings its schema up to date.
    pub fn open(data_folder: &Path) -> Result<Database, OpenError> {
        Self::open_with(
            data_folder,
            &migrations::migrations::runner().get_migrations().clone(),
        )
    }

    /// Opens the file as a later version of the app would: with `later`
    /// migrations, as (name, SQL), after this build's own. Tests use it to
    /// play a team where only some computers were upgraded.
    #[cfg(any(test, feature = "test-support"))]
    pub fn open_upgraded(
        data_folder: &Path,
        later: &[(&str, &str)],
    ) -> Result<Database, OpenError> {
        let mut migrations = migrations::migrations::runner().get_migrations().clone();
        let mut next = Self::schema_version();
        for (name, sql) in later {
            next += 1;
            migrations.push(
                refinery::Migration::unapplied(&format!("V{next}__{name}"), sql).map_err(|e| {
                    OpenError::MigrationFailed {
                        path: data_folder.to_path_buf(),
                        version: next,
                        message: e.to_string(),
                    }
                })?,
            );
        }
        Self::open_with(data_folder, &migrations)
    }

    /// Writes, in an empty `data_folder`, a database file with this build's
    /// schema and no device identity yet (that is given at the first open).
    /// Tests that start many fresh devices copy it instead of migrating each.
    #[cfg(any(test, feature = "test-support"))]
    pub fn write_template(data_folder: &Path) -> Result<(), OpenError> {
        let migrations = migrations::migrations::runner().get_migrations().clone();
        Self::migrated(data_folder, &migrations).map(drop)
    }

    fn open_with(
        data_folder: &Path,
        migrations: &[refinery::Migration],
    ) -> Result<Database, OpenError> {
        let Migrated {
            path,
            mut writer,
            capture,
            deriving,
            wall_clock,
            capture_clock,
            folder_lock,
        } = Self::migrated(data_folder, migrations)?;
        let synced = install_capture(&mut writer, &path)?;
        let sqlite_err = |source: rusqlite::Error| classify_open_error(&path, source);

        let database = Database {
            path: path.clone(),
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
            capture,
            deriving,
            wall_clock,
            capture_clock,
            synced,
            list_ranks: Arc::default(),
            _folder_lock: folder_lock,
        };
        replica::resume_at_open(&database)
            .and_then(|()| crate::pipeline::bring_up_to_date(&database))
            .and_then(|()| crate::sponsors::bring_up_to_date(&database))
            .and_then(|()| crate::scoring::bring_up_to_date(&database))
            .map_err(|error| match error {
                Error::Sqlite(source) => sqlite_err(source),
                other => sqlite_err(rusqlite::Error::ModuleError(other.to_string())),
            })?;
        Ok(database)
    }

    /// The checks and migrations of an open, up to the change capture.
    fn migrated(
        data_folder: &Path,
        migrations: &[refinery::Migration],
    ) -> Result<Migrated, OpenError> {
        fs::create_dir_all(data_folder).map_err(|source| OpenError::DataFolder {
            path: data_folder.to_path_buf(),
            source,
        })?;
        let folder_lock = lock_folder(data_folder)?;
        let path = data_folder.join(DATABASE_FILE);
        let created = !path.exists();
        if !created {
            // Fail on permissions before SQLite reports a vaguer error.
            File::open(&path).map_err(|e| match e.kind() {
                std::io::ErrorKind::PermissionDenied => {
                    OpenError::Unreadable { path: path.clone() }
                }
                _ => OpenError::Sqlite {
                    path: path.clone(),
                    source: rusqlite::Error::InvalidPath(path.clone()),
                },
            })?;
        }

        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if created {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let sqlite_err = |source: rusqlite::Error| classify_open_error(&path, source);
        let mut writer = Connection::open_with_flags(&path, flags).map_err(sqlite_err)?;
        writer.busy_timeout(BUSY_TIMEOUT).map_err(sqlite_err)?;

        let table_count: i64 = writer
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .map_err(sqlite_err)?;
        let application_id: i32 = writer
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(sqlite_err)?;
        if table_count > 0 && application_id != APPLICATION_ID {
            return Err(OpenError::ForeignDatabase {
                path,
                application_id,
            });
        }

        let supported = migrations.iter().map(schema_version).max().unwrap_or(0);
        let found = applied_version(&writer).map_err(sqlite_err)?;
        if found > supported {
            return Err(OpenError::NewerSchema {
                path,
                found,
                supported,
            });
        }

        configure(&writer).map_err(sqlite_err)?;
        // Off while migrating: a default a migration backfills is not an edit.
        let capture = TriggerSwitch::register(&writer, capture::CAPTURING_FUNCTION, false)
            .map_err(sqlite_err)?;
        let deriving =
            TriggerSwitch::register(&writer, DERIVING_FUNCTION, true).map_err(sqlite_err)?;
        let wall_clock = WallClock::register(&writer).map_err(sqlite_err)?;
        let capture_clock =
            CaptureClock::register(&writer, wall_clock.clone()).map_err(sqlite_err)?;
        if found < supported {
            if found > 0 {
                backup_before_migration(&writer, &path, found).map_err(sqlite_err)?;
            }
            migrate(&mut writer, &path, migrations)?;
        }
        if application_id != APPLICATION_ID {
            writer
                .pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(sqlite_err)?;
        }
        Ok(Migrated {
            path,
            writer,
            capture,
            deriving,
            wall_clock,
            capture_clock,
            folder_lock,
        })
    }

    pub(crate) fn list_ranks(&self) -> &crate::artists::OrderRanks {
        &self.list_ranks
    }

    /// The tables whose rows sync, with their columns.
    pub fn synced_tables(&self) -> &[SyncedTable] {
        &self.synced
    }

    /// The schema version this app writes (its newest migration). The team
    /// sync compares it with the version the server requires.
    pub fn schema_version() -> u32 {
        migrations::migrations::runner()
            .get_migrations()
            .iter()
            .map(schema_version)
            .max()
            .unwrap_or(0)
    }

    /// This computer's time in milliseconds since 1970, as the change
    /// capture reads it.
    pub fn wall_ms(&self) -> i64 {
        self.wall_clock.now_ms()
    }

    /// Sets this computer's clock `offset_ms` away from the real time, as
    /// the change capture and the sync see it: a laptop whose clock is days
    /// off, in tests and in the team simulation.
    pub fn set_clock_offset(&self, offset_ms: i64) {
        self.wall_clock.0.store(offset_ms, Ordering::Relaxed);
    }

    /// Path of the SQLite file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `work` on a read-only connection from the pool.
    pub fn read<T>(&self, work: impl FnOnce(&Connection) -> Result<T, Error>) -> Result<T, Error> {
        let connection = match lock(&self.readers).pop() {
            Some(connection) => connection,
            None => self.open_reader()?,
        };
        let result = work(&connection);
        let mut pool = lock(&self.readers);
        if pool.len() < READER_POOL_SIZE {
            pool.push(connection);
        }
        result
    }

    /// Runs `work` in one immediate write transaction: all of it is saved or
    /// none of it. What it writes to synced tables is captured as this
    /// device's edits (`capture`).
    pub fn write<T>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.transact(
            Write {
                capturing: true,
                deriving: true,
                log_copied_at_commit: true,
            },
            work,
        )
    }

    /// Like [`Database::write`], but what `work` writes is not recorded as
    /// this device's edits: for changes that came from other devices through
    /// the sync, and for its housekeeping. Foreign keys are not enforced: the
    /// rows of a team's shared state arrive page by page, a child possibly
    /// before its parent.
    pub fn write_uncaptured<T>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.transact(
            Write {
                capturing: false,
                deriving: true,
                log_copied_at_commit: true,
            },
            work,
        )
    }

    /// Like [`Database::write_uncaptured`], for loading many rows at once:
    /// tables derived from others (the artist list and its search index)
    /// are not maintained row by row, and `work` must rebuild them before
    /// it returns (`artists::rebuild_derived`).
    pub(crate) fn write_bulk<T>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.transact(
            Write {
                capturing: false,
                deriving: false,
                log_copied_at_commit: true,
            },
            work,
        )
    }

    /// Like [`Database::write`] (what `work` writes is this device's edits),
    /// for many rows at once as [`Database::write_bulk`] loads them: `work`
    /// must rebuild the derived tables before it returns.
    ///
    /// Its commit does not copy the write-ahead log into the file, as a
    /// commit past SQLite's threshold does: for an import of 100,000 cards
    /// that copy (hundreds of megabytes and a sync to disk) was 8 % of the
    /// wait (docs/PERFORMANCE.md, "CSV import"). The caller runs
    /// [`Database::checkpoint`] afterwards, off the person's wait; until
    /// then readers read the new pages from the log.
    pub(crate) fn write_many<T>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.transact(
            Write {
                capturing: true,
                deriving: false,
                log_copied_at_commit: false,
            },
            work,
        )
    }

    /// Copies the write-ahead log into the database file: what a bulk
    /// write's commit left for later. A passive checkpoint on a connection
    /// of its own (the readers' are read-only, and the writer's lock would
    /// hold up the next edit): it waits for no reader and no writer waits
    /// for it. Returns the pages copied.
    pub fn checkpoint(&self) -> Result<u32, Error> {
        let connection = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        connection.busy_timeout(BUSY_TIMEOUT)?;
        let copied: i64 =
            connection.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get(2))?;
        Ok(u32::try_from(copied).unwrap_or(0))
    }

    fn transact<T>(
        &self,
        Write {
            capturing,
            deriving,
            log_copied_at_commit,
        }: Write,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let mut connection = lock(&self.writer);
        // Set by every write under the writer's lock, so no earlier write,
        // even one that panicked, decides how this one is handled.
        self.capture.set(capturing);
        self.deriving.set(deriving);
        // Set outside the transaction, where it takes effect. Through the
        // configuration call, not `PRAGMA foreign_keys`: the pragma makes
        // SQLite recompile every prepared statement (and the triggers each
        // one runs) even when the value stays the same, which doubled the
        // cost of a one-row write (docs/PERFORMANCE.md, "Change capture");
        // the call does it only on a change.
        connection.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_FKEY, capturing)?;
        let transaction = Transaction::new(&mut connection, TransactionBehavior::Immediate)?;
        // A file without synced tables has no `sync_meta` (only the upgrade
        // tests open one).
        let clocked = capturing && !self.synced.is_empty();
        if clocked {
            self.capture_clock.load(&transaction)?;
        }
        let value = work(&transaction)?;
        if clocked {
            self.capture_clock.save(&transaction)?;
        }
        if log_copied_at_commit {
            transaction.commit()?;
        } else {
            // The automatic checkpoint is a setting of the connection, read
            // at commit: off for this commit only, back on whatever it gave.
            transaction.pragma_update(None, "wal_autocheckpoint", 0)?;
            let committed = transaction.commit();
            connection.pragma_update(None, "wal_autocheckpoint", WAL_AUTOCHECKPOINT_PAGES)?;
            committed?;
        }
        Ok(value)
    }

    fn open_reader(&self) -> Result<Connection, Error> {
        let connection = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        connection.busy_timeout(BUSY_TIMEOUT)?;
        configure_queries(&connection)?;
        self.list_ranks.register(&connection)?;
        Ok(connection)
    }
}

/// How a write transaction runs.
#[derive(Clone, Copy)]
struct Write {
    /// What it writes to synced tables is this device's edits.
    capturing: bool,
    /// The derived tables' triggers run (off for bulk loads, which rebuild
    /// them at the end).
    deriving: bool,
    /// Its commit copies a long write-ahead log into the file, as SQLite
    /// does by default (off for `write_many`, whose caller checkpoints later).
    log_copied_at_commit: bool,
}

/// The SQL function derived-table triggers ask whether to run (V5).
const DERIVING_FUNCTION: &str = "mona_deriving";

/// A flag the writing connection's triggers read through an SQL function of
/// no arguments; set before each write, under the writer's lock.
#[derive(Debug, Clone)]
struct TriggerSwitch(Arc<AtomicBool>);

impl TriggerSwitch {
    fn register(
        connection: &Connection,
        function: &str,
        on: bool,
    ) -> rusqlite::Result<TriggerSwitch> {
        let flag = Arc::new(AtomicBool::new(on));
        let seen = Arc::clone(&flag);
        connection.create_scalar_function(function, 0, FunctionFlags::SQLITE_UTF8, move |_| {
            Ok(seen.load(Ordering::Relaxed))
        })?;
        Ok(TriggerSwitch(flag))
    }

    fn set(&self, on: bool) {
        self.0.store(on, Ordering::Relaxed);
    }
}

/// The wall clock of the change capture, as the SQL function
/// `mona_wall_ms()`: the OS clock, plus an offset only tests set.
#[derive(Clone)]
struct WallClock(Arc<AtomicI64>);

impl WallClock {
    fn register(connection: &Connection) -> rusqlite::Result<WallClock> {
        let clock = WallClock(Arc::new(AtomicI64::new(0)));
        let read = WallClock(Arc::clone(&clock.0));
        connection.create_scalar_function(
            capture::WALL_CLOCK_FUNCTION,
            0,
            FunctionFlags::SQLITE_UTF8,
            move |_| Ok(read.now_ms()),
        )?;
        Ok(clock)
    }

    fn now_ms(&self) -> i64 {
        jiff::Timestamp::now().as_millisecond() + self.0.load(Ordering::Relaxed)
    }
}

/// The change capture's hybrid logical clock and this device's site number,
/// as the writer's triggers read them: `mona_tick()` advances the clock
/// (later than every value issued or seen, and not behind the wall clock)
/// and gives it, `mona_clock()` gives it again, `mona_site()` gives the site.
///
/// `sync_meta` holds both. A capturing write loads them before its work and
/// saves the clock before it commits, so a rolled-back write leaves no trace,
/// and the sync, which moves the clock forward in writes of its own (what
/// it pulled was seen), is read again by the next write. Ticking in Rust
/// rather than by an UPDATE of `sync_meta` for every written row took about
/// 13 % off an import of 100,000 cards (docs/PERFORMANCE.md, "CSV import").
struct CaptureClock {
    clock: Arc<AtomicI64>,
    site: Arc<AtomicI64>,
    /// The clock as the write found it.
    loaded: AtomicI64,
}

impl CaptureClock {
    fn register(connection: &Connection, wall: WallClock) -> rusqlite::Result<CaptureClock> {
        let clock = Arc::new(AtomicI64::new(0));
        let site = Arc::new(AtomicI64::new(0));
        let ticked = Arc::clone(&clock);
        connection.create_scalar_function(
            capture::TICK_FUNCTION,
            0,
            FunctionFlags::SQLITE_UTF8,
            move |_| {
                let next = (ticked.load(Ordering::Relaxed) + 1).max(wall.now_ms() << 16);
                ticked.store(next, Ordering::Relaxed);
                Ok(next)
            },
        )?;
        for (function, value) in [
            (capture::CLOCK_FUNCTION, &clock),
            (capture::SITE_FUNCTION, &site),
        ] {
            let read = Arc::clone(value);
            connection.create_scalar_function(
                function,
                0,
                FunctionFlags::SQLITE_UTF8,
                move |_| Ok(read.load(Ordering::Relaxed)),
            )?;
        }
        Ok(CaptureClock {
            clock,
            site,
            loaded: AtomicI64::new(0),
        })
    }

    fn load(&self, transaction: &Transaction<'_>) -> rusqlite::Result<()> {
        let (clock, site): (i64, i64) = transaction
            .prepare_cached("SELECT clock, site_num FROM sync_meta")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        self.clock.store(clock, Ordering::Relaxed);
        self.loaded.store(clock, Ordering::Relaxed);
        self.site.store(site, Ordering::Relaxed);
        Ok(())
    }

    fn save(&self, transaction: &Transaction<'_>) -> rusqlite::Result<()> {
        let clock = self.clock.load(Ordering::Relaxed);
        if clock != self.loaded.load(Ordering::Relaxed) {
            transaction
                .prepare_cached("UPDATE sync_meta SET clock = ?1")?
                .execute([clock])?;
        }
        Ok(())
    }
}

/// A poisoned lock only means another thread panicked mid-call; the
/// connection itself is still consistent because SQLite rolled back.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn lock_folder(data_folder: &Path) -> Result<File, OpenError> {
    let lock_path = data_folder.join(LOCK_FILE);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|source| OpenError::DataFolder {
            path: data_folder.to_path_buf(),
            source,
        })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => Err(OpenError::AlreadyOpen {
            path: data_folder.to_path_buf(),
        }),
        Err(fs::TryLockError::Error(source)) => Err(OpenError::DataFolder {
            path: data_folder.to_path_buf(),
            source,
        }),
    }
}

/// SQLite's default: a commit that leaves the write-ahead log longer than
/// this copies it into the file.
const WAL_AUTOCHECKPOINT_PAGES: i64 = 1000;

/// Page cache of each connection, in KiB.
const PAGE_CACHE_KIB: i64 = 16 * 1024;

fn configure(connection: &Connection) -> rusqlite::Result<()> {
    connection.pragma_update(None, "journal_mode", "WAL")?;
    connection.pragma_update(None, "synchronous", "NORMAL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    // The sync applies rows of every synced table with statements of its
    // own per table; SQLite's default cache of 16 would keep re-parsing them.
    connection.set_prepared_statement_cache_capacity(128);
    configure_queries(connection)
}

/// What every connection, reader or writer, needs to answer the core's queries.
fn configure_queries(connection: &Connection) -> rusqlite::Result<()> {
    // A search joins thousands of matches to the list's table; with SQLite's
    // default 2 MiB page cache most of those lookups miss and read the file
    // again (about 2.5 times slower at 100,000 artists). The cache only grows
    // as pages are read, so a small database costs no more.
    connection.pragma_update(None, "cache_size", -PAGE_CACHE_KIB)?;
    // The scratch tables SQLite makes inside a statement (a trigger's
    // upsert, a sort) stay in memory: in temporary files, each of the many
    // rows of an import paid a system call (about 30 % of its time).
    connection.pragma_update(None, "temp_store", "MEMORY")?;
    // `rarray(?)` lets a query take a list of keys made in Rust (the artist list).
    rusqlite::vtab::array::load_module(connection)?;
    // Accent-blind search of the records a picker finds by name.
    crate::records::register_words_match(connection)?;
    // Genres folded by the list's triggers (V19).
    crate::text::register_fold(connection)?;
    Ok(())
}

/// Whether the file has the table `name`: code that runs at open also meets
/// files of older schema versions (the upgrade tests open them).
pub(crate) fn has_table(connection: &Connection, name: &str) -> rusqlite::Result<bool> {
    connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
        [name],
        |r| r.get(0),
    )
}

/// Highest schema version recorded in the file, 0 for a new file.
fn applied_version(connection: &Connection) -> rusqlite::Result<u32> {
    if !has_table(connection, "refinery_schema_history")? {
        return Ok(0);
    }
    let version: Option<i64> = connection
        .query_row(
            "SELECT max(version) FROM refinery_schema_history",
            [],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    Ok(version.and_then(|v| u32::try_from(v).ok()).unwrap_or(0))
}

/// Copies the file before its schema changes, so even a migration that
/// succeeds but turns out wrong can be undone by hand.
fn backup_before_migration(
    connection: &Connection,
    path: &Path,
    version: u32,
) -> rusqlite::Result<()> {
    let backup = path.with_extension(format!("v{version}.backup.sqlite3"));
    if backup.exists() {
        return Ok(());
    }
    connection.execute("VACUUM INTO ?1", [backup.to_string_lossy()])?;
    Ok(())
}

/// Makes the change capture match the (migrated) schema, in one transaction.
fn install_capture(writer: &mut Connection, path: &Path) -> Result<Vec<SyncedTable>, OpenError> {
    let failed = |source: CaptureError| OpenError::Capture {
        path: path.to_path_buf(),
        source,
    };
    let transaction = writer
        .transaction()
        .map_err(|e| failed(CaptureError::Sqlite(e)))?;
    let synced = capture::install(&transaction).map_err(failed)?;
    transaction
        .commit()
        .map_err(|e| failed(CaptureError::Sqlite(e)))?;
    Ok(synced)
}

/// Applies every pending migration in one transaction: all or nothing.
fn migrate(
    connection: &mut Connection,
    path: &Path,
    migrations: &[refinery::Migration],
) -> Result<(), OpenError> {
    let report = refinery::Runner::new(migrations)
        .set_grouped(true)
        .set_abort_divergent(true)
        .set_abort_missing(true)
        .run(connection);
    report.map(|_| ()).map_err(|error| {
        let version = error
            .report()
            .and_then(|r| r.applied_migrations().last().map(|m| schema_version(m) + 1))
            .or_else(|| migrations.iter().map(schema_version).max())
            .unwrap_or(0);
        OpenError::MigrationFailed {
            path: path.to_path_buf(),
            version,
            message: error.kind().to_string(),
        }
    })
}

fn classify_open_error(path: &Path, source: rusqlite::Error) -> OpenError {
    let path = path.to_path_buf();
    match source.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            OpenError::NotADatabase { path }
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => OpenError::Locked { path },
        Some(ErrorCode::PermissionDenied | ErrorCode::ReadOnly | ErrorCode::CannotOpen) => {
            OpenError::Unreadable { path }
        }
        _ => OpenError::Sqlite { path, source },
    }
}

/// refinery numbers versions with `i32`; ours start at 1.
fn schema_version(migration: &refinery::Migration) -> u32 {
    u32::try_from(migration.version()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schema versions this build knows, oldest first.
    fn known_schema_versions() -> Vec<u32> {
        let mut versions: Vec<u32> = migrations::migrations::runner()
            .get_migrations()
            .iter()
            .map(schema_version)
            .collect();
        versions.sort_unstable();
        versions
    }

    fn all_migrations() -> Vec<refinery::Migration> {
        migrations::migrations::runner().get_migrations().clone()
    }

    fn file_bytes(path: &Path) -> Vec<u8> {
        fs::read(path).expect("read database file")
    }

    #[test]
    fn failing_migration_leaves_the_file_exactly_as_it_was() {
        let folder = tempfile::tempdir().expect("tempdir");
        let db = Database::open(folder.path()).expect("open");
        db.write(|tx| {
            tx.execute(
                "INSERT INTO device_settings (key, value) VALUES ('probe', 'kept')",
                [],
            )?;
            Ok(())
        })
        .expect("write");
        let path = db.path().to_path_buf();
        drop(db);
        let before = file_bytes(&path);

        let mut migrations = all_migrations();
        let next = known_schema_versions().last().copied().unwrap_or(0) + 1;
        let broken = refinery::Migration::unapplied(
            &format!("V{next}__broken"),
            "CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);",
        )
        .expect("migration");
        migrations.push(broken);
        let error = Database::open_with(folder.path(), &migrations).expect_err("must fail");
        assert!(
            matches!(error, OpenError::MigrationFailed { version, .. } if version == next),
            "{error:?}"
        );
        assert_eq!(file_bytes(&path), before, "the database file changed");

        let db = Database::open(folder.path()).expect("reopen with the real migrations");
        let kept: String = db
            .read(|c| {
                Ok(c.query_row(
                    "SELECT value FROM device_settings WHERE key = 'probe'",
                    [],
                    |r| r.get(0),
                )?)
            })
            .expect("read");
        assert_eq!(kept, "kept");
        let half_done: i64 = db
            .read(|c| {
                Ok(c.query_row(
                    "SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'",
                    [],
                    |r| r.get(0),
                )?)
            })
            .expect("read");
        assert_eq!(half_done, 0);
    }

    #[test]
    fn every_earlier_schema_version_upgrades_to_the_latest() {
        let all = all_migrations();
        let versions = known_schema_versions();
        for (index, version) in versions.iter().enumerate() {
            let folder = tempfile::tempdir().expect("tempdir");
            let older: Vec<_> = all
                .iter()
                .filter(|m| schema_version(m) <= *version)
                .cloned()
                .collect();
            drop(Database::open_with(folder.path(), &older).expect("open at older version"));
            let db = Database::open(folder.path()).expect("upgrade");
            let applied = db.read(|c| Ok(applied_version(c)?)).expect("version");
            assert_eq!(
                applied,
                *versions.last().expect("a version"),
                "from V{version}"
            );
            if index + 1 < versions.len() {
                let backup = db
                    .path()
                    .with_extension(format!("v{version}.backup.sqlite3"));
                assert!(
                    backup.exists(),
                    "no backup was made before upgrading from V{version}"
                );
            }
        }
    }

    #[test]
    fn cards_saved_by_the_first_version_keep_their_accounts_and_audience_after_upgrading() {
        use crate::artists::{self, ArtistQuery, ArtistSortField, Platform, SortDirection};
        let folder = tempfile::tempdir().expect("tempdir");
        let v1: Vec<_> = all_migrations()
            .into_iter()
            .filter(|m| schema_version(m) == 1)
            .collect();
        let db = Database::open_with(folder.path(), &v1).expect("open at V1");
        // As the first version stored cards: handles and counts on the card.
        db.write(|t| {
            t.execute_batch(
                "INSERT INTO artists (id, name, sort_key, genres, instagram_handle, followers,
                     spotify_url, monthly_listeners, created_at, updated_at) VALUES
                 ('a1', 'Élodie Mars', 'elodie mars', '[\"pop\"]', 'elodie.mars', 900,
                  'https://open.spotify.com/artist/elodie', 12000,
                  '2026-10-01T09:00:00.000Z', '2026-10-02T09:00:00.000Z'),
                 ('a2', 'Noé Lacroix', 'noe lacroix', '[]', NULL, 50, NULL, NULL,
                  '2026-10-01T09:00:00.000Z', '2026-10-01T09:00:00.000Z'),
                 ('a3', 'Elsa Roux', 'elsa roux', '[]', NULL, NULL, NULL, NULL,
                  '2026-10-01T09:00:00.000Z', '2026-10-01T09:00:00.000Z');",
            )?;
            Ok(())
        })
        .expect("cards at V1");
        drop(db);

        let db = Database::open(folder.path()).expect("upgrade");
        let elodie = artists::get(&db, "a1").expect("card");
        let accounts: Vec<_> = elodie
            .fields
            .accounts
            .iter()
            .map(|a| (a.platform, a.audience, a.measured_on.clone()))
            .collect();
        assert_eq!(
            accounts,
            [
                (Platform::Instagram, Some(900), Some("2026-10-02".into())),
                (Platform::Spotify, Some(12_000), Some("2026-10-02".into())),
            ]
        );
        // A follower count without any handle keeps an account of its own.
        let noe = artists::get(&db, "a2").expect("card");
        assert_eq!(noe.fields.accounts[0].platform, Platform::Other);
        assert_eq!(noe.fields.accounts[0].audience, Some(50));
        // The move is an edit, which the team sync sends like any other.
        assert_eq!(
            count(
                &db,
                "SELECT count(*) FROM artists WHERE followers IS NOT NULL"
            ),
            0
        );
        assert_eq!(
            count(
                &db,
                "SELECT count(*) FROM sync_rows WHERE tbl = 'social_accounts' AND pending = 1"
            ),
            3
        );
        let page = artists::list(
            &db,
            &ArtistQuery {
                sort: ArtistSortField::Audience,
                direction: SortDirection::Desc,
                limit: 10,
                ..ArtistQuery::default()
            },
        )
        .expect("list");
        let names: Vec<_> = page
            .rows
            .iter()
            .map(|r| (r.name.as_str(), r.audience))
            .collect();
        assert_eq!(
            names,
            [
                ("Élodie Mars", Some(12_900)),
                ("Noé Lacroix", Some(50)),
                ("Elsa Roux", None)
            ]
        );
        drop(db);
        // Opening again moves nothing twice.
        let db = Database::open(folder.path()).expect("reopen");
        assert_eq!(count(&db, "SELECT count(*) FROM social_accounts"), 3);
        assert_eq!(count(&db, "SELECT count(*) FROM audience_figures"), 3);
    }

    #[test]
    fn cards_from_before_the_configurable_pipeline_keep_their_stage_sorted_in_order() {
        use crate::artists::{self, ArtistQuery, ArtistSortField};
        use crate::pipeline::{self, StagePreset};
        let folder = tempfile::tempdir().expect("tempdir");
        let v13: Vec<_> = all_migrations()
            .into_iter()
            .filter(|m| schema_version(m) <= 13)
            .collect();
        let db = Database::open_with(folder.path(), &v13).expect("open at V13");
        db.write(|t| {
            t.execute_batch(
                "INSERT INTO artists (id, name, sort_key, genres, stage, created_at, updated_at) VALUES
                 ('a1', 'Élodie Mars', 'elodie mars', '[]', 'signed',
                  '2026-10-01T09:00:00.000Z', '2026-10-02T09:00:00.000Z'),
                 ('a2', 'Noé Lacroix', 'noe lacroix', '[]', 'declined',
                  '2026-10-01T09:00:00.000Z', '2026-10-03T09:00:00.000Z'),
                 ('a3', 'Elsa Roux', 'elsa roux', '[]', 'negotiating',
                  '2026-10-01T09:00:00.000Z', '2026-10-04T09:00:00.000Z');",
            )?;
            Ok(())
        })
        .expect("cards at V13");
        drop(db);

        let db = Database::open(folder.path()).expect("upgrade");
        let stage_of = |id: &str| artists::get(&db, id).expect("card").fields.stage_id;
        assert_eq!(stage_of("a1").as_deref(), Some(StagePreset::Signed.id()));
        assert_eq!(stage_of("a2").as_deref(), Some(StagePreset::Lost.id()));
        assert_eq!(
            stage_of("a3").as_deref(),
            Some(StagePreset::InDiscussion.id())
        );
        let history = pipeline::history(&db, "a1").expect("history");
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].entered_at, "2026-10-02T09:00:00.000Z");
        let page = artists::list(
            &db,
            &ArtistQuery {
                sort: ArtistSortField::Stage,
                limit: 10,
                ..ArtistQuery::default()
            },
        )
        .expect("list");
        let names: Vec<_> = page.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Elsa Roux", "Élodie Mars", "Noé Lacroix"]);
        drop(db);
        let db = Database::open(folder.path()).expect("reopen");
        assert_eq!(
            count(&db, "SELECT count(*) FROM artist_stage_moves"),
            3,
            "moved once"
        );
    }

    #[test]
    fn a_sponsors_first_version_contact_becomes_one_of_its_contacts() {
        let folder = tempfile::tempdir().expect("tempdir");
        let v15: Vec<_> = all_migrations()
            .into_iter()
            .filter(|m| schema_version(m) <= 15)
            .collect();
        let db = Database::open_with(folder.path(), &v15).expect("open at V15");
        db.write(|t| {
            t.execute_batch(
                "INSERT INTO sponsors (id, name, contact_name, contact_email, created_at, updated_at)
                 VALUES ('s1', 'Studio Lumière', 'Claire Fontaine', 'claire@studio-lumiere.fr',
                         '2026-10-01T09:00:00.000Z', '2026-10-01T09:00:00.000Z');",
            )?;
            Ok(())
        })
        .expect("sponsor at V15");
        drop(db);
        let db = Database::open(folder.path()).expect("upgrade");
        let sponsor = crate::sponsors::get(&db, "s1").expect("sponsor");
        assert_eq!(sponsor.fields.contacts.len(), 1);
        assert_eq!(sponsor.fields.contacts[0].name, "Claire Fontaine");
        assert_eq!(
            sponsor.fields.contacts[0].email.as_deref(),
            Some("claire@studio-lumiere.fr")
        );
        drop(db);
        let db = Database::open(folder.path()).expect("reopen");
        assert_eq!(
            count(&db, "SELECT count(*) FROM sponsor_contacts"),
            1,
            "moved once"
        );
    }

    fn count(db: &Database, sql: &str) -> i64 {
        db.read(|c| Ok(c.query_row(sql, [], |r| r.get(0))?))
            .expect("count")
    }

    #[test]
    fn a_table_added_by_a_later_migration_is_captured_from_its_first_row() {
        let folder = tempfile::tempdir().expect("tempdir");
        drop(Database::open(folder.path()).expect("open"));
        let podcasts = "CREATE TABLE podcasts (id TEXT PRIMARY KEY NOT NULL, title TEXT NOT NULL,
                 created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT) STRICT;
             INSERT INTO podcasts VALUES ('p1', 'Les coulisses', '2026-11-24T09:00:00.000Z', '2026-11-24T09:00:00.000Z', NULL);";
        let db =
            Database::open_upgraded(folder.path(), &[("podcasts", podcasts)]).expect("upgrade");
        assert_eq!(
            count(
                &db,
                "SELECT clock FROM sync_rows WHERE tbl = 'podcasts' AND id = 'p1'"
            ),
            0,
            "a row the migration brought is older than any edit"
        );
        db.write(|t| {
            t.execute_batch(
                "INSERT INTO podcasts VALUES ('p2', 'En direct', '2026-11-24T10:00:00.000Z', '2026-11-24T10:00:00.000Z', NULL);",
            )?;
            Ok(())
        })
        .expect("insert");
        assert!(
            count(
                &db,
                "SELECT clock FROM sync_rows WHERE tbl = 'podcasts' AND id = 'p2'"
            ) > 0
        );
    }

    #[test]
    fn a_save_that_fails_leaves_the_clock_as_it_was_and_the_next_edit_comes_later() {
        let folder = tempfile::tempdir().expect("tempdir");
        let db = Database::open(folder.path()).expect("open");
        let card = |name: &str| crate::artists::ArtistFields {
            name: name.into(),
            ..Default::default()
        };
        let first = crate::artists::create(&db, card("Élodie Mars")).expect("create");
        let clock_now = || count(&db, "SELECT clock FROM sync_meta");
        let born = |id: &str| {
            db.read(|c| {
                Ok(c.query_row(
                    "SELECT clock FROM sync_rows WHERE tbl = 'artists' AND id = ?1",
                    [id],
                    |r| r.get::<_, i64>(0),
                )?)
            })
            .expect("birth")
        };
        assert_eq!(
            clock_now(),
            born(&first.id),
            "the clock is saved with the write"
        );

        let before = clock_now();
        let failed = db.write(|t| {
            t.execute(
                "UPDATE artists SET city = 'Paris' WHERE id = ?1",
                [&first.id],
            )?;
            Err::<(), _>(Error::Cancelled)
        });
        assert!(failed.is_err());
        assert_eq!(
            clock_now(),
            before,
            "a save that failed leaves no tick behind"
        );

        let second = crate::artists::create(&db, card("Inès Nantes")).expect("create");
        assert!(born(&second.id) > born(&first.id));
        db.write(|t| {
            t.execute(
                "UPDATE artists SET city = 'Lyon' WHERE id = ?1",
                [&first.id],
            )?;
            Ok(())
        })
        .expect("edit");
        let edited = count(
            &db,
            &format!(
                "SELECT clock FROM sync_cells WHERE tbl = 'artists' AND id = '{}' AND col = 'city'",
                first.id
            ),
        );
        assert!(
            edited > born(&second.id),
            "an edit comes after every earlier write"
        );
        assert_eq!(clock_now(), edited);
    }

    #[test]
    fn a_default_backfilled_by_a_migration_is_not_an_edit() {
        let folder = tempfile::tempdir().expect("tempdir");
        let db = Database::open(folder.path()).expect("open");
        crate::artists::create(
            &db,
            crate::artists::ArtistFields {
                name: "Élodie Mars".into(),
                ..Default::default()
            },
        )
        .expect("create");
        drop(db);
        let db = Database::open_upgraded(
            folder.path(),
            &[(
                "artist_label",
                "ALTER TABLE artists ADD COLUMN label TEXT NOT NULL DEFAULT '';
             UPDATE artists SET label = 'indépendant';",
            )],
        )
        .expect("upgrade");
        assert_eq!(
            count(&db, "SELECT count(*) FROM sync_cells WHERE col = 'label'"),
            0
        );
    }

    #[test]
    fn a_value_from_a_newer_app_waits_for_the_upgrade_that_adds_its_column() {
        use crate::replica::{Cell, FeedPosition, RemoteRow, Version};
        let folder = tempfile::tempdir().expect("tempdir");
        let db = Database::open(folder.path()).expect("open");
        let card = crate::artists::create(
            &db,
            crate::artists::ArtistFields {
                name: "Élodie Mars".into(),
                ..Default::default()
            },
        )
        .expect("create");
        let sent = crate::replica::outbox(&db, 10).expect("outbox");
        let stored = crate::replica::state(&db).expect("state");
        crate::replica::acknowledge(&db, &sent, &stored).expect("acknowledged");
        let birth = db
            .read(|c| {
                Ok(c.query_row(
                    "SELECT r.clock, s.site FROM sync_rows r JOIN sync_sites s ON s.num = r.site_num
                     WHERE r.tbl = 'artists' AND r.id = ?1",
                    [&card.id],
                    |r| Ok(Version { clock: r.get(0)?, site: r.get(1)? }),
                )?)
            })
            .expect("birth");
        // A teammate's newer app sends a column this version does not have.
        let label = Cell {
            value: "Wagram".into(),
            version: Version {
                clock: birth.clock + 10,
                site: "teammate".into(),
            },
        };
        let row = RemoteRow {
            table: "artists".into(),
            id: card.id.clone(),
            birth,
            cells: [("label".to_owned(), label)].into_iter().collect(),
        };
        crate::replica::apply_pulled(&db, &[row], &[], &FeedPosition::start()).expect("apply");
        assert_eq!(count(&db, "SELECT count(*) FROM sync_parked"), 1);
        drop(db);

        let db = Database::open_upgraded(
            folder.path(),
            &[(
                "artist_label",
                "ALTER TABLE artists ADD COLUMN label TEXT NOT NULL DEFAULT '';",
            )],
        )
        .expect("upgrade");
        let label: String = db
            .read(|c| {
                Ok(
                    c.query_row("SELECT label FROM artists WHERE id = ?1", [&card.id], |r| {
                        r.get(0)
                    })?,
                )
            })
            .expect("label");
        assert_eq!(label, "Wagram");
        assert_eq!(count(&db, "SELECT count(*) FROM sync_parked"), 0);
        assert_eq!(
            crate::replica::pending_rows(&db).expect("pending"),
            0,
            "a teammate's value is not this device's edit"
        );
    }

    #[test]
    fn a_table_that_cannot_sync_is_named_when_the_database_opens() {
        let folder = tempfile::tempdir().expect("tempdir");
        let error = Database::open_upgraded(folder.path(), &[("erasable", "CREATE TABLE playlists (id TEXT PRIMARY KEY NOT NULL, title TEXT NOT NULL) STRICT;")]).expect_err("must refuse");
        assert!(
            error.to_string().contains("playlists") && error.to_string().contains("deleted_at"),
            "{error}"
        );
    }

    #[test]
    fn devices_started_from_one_template_each_get_their_own_identity() {
        let template = tempfile::tempdir().expect("tempdir");
        Database::write_template(template.path()).expect("template");
        let bytes = file_bytes(&template.path().join(DATABASE_FILE));
        let open_copy = || {
            let folder = tempfile::tempdir().expect("tempdir");
            fs::write(folder.path().join(DATABASE_FILE), &bytes).expect("copy");
            let db = Database::open(folder.path()).expect("open the copy");
            (crate::replica::site(&db).expect("site"), folder)
        };
        let ((first, _a), (second, _b)) = (open_copy(), open_copy());
        assert_ne!(first, second, "two laptops must never share a site");
    }
}
