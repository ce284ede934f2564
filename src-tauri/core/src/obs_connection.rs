//! Which OBS Studio this computer drives: the address of its WebSocket
//! server. Kept in `device_settings` (never synced: each streamer's OBS is
//! on their own desk); the password is not here but in the OS keychain.

use serde::{Deserialize, Serialize};

use crate::settings::{forget as forget_setting, store, stored};
use crate::validation::{FieldErrors, FieldProblem};
use crate::{Database, Error};

const KEY: &str = "obs_connection";

/// Where OBS's WebSocket server listens (OBS: Tools → WebSocket Server
/// Settings). The port is OBS's default, 4455, unless changed there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ObsConnection {
    pub host: String,
    pub port: u16,
}

impl Default for ObsConnection {
    fn default() -> Self {
        ObsConnection {
            host: "127.0.0.1".into(),
            port: 4455,
        }
    }
}

/// Checks the address; every wrong field is named.
pub fn validate(connection: ObsConnection) -> Result<ObsConnection, FieldErrors> {
    let connection = ObsConnection {
        host: connection.host.trim().to_owned(),
        ..connection
    };
    let mut errors = FieldErrors::default();
    if connection.host.is_empty() {
        errors.add("host", FieldProblem::Required);
    } else if connection.host.chars().count() > 253 {
        errors.add("host", FieldProblem::TooLong { max: 253 });
    } else if connection
        .host
        .chars()
        .any(|c| c.is_whitespace() || matches!(c, '/' | '@' | '?' | '#'))
    {
        // "ws://127.0.0.1:4455/" pasted from OBS's dialog: a name or an
        // address only.
        errors.add("host", FieldProblem::InvalidHost);
    }
    if connection.port == 0 {
        errors.add("port", FieldProblem::Required);
    }
    errors.into_result(connection)
}

/// The OBS this computer drives, if one was set.
pub fn get(db: &Database) -> Result<Option<ObsConnection>, Error> {
    db.read(|c| Ok(stored(c, KEY)?.and_then(|json| serde_json::from_str(&json).ok())))
}

/// Validates and saves the address.
pub fn save(db: &Database, connection: ObsConnection) -> Result<ObsConnection, Error> {
    let connection = validate(connection)?;
    let json = serde_json::to_string(&connection).unwrap_or_default();
    db.write(|t| store(t, KEY, &json))?;
    Ok(connection)
}

/// Stops driving OBS from this computer.
pub fn forget(db: &Database) -> Result<(), Error> {
    db.write(|t| forget_setting(t, KEY))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_pasted_with_its_scheme_is_refused_with_the_field_named() {
        let refused = validate(ObsConnection {
            host: "ws://127.0.0.1:4455/".into(),
            port: 4455,
        })
        .expect_err("not a host");
        assert_eq!(refused.0[0].field, "host");
        assert_eq!(refused.0[0].problem, FieldProblem::InvalidHost);
    }

    #[test]
    fn a_host_is_trimmed_and_a_port_is_required() {
        let kept = validate(ObsConnection {
            host: "  studio.local ".into(),
            port: 4455,
        })
        .expect("valid");
        assert_eq!(kept.host, "studio.local");
        let refused = validate(ObsConnection {
            host: String::new(),
            port: 0,
        })
        .expect_err("empty");
        let fields: Vec<&str> = refused.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["host", "port"]);
    }

    #[test]
    fn the_address_is_kept_on_this_computer_until_forgotten() {
        let folder = tempfile::tempdir().expect("folder");
        let db = Database::open(folder.path()).expect("open");
        assert_eq!(get(&db).expect("read"), None);
        let saved = save(
            &db,
            ObsConnection {
                host: "192.168.1.20".into(),
                port: 4460,
            },
        )
        .expect("save");
        assert_eq!(get(&db).expect("read"), Some(saved));
        forget(&db).expect("forget");
        assert_eq!(get(&db).expect("read"), None);
    }
}
