//! The one error type the UI receives.
//!
//! Every variant serializes as `{ "code": "...", ...details }`. The code is
//! stable and the UI turns it into a sentence in the user's language; no raw
//! Rust message ever reaches the screen. Details that only a developer needs
//! go to the log instead.

use std::path::Path;

use mona_core::validation::FieldError;
use mona_core::{Entity, OpenError};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, specta::Type)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AppError {
    #[error("the database could not be opened")]
    DatabaseUnavailable { problem: StartupProblem },
    #[error("{entity:?} not found")]
    NotFound { entity: Entity },
    #[error("invalid input")]
    Invalid { fields: Vec<FieldError> },
    #[error("not allowed for this role")]
    NotAllowed {
        action: mona_core::team::Action,
        role: mona_core::team::Role,
    },
    #[error("the team must keep an admin")]
    LastAdmin,
    /// The pipeline must keep at least one open, one won and one lost stage.
    #[error("the pipeline must keep a stage of each kind")]
    LastStage,
    #[error("the database is busy")]
    Busy,
    #[error("the database file is damaged")]
    Corrupt,
    /// OBS did not do what was asked (not connected, no answer, refused).
    #[error("OBS could not do it")]
    Obs {
        problem: mona_streaming::obs::ObsError,
    },
    /// Twitch did not do what was asked (not signed in, unreachable, sign
    /// in again).
    #[error("Twitch could not do it")]
    Twitch {
        problem: mona_streaming::twitch::TwitchError,
    },
    /// The OS keychain, where passwords are kept, did not answer.
    #[error("the system keychain is not available")]
    KeychainUnavailable,
    #[error("the team sync failed")]
    Sync { problem: mona_sync::SyncProblem },
    #[error("the calendar file cannot be imported")]
    CalendarFile {
        problem: mona_core::ical::IcsProblem,
    },
    #[error("the file could not be written")]
    ExportFailed { folder: String },
    #[error("the Trello file cannot be imported")]
    TrelloFile {
        problem: mona_core::trello::TrelloProblem,
    },
    #[error("the spreadsheet cannot be imported")]
    SpreadsheetFile {
        problem: mona_core::artists::CsvProblem,
    },
    /// The live cannot go on the Twitch schedule as it is (too short, a
    /// repeat Twitch has not…).
    #[error("the live cannot go on the Twitch schedule")]
    NotForTwitchSchedule {
        problem: mona_core::twitch_schedule::ScheduleProblem,
    },
    /// The file sent is not what the app's own page sends (not base64).
    #[error("the file did not arrive whole")]
    FileGarbled,
    /// A file kept with a card could not be written in the app's folder.
    #[error("the file could not be kept")]
    FileNotKept { folder: String },
    /// A teammate's file whose bytes stayed on their computer.
    #[error("the file is not on this computer")]
    FileNotOnThisDevice { name: String },
    /// No program of the system opened a kept file; it can still be found
    /// where it is kept.
    #[error("no program opened the file")]
    FileNotOpened { path: String },
    /// The person stopped the work; nothing of it was saved.
    #[error("cancelled")]
    Cancelled,
    #[error("unexpected internal error")]
    Internal,
}

/// Why the database could not be opened at start, with what the user needs
/// to act: which file, which versions.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, specta::Type)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum StartupProblem {
    #[error("data folder unusable")]
    DataFolder { path: String },
    #[error("already open")]
    AlreadyOpen { path: String },
    #[error("unreadable")]
    Unreadable { path: String },
    #[error("not a database")]
    NotADatabase { path: String },
    #[error("foreign database")]
    ForeignDatabase { path: String },
    #[error("newer schema")]
    NewerSchema {
        path: String,
        found: u32,
        supported: u32,
    },
    #[error("locked")]
    Locked { path: String },
    #[error("migration failed")]
    MigrationFailed { path: String, version: u32 },
    #[error("other")]
    Other { path: String },
}

