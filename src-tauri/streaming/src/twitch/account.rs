//! The Twitch account this computer is signed in with.
//!
//! Why it exists: chat, moderation and the channel's settings all need a
//! user token, and Twitch's tokens expire, get revoked, and (for a public
//! client such as a desktop app) come with single-use refresh tokens: two
//! refreshes racing would spend the same refresh token twice and sign the
//! person out. So one [`TwitchAccount`] owns the tokens and every use goes
//! through it:
//! - sign-in by the device code flow (the person types a short code on
//!   twitch.tv, in any browser, even on a phone), waited for in a task that
//!   can be cancelled;
//! - one refresh at a time: whoever finds the token refused asks
//!   [`TwitchAccount::refreshed_after`]; the first caller refreshes, the
//!   others get its result; the rotated pair is written to the keychain
//!   before anyone uses it;
//! - a check with Twitch at start and every hour ([`TwitchAccount::check`]);
//! - sign-out revokes the token with Twitch, then forgets it here.
//!
//! Tokens live in the OS keychain and in this type's memory only; they are
//! never logged, serialized to the page, or put in an error.

use std::sync::Arc;
use std::time::Duration;

use mona_core::keychain::{KeychainError, Secret};
use serde::{Deserialize, Serialize};
use tokio::sync::{Mutex, watch};
use twitch_oauth2::tokens::DeviceUserTokenBuilder;
use twitch_oauth2::tokens::errors::{DeviceUserTokenExchangeError, ValidationError};
use twitch_oauth2::{AccessToken, ClientId, RefreshToken, Scope};

use super::TwitchError;
use super::http::{HttpError, TwitchHttp};

/// What the app asks Twitch to let it do: read and write chat, moderate it
/// (delete, time out, ban), edit the channel (title, category, markers)
/// and its schedule.
pub fn scopes() -> Vec<Scope> {
    vec![
        Scope::ChatRead,
        Scope::ChatEdit,
        Scope::UserWriteChat,
        Scope::ModeratorManageChatMessages,
        Scope::ModeratorManageBannedUsers,
        Scope::ModeratorReadChatters,
        Scope::ChannelManageBroadcast,
        Scope::ChannelManageSchedule,
    ]
}

/// How often the tokens are checked with Twitch, as Twitch asks of every
/// app that signs people in.
pub const CHECK_EVERY: Duration = Duration::from_secs(3600);

/// Where the account stands, as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum TwitchAccountState {
    /// No Twitch application set in Settings.
    NotConfigured,
    SignedOut,
    /// Waiting for the person to type `user_code` at `verification_uri`.
    SigningIn {
        user_code: String,
        verification_uri: String,
        /// When the code stops working (RFC 3339).
        expires_at: String,
    },
    SignedIn {
        login: String,
        user_id: String,
        /// Twitch could not be reached to check the tokens (offline): they
        /// are used as they are, and checked again later.
        unchecked: bool,
    },
    /// Twitch no longer takes what the app had: sign in again.
    SignInAgain {
        reason: SignInProblem,
    },
}

/// Why the person must sign in (again).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SignInProblem {
    /// The code was not typed in time.
    CodeExpired,
    /// The person refused on twitch.tv.
    Denied,
    /// Twitch refuses the tokens (revoked from the Twitch settings, the
    /// password changed, or unused for too long).
    Revoked,
    /// Twitch does not know the application's client id.
    UnknownApplication,
}

/// The tokens and whose they are: what the keychain keeps, as one JSON
/// value (the pair is never written apart).
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Tokens {
    access: AccessToken,
    refresh: Option<RefreshToken>,
    login: String,
    user_id: String,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("login", &self.login)
            .finish_non_exhaustive()
    }
}

/// The signed-in account's tokens (see the module's documentation). Clones
/// share the account.
#[derive(Clone)]
pub struct TwitchAccount {
    inner: Arc<Inner>,
}

struct Inner {
    http: TwitchHttp,
    /// Changes only through [`TwitchAccount::configure`].
    client_id: std::sync::RwLock<Option<ClientId>>,
    kept: Secret,
    /// Held during a refresh: that is what makes refreshes one at a time.
    tokens: Mutex<Option<Tokens>>,
    state: watch::Sender<TwitchAccountState>,
    sign_in: std::sync::Mutex<Option<tokio::task::JoinHandle<()>>>,
}

