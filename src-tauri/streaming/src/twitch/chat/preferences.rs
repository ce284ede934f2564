//! The chat's preferences kept on this computer (the core's
//! `chat_preferences`), changed together with the chat: a channel joined
//! or left, the keywords highlighted, are there again at the next start.

use mona_core::Database;
use mona_core::chat_preferences::{self, ChatPreferences};

use super::TwitchChat;
use crate::twitch::TwitchError;

/// Changing the preferences failed.
#[derive(Debug, thiserror::Error)]
pub enum PreferencesError {
    #[error(transparent)]
    Twitch(#[from] TwitchError),
    #[error(transparent)]
    Store(#[from] mona_core::Error),
}

fn keep_channels(db: &Database, chat: &TwitchChat) -> Result<(), PreferencesError> {
    let mut kept = chat_preferences::get(db)?;
    kept.channels = chat.status().borrow().wanted.clone();
    chat_preferences::save(db, kept)?;
    Ok(())
}

/// Joins `channel` and keeps it joined; answers its name as Twitch writes it.
pub fn join(db: &Database, chat: &TwitchChat, channel: &str) -> Result<String, PreferencesError> {
    let channel = chat.join(channel)?;
    keep_channels(db, chat)?;
    Ok(channel)
}

/// Leaves `channel`, for the next sessions too.
pub fn leave(db: &Database, chat: &TwitchChat, channel: &str) -> Result<(), PreferencesError> {
    chat.leave(channel);
    keep_channels(db, chat)
}

/// Keeps and uses the keywords to highlight.
pub fn set_keywords(
    db: &Database,
    chat: &TwitchChat,
    keywords: Vec<String>,
) -> Result<ChatPreferences, PreferencesError> {
    let mut kept = chat_preferences::get(db)?;
    kept.keywords = keywords;
    let kept = chat_preferences::save(db, kept)?;
    chat.set_keywords(kept.keywords.clone());
    Ok(kept)
}
