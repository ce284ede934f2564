//! The chat signs in with the account's current token, read at every
//! connection: after a refresh, the library's next connection uses the new
//! one.

use async_trait::async_trait;
use twitch_irc::login::{CredentialsPair, LoginCredentials};

use crate::twitch::{TwitchAccount, TwitchError};

#[derive(Clone)]
pub(crate) struct AccountCredentials {
    account: TwitchAccount,
}

impl AccountCredentials {
    pub(crate) fn new(account: TwitchAccount) -> AccountCredentials {
        AccountCredentials { account }
    }
}

impl std::fmt::Debug for AccountCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AccountCredentials")
    }
}

#[async_trait]
impl LoginCredentials for AccountCredentials {
    type Error = TwitchError;

    async fn get_credentials(&self) -> Result<CredentialsPair, TwitchError> {
        let (token, login, _) = self.account.access().await?;
        Ok(CredentialsPair {
            login,
            token: Some(token.as_str().to_owned()),
        })
    }
}