impl TwitchAccount {
    /// The account of the application `client_id` (none: Twitch is not set
    /// up), with its tokens kept in `kept`. Call [`TwitchAccount::restore`]
    /// to take up a previous sign-in.
    pub fn new(http: TwitchHttp, client_id: Option<String>, kept: Secret) -> TwitchAccount {
        let state = if client_id.is_some() {
            TwitchAccountState::SignedOut
        } else {
            TwitchAccountState::NotConfigured
        };
        TwitchAccount {
            inner: Arc::new(Inner {
                http,
                client_id: std::sync::RwLock::new(client_id.map(ClientId::new)),
                kept,
                tokens: Mutex::new(None),
                state: watch::Sender::new(state),
                sign_in: std::sync::Mutex::new(None),
            }),
        }
    }

    pub fn state(&self) -> TwitchAccountState {
        self.inner.state.borrow().clone()
    }

    /// Every state from now on (the current one first).
    pub fn follow(&self) -> watch::Receiver<TwitchAccountState> {
        self.inner.state.subscribe()
    }

    pub fn http(&self) -> &TwitchHttp {
        &self.inner.http
    }

    /// The application's client id (Helix wants it with every call).
    pub fn client_id(&self) -> Result<ClientId, TwitchError> {
        self.inner
            .client_id
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
            .ok_or(TwitchError::NotConfigured)
    }

    /// Uses the application `client_id` from now on (none: Twitch is not
    /// set up). A sign-in belongs to the application it was made with: on
    /// a change, it is signed out (revoked with the old application).
    pub async fn configure(&self, client_id: Option<String>) {
        let client_id = client_id.map(ClientId::new);
        if self.client_id().ok() == client_id {
            return;
        }
        if let Err(error) = self.sign_out().await {
            tracing::info!(%error, "the sign-in of the previous Twitch application was not revoked");
        }
        let configured = client_id.is_some();
        *self
            .inner
            .client_id
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = client_id;
        self.set_state(if configured {
            TwitchAccountState::SignedOut
        } else {
            TwitchAccountState::NotConfigured
        });
    }

    fn set_state(&self, state: TwitchAccountState) {
        self.inner.state.send_replace(state);
    }

    /// Takes up the sign-in kept in the keychain, checked with Twitch.
    pub async fn restore(&self) -> Result<(), TwitchError> {
        if self.client_id().is_err() {
            return Ok(());
        }
        let Some(json) = self.inner.kept.read_or_none()? else {
            return Ok(());
        };
        let Ok(tokens) = serde_json::from_str::<Tokens>(&json) else {
            tracing::warn!("the kept Twitch sign-in is not readable: signing in again");
            self.inner.kept.forget()?;
            return Ok(());
        };
        *self.inner.tokens.lock().await = Some(tokens);
        self.check().await
    }

    /// Checks the tokens with Twitch (at start and every [`CHECK_EVERY`]);
    /// a refused token is refreshed.
    pub async fn check(&self) -> Result<(), TwitchError> {
        let Some(tokens) = self.inner.tokens.lock().await.clone() else {
            return Ok(());
        };
        match tokens.access.validate_token(&self.inner.http).await {
            Ok(_) => {
                self.signed_in(&tokens, false);
                Ok(())
            }
            Err(ValidationError::NotAuthorized) => {
                self.refreshed_after(&tokens.access).await.map(|_| ())
            }
            Err(ValidationError::Request(HttpError::Unreachable)) => {
                self.signed_in(&tokens, true);
                Ok(())
            }
            Err(other) => {
                tracing::warn!(error = %other, "Twitch's answer to a token check was not understood");
                self.signed_in(&tokens, true);
                Ok(())
            }
        }
    }

    /// Checks the tokens every [`CHECK_EVERY`] until the account is dropped
    /// everywhere else.
    pub async fn keep_checked(self) {
        let weak = Arc::downgrade(&self.inner);
        drop(self);
        loop {
            tokio::time::sleep(CHECK_EVERY).await;
            let Some(inner) = weak.upgrade() else { return };
            if let Err(error) = (TwitchAccount { inner }).check().await {
                tracing::warn!(%error, "the hourly Twitch check failed");
            }
        }
    }

