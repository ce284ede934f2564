//! What the sync tests share: a real PostgreSQL database made for one test
//! and dropped after it, and devices with real SQLite files.
#![allow(dead_code)]

pub mod cluster;

use std::sync::{Arc, OnceLock};

use mona_core::Database;
use mona_core::replica;
use mona_core::storage::DATABASE_FILE;
use mona_sync::server::ServerAddress;
use mona_sync::{RoundReport, Server, SyncError, sync_round};
use tokio_postgres::NoTls;

/// The PostgreSQL the tests use: `MONA_TEST_PG_HOST`/`_PORT`/`_USER`, by
/// default the local server on 127.0.0.1:5432 as `postgres`.
fn admin_address(database: &str) -> ServerAddress {
    ServerAddress {
        host: std::env::var("MONA_TEST_PG_HOST").unwrap_or_else(|_| "127.0.0.1".into()),
        port: std::env::var("MONA_TEST_PG_PORT")
            .ok()
            .and_then(|p| p.parse().ok())
            .unwrap_or(5432),
        database: database.into(),
        user: std::env::var("MONA_TEST_PG_USER").unwrap_or_else(|_| "postgres".into()),
        tls: mona_core::team_server::TlsMode::Disable,
        ca_file: None,
    }
}

/// `MONA_TEST_PG_PASSWORD`, empty when the server trusts local logins.
pub fn password() -> String {
    std::env::var("MONA_TEST_PG_PASSWORD").unwrap_or_default()
}

fn client_config(address: &ServerAddress, database: &str) -> tokio_postgres::Config {
    let mut config = tokio_postgres::Config::new();
    config
        .host(&address.host)
        .port(address.port)
        .user(&address.user)
        .dbname(database);
    let password = password();
    if !password.is_empty() {
        config.password(password);
    }
    config
}

async fn admin_client(address: &ServerAddress) -> tokio_postgres::Client {
    let (client, connection) = client_config(address, "postgres")
        .connect(NoTls)
        .await
        .expect("the test PostgreSQL runs (scripts/test.sh starts it)");
    tokio::spawn(connection);
    client
}

/// A database of its own on the test server, dropped with this value.
pub struct TestServer {
    pub address: ServerAddress,
    observer: tokio::sync::OnceCell<tokio_postgres::Client>,
}

impl TestServer {
    /// An empty database.
    pub async fn empty() -> TestServer {
        let name = format!("mona_sync_test_{}", uuid::Uuid::now_v7().simple());
        let address = admin_address(&name);
        admin_client(&address)
            .await
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create the test database");
        TestServer {
            address,
            observer: tokio::sync::OnceCell::new(),
        }
    }

    /// A database prepared for the workspace "Équipe MONA".
    pub async fn prepared() -> TestServer {
        let server = TestServer::empty().await;
        server
            .connect()
            .await
            .prepare("Équipe MONA")
            .await
            .expect("prepare the server");
        server
    }

    /// Empties the prepared server and gives it a new epoch: a fresh team
    /// for the next simulated case, without the cost of a new database.
    pub async fn reset(&self) {
        self.observer()
            .await
            .batch_execute(
                "TRUNCATE sync_state, sync_changes, sync_devices, sync_purged RESTART IDENTITY;
                 UPDATE sync_server SET epoch = gen_random_uuid(), feed_start_xid = '0',
                     feed_start_seq = 0;",
            )
            .await
            .expect("reset the server");
    }

