//! Twitch's API (Helix) for what chat's IRC no longer does: deleting a
//! message, timing out, banning and unbanning a person.
//!
//! `twitch_api` builds each request (path, query, body, headers); the app's
//! client sends it to the configured address. A 401 means the token was
//! refused: the account refreshes it (once, whoever asks) and the call is
//! made again, once. Twitch's refusals are told in its own words (which
//! message is too old, who cannot be banned) beside a translated reason.

use serde::{Deserialize, Serialize};
use twitch_api::helix::moderation::{
    BanUserBody, BanUserRequest, DeleteChatMessagesRequest, UnbanUserRequest,
};
use twitch_api::helix::request::errors::CreateRequestError;
use twitch_api::helix::{RequestDelete, RequestPost};

use super::{TwitchAccount, TwitchError};

/// Sends Helix requests as the signed-in person (moderation here, the
/// channel in `channel.rs`).
#[derive(Clone)]
pub(crate) struct Helix {
    account: TwitchAccount,
}

/// Moderation through Helix, as the signed-in person.
#[derive(Clone)]
pub struct Moderation {
    helix: Helix,
}

/// What a moderator does to a message or its author, from the chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ModerationAction {
    Delete {
        message_id: String,
    },
    /// A timeout of `seconds` (Twitch takes 1 s to 14 days).
    Timeout {
        user_id: String,
        seconds: u32,
        reason: String,
    },
    Ban {
        user_id: String,
        reason: String,
    },
    Unban {
        user_id: String,
    },
}

/// What Twitch answers when it refuses.
#[derive(Deserialize)]
struct Refusal {
    #[serde(default)]
    message: String,
}

impl Helix {
    pub(crate) fn new(account: TwitchAccount) -> Helix {
        Helix { account }
    }

    /// The signed-in person's user id.
    pub(crate) async fn me(&self) -> Result<String, TwitchError> {
        Ok(self.account.access().await?.2)
    }

    /// The signed-in person's login.
    pub(crate) async fn login(&self) -> Result<String, TwitchError> {
        Ok(self.account.access().await?.1)
    }

    /// Sends the request `build` makes (from the token, the client id and
    /// the signed-in person's id) with the current token; on a 401, once
    /// more with a refreshed one. Answers Twitch's successful response.
    pub(crate) async fn send(
        &self,
        build: impl Fn(&str, &str, &str) -> Result<http::Request<bytes::Bytes>, CreateRequestError>,
    ) -> Result<http::Response<Vec<u8>>, TwitchError> {
        let answer = self.exchange(build).await?;
        if answer.status().is_success() {
            Ok(answer)
        } else {
            Err(refusal(&answer))
        }
    }

    /// As [`Helix::send`], but `None` when Twitch answers that what the
    /// request names does not exist (404): a scheduled broadcast deleted
    /// on twitch.tv, say.
    pub(crate) async fn send_unless_gone(
        &self,
        build: impl Fn(&str, &str, &str) -> Result<http::Request<bytes::Bytes>, CreateRequestError>,
    ) -> Result<Option<http::Response<Vec<u8>>>, TwitchError> {
        let answer = self.exchange(build).await?;
        match answer.status() {
            status if status.is_success() => Ok(Some(answer)),
            http::StatusCode::NOT_FOUND => Ok(None),
            _ => Err(refusal(&answer)),
        }
    }

    /// Twitch's answer to the request, made again once with a refreshed
    /// token when the first is refused (401).
    async fn exchange(
        &self,
        build: impl Fn(&str, &str, &str) -> Result<http::Request<bytes::Bytes>, CreateRequestError>,
    ) -> Result<http::Response<Vec<u8>>, TwitchError> {
        let client_id = self.account.client_id()?;
        let (mut token, _, me) = self.account.access().await?;
        let mut refreshed = false;
        loop {
            let request = build(token.as_str(), client_id.as_str(), &me).map_err(|error| {
                tracing::error!(%error, "a Helix request could not be made");
                TwitchError::Refused {
                    message: String::new(),
                }
            })?;
            let (parts, body) = request.into_parts();
            let answer = self
                .account
                .http()
                .send(http::Request::from_parts(parts, body.to_vec()))
                .await
                .map_err(|_| TwitchError::Unreachable)?;
            if answer.status() == http::StatusCode::UNAUTHORIZED && !refreshed {
                token = self.account.refreshed_after(&token).await?;
                refreshed = true;
                continue;
            }
            return Ok(answer);
        }
    }
}

