//! The team's PostgreSQL server: connecting, preparing it, joining it.
//!
//! Why it exists: a device must know, before sending anything, that the
//! server is one it can talk to (prepared, same schema generation, not
//! requiring a newer app) and which history it holds (its epoch).

use std::path::PathBuf;
use std::time::Duration;

use mona_core::team_server::TlsMode;
use tokio_postgres::Client;
use tokio_postgres::config::SslMode;

use mona_core::replica::{ColumnKind, FeedPosition, TableSchema};

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
    /// Where the feed starts: changes before it were dropped by a purge, so
    /// a device whose cursor is before it copies the server again.
    pub feed_start: FeedPosition,
}

/// An open connection to the team's server.
pub struct Server {
    pub(crate) client: Client,
    /// The secret this device proves its identity with (from the OS
    /// keychain; only its hash is on the server).
    pub(crate) device_secret: String,
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
        // With `disable` the connector is never used: PostgreSQL is not even
        // asked for TLS.
        let tls = crate::tls::connector(address.tls, address.ca_file.as_deref())?;
        let (client, connection) = config
            .ssl_mode(match address.tls {
                TlsMode::Disable => SslMode::Disable,
                TlsMode::Require | TlsMode::VerifyFull => SslMode::Require,
            })
            .connect(tls)
            .await
            .map_err(connect_error)?;
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!("sync server connection ended: {error}");
            }
        });
        Ok(Server {
            client,
            device_secret: String::new(),
        })
    }

    /// Sets the secret this device joins and pushes with.
    pub fn identify(&mut self, device_secret: String) {
        self.device_secret = device_secret;
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
        self.grant_devices().await?;
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
        // The feed's ids ahead of the server's would hide new changes.
        let restored: bool = self
            .client
            .query_one("SELECT sync_renew_epoch_if_restored()", &[])
            .await?
            .get(0);
        if restored {
            tracing::warn!("the sync server was restored from a dump; it took a new epoch");
        }
        let row = self
            .client
            .query_opt(
                "SELECT epoch::text, workspace, min_client_schema, feed_start_xid::text, feed_start_seq
                 FROM sync_server",
                &[],
            )
            .await?
            .ok_or(SyncError::NotPrepared)?;
        Ok(ServerInfo {
            epoch: row.get(0),
            workspace: row.get(1),
            min_client_schema: row.get(2),
            feed_start: FeedPosition {
                xid: row.get(3),
                seq: row.get(4),
            },
        })
    }

    /// Publishes the current state of every synced table as a readable view
    /// in the `team` schema (`team.artists`, with one typed column per
    /// column of the app's table), for reporting tools. Views, not copies:
    /// they always show the merged state, and replacing them is enough when
    /// a newer app adds columns.
    pub async fn publish_tables(&mut self, tables: &[TableSchema]) -> Result<(), SyncError> {
        let role = self.devices_role().await?;
        let transaction = self.client.transaction().await?;
        transaction
            .batch_execute("CREATE SCHEMA IF NOT EXISTS team")
            .await?;
        for table in tables {
            // Names come from the app's own schema; identifiers cannot be
            // bound parameters, so they are quoted.
            transaction.batch_execute(&published_view(table)).await?;
        }
        transaction
            .batch_execute(&format!(
                "GRANT USAGE ON SCHEMA team TO {role}; GRANT SELECT ON ALL TABLES IN SCHEMA team TO {role};",
                role = identifier(&role)
            ))
            .await?;
        transaction.commit().await?;
        Ok(())
    }

    /// A device's check-in at the start of a round: proves its identity,
    /// tells the server how far it has applied the feed (`cursor`), and
    /// returns the newest clock of `site` the server holds, or `None` when
    /// it does not know the device.
    pub async fn check_in(
        &self,
        site: &str,
        cursor: &FeedPosition,
    ) -> Result<Option<i64>, SyncError> {
        Ok(self
            .client
            .query_one(
                "SELECT sync_check_in($1, $2, $3, $4)",
                &[&site, &self.device_secret, &cursor.xid, &cursor.seq],
            )
            .await?
            .get(0))
    }

    /// Purges the deleted rows that every device seen in the last
    /// `active_days` days has seen deleted; returns how many left. Their
    /// keys are remembered, so a late edit becomes a conflict.
    pub async fn purge(&self, active_days: i32) -> Result<i32, SyncError> {
        Ok(self
            .client
            .query_one("SELECT sync_purge($1)", &[&active_days])
            .await?
            .get(0))
    }

    /// Registers (or renames) this device in the workspace, with its
    /// secret. A device already joined must present the same secret
    /// ([`SyncError::IdentityRefused`] otherwise).
    pub async fn join(&self, site: &str, device_name: &str) -> Result<(), SyncError> {
        self.client
            .execute(
                "SELECT sync_join($1, $2, $3)",
                &[&site, &device_name, &self.device_secret],
            )
            .await?;
        Ok(())
    }

    /// The group role of the team's devices on this database
    /// (`<database>_devices`): read the tables, call the sync functions,
    /// nothing else (docs/TEAM-SERVER.md).
    pub async fn devices_role(&self) -> Result<String, SyncError> {
        Ok(devices_role_of(&self.current("current_database()").await?))
    }

    /// Creates the devices' group role if needed and grants it exactly what
    /// a device needs. Part of preparing the server (its role must be
    /// allowed to create roles).
    async fn grant_devices(&self) -> Result<(), SyncError> {
        let database = self.current("current_database()").await?;
        let role = devices_role_of(&database);
        if !self.role_exists(&role).await? {
            self.client
                .batch_execute(&format!("CREATE ROLE {} NOLOGIN", identifier(&role)))
                .await?;
        }
        self.client
            .batch_execute(&format!(
                "REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC;
                 GRANT CONNECT ON DATABASE {database} TO {role};
                 GRANT USAGE ON SCHEMA {schema} TO {role};
                 GRANT SELECT ON sync_server, sync_state, sync_changes, sync_purged, refinery_schema_history TO {role};
                 GRANT SELECT (site, name, joined_at, last_seen_at, acked_clock) ON sync_devices TO {role};
                 GRANT EXECUTE ON FUNCTION sync_lock_device(TEXT, TEXT), sync_join(TEXT, TEXT, TEXT),
                     sync_lock_rows(TEXT[], TEXT[]),
                     sync_store(TEXT, TEXT, BIGINT, TEXT[], TEXT[], BIGINT[], TEXT[], JSON[], TEXT[], TEXT[], BIGINT[], TEXT[], JSON[]),
                     sync_renew_epoch_if_restored(), sync_check_in(TEXT, TEXT, TEXT, BIGINT),
                     sync_purge(INTEGER)
                 TO {role};",
                role = identifier(&role),
                database = identifier(&database),
                schema = identifier(&self.current("current_schema()").await?),
            ))
            .await?;
        Ok(())
    }

    async fn role_exists(&self, role: &str) -> Result<bool, SyncError> {
        Ok(self
            .client
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
                &[&role],
            )
            .await?
            .get(0))
    }

    async fn current(&self, what: &str) -> Result<String, SyncError> {
        Ok(self
            .client
            .query_one(&format!("SELECT {what}::text"), &[])
            .await?
            .get(0))
    }

    /// Admin action: a sign-in for the team's devices (or a new password
    /// for it), member of [`Server::devices_role`]. The password is sent as
    /// a SCRAM verifier, so it appears in no server log.
    pub async fn create_device_login(&self, user: &str, password: &str) -> Result<(), SyncError> {
        let group = identifier(&self.devices_role().await?);
        let verifier = literal(&postgres_protocol::password::scram_sha_256(
            password.as_bytes(),
        ));
        let statement = if self.role_exists(user).await? {
            format!(
                "ALTER ROLE {user} WITH LOGIN PASSWORD {verifier}; GRANT {group} TO {user};",
                user = identifier(user)
            )
        } else {
            format!(
                "CREATE ROLE {user} LOGIN PASSWORD {verifier} IN ROLE {group};",
                user = identifier(user)
            )
        };
        self.client.batch_execute(&statement).await?;
        Ok(())
    }
}

fn connect_error(error: tokio_postgres::Error) -> SyncError {
    if error.as_db_error().is_some() {
        return SyncError::from(error);
    }
    if let Some(tls) = crate::tls::failure_of(&error) {
        return tls;
    }
    let text = crate::error::full_text(&error);
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

fn devices_role_of(database: &str) -> String {
    format!("{database}_devices")
}

fn identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}
