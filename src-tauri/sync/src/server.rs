//! The team's PostgreSQL server: connecting, preparing it, joining it.
//!
//! Why it exists: a device must know, before sending anything, that the
//! server is one it can talk to (prepared, same schema generation, not
//! requiring a newer app) and which history it holds (its epoch).

use std::path::PathBuf;
use std::time::Duration;

use mona_core::team_server::TlsMode;
use tokio_postgres::config::SslMode;
use tokio_postgres::{Client, NoTls};

use mona_core::replica::{ColumnKind, TableSchema};

use crate::SyncError;

mod migrations {
    refinery::embed_migrations!("../../migrations/postgres");
}

/// How long connecting may take before the server counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Where the team's server is. The password is passed separately (it comes
/// from the OS keychain) and is never stored in this struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerAddress {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
    pub tls: TlsMode,
    /// For [`TlsMode::VerifyFull`]: the CA that signs the server's
    /// certificate; without it, the authorities the OS trusts.
    pub ca_file: Option<PathBuf>,
}

/// What a device needs to know about the server before syncing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerInfo {
    pub epoch: String,
    pub workspace: String,
    pub min_client_schema: i32,
}

/// An open connection to the team's server.
pub struct Server {
    pub(crate) client: Client,
}

impl Server {
    /// Connects; errors say whether the host, the password or TLS failed.
    pub async fn connect(address: &ServerAddress, password: &str) -> Result<Server, SyncError> {
        let mut config = tokio_postgres::Config::new();
        config
            .host(&address.host)
            .port(address.port)
            .dbname(&address.database)
            .user(&address.user)
            .application_name("mona-spark-desk")
            .connect_timeout(CONNECT_TIMEOUT);
        if !password.is_empty() {
            config.password(password);
        }
        let client = if address.tls == TlsMode::Disable {
            let (client, connection) = config
                .ssl_mode(SslMode::Disable)
                .connect(NoTls)
                .await
                .map_err(connect_error)?;
            tokio::spawn(watch(connection));
            client
        } else {
            let tls = crate::tls::connector(address.tls, address.ca_file.as_deref())?;
            let (client, connection) = config
                .ssl_mode(SslMode::Require)
                .connect(tls)
                .await
                .map_err(connect_error)?;
            tokio::spawn(watch(connection));
            client
        };
        Ok(Server { client })
    }

    /// The schema version of the server this app expects.
    pub fn expected_schema() -> i32 {
        migrations::migrations::runner()
            .get_migrations()
            .iter()
            .map(|m| m.version())
            .max()
            .unwrap_or(0)
    }

    /// Admin action: creates the server schema in an empty database (or
    /// brings an older one up to date) and names the workspace. Preparing a
    /// server that is already prepared keeps its workspace and history.
    pub async fn prepare(&mut self, workspace: &str) -> Result<ServerInfo, SyncError> {
        let foreign: i64 = self
            .client
            .query_one(
                "SELECT count(*) FROM information_schema.tables
                 WHERE table_schema = current_schema()
                   AND table_name NOT LIKE 'sync\\_%' AND table_name <> 'refinery_schema_history'",
                &[],
            )
            .await?
            .get(0);
        if foreign > 0 {
            return Err(SyncError::NotEmpty);
        }
        migrations::migrations::runner()
            .run_async(&mut self.client)
            .await
            .map_err(|e| SyncError::Server(e.to_string()))?;
        self.client
            .execute(
                "INSERT INTO sync_server (epoch, workspace, min_client_schema)
                 VALUES (gen_random_uuid(), $1, $2) ON CONFLICT (only_row) DO NOTHING",
                &[
                    &workspace,
                    &i32::try_from(mona_core::Database::schema_version()).unwrap_or(i32::MAX),
                ],
            )
            .await?;
        self.info().await
    }