/// What Twitch's refusal means for the person.
fn refusal(answer: &http::Response<Vec<u8>>) -> TwitchError {
    let message = serde_json::from_slice::<Refusal>(answer.body())
        .map(|r| r.message)
        .unwrap_or_default();
    match answer.status() {
        http::StatusCode::UNAUTHORIZED => TwitchError::SignInAgain {
            reason: super::SignInProblem::Revoked,
        },
        http::StatusCode::FORBIDDEN => TwitchError::NotModerator,
        http::StatusCode::TOO_MANY_REQUESTS => TwitchError::TooFast {
            retry_in_ms: retry_in_ms(answer.headers(), jiff::Timestamp::now().as_millisecond()),
        },
        _ => TwitchError::Refused { message },
    }
}

/// How long until Twitch takes requests again after a 429: its
/// `Ratelimit-Reset` header is the second (Unix time) its bucket refills;
/// a second when it does not say, a minute at most.
fn retry_in_ms(headers: &http::HeaderMap, now_ms: i64) -> u32 {
    const UNSAID_MS: u32 = 1_000;
    const LONGEST_MS: i64 = 60_000;
    headers
        .get("ratelimit-reset")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .map_or(UNSAID_MS, |reset| {
            let wait = reset.saturating_mul(1_000).saturating_sub(now_ms);
            u32::try_from(wait.clamp(0, LONGEST_MS)).unwrap_or(UNSAID_MS)
        })
}

impl Moderation {
    pub fn new(account: TwitchAccount) -> Moderation {
        Moderation {
            helix: Helix::new(account),
        }
    }

    async fn call(
        &self,
        build: impl Fn(&str, &str, &str) -> Result<http::Request<bytes::Bytes>, CreateRequestError>,
    ) -> Result<(), TwitchError> {
        self.helix.send(build).await.map(|_| ())
    }

    /// Does `action` in the chat of `broadcaster_id`.
    pub async fn apply(
        &self,
        broadcaster_id: &str,
        action: &ModerationAction,
    ) -> Result<(), TwitchError> {
        match action {
            ModerationAction::Delete { message_id } => {
                self.delete_message(broadcaster_id, message_id).await
            }
            ModerationAction::Timeout {
                user_id,
                seconds,
                reason,
            } => {
                self.ban(
                    broadcaster_id,
                    user_id,
                    Some((*seconds).clamp(1, 1_209_600)),
                    reason,
                )
                .await
            }
            ModerationAction::Ban { user_id, reason } => {
                self.ban(broadcaster_id, user_id, None, reason).await
            }
            ModerationAction::Unban { user_id } => self.unban(broadcaster_id, user_id).await,
        }
    }

    /// Deletes one message from `broadcaster_id`'s chat.
    pub async fn delete_message(
        &self,
        broadcaster_id: &str,
        message_id: &str,
    ) -> Result<(), TwitchError> {
        self.call(|token, client_id, me| {
            DeleteChatMessagesRequest::new(broadcaster_id, me)
                .message_id(message_id)
                .create_request(token, client_id)
        })
        .await
    }

    /// Times `user_id` out for `seconds` (1 s to 14 days), or bans them
    /// when none, with the reason given.
    pub async fn ban(
        &self,
        broadcaster_id: &str,
        user_id: &str,
        seconds: Option<u32>,
        reason: &str,
    ) -> Result<(), TwitchError> {
        self.call(|token, client_id, me| {
            BanUserRequest::new(broadcaster_id, me).create_request(
                BanUserBody::new(user_id, reason, seconds),
                token,
                client_id,
            )
        })
        .await
    }

    /// Lifts a ban or a timeout.
    pub async fn unban(&self, broadcaster_id: &str, user_id: &str) -> Result<(), TwitchError> {
        self.call(|token, client_id, me| {
            UnbanUserRequest::new(broadcaster_id, me, user_id).create_request(token, client_id)
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reset_at(value: &str) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        headers.insert("Ratelimit-Reset", value.parse().expect("header"));
        headers
    }

    #[test]
    fn a_refusal_for_going_too_fast_waits_until_twitch_refills_its_bucket() {
        let now_ms = 1_764_800_000_250;
        assert_eq!(retry_in_ms(&reset_at("1764800003"), now_ms), 2_750);
        assert_eq!(
            retry_in_ms(&reset_at("1764800000"), now_ms),
            0,
            "already refilled"
        );
        assert_eq!(
            retry_in_ms(&reset_at("1764809999"), now_ms),
            60_000,
            "a minute at most"
        );
        assert_eq!(
            retry_in_ms(&reset_at("soon"), now_ms),
            1_000,
            "unreadable: a second"
        );
        assert_eq!(
            retry_in_ms(&http::HeaderMap::new(), now_ms),
            1_000,
            "unsaid: a second"
        );
    }
}
