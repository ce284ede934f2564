//! Which team server this device syncs with, and under which name it shows
//! in the team's conflict lists. Kept in `device_settings` (never synced);
//! the password is not here: it lives in the OS keychain.

use serde::{Deserialize, Serialize};

use crate::settings::{forget as forget_setting, store, stored};
use crate::validation::{FieldErrors, FieldProblem};
use crate::{Database, Error};

const KEY: &str = "team_server";

/// Whether the connection to the server is encrypted and how the server's
/// certificate is checked (the names are PostgreSQL's `sslmode` values).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum TlsMode {
    /// No encryption: only for a server on the same trusted network.
    #[default]
    Disable,
    /// Encrypted, any certificate accepted: protects from listeners, not
    /// from a server pretending to be the team's.
    Require,
    /// Encrypted, and the certificate must be signed by the CA file (or one
    /// the OS trusts) and name the host.
    VerifyFull,
}

/// Where the team's PostgreSQL server is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TeamServer {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
    pub tls: TlsMode,
    /// The certificate authority that signs the server's certificate (a PEM
    /// file), for `verify-full`; without it the OS's trusted authorities.
    pub ca_file: Option<String>,
    /// How this computer is named to the team ("Laptop de Nadia").
    pub device_name: String,
}

/// Checks a team server's settings; every wrong field is named.
pub fn validate(server: TeamServer) -> Result<TeamServer, FieldErrors> {
    let server = TeamServer {
        host: server.host.trim().to_owned(),
        database: server.database.trim().to_owned(),
        user: server.user.trim().to_owned(),
        device_name: server.device_name.trim().to_owned(),
        ca_file: match server.tls {
            TlsMode::VerifyFull => server
                .ca_file
                .map(|path| path.trim().to_owned())
                .filter(|path| !path.is_empty()),
            TlsMode::Disable | TlsMode::Require => None,
        },
        ..server
    };
    let mut errors = FieldErrors::default();
    for (field, value, max) in [
        ("host", &server.host, 253),
        ("database", &server.database, 63),
        ("user", &server.user, 63),
        ("deviceName", &server.device_name, 80),
    ] {
        if value.is_empty() {
            errors.add(field, FieldProblem::Required);
        } else if value.chars().count() > max {
            errors.add(field, FieldProblem::TooLong { max: max as u32 });
        }
    }
    if server.port == 0 {
        errors.add("port", FieldProblem::Required);
    }
    errors.into_result(server)
}

/// The team server this device syncs with, if one was set.
pub fn get(db: &Database) -> Result<Option<TeamServer>, Error> {
    db.read(|c| Ok(stored(c, KEY)?.and_then(|json| read_stored(&json))))
}

/// Stored settings, including those saved before TLS could be chosen: they
/// connected without it.
fn read_stored(json: &str) -> Option<TeamServer> {
    let mut value: serde_json::Value = serde_json::from_str(json).ok()?;
    let fields = value.as_object_mut()?;
    fields.entry("tls").or_insert_with(|| "disable".into());
    fields.entry("caFile").or_insert(serde_json::Value::Null);
    serde_json::from_value(value).ok()
}

/// Validates and saves the team server.
pub fn save(db: &Database, server: TeamServer) -> Result<TeamServer, Error> {
    let server = validate(server)?;
    let json = serde_json::to_string(&server).unwrap_or_default();
    db.write(|t| store(t, KEY, &json))?;
    Ok(server)
}

/// Stops syncing: forgets the server (local data and unsent changes stay).
pub fn forget(db: &Database) -> Result<(), Error> {
    db.write(|t| forget_setting(t, KEY))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server() -> TeamServer {
        TeamServer {
            host: " sync.mona.fr ".into(),
            port: 5432,
            database: "equipe".into(),
            user: "nadia".into(),
            tls: TlsMode::VerifyFull,
            ca_file: Some(" /etc/mona/equipe-ca.pem ".into()),
            device_name: "Laptop de Nadia".into(),
        }
    }

    #[test]
    fn a_server_is_saved_trimmed_and_read_back() {
        let folder = tempfile::tempdir().expect("folder");
        let db = Database::open(folder.path()).expect("open");
        assert_eq!(get(&db).expect("get"), None);
        let saved = save(&db, server()).expect("save");
        assert_eq!(saved.host, "sync.mona.fr");
        assert_eq!(saved.ca_file.as_deref(), Some("/etc/mona/equipe-ca.pem"));
        assert_eq!(get(&db).expect("get"), Some(saved));
        forget(&db).expect("forget");
        assert_eq!(get(&db).expect("get"), None);
    }

    #[test]
    fn missing_fields_are_each_named() {
        let empty = TeamServer {
            host: " ".into(),
            port: 0,
            database: String::new(),
            user: String::new(),
            tls: TlsMode::Require,
            ca_file: None,
            device_name: String::new(),
        };
        let fields: Vec<String> = validate(empty)
            .expect_err("refused")
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["host", "database", "user", "deviceName", "port"]);
    }

    #[test]
    fn settings_saved_before_tls_could_be_chosen_still_read_as_unencrypted() {
        let stored = r#"{"host":"10.0.0.5","port":5432,"database":"equipe","user":"nadia","deviceName":"Bureau"}"#;
        let server = read_stored(stored).expect("older settings");
        assert_eq!((server.tls, server.ca_file), (TlsMode::Disable, None));
    }

    #[test]
    fn a_ca_file_only_counts_when_the_certificate_is_verified() {
        let required = validate(TeamServer {
            tls: TlsMode::Require,
            ..server()
        })
        .expect("valid");
        assert_eq!(required.ca_file, None);
    }
}