impl From<&OpenError> for StartupProblem {
    fn from(error: &OpenError) -> Self {
        let shown = |path: &Path| path.display().to_string();
        match error {
            OpenError::DataFolder { path, .. } => Self::DataFolder { path: shown(path) },
            OpenError::AlreadyOpen { path } => Self::AlreadyOpen { path: shown(path) },
            OpenError::Unreadable { path } => Self::Unreadable { path: shown(path) },
            OpenError::NotADatabase { path } => Self::NotADatabase { path: shown(path) },
            OpenError::ForeignDatabase { path, .. } => Self::ForeignDatabase { path: shown(path) },
            OpenError::NewerSchema {
                path,
                found,
                supported,
            } => Self::NewerSchema {
                path: shown(path),
                found: *found,
                supported: *supported,
            },
            OpenError::Locked { path } => Self::Locked { path: shown(path) },
            OpenError::MigrationFailed { path, version, .. } => Self::MigrationFailed {
                path: shown(path),
                version: *version,
            },
            OpenError::Sqlite { path, .. } | OpenError::Capture { path, .. } => {
                Self::Other { path: shown(path) }
            }
        }
    }
}

impl From<mona_core::Error> for AppError {
    fn from(error: mona_core::Error) -> Self {
        match error {
            mona_core::Error::NotFound { entity, .. } => AppError::NotFound { entity },
            mona_core::Error::Invalid(errors) => AppError::Invalid { fields: errors.0 },
            mona_core::Error::NotAllowed { action, role } => AppError::NotAllowed { action, role },
            mona_core::Error::LastAdmin => AppError::LastAdmin,
            mona_core::Error::LastStage => AppError::LastStage,
            mona_core::Error::Ics(problem) => AppError::CalendarFile { problem },
            mona_core::Error::Trello(problem) => AppError::TrelloFile { problem },
            mona_core::Error::Csv(problem) => AppError::SpreadsheetFile { problem },
            mona_core::Error::TwitchSchedule(problem) => AppError::NotForTwitchSchedule { problem },
            mona_core::Error::Cancelled => AppError::Cancelled,
            mona_core::Error::Busy => AppError::Busy,
            mona_core::Error::Corrupt => AppError::Corrupt,
            mona_core::Error::Sqlite(source) => {
                tracing::error!(%source, "unexpected SQLite error");
                AppError::Internal
            }
        }
    }
}

impl From<mona_sync::service::SetupError> for AppError {
    fn from(error: mona_sync::service::SetupError) -> Self {
        match error {
            mona_sync::service::SetupError::Invalid(errors) => {
                AppError::Invalid { fields: errors.0 }
            }
            mona_sync::service::SetupError::Sync(error) => AppError::from(error),
        }
    }
}

impl From<mona_sync::SyncError> for AppError {
    fn from(error: mona_sync::SyncError) -> Self {
        // The details (never a password) go to the log; the UI gets a code.
        tracing::warn!(%error, "team sync");
        AppError::Sync {
            problem: mona_sync::SyncProblem::from(&error),
        }
    }
}

impl From<mona_streaming::twitch::TwitchLiveError> for AppError {
    fn from(error: mona_streaming::twitch::TwitchLiveError) -> Self {
        match error {
            mona_streaming::twitch::TwitchLiveError::Live(error) => error.into(),
            mona_streaming::twitch::TwitchLiveError::Twitch(problem) => problem.into(),
        }
    }
}

impl From<mona_streaming::obs::ObsError> for AppError {
    fn from(problem: mona_streaming::obs::ObsError) -> Self {
        AppError::Obs { problem }
    }
}

impl From<mona_streaming::twitch::TwitchError> for AppError {
    fn from(problem: mona_streaming::twitch::TwitchError) -> Self {
        match problem {
            mona_streaming::twitch::TwitchError::Keychain => AppError::KeychainUnavailable,
            problem => AppError::Twitch { problem },
        }
    }
}

