//! Twitch, spoken to directly from the desktop: the account (device code
//! sign-in, tokens in the keychain, one refresh at a time), the chat
//! (`twitch-irc`, bounded memory), and the addresses and HTTP client every
//! Twitch call goes through.
//!
//! Invariants:
//! - Every address comes from [`TwitchEndpoints`]: tests run the same code
//!   against servers on this computer.
//! - A token lives in the keychain and in [`TwitchAccount`]'s memory only;
//!   no type of this module that can be logged or sent to the page holds
//!   one, and no error carries one.

pub mod account;
pub mod channel;
pub mod chat;
mod endpoints;
mod error;
mod helix;
mod http;
pub mod schedule;
mod tls;

pub use account::{SignInProblem, TwitchAccount, TwitchAccountState};
pub use endpoints::{
    EndpointError, HELIX_VARIABLE, IRC_VARIABLE, IrcAddress, OAUTH_VARIABLE, TwitchEndpoints,
};
pub use error::{TwitchError, TwitchLiveError};
pub use helix::{Moderation, ModerationAction};
pub use http::{HttpError, TwitchHttp};

/// A `tracing` directive the app's log always carries: the chat library
/// writes every IRC line it sends at trace level, the sign-in line with
/// the token among them. Its connection module never logs below debug.
pub const LOG_DIRECTIVE: &str = "twitch_irc::connection::event_loop=debug";

use mona_core::keychain::Secret;

/// Where this computer keeps its Twitch sign-in: one per computer, as
/// Twitch's own apps do.
pub fn kept_sign_in() -> Secret {
    Secret::new("MONA x SPARK Desk Twitch", "Twitch sign-in")
}

/// `text` trimmed, if Twitch takes it: at most `max` characters (Twitch
/// counts characters, not bytes).
pub(crate) fn fitting(text: &str, max: usize) -> Result<&str, TwitchError> {
    let text = text.trim();
    let count = text.chars().count();
    if count > max {
        return Err(TwitchError::TooLong {
            max: max.min(u32::MAX as usize) as u32,
            count: count.min(u32::MAX as usize) as u32,
        });
    }
    Ok(text)
}
