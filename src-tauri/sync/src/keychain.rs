//! The team server's password and this computer's device secret, in the OS
//! keychain (macOS Keychain, Windows Credential Manager, the Secret Service
//! on Linux) and nowhere else: never in SQLite, in logs or in an error
//! message.

pub use mona_core::keychain::KeychainError;
use mona_core::keychain::Secret;
use mona_core::team_server::TeamServer;

const SERVICE: &str = "MONA x SPARK Desk team sync";

/// The keychain entry of the server's password.
fn password_secret(server: &TeamServer) -> Secret {
    Secret::new(
        SERVICE,
        format!(
            "{}@{}:{}/{}",
            server.user, server.host, server.port, server.database
        ),
    )
}

/// The secret this computer proves its device identity with on `server`
/// (`migrations/postgres/V2`), made on first use. A database file copied to
/// another computer finds another secret there, and takes a new identity
/// instead of syncing as the original. Without a usable keychain the secret
/// is empty: the device syncs, but can be impersonated by a teammate.
pub fn device_secret(server: &TeamServer) -> Result<String, KeychainError> {
    let secret = Secret::new(
        SERVICE,
        format!(
            "device secret for {}:{}/{}",
            server.host, server.port, server.database
        ),
    );
    match secret.read() {
        Ok(Some(kept)) => Ok(kept),
        Ok(None) => {
            let made = format!(
                "{}{}",
                uuid::Uuid::new_v4().simple(),
                uuid::Uuid::new_v4().simple()
            );
            secret.keep(&made)?;
            Ok(made)
        }
        Err(KeychainError::Unavailable(_)) => {
            tracing::warn!(
                "the system keychain cannot be read; this device syncs without a secret"
            );
            Ok(String::new())
        }
        Err(e) => Err(e),
    }
}

/// Keeps `password` for `server`; an empty password removes it.
pub fn store_password(server: &TeamServer, password: &str) -> Result<(), KeychainError> {
    password_secret(server).keep(password)
}

/// The password kept for `server`, or an empty one when none is kept (a
/// server that trusts its network needs none). A computer without a usable
/// keychain has no password kept either: a server that wants one then
/// answers "bad password", which says what to do.
pub fn password(server: &TeamServer) -> Result<String, KeychainError> {
    Ok(password_secret(server).read_or_none()?.unwrap_or_default())
}

pub fn forget_password(server: &TeamServer) -> Result<(), KeychainError> {
    password_secret(server).forget()
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
