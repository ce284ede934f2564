//! The OBS this computer drives: its address (kept by the core, on this
//! computer only) and its password (in the OS keychain, nowhere else).

use mona_core::keychain::{KeychainError, Secret};
use mona_core::obs_connection::{self, ObsConnection};
use mona_core::validation::FieldErrors;
use mona_core::{Database, Error};
use serde::Serialize;

use super::ObsEndpoint;

const SERVICE: &str = "MONA x SPARK Desk OBS";

/// One OBS per computer: the password stays when its address changes.
fn password_secret() -> Secret {
    Secret::new(SERVICE, "OBS WebSocket server")
}

/// What the settings screen shows: the address, and whether a password is
/// kept (never the password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ObsSetup {
    pub connection: ObsConnection,
    pub has_password: bool,
}

/// Saving the OBS settings failed.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("invalid OBS address")]
    Invalid(FieldErrors),
    #[error(transparent)]
    Keychain(#[from] KeychainError),
    #[error(transparent)]
    Database(Error),
}

impl From<Error> for SetupError {
    fn from(error: Error) -> Self {
        match error {
            Error::Invalid(fields) => SetupError::Invalid(fields),
            other => SetupError::Database(other),
        }
    }
}

/// The OBS set on this computer, if any.
pub fn setup(db: &Database) -> Result<Option<ObsSetup>, SetupError> {
    let Some(connection) = obs_connection::get(db)? else {
        return Ok(None);
    };
    let has_password = password_secret().read_or_none()?.is_some();
    Ok(Some(ObsSetup {
        connection,
        has_password,
    }))
}

/// Where the link connects: the saved address with the kept password.
pub fn endpoint(db: &Database) -> Result<Option<ObsEndpoint>, SetupError> {
    let Some(connection) = obs_connection::get(db)? else {
        return Ok(None);
    };
    let password = password_secret().read_or_none()?;
    Ok(endpoint_of(connection, password))
}

fn endpoint_of(connection: ObsConnection, password: Option<String>) -> Option<ObsEndpoint> {
    // A saved address was validated; one that no longer is (edited by hand)
    // counts as none.
    ObsEndpoint::new(connection.host, connection.port, password).ok()
}

/// Saves the address and, when one is typed, the password (an empty one
/// removes it; `None` keeps the one kept). Returns what to connect to.
pub fn configure(
    db: &Database,
    connection: ObsConnection,
    password: Option<String>,
) -> Result<(ObsSetup, Option<ObsEndpoint>), SetupError> {
    let connection = obs_connection::validate(connection).map_err(SetupError::Invalid)?;
    if let Some(password) = &password {
        password_secret().keep(password)?;
    }
    let connection = obs_connection::save(db, connection)?;
    let password = password_secret().read_or_none()?;
    let setup = ObsSetup {
        connection: connection.clone(),
        has_password: password.is_some(),
    };
    Ok((setup, endpoint_of(connection, password)))
}

/// Stops driving OBS from this computer: the address and the password go.
pub fn forget(db: &Database) -> Result<(), SetupError> {
    password_secret().forget()?;
    obs_connection::forget(db)?;
    Ok(())
}
