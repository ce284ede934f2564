//! What this computer's Twitch chat keeps between sessions: the channels
//! joined (the streamer's own is joined anyway) and the keywords the team
//! wants highlighted ("concours", a sponsor's name). A device setting: each
//! streamer follows their own chats.

use serde::{Deserialize, Serialize};

use crate::settings::{store, stored};
use crate::validation::{FieldErrors, FieldProblem};
use crate::{Database, Error};

const KEY: &str = "twitch_chat";
/// The most keywords kept, and the longest one.
pub const MAX_KEYWORDS: usize = 50;
pub const MAX_KEYWORD: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChatPreferences {
    /// Twitch logins, lower case.
    pub channels: Vec<String>,
    pub keywords: Vec<String>,
}

/// Keywords trimmed, empty ones dropped, each once (whatever its case).
pub fn validate(preferences: ChatPreferences) -> Result<ChatPreferences, FieldErrors> {
    let mut keywords: Vec<String> = Vec::new();
    for keyword in preferences.keywords {
        let keyword = keyword.trim().to_owned();
        if !keyword.is_empty()
            && !keywords
                .iter()
                .any(|k| k.to_lowercase() == keyword.to_lowercase())
        {
            keywords.push(keyword);
        }
    }
    let mut channels: Vec<String> = preferences
        .channels
        .into_iter()
        .map(|c| c.trim().trim_start_matches('#').to_lowercase())
        .filter(|c| !c.is_empty())
        .collect();
    channels.sort();
    channels.dedup();
    let mut errors = FieldErrors::default();
    if keywords.len() > MAX_KEYWORDS {
        errors.add(
            "keywords",
            FieldProblem::TooLarge {
                max: MAX_KEYWORDS as u32,
            },
        );
    } else if keywords.iter().any(|k| k.chars().count() > MAX_KEYWORD) {
        errors.add(
            "keywords",
            FieldProblem::TooLong {
                max: MAX_KEYWORD as u32,
            },
        );
    }
    errors.into_result(ChatPreferences { channels, keywords })
}

/// The chat's preferences on this computer (none kept: nothing joined, no
/// keyword).
pub fn get(db: &Database) -> Result<ChatPreferences, Error> {
    db.read(|c| {
        Ok(stored(c, KEY)?
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default())
    })
}

/// Validates and keeps the preferences.
pub fn save(db: &Database, preferences: ChatPreferences) -> Result<ChatPreferences, Error> {
    let preferences = validate(preferences)?;
    let json = serde_json::to_string(&preferences).unwrap_or_default();
    db.write(|t| store(t, KEY, &json))?;
    Ok(preferences)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_trimmed_and_kept_once_whatever_their_case() {
        let kept = validate(ChatPreferences {
            channels: vec!["#Ecoute_Live".into(), "ecoute_live".into()],
            keywords: vec![
                " Concours ".into(),
                "concours".into(),
                "".into(),
                "Red Bull".into(),
            ],
        })
        .expect("valid");
        assert_eq!(kept.keywords, ["Concours", "Red Bull"]);
        assert_eq!(kept.channels, ["ecoute_live"]);
    }

    #[test]
    fn a_keyword_too_long_is_refused_on_its_field() {
        let refused = validate(ChatPreferences {
            channels: Vec::new(),
            keywords: vec!["x".repeat(51)],
        })
        .expect_err("too long");
        assert_eq!(refused.0[0].field, "keywords");
    }

    #[test]
    fn the_preferences_stay_on_this_computer_between_sessions() {
        let folder = tempfile::tempdir().expect("folder");
        let db = Database::open(folder.path()).expect("open");
        assert_eq!(get(&db).expect("read"), ChatPreferences::default());
        let saved = save(
            &db,
            ChatPreferences {
                channels: vec!["nadia_live".into()],
                keywords: vec!["concours".into()],
            },
        )
        .expect("saved");
        assert_eq!(get(&db).expect("read"), saved);
    }
}