    /// A backup of this database, as `pg_dump` makes it.
    pub fn dump(&self) -> Vec<u8> {
        let output = std::process::Command::new("pg_dump")
            .args(["--format=custom", "--no-owner"])
            .args(self.pg_tool_args())
            .env("PGPASSWORD", password())
            .output()
            .expect("pg_dump");
        assert!(
            output.status.success(),
            "pg_dump: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output.stdout
    }

    /// Replaces the database by `backup`, as an admin restoring a server.
    pub async fn restore(&self, backup: &[u8]) {
        let name = &self.address.database;
        let admin = admin_client(&self.address).await;
        for statement in [
            format!("DROP DATABASE {name} WITH (FORCE)"),
            format!("CREATE DATABASE {name}"),
        ] {
            admin
                .batch_execute(&statement)
                .await
                .expect("recreate the database");
        }
        let file = tempfile::NamedTempFile::new().expect("backup file");
        std::fs::write(file.path(), backup).expect("write the backup");
        let status = std::process::Command::new("pg_restore")
            .args(["--no-owner", "--exit-on-error"])
            .args(self.pg_tool_args())
            .arg(file.path())
            .env("PGPASSWORD", password())
            .status()
            .expect("pg_restore");
        assert!(status.success(), "pg_restore failed");
    }

    fn pg_tool_args(&self) -> Vec<String> {
        vec![
            format!("--host={}", self.address.host),
            format!("--port={}", self.address.port),
            format!("--username={}", self.address.user),
            format!("--dbname={}", self.address.database),
        ]
    }

    pub async fn connect(&self) -> Server {
        Server::connect(&self.address, &password())
            .await
            .expect("connect")
    }

    /// One client kept for the checks tests make after each step.
    async fn observer(&self) -> &tokio_postgres::Client {
        self.observer.get_or_init(|| self.client()).await
    }

    /// A plain client on this database, for what a test checks or breaks.
    pub async fn client(&self) -> tokio_postgres::Client {
        self.connect_plain(client_config(&self.address, &self.address.database))
            .await
    }

    /// A plain client on this database signed in as `user`.
    pub async fn client_as(&self, user: &str, password: &str) -> tokio_postgres::Client {
        let mut config = client_config(&self.address, &self.address.database);
        config.user(user).password(password);
        self.connect_plain(config).await
    }

    async fn connect_plain(&self, config: tokio_postgres::Config) -> tokio_postgres::Client {
        let (client, connection) = config.connect(NoTls).await.expect("connect");
        tokio::spawn(connection);
        client
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let address = self.address.clone();
        // Dropped from a test's runtime: a thread of its own runs the DROP.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async {
                let client = admin_client(&address).await;
                let _ = client
                    .batch_execute(&format!(
                        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                        address.database
                    ))
                    .await;
                // Roles belong to the cluster: the devices' group and the
                // sign-ins a test made in it (named after the database).
                let roles: Vec<String> = client
                    .query(
                        "SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1) ORDER BY rolname DESC",
                        &[&address.database],
                    )
                    .await
                    .map(|rows| rows.into_iter().map(|r| r.get(0)).collect())
                    .unwrap_or_default();
                for role in roles {
                    let _ = client
                        .batch_execute(&format!("DROP ROLE IF EXISTS \"{role}\""))
                        .await;
                }
            });
        })
        .join();
    }
}

/// What the next version of the app adds: a column the current one does not
/// know. Computers still on this version keep its values parked and apply
/// them when they upgrade.
pub const NEXT_VERSION: &[(&str, &str)] =
    &[("artist_label", "ALTER TABLE artists ADD COLUMN label TEXT;")];

/// A desktop with its own data folder.
pub struct Device {
    pub name: String,
    pub folder: tempfile::TempDir,
    pub db: Arc<Database>,
    /// What the OS keychain holds for this device on the team server.
    pub secret: String,
}

impl Device {
    /// A fresh device. Its file is a copy of one migrated once per test
    /// binary (a fresh device migrating on its own costs as much as the rest
    /// of a simulated case); it gets its own identity when it first opens.
    pub fn new(name: &str) -> Device {
        static TEMPLATE: OnceLock<Vec<u8>> = OnceLock::new();
        let template = TEMPLATE.get_or_init(|| {
            let folder = tempfile::tempdir().expect("temporary folder");
            Database::write_template(folder.path()).expect("template database");
            std::fs::read(folder.path().join(DATABASE_FILE)).expect("read the template")
        });
        let folder = tempfile::tempdir().expect("temporary folder");
        std::fs::write(folder.path().join(DATABASE_FILE), template).expect("copy the template");
        let db = Arc::new(Database::open(folder.path()).expect("open"));
        Device {
            name: name.into(),
            folder,
            db,
            secret: uuid::Uuid::now_v7().simple().to_string(),
        }
    }

    /// A connection to `server` that proves this device's identity.
    pub async fn connect(&self, server: &TestServer) -> Server {
        let mut connection = server.connect().await;
        connection.identify(self.secret.clone());
        connection
    }

    /// Closes the file and opens it again, as after a crash or a restart.
    pub fn reopen(self) -> Device {
        self.reopened_by(|folder| Database::open(folder).expect("reopen"))
    }

    /// Closes the file and opens it with the next version of the app
    /// ([`NEXT_VERSION`]), as after an update.
    pub fn upgrade(self) -> Device {
        self.reopened_by(|folder| Database::open_upgraded(folder, NEXT_VERSION).expect("upgrade"))
    }

    fn reopened_by(self, open: impl FnOnce(&std::path::Path) -> Database) -> Device {
        let Device {
            name,
            folder,
            db,
            secret,
        } = self;
        drop(db);
        let db = Arc::new(open(folder.path()));
        Device {
            name,
            folder,
            db,
            secret,
        }
    }