    fn signed_in(&self, tokens: &Tokens, unchecked: bool) {
        self.set_state(TwitchAccountState::SignedIn {
            login: tokens.login.clone(),
            user_id: tokens.user_id.clone(),
            unchecked,
        });
    }

    /// The access token to use now, with whose it is (login, user id).
    pub async fn access(&self) -> Result<(AccessToken, String, String), TwitchError> {
        let tokens = self.inner.tokens.lock().await;
        let tokens = tokens.as_ref().ok_or(TwitchError::NotSignedIn)?;
        Ok((
            tokens.access.clone(),
            tokens.login.clone(),
            tokens.user_id.clone(),
        ))
    }

    /// A token to use instead of `refused`, which Twitch just refused
    /// (HTTP 401, or chat's "Login authentication failed"). The first
    /// caller refreshes; callers arriving meanwhile wait and get the same
    /// new token. The rotated pair is kept in the keychain before it is
    /// returned. A refresh Twitch refuses means signing in again.
    pub async fn refreshed_after(&self, refused: &AccessToken) -> Result<AccessToken, TwitchError> {
        let client_id = self.client_id()?;
        let mut slot = self.inner.tokens.lock().await;
        let tokens = slot.as_ref().ok_or(TwitchError::NotSignedIn)?;
        if tokens.access.as_str() != refused.as_str() {
            // Someone refreshed while this caller waited.
            return Ok(tokens.access.clone());
        }
        let Some(refresh) = tokens.refresh.clone() else {
            drop(slot);
            return Err(self.must_sign_in_again(SignInProblem::Revoked).await);
        };
        match refresh
            .refresh_token(&self.inner.http, &client_id, None)
            .await
        {
            Ok((access, _expires_in, rotated)) => {
                let renewed = Tokens {
                    access,
                    refresh: rotated.or(Some(refresh)),
                    login: tokens.login.clone(),
                    user_id: tokens.user_id.clone(),
                };
                // Kept before use: the old refresh token is spent now, and
                // a crash after this line must not lose the new one.
                self.keep(&renewed)?;
                let access = renewed.access.clone();
                self.signed_in(&renewed, false);
                *slot = Some(renewed);
                Ok(access)
            }
            Err(twitch_oauth2::tokens::errors::RefreshTokenError::RequestError(
                HttpError::Unreachable,
            )) => Err(TwitchError::Unreachable),
            Err(error) => {
                tracing::info!(%error, "Twitch refused to refresh the sign-in");
                drop(slot);
                Err(self.must_sign_in_again(SignInProblem::Revoked).await)
            }
        }
    }

    fn keep(&self, tokens: &Tokens) -> Result<(), KeychainError> {
        let json = serde_json::to_string(tokens).unwrap_or_default();
        self.inner.kept.keep(&json)
    }

    async fn must_sign_in_again(&self, reason: SignInProblem) -> TwitchError {
        *self.inner.tokens.lock().await = None;
        if let Err(error) = self.inner.kept.forget() {
            tracing::warn!(%error, "the refused Twitch sign-in could not be removed from the keychain");
        }
        self.set_state(TwitchAccountState::SignInAgain { reason });
        TwitchError::SignInAgain { reason }
    }

    /// Starts a sign-in: asks Twitch for a code, shows it (the state
    /// becomes [`TwitchAccountState::SigningIn`]) and waits in a task for
    /// the person to type it; the state becomes `SignedIn` then. Starting
    /// again, or [`TwitchAccount::cancel_sign_in`], ends the wait.
    pub async fn start_sign_in(&self) -> Result<TwitchAccountState, TwitchError> {
        let client_id = self.client_id()?;
        self.cancel_sign_in();
        let mut builder = DeviceUserTokenBuilder::new(client_id, scopes());
        let code = match builder.start(&self.inner.http).await {
            Ok(code) => code.clone(),
            Err(DeviceUserTokenExchangeError::DeviceExchangeRequestError(
                HttpError::Unreachable,
            )) => {
                return Err(TwitchError::Unreachable);
            }
            Err(error) => {
                tracing::info!(%error, "Twitch refused to start a sign-in");
                return Err(TwitchError::SignInAgain {
                    reason: SignInProblem::UnknownApplication,
                });
            }
        };
        let expires_at = jiff::Timestamp::now()
            .checked_add(jiff::SignedDuration::from_secs(code.expires_in as i64))
            .unwrap_or(jiff::Timestamp::MAX);
        let state = TwitchAccountState::SigningIn {
            user_code: code.user_code.clone(),
            verification_uri: code.verification_uri.clone(),
            expires_at: expires_at.to_string(),
        };
        self.set_state(state.clone());
        let account = self.clone();
        let interval = Duration::from_secs(code.interval.max(1));
        let lifetime = Duration::from_secs(code.expires_in);
        let task =
            tokio::spawn(
                async move { account.wait_for_approval(builder, interval, lifetime).await },
            );
        if let Ok(mut slot) = self.inner.sign_in.lock() {
            *slot = Some(task);
        }
        Ok(state)
    }

