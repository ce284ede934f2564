//! The team server's password and this computer's device secret, in the OS
//! keychain (macOS Keychain, Windows Credential Manager, the Secret Service
//! on Linux) and nowhere else: never in SQLite, in logs or in an error
//! message.

use mona_core::team_server::TeamServer;

const SERVICE: &str = "MONA x SPARK Desk team sync";

/// The keychain could not be used. Carries no secret.
#[derive(Debug, thiserror::Error)]
#[error("the system keychain is not available: {0}")]
pub struct KeychainError(String);

/// The keychain entry of the server's password.
fn entry(server: &TeamServer) -> Result<keyring::Entry, KeychainError> {
    entry_named(&format!(
        "{}@{}:{}/{}",
        server.user, server.host, server.port, server.database
    ))
}

fn entry_named(account: &str) -> Result<keyring::Entry, KeychainError> {
    keyring::Entry::new(SERVICE, account).map_err(|e| KeychainError(e.to_string()))
}

/// The secret this computer proves its device identity with on `server`
/// (`migrations/postgres/V2`), made on first use. A database file copied to
/// another computer finds another secret there, and takes a new identity
/// instead of syncing as the original. Without a usable keychain the secret
/// is empty: the device syncs, but can be impersonated by a teammate.
pub fn device_secret(server: &TeamServer) -> Result<String, KeychainError> {
    let entry = entry_named(&format!(
        "device secret for {}:{}/{}",
        server.host, server.port, server.database
    ))?;
    match entry.get_password() {
        Ok(secret) => Ok(secret),
        Err(keyring::Error::NoEntry) => {
            let secret = format!(
                "{}{}",
                uuid::Uuid::new_v4().simple(),
                uuid::Uuid::new_v4().simple()
            );
            entry
                .set_password(&secret)
                .map_err(|e| KeychainError(e.to_string()))?;
            Ok(secret)
        }
        Err(keyring::Error::NoStorageAccess(_) | keyring::Error::PlatformFailure(_)) => {
            tracing::warn!(
                "the system keychain cannot be read; this device syncs without a secret"
            );
            Ok(String::new())
        }
        Err(e) => Err(KeychainError(e.to_string())),
    }
}

/// Keeps `password` for `server`; an empty password removes it.
pub fn store_password(server: &TeamServer, password: &str) -> Result<(), KeychainError> {
    if password.is_empty() {
        return forget_password(server);
    }
    entry(server)?
        .set_password(password)
        .map_err(|e| KeychainError(e.to_string()))
}

/// The password kept for `server`, or an empty one when none is kept (a
/// server that trusts its network needs none). A computer without a usable
/// keychain has no password kept either: a server that wants one then
/// answers "bad password", which says what to do.
pub fn password(server: &TeamServer) -> Result<String, KeychainError> {
    match entry(server)?.get_password() {
        Ok(password) => Ok(password),
        Err(keyring::Error::NoEntry) => Ok(String::new()),
        Err(keyring::Error::NoStorageAccess(_) | keyring::Error::PlatformFailure(_)) => {
            tracing::warn!("the system keychain cannot be read; connecting without a password");
            Ok(String::new())
        }
        Err(e) => Err(KeychainError(e.to_string())),
    }
}

pub fn forget_password(server: &TeamServer) -> Result<(), KeychainError> {
    match entry(server)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(KeychainError(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_kept_per_server_and_can_be_forgotten() {
        keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
        let server = TeamServer {
            host: "sync.mona.fr".into(),
            port: 5432,
            database: "equipe".into(),
            user: "nadia".into(),
            tls: mona_core::team_server::TlsMode::Require,
            ca_file: None,
            device_name: "Laptop".into(),
        };
        // The mock keeps nothing between entries; what matters here is that
        // the calls and the empty-password rule work on every platform.
        store_password(&server, "").expect("empty means none");
        assert_eq!(password(&server).expect("read"), "");
    }
}