    /// Closes the file, copies the data folder (as a person copies it to a
    /// second laptop, or keeps it as a backup) and opens both.
    pub fn duplicate(self, name: &str) -> (Device, Device) {
        let Device {
            name: original,
            folder,
            db,
            secret,
        } = self;
        drop(db);
        let copy = tempfile::tempdir().expect("temporary folder");
        for entry in std::fs::read_dir(folder.path()).expect("data folder") {
            let path = entry.expect("entry").path();
            if path.is_file() {
                std::fs::copy(&path, copy.path().join(path.file_name().expect("name")))
                    .expect("copy");
            }
        }
        let reopen =
            |folder: &tempfile::TempDir| Arc::new(Database::open(folder.path()).expect("open"));
        let (db, copy_db) = (reopen(&folder), reopen(&copy));
        (
            Device {
                name: original,
                folder,
                db,
                secret: secret.clone(),
            },
            // Copied on the same computer: the same keychain.
            Device {
                name: name.into(),
                folder: copy,
                db: copy_db,
                secret,
            },
        )
    }

    /// One sync round, repeated while the server holds changes the round
    /// could not read yet. The feed only serves transactions older than the
    /// oldest one running on the whole PostgreSQL cluster, and tests running
    /// in parallel keep transactions open in their own databases.
    pub async fn sync(&self, server: &TestServer) -> Result<RoundReport, SyncError> {
        self.sync_on(&mut self.connect(server).await, server).await
    }

    /// [`Device::sync`] on a connection the caller keeps.
    pub async fn sync_on(
        &self,
        connection: &mut Server,
        server: &TestServer,
    ) -> Result<RoundReport, SyncError> {
        connection.identify(self.secret.clone());
        let mut total = RoundReport::default();
        for _ in 0..500 {
            let report = sync_round(&self.db, connection, &self.name).await?;
            total.copied += report.copied;
            total.pushed += report.pushed;
            total.pulled += report.pulled;
            total.conflicts += report.conflicts;
            if !self.behind(server).await {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        Ok(total)
    }

    /// Whether the server's feed holds committed changes past this device's
    /// cursor.
    async fn behind(&self, server: &TestServer) -> bool {
        let cursor = replica::link(&self.db).expect("link").cursor;
        let query =
            "SELECT EXISTS (SELECT 1 FROM sync_changes WHERE (xid, seq) > ($1::text::xid8, $2))";
        let params: [&(dyn tokio_postgres::types::ToSql + Sync); 2] = [&cursor.xid, &cursor.seq];
        let row = match server.observer().await.query_one(query, &params).await {
            Ok(row) => row,
            // The kept client is gone when a test replaced the database.
            Err(_) => server
                .client()
                .await
                .query_one(query, &params)
                .await
                .expect("feed"),
        };
        row.get(0)
    }
}

/// A TCP relay to the test server that cuts the connection once the client
/// has sent `cut_after` bytes, as a network that drops in the middle of an
/// exchange. Reports how many bytes went up before the cut.
pub struct CutRelay {
    pub address: ServerAddress,
    sent: Arc<std::sync::atomic::AtomicUsize>,
}

impl CutRelay {
    pub async fn start(server: &TestServer, cut_after: usize) -> CutRelay {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use tokio::io::{AsyncReadExt, AsyncWriteExt};

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("relay");
        let port = listener.local_addr().expect("relay address").port();
        let target = format!("{}:{}", server.address.host, server.address.port);
        let sent = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&sent);
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let Ok(upstream) = tokio::net::TcpStream::connect(&target).await else {
                    return;
                };
                let counter = Arc::clone(&counter);
                tokio::spawn(async move {
                    let (mut client_read, mut client_write) = client.into_split();
                    let (mut server_read, mut server_write) = upstream.into_split();
                    let up = async {
                        let mut buffer = vec![0u8; 8192];
                        loop {
                            let n = client_read.read(&mut buffer).await.unwrap_or(0);
                            if n == 0 {
                                return;
                            }
                            let before = counter.fetch_add(n, Ordering::SeqCst);
                            let allowed = cut_after.saturating_sub(before).min(n);
                            if server_write.write_all(&buffer[..allowed]).await.is_err()
                                || allowed < n
                            {
                                return;
                            }
                        }
                    };
                    let down = async {
                        let mut buffer = vec![0u8; 8192];
                        loop {
                            let n = server_read.read(&mut buffer).await.unwrap_or(0);
                            if n == 0 || client_write.write_all(&buffer[..n]).await.is_err() {
                                return;
                            }
                        }
                    };
                    // Whichever side ends first ends both: the cut.
                    tokio::select! { _ = up => {}, _ = down => {} }
                });
            }
        });
        let mut address = server.address.clone();
        address.host = "127.0.0.1".into();
        address.port = port;
        CutRelay { address, sent }
    }

    pub fn bytes_sent(&self) -> usize {
        self.sent.load(std::sync::atomic::Ordering::SeqCst)
    }
}
