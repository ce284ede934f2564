//! The error every service returns.
//!
//! Variants carry what the user needs (which record, which fields); the app
//! shell turns them into a stable code and a translated sentence.

use crate::validation::FieldErrors;

/// Kinds of records, named in errors so a message can say what was missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Artist,
    Conflict,
    Member,
    Task,
    Board,
    Column,
    Notification,
    ChecklistItem,
    Comment,
    Event,
    Sponsor,
    Content,
    Criterion,
    Interaction,
    Stage,
    Offer,
    Campaign,
    Opportunity,
    Deliverable,
    View,
    File,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{entity:?} {id} does not exist or was deleted")]
    NotFound { entity: Entity, id: String },
    #[error("invalid input: {0}")]
    Invalid(FieldErrors),
    #[error("a {role:?} may not {action:?}")]
    NotAllowed {
        action: crate::team::Action,
        role: crate::team::Role,
    },
    #[error("the calendar file cannot be imported: {0}")]
    Ics(crate::ical::IcsProblem),
    #[error("the Trello file cannot be imported: {0}")]
    Trello(crate::trello::TrelloProblem),
    #[error("the spreadsheet cannot be imported: {0}")]
    Csv(crate::artists::CsvProblem),
    /// The live cannot go on Twitch's schedule as it is.
    #[error("the live cannot go on the Twitch schedule: {0:?}")]
    TwitchSchedule(crate::twitch_schedule::ScheduleProblem),
    /// The person stopped a long piece of work; nothing of it was saved.
    #[error("cancelled")]
    Cancelled,
    #[error("the team must keep at least one admin")]
    LastAdmin,
    #[error("the pipeline must keep at least one stage of each kind")]
    LastStage,
    #[error("the database is busy (another program holds a lock)")]
    Busy,
    #[error("the database file is damaged")]
    Corrupt,
    #[error("SQLite error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match error.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Busy,
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => Error::Corrupt,
            _ => Error::Sqlite(error),
        }
    }
}

impl From<crate::capture::CaptureError> for Error {
    fn from(error: crate::capture::CaptureError) -> Self {
        match error {
            crate::capture::CaptureError::Sqlite(e) => Error::from(e),
            // Refused when the database opens; only a schema changed under a
            // running app gets here.
            other => Error::Sqlite(rusqlite::Error::ModuleError(other.to_string())),
        }
    }
}

impl From<crate::ical::IcsProblem> for Error {
    fn from(problem: crate::ical::IcsProblem) -> Self {
        Error::Ics(problem)
    }
}

impl From<crate::trello::TrelloProblem> for Error {
    fn from(problem: crate::trello::TrelloProblem) -> Self {
        Error::Trello(problem)
    }
}

impl From<crate::artists::CsvProblem> for Error {
    fn from(problem: crate::artists::CsvProblem) -> Self {
        Error::Csv(problem)
    }
}

impl From<FieldErrors> for Error {
    fn from(errors: FieldErrors) -> Self {
        Error::Invalid(errors)
    }
}
