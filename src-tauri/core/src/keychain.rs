//! Secrets in the OS keychain (macOS Keychain, Windows Credential Manager,
//! the Secret Service on Linux) and nowhere else: never in SQLite, in logs
//! or in an error message.
//!
//! Why it lives in the core: the team sync keeps its server's password
//! here, the streaming module its OBS password and Twitch tokens; one way
//! to keep a secret, one place that knows what a missing keychain means.
//! A secret is named by a service (which part of the app) and an account
//! (which server, which OBS).

/// The keychain could not be used. Carries no secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeychainError {
    /// No keychain answers on this computer (no Secret Service running, a
    /// locked store the person declined to open).
    #[error("the system keychain is not available: {0}")]
    Unavailable(String),
    #[error("the system keychain refused: {0}")]
    Refused(String),
}

/// One secret's place in the keychain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secret {
    service: &'static str,
    account: String,
}

impl Secret {
    pub fn new(service: &'static str, account: impl Into<String>) -> Secret {
        Secret {
            service,
            account: account.into(),
        }
    }

    fn entry(&self) -> Result<keyring::Entry, KeychainError> {
        keyring::Entry::new(self.service, &self.account).map_err(refusal)
    }

    /// The secret kept here, if any.
    pub fn read(&self) -> Result<Option<String>, KeychainError> {
        match self.entry()?.get_password() {
            Ok(value) => Ok(Some(value)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(refusal(e)),
        }
    }

    /// The secret kept here; nothing kept, or no keychain on this computer,
    /// reads as none (logged, without the secret's name): what a secret is
    /// for then says what to do ("wrong password", "sign in again").
    pub fn read_or_none(&self) -> Result<Option<String>, KeychainError> {
        match self.read() {
            Err(KeychainError::Unavailable(reason)) => {
                tracing::warn!(service = self.service, %reason, "the system keychain cannot be read");
                Ok(None)
            }
            other => other,
        }
    }

    /// Keeps `value` here; an empty value removes the secret.
    pub fn keep(&self, value: &str) -> Result<(), KeychainError> {
        if value.is_empty() {
            return self.forget();
        }
        self.entry()?.set_password(value).map_err(refusal)
    }

    pub fn forget(&self) -> Result<(), KeychainError> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(refusal(e)),
        }
    }
}

fn refusal(error: keyring::Error) -> KeychainError {
    match error {
        keyring::Error::NoStorageAccess(_) | keyring::Error::PlatformFailure(_) => {
            KeychainError::Unavailable(error.to_string())
        }
        other => KeychainError::Refused(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_secret_is_none_and_keeping_it_removes_the_old_one() {
        keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
        let secret = Secret::new("MONA x SPARK Desk tests", "obs@127.0.0.1:4455");
        // The mock keeps nothing between entries; what matters here is that
        // the calls and the empty-value rule work on every platform.
        secret.keep("").expect("empty means none");
        assert_eq!(secret.read_or_none().expect("read"), None);
        secret.forget().expect("forgetting nothing is fine");
    }
}