impl From<mona_streaming::twitch::chat::preferences::PreferencesError> for AppError {
    fn from(error: mona_streaming::twitch::chat::preferences::PreferencesError) -> Self {
        use mona_streaming::twitch::chat::preferences::PreferencesError;
        match error {
            PreferencesError::Twitch(problem) => problem.into(),
            PreferencesError::Store(error) => error.into(),
        }
    }
}

impl From<mona_streaming::obs::setup::SetupError> for AppError {
    fn from(error: mona_streaming::obs::setup::SetupError) -> Self {
        use mona_streaming::obs::setup::SetupError;
        match error {
            SetupError::Invalid(errors) => AppError::Invalid { fields: errors.0 },
            SetupError::Database(error) => error.into(),
            SetupError::Keychain(error) => {
                tracing::warn!(%error, "OBS password");
                AppError::KeychainUnavailable
            }
        }
    }
}

impl From<mona_core::exports::ExportError> for AppError {
    fn from(error: mona_core::exports::ExportError) -> Self {
        match error {
            mona_core::exports::ExportError::Database(e) => e.into(),
            mona_core::exports::ExportError::Write { path, source } => {
                tracing::warn!(%source, "an export could not be written");
                AppError::ExportFailed {
                    folder: path.display().to_string(),
                }
            }
            mona_core::exports::ExportError::Encoding(reason) => {
                tracing::error!(%reason, "an export could not be encoded");
                AppError::Internal
            }
        }
    }
}

impl From<mona_core::files::FileError> for AppError {
    fn from(error: mona_core::files::FileError) -> Self {
        match error {
            mona_core::files::FileError::Database(e) => e.into(),
            mona_core::files::FileError::Write { folder, source } => {
                tracing::warn!(%source, "a file could not be kept");
                AppError::FileNotKept {
                    folder: folder.display().to_string(),
                }
            }
            mona_core::files::FileError::NotOnThisDevice { name } => {
                AppError::FileNotOnThisDevice { name }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mona_core::validation::{FieldErrors, FieldProblem};

    #[test]
    fn errors_reach_the_ui_as_stable_codes_without_rust_text() {
        let invalid = AppError::from(mona_core::Error::Invalid(FieldErrors(vec![FieldError {
            field: "email".into(),
            problem: FieldProblem::InvalidEmail,
        }])));
        assert_eq!(
            serde_json::to_value(&invalid).expect("json"),
            serde_json::json!({"code": "invalid", "fields": [{"field": "email", "problem": {"code": "invalid_email"}}]})
        );
        let internal = AppError::from(mona_core::Error::Sqlite(rusqlite::Error::InvalidQuery));
        assert_eq!(
            serde_json::to_value(&internal).expect("json"),
            serde_json::json!({"code": "internal"})
        );
    }

    #[test]
    fn a_file_the_disk_refused_names_the_folder_and_not_the_system_error() {
        let refused = AppError::from(mona_core::files::FileError::Write {
            folder: "/data/files".into(),
            source: std::io::Error::other("No space left on device (os error 28)"),
        });
        assert_eq!(
            serde_json::to_value(&refused).expect("json"),
            serde_json::json!({"code": "file_not_kept", "folder": "/data/files"})
        );
        let elsewhere = AppError::from(mona_core::files::FileError::NotOnThisDevice {
            name: "Contrat.pdf".into(),
        });
        assert_eq!(
            serde_json::to_value(&elsewhere).expect("json"),
            serde_json::json!({"code": "file_not_on_this_device", "name": "Contrat.pdf"})
        );
    }

    #[test]
    fn a_newer_database_names_both_versions() {
        let problem = StartupProblem::from(&OpenError::NewerSchema {
            path: "/data/db".into(),
            found: 7,
            supported: 3,
        });
        let error = AppError::DatabaseUnavailable { problem };
        assert_eq!(
            serde_json::to_value(&error).expect("json"),
            serde_json::json!({"code": "database_unavailable", "problem": {"reason": "newer_schema", "path": "/data/db", "found": 7, "supported": 3}})
        );
    }
}