    /// The server's identity, after checking its schema is the one this app
    /// speaks. A server whose feed holds transaction ids ahead of its own was
    /// restored from a dump: it gets a new epoch so devices send again what
    /// it lost.
    pub async fn info(&self) -> Result<ServerInfo, SyncError> {
        // Two queries: a statement naming a missing table fails to parse.
        let prepared: bool = self
            .client
            .query_one(
                "SELECT to_regclass('refinery_schema_history') IS NOT NULL",
                &[],
            )
            .await?
            .get(0);
        let found: Option<i32> = if prepared {
            self.client
                .query_one("SELECT max(version) FROM refinery_schema_history", &[])
                .await?
                .get(0)
        } else {
            None
        };
        let expected = Self::expected_schema();
        match found {
            None => return Err(SyncError::NotPrepared),
            Some(found) if found < expected => {
                return Err(SyncError::ServerTooOld { found, expected });
            }
            Some(found) if found > expected => {
                return Err(SyncError::ServerTooNew { found, expected });
            }
            Some(_) => {}
        }
        let restored: Option<bool> = self
            .client
            .query_one(
                "SELECT (SELECT max(xid) FROM sync_changes) > pg_current_xact_id()",
                &[],
            )
            .await?
            .get(0);
        if restored == Some(true) {
            tracing::warn!("the sync server was restored from a dump; it takes a new epoch");
            // The feed's ids ahead of the server's would hide new changes.
            self.client
                .batch_execute(
                    "BEGIN;
                     DELETE FROM sync_changes WHERE xid >= pg_current_xact_id();
                     UPDATE sync_server SET epoch = gen_random_uuid();
                     COMMIT;",
                )
                .await?;
        }
        let row = self
            .client
            .query_opt(
                "SELECT epoch::text, workspace, min_client_schema FROM sync_server",
                &[],
            )
            .await?
            .ok_or(SyncError::NotPrepared)?;
        Ok(ServerInfo {
            epoch: row.get(0),
            workspace: row.get(1),
            min_client_schema: row.get(2),
        })
    }

    /// Publishes the current state of every synced table as a readable view
    /// in the `team` schema (`team.artists`, with one typed column per
    /// column of the app's table), for reporting tools. Views, not copies:
    /// they always show the merged state, and replacing them is enough when
    /// a newer app adds columns.
    pub async fn publish_tables(&mut self, tables: &[TableSchema]) -> Result<(), SyncError> {
        let transaction = self.client.transaction().await?;
        transaction
            .batch_execute("CREATE SCHEMA IF NOT EXISTS team")
            .await?;
        for table in tables {
            // Names come from the app's own schema; identifiers cannot be
            // bound parameters, so they are quoted.
            transaction.batch_execute(&published_view(table)).await?;
        }
        transaction.commit().await?;
        Ok(())
    }

    /// The newest clock of `site` the server holds, or `None` when it does
    /// not know the device (it joined after the server's last backup).
    pub async fn acked_clock(&self, site: &str) -> Result<Option<i64>, SyncError> {
        Ok(self
            .client
            .query_opt(
                "SELECT acked_clock FROM sync_devices WHERE site = $1",
                &[&site],
            )
            .await?
            .map(|row| row.get(0)))
    }

    /// Registers (or renames) this device in the workspace.
    pub async fn join(&self, site: &str, device_name: &str) -> Result<(), SyncError> {
        self.client
            .execute(
                "INSERT INTO sync_devices (site, name) VALUES ($1, $2)
                 ON CONFLICT (site) DO UPDATE SET name = excluded.name, last_seen_at = now()",
                &[&site, &device_name],
            )
            .await?;
        Ok(())
    }
}

/// Drives a connection until it ends.
async fn watch<C: std::future::Future<Output = Result<(), tokio_postgres::Error>>>(connection: C) {
    if let Err(error) = connection.await {
        tracing::debug!("sync server connection ended: {error}");
    }
}

fn connect_error(error: tokio_postgres::Error) -> SyncError {
    if error.as_db_error().is_some() {
        return SyncError::from(error);
    }
    if let Some(tls) = crate::tls::failure_of(&error) {
        return tls;
    }
    let text = crate::tls::full_text(&error);
    // The server asked for a password and the keychain held none.
    if text.contains("password missing") {
        return SyncError::BadPassword;
    }
    SyncError::Unreachable(text)
}

/// The statement that (re)creates the readable view of `table`.
fn published_view(table: &TableSchema) -> String {
    let columns: Vec<String> = table
        .columns
        .iter()
        .map(|(name, kind)| {
            let value = format!("s.cells -> 'values' ->> {}", literal(name));
            let typed = match kind {
                _ if name == "id" => "s.pk".to_owned(),
                ColumnKind::Integer => format!("({value})::bigint"),
                ColumnKind::Real => format!("({value})::double precision"),
                ColumnKind::Text => value,
                ColumnKind::Blob => format!("s.cells -> 'values' -> {}", literal(name)),
            };
            format!("{typed} AS {}", identifier(name))
        })
        .collect();
    format!(
        "DROP VIEW IF EXISTS team.{name}; CREATE VIEW team.{name} AS SELECT {columns} FROM sync_state s WHERE s.tbl = {table};",
        name = identifier(&table.name),
        columns = columns.join(", "),
        table = literal(&table.name),
    )
}

fn identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}
