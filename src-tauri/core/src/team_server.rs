//! Which team server this device syncs with, and under which name it shows
//! in the team's conflict lists. Kept in `device_settings` (never synced);
//! the password is not here: it lives in the OS keychain.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::validation::{FieldErrors, FieldProblem};
use crate::{Database, Error};

const KEY: &str = "team_server";

/// Where the team's PostgreSQL server is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TeamServer {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
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
    db.read(|c| {
        let stored: Option<String> = c
            .query_row(
                "SELECT value FROM device_settings WHERE key = ?1",
                [KEY],
                |r| r.get(0),
            )
            .optional()?;
        Ok(stored.and_then(|json| serde_json::from_str(&json).ok()))
    })
}

/// Validates and saves the team server.
pub fn save(db: &Database, server: TeamServer) -> Result<TeamServer, Error> {
    let server = validate(server)?;
    let json = serde_json::to_string(&server).unwrap_or_default();
    db.write(|t| {
        t.execute(
            "INSERT INTO device_settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![KEY, json],
        )?;
        Ok(())
    })?;
    Ok(server)
}

/// Stops syncing: forgets the server (local data and unsent changes stay).
pub fn forget(db: &Database) -> Result<(), Error> {
    db.write(|t| {
        t.execute("DELETE FROM device_settings WHERE key = ?1", [KEY])?;
        Ok(())
    })
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
}
