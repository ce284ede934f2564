//! This device's preferences: language, theme, whether the first-run
//! choice was made, the columns the artist list shows. Stored in
//! `device_settings`, which is never synced: a laptop in English and a
//! desktop in French can share one team.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::artists::ArtistColumn;
use crate::{Database, Error};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum LanguagePreference {
    /// Follow the operating system's language.
    #[default]
    System,
    Fr,
    En,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ThemePreference {
    /// Follow the operating system's light or dark mode.
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DeviceSettings {
    pub language: LanguagePreference,
    pub theme: ThemePreference,
    /// False until the person chose "start empty" or "load demo data".
    pub onboarded: bool,
    /// The artist list's columns, in order; `None` until the person chose.
    pub artist_columns: Option<Vec<ArtistColumn>>,
}

/// A change to some of the settings; `None` keeps the current value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct SettingsChange {
    pub language: Option<LanguagePreference>,
    pub theme: Option<ThemePreference>,
    pub onboarded: Option<bool>,
    pub artist_columns: Option<Vec<ArtistColumn>>,
}

const LANGUAGE: &str = "language";
const THEME: &str = "theme";
const ONBOARDED: &str = "onboarded";
const ARTIST_COLUMNS: &str = "artist_columns";

/// The current settings; defaults for anything never set.
pub fn get(db: &Database) -> Result<DeviceSettings, Error> {
    db.read(|connection| {
        let value = |key: &str| stored(connection, key);
        Ok(DeviceSettings {
            language: value(LANGUAGE)?
                .and_then(|v| serde_json::from_str(&v).ok())
                .unwrap_or_default(),
            theme: value(THEME)?
                .and_then(|v| serde_json::from_str(&v).ok())
                .unwrap_or_default(),
            onboarded: value(ONBOARDED)?.is_some_and(|v| v == "true"),
            // Columns a later version named and this one does not know are
            // read as no choice.
            artist_columns: value(ARTIST_COLUMNS)?.and_then(|v| serde_json::from_str(&v).ok()),
        })
    })
}

/// Saves the given changes and returns the settings as they now are.
pub fn update(db: &Database, change: SettingsChange) -> Result<DeviceSettings, Error> {
    db.write(|tx| {
        if let Some(language) = change.language {
            store(tx, LANGUAGE, &json(&language))?;
        }
        if let Some(theme) = change.theme {
            store(tx, THEME, &json(&theme))?;
        }
        if let Some(onboarded) = change.onboarded {
            store(tx, ONBOARDED, &onboarded.to_string())?;
        }
        if let Some(columns) = &change.artist_columns {
            store(tx, ARTIST_COLUMNS, &json(columns))?;
        }
        Ok(())
    })?;
    get(db)
}

/// A device setting's stored text (other modules keep theirs here too:
/// who uses this computer, `team`).
pub(crate) fn stored(c: &Connection, key: &str) -> Result<Option<String>, Error> {
    Ok(c.query_row(
        "SELECT value FROM device_settings WHERE key = ?1",
        [key],
        |r| r.get(0),
    )
    .optional()?)
}

pub(crate) fn store(c: &Connection, key: &str, value: &str) -> Result<(), Error> {
    c.execute(
        "INSERT INTO device_settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub(crate) fn forget(c: &Connection, key: &str) -> Result<(), Error> {
    c.execute("DELETE FROM device_settings WHERE key = ?1", [key])?;
    Ok(())
}

fn json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
