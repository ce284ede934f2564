//! The Streaming Command Center's link to the tools a streamer runs: OBS
//! Studio (obs-websocket 5, OBS 30.2 and newer, through `obws`) and Twitch.
//!
//! Why it exists: during a live, the app is where the streamer switches
//! scenes, hides a source or stops a recording, so the connection to OBS
//! must be as dependable as OBS itself. Every tool of the field has
//! reconnect bugs (a link that silently died after the laptop slept, a
//! retry loop that gave up, two reconnects racing). This crate keeps one
//! supervised connection per OBS and says, at every moment, where it
//! stands.
//!
//! Map:
//! - [`obs`]: [`obs::ObsLink`], the supervised connection: connecting with
//!   backoff, a heartbeat, the health the app shows, the changes OBS
//!   announces, and the requests the app makes (scenes, sources).
//! - [`twitch`]: the Twitch account (device code sign-in, tokens in the
//!   keychain), the chat (IRC) and Helix (moderation, channel).
//! - [`archive`]: [`archive::RecordingArchive`], every recording OBS
//!   finishes made an asset of the library through the `media` crate.
//! - [`live`]: a live's run-of-show run: a segment's start puts its scene
//!   on air and posts its message; [`live::LiveRunner`] starts the
//!   automatic ones on time.
//!
//! Invariants:
//! - Never depends on Tauri; the app shell starts a link and shows its
//!   health.
//! - One task owns a connection's life: there is never more than one
//!   connection attempt at a time, and it never stops trying without saying
//!   why in [`obs::ObsHealth`].
//! - Every request has a deadline: a request OBS never answers fails with
//!   [`obs::ObsError::NoAnswer`] and makes the link check the connection.
//! - A password is never logged, never put in an error, never serialized.

pub mod archive;
pub mod live;
pub mod obs;
pub mod twitch;

/// Runs a call on the database off the async runtime's threads (SQLite
/// blocks); a call that panicked or was dropped reads as cancelled.
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, mona_core::Error> + Send + 'static,
) -> Result<T, mona_core::Error> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or(Err(mona_core::Error::Cancelled))
}
