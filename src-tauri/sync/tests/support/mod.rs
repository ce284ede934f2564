//! What the sync tests share: a real PostgreSQL database made for one test
//! and dropped after it, and devices with real SQLite files.
#![allow(dead_code)]

use std::sync::Arc;

use mona_core::Database;
use mona_core::replica;
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
        TestServer { address }
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

    pub async fn connect(&self) -> Server {
        Server::connect(&self.address, &password())
            .await
            .expect("connect")
    }

    /// A plain client on this database, for what a test checks or breaks.
    pub async fn client(&self) -> tokio_postgres::Client {
        let (client, connection) = client_config(&self.address, &self.address.database)
            .connect(NoTls)
            .await
            .expect("connect");
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
            });
        })
        .join();
    }
}

/// A desktop with its own data folder.
pub struct Device {
    pub name: String,
    pub folder: tempfile::TempDir,
    pub db: Arc<Database>,
}

impl Device {
    pub fn new(name: &str) -> Device {
        let folder = tempfile::tempdir().expect("temporary folder");
        let db = Arc::new(Database::open(folder.path()).expect("open"));
        Device {
            name: name.into(),
            folder,
            db,
        }
    }

    /// Closes the file and opens it again, as after a crash or a restart.
    pub fn reopen(&mut self) {
        let path = self.folder.path().to_path_buf();
        // The old handle must be gone before the folder lock is taken again.
        let old = std::mem::replace(&mut self.db, Arc::new(placeholder()));
        drop(old);
        self.db = Arc::new(Database::open(&path).expect("reopen"));
    }

    /// One sync round, repeated while the server holds changes the round
    /// could not read yet. The feed only serves transactions older than the
    /// oldest one running on the whole PostgreSQL cluster, and tests running
    /// in parallel keep transactions open in their own databases.
    pub async fn sync(&self, server: &TestServer) -> Result<RoundReport, SyncError> {
        let mut connection = server.connect().await;
        let mut total = RoundReport::default();
        for _ in 0..500 {
            let report = sync_round(&self.db, &mut connection, &self.name).await?;
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
        server
            .client()
            .await
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM sync_changes WHERE (xid, seq) > ($1::text::xid8, $2))",
                &[&cursor.xid, &cursor.seq],
            )
            .await
            .expect("feed")
            .get(0)
    }
}

fn placeholder() -> Database {
    let folder = tempfile::tempdir().expect("temporary folder");
    let path = folder.keep();
    Database::open(&path).expect("open")
}
