//! Which Twitch application this computer signs in with: its public client
//! id, made once by the team on dev.twitch.tv ("Public" client type, device
//! code flow enabled). Kept in `device_settings` like OBS's address: the
//! id is not a secret, but each computer signs in on its own, and the
//! tokens that sign-in yields live in the OS keychain, never here.

use serde::{Deserialize, Serialize};

use crate::settings::{forget as forget_setting, store, stored};
use crate::validation::{FieldErrors, FieldProblem};
use crate::{Database, Error};

const KEY: &str = "twitch_app";

/// The Twitch application's public id (dev.twitch.tv → Applications).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TwitchApp {
    pub client_id: String,
}

/// Checks the id: Twitch's are 30 lower-case letters and digits; longer or
/// upper-case ones are accepted in case Twitch changes its format, but not
/// spaces, punctuation or a pasted URL.
pub fn validate(app: TwitchApp) -> Result<TwitchApp, FieldErrors> {
    let app = TwitchApp {
        client_id: app.client_id.trim().to_owned(),
    };
    let mut errors = FieldErrors::default();
    if app.client_id.is_empty() {
        errors.add("clientId", FieldProblem::Required);
    } else if app.client_id.chars().count() > 64 {
        errors.add("clientId", FieldProblem::TooLong { max: 64 });
    } else if !app.client_id.chars().all(|c| c.is_ascii_alphanumeric()) {
        errors.add("clientId", FieldProblem::InvalidClientId);
    }
    errors.into_result(app)
}

/// The application this computer signs in with, if one was set.
pub fn get(db: &Database) -> Result<Option<TwitchApp>, Error> {
    db.read(|c| Ok(stored(c, KEY)?.and_then(|json| serde_json::from_str(&json).ok())))
}

/// Validates and saves the application.
pub fn save(db: &Database, app: TwitchApp) -> Result<TwitchApp, Error> {
    let app = validate(app)?;
    let json = serde_json::to_string(&app).unwrap_or_default();
    db.write(|t| store(t, KEY, &json))?;
    Ok(app)
}

/// Stops using Twitch from this computer.
pub fn forget(db: &Database) -> Result<(), Error> {
    db.write(|t| forget_setting(t, KEY))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_id_pasted_with_spaces_around_is_kept_trimmed() {
        let kept = validate(TwitchApp {
            client_id: "  wbmytr93xzw8zbg0p1izqyzzc5mbiz\n".into(),
        })
        .expect("valid");
        assert_eq!(kept.client_id, "wbmytr93xzw8zbg0p1izqyzzc5mbiz");
    }

    #[test]
    fn a_console_url_pasted_as_client_id_is_refused_with_the_field_named() {
        let refused = validate(TwitchApp {
            client_id: "https://dev.twitch.tv/console/apps/wbmytr93".into(),
        })
        .expect_err("not an id");
        assert_eq!(refused.0[0].field, "clientId");
        assert_eq!(refused.0[0].problem, FieldProblem::InvalidClientId);
        let empty = validate(TwitchApp {
            client_id: " ".into(),
        })
        .expect_err("empty");
        assert_eq!(empty.0[0].problem, FieldProblem::Required);
    }

    #[test]
    fn the_application_is_kept_on_this_computer_until_forgotten() {
        let folder = tempfile::tempdir().expect("folder");
        let db = Database::open(folder.path()).expect("open");
        assert_eq!(get(&db).expect("read"), None);
        let saved = save(
            &db,
            TwitchApp {
                client_id: "abc123".into(),
            },
        )
        .expect("save");
        assert_eq!(get(&db).expect("read"), Some(saved));
        forget(&db).expect("forget");
        assert_eq!(get(&db).expect("read"), None);
    }
}
