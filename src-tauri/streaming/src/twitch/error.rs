//! What can go wrong with Twitch, with what the person needs to know and
//! nothing else: never a token, never a URL (a revocation carries its token
//! in the query), never a raw answer.

use mona_core::keychain::KeychainError;
use serde::Serialize;
use thiserror::Error;

use super::account::SignInProblem;

/// A Twitch action that did not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, specta::Type)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum TwitchError {
    /// No Twitch application is set in Settings.
    #[error("no Twitch application is set up")]
    NotConfigured,
    #[error("not signed in to Twitch")]
    NotSignedIn,
    /// Offline, or Twitch is down.
    #[error("Twitch could not be reached")]
    Unreachable,
    /// Twitch refuses the sign-in: sign in again.
    #[error("sign in to Twitch again ({reason:?})")]
    SignInAgain { reason: SignInProblem },
    /// Signed out here, but Twitch could not be told (offline): the token
    /// expires by itself within hours.
    #[error("signed out, but Twitch could not be told")]
    NotRevoked,
    /// A chat message with nothing in it.
    #[error("the message is empty")]
    EmptyMessage,
    /// Twitch takes at most `max` characters a message.
    #[error("the message has {count} characters, Twitch takes {max}")]
    TooLong { max: u32, count: u32 },
    /// Twitch's rate for chat messages is reached: sending now would get
    /// the sender ignored for up to 30 minutes.
    #[error("too many messages: wait {retry_in_ms} ms")]
    TooFast { retry_in_ms: u32 },
    /// Not a Twitch channel name (letters, digits, underscores).
    #[error("not a Twitch channel name")]
    InvalidChannel,
    /// The chat has not joined that channel (its id is not known yet).
    #[error("the chat is not in that channel")]
    NotInChannel,
    /// Moderating needs the broadcaster's or a moderator's rights in that
    /// channel.
    #[error("not a moderator of this channel")]
    NotModerator,
    /// The live is on another streamer's schedule: only they can change
    /// it there.
    #[error("the live is on {login}'s Twitch schedule")]
    OtherChannel { login: String },
    /// Twitch refused, in its own words (English; empty when it gave
    /// none): a message older than 6 hours, a person already banned…
    #[error("Twitch refused: {message}")]
    Refused { message: String },
    /// The OS keychain could not keep or give back the sign-in.
    #[error("the system keychain is not available")]
    Keychain,
}

impl From<KeychainError> for TwitchError {
    fn from(error: KeychainError) -> Self {
        tracing::warn!(%error, "the keychain refused a Twitch sign-in");
        TwitchError::Keychain
    }
}

/// A step of a live done with Twitch did not happen: the live's record
/// refused it (a live unfit for the schedule, a database error), or Twitch
/// did.
#[derive(Debug, Error)]
pub enum TwitchLiveError {
    #[error(transparent)]
    Live(#[from] mona_core::Error),
    #[error(transparent)]
    Twitch(#[from] TwitchError),
}