    async fn wait_for_approval(
        &self,
        builder: DeviceUserTokenBuilder,
        interval: Duration,
        lifetime: Duration,
    ) {
        let deadline = tokio::time::Instant::now() + lifetime;
        loop {
            tokio::time::sleep(interval).await;
            if tokio::time::Instant::now() >= deadline {
                self.set_state(TwitchAccountState::SignInAgain {
                    reason: SignInProblem::CodeExpired,
                });
                return;
            }
            match builder.try_finish(&self.inner.http).await {
                Ok(token) => {
                    let tokens = Tokens {
                        access: token.access_token.clone(),
                        refresh: token.refresh_token.clone(),
                        login: token.login.to_string(),
                        user_id: token.user_id.to_string(),
                    };
                    if let Err(error) = self.keep(&tokens) {
                        // Signed in for this session; the next start asks again.
                        tracing::warn!(%error, "the Twitch sign-in could not be kept in the keychain");
                    }
                    // In memory before the state says so: whoever reacts to
                    // "signed in" finds the token.
                    let mut slot = self.inner.tokens.lock().await;
                    self.signed_in(&tokens, false);
                    *slot = Some(tokens);
                    return;
                }
                Err(error) if error.is_pending() => continue,
                Err(DeviceUserTokenExchangeError::TokenRequestError(HttpError::Unreachable)) => {
                    continue;
                }
                Err(error) => {
                    let reason = match &error {
                        DeviceUserTokenExchangeError::TokenParseError(
                            twitch_oauth2::RequestParseError::TwitchError(answer),
                        ) if answer.message.contains("denied") => SignInProblem::Denied,
                        _ => SignInProblem::CodeExpired,
                    };
                    tracing::info!(%error, "the Twitch sign-in ended without a token");
                    self.set_state(TwitchAccountState::SignInAgain { reason });
                    return;
                }
            }
        }
    }

    /// Stops waiting for a sign-in under way.
    pub fn cancel_sign_in(&self) {
        let task = self
            .inner
            .sign_in
            .lock()
            .ok()
            .and_then(|mut slot| slot.take());
        if let Some(task) = task {
            task.abort();
            if matches!(self.state(), TwitchAccountState::SigningIn { .. }) {
                self.set_state(TwitchAccountState::SignedOut);
            }
        }
    }

    /// Signs out: the token is revoked with Twitch (so a copy of it is
    /// worthless), then forgotten here. Offline, it is forgotten here all
    /// the same, and the error says Twitch could not be told.
    pub async fn sign_out(&self) -> Result<(), TwitchError> {
        self.cancel_sign_in();
        let tokens = self.inner.tokens.lock().await.take();
        self.inner.kept.forget()?;
        let client_id = self.client_id().ok();
        self.set_state(if client_id.is_some() {
            TwitchAccountState::SignedOut
        } else {
            TwitchAccountState::NotConfigured
        });
        let (Some(tokens), Some(client_id)) = (tokens, client_id) else {
            return Ok(());
        };
        match tokens
            .access
            .revoke_token(&self.inner.http, &client_id)
            .await
        {
            Ok(()) => Ok(()),
            Err(twitch_oauth2::tokens::errors::RevokeTokenError::RequestError(
                HttpError::Unreachable,
            )) => Err(TwitchError::NotRevoked),
            // Already revoked or expired: nothing left to do.
            Err(error) => {
                tracing::info!(%error, "Twitch did not revoke the token");
                Ok(())
            }
        }
    }
}
