//! An artist's social accounts and their dated audience figures.
//!
//! Why it exists: the score's audience, engagement and growth criteria read
//! how many people follow the artist where, and how that changed over 30
//! and 90 days. So an audience figure is kept with the day it was read, one
//! per account and day (a figure typed twice on one day replaces the first,
//! on every device alike: its id is made from the account and the day), and
//! the card shows each account's latest one.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::stored_enum::stored_enum;
use crate::validation::{FieldErrors, FieldProblem, is_plausible_url, optional_text};
use crate::{Error, ids};

/// Where an artist can be followed.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    Twitch,
    Youtube,
    #[default]
    Instagram,
    Tiktok,
    Spotify,
    X,
    Facebook,
    Soundcloud,
    Other,
}

stored_enum!(Platform {
    Twitch => "twitch",
    Youtube => "youtube",
    Instagram => "instagram",
    Tiktok => "tiktok",
    Spotify => "spotify",
    X => "x",
    Facebook => "facebook",
    Soundcloud => "soundcloud",
    Other => "other",
});

/// One account on an artist card, with its latest audience figure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct SocialAccount {
    /// `None` for an account added in this edit.
    pub id: Option<String>,
    pub platform: Platform,
    /// Without the `@`.
    pub handle: Option<String>,
    pub url: Option<String>,
    /// Followers, subscribers or monthly listeners.
    pub audience: Option<u32>,
    /// Engagement rate in basis points (420 is 4.20 %), when the platform gives one.
    pub engagement_bp: Option<u32>,
    /// The day of the audience figure (read only: an edit dates it today).
    pub measured_on: Option<String>,
}

const HANDLE_MAX: usize = 60;
const ACCOUNTS_MAX: usize = 20;

/// Checks and tidies the accounts of a card; problems are reported as
/// `accounts.<index>.<field>`.
pub(crate) fn validate(accounts: &[SocialAccount], errors: &mut FieldErrors) -> Vec<SocialAccount> {
    if accounts.len() > ACCOUNTS_MAX {
        errors.add(
            "accounts",
            FieldProblem::TooLarge {
                max: ACCOUNTS_MAX as u32,
            },
        );
    }
    accounts
        .iter()
        .enumerate()
        .map(|(index, account)| {
            let field = |name: &str| format!("accounts.{index}.{name}");
            let handle = optional_text(account.handle.as_deref())
                .map(|h| h.trim_start_matches('@').to_owned());
            let valid_handle = |h: &str| {
                (1..=HANDLE_MAX).contains(&h.chars().count())
                    && h.chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
            };
            if handle.as_deref().is_some_and(|h| !valid_handle(h)) {
                errors.add(&field("handle"), FieldProblem::InvalidHandle);
            }
            let url = optional_text(account.url.as_deref());
            if url.as_deref().is_some_and(|u| !is_plausible_url(u)) {
                errors.add(&field("url"), FieldProblem::InvalidUrl);
            }
            if handle.is_none() && url.is_none() && account.platform != Platform::Other {
                errors.add(&field("handle"), FieldProblem::Required);
            }
            if account.engagement_bp.is_some_and(|e| e > 10_000) {
                errors.add(
                    &field("engagementBp"),
                    FieldProblem::TooLarge { max: 10_000 },
                );
            }
            SocialAccount {
                id: account.id.clone(),
                platform: account.platform,
                // Twitch logins are lower case; other platforms keep what was typed.
                handle: match account.platform {
                    Platform::Twitch => handle.map(|h| h.to_lowercase()),
                    _ => handle,
                },
                url,
                audience: account.audience,
                engagement_bp: account.engagement_bp,
                measured_on: None,
            }
        })
        .collect()
}

/// The live accounts of `artist_id` with their latest figures, in the order
/// they were added (accounts added together in the platforms' order).
pub(crate) fn load(connection: &Connection, artist_id: &str) -> Result<Vec<SocialAccount>, Error> {
    let mut statement = connection.prepare_cached(
        "SELECT s.id, s.platform, s.handle, s.url, f.audience, f.engagement_bp, f.measured_on,
                s.created_at
         FROM social_accounts s
         LEFT JOIN audience_figures f ON f.id = (
             SELECT id FROM audience_figures
             WHERE account_id = s.id AND deleted_at IS NULL
             ORDER BY measured_on DESC LIMIT 1)
         WHERE s.artist_id = ?1 AND s.deleted_at IS NULL",
    )?;
    let mut accounts: Vec<(String, SocialAccount)> = statement
        .query_map([artist_id], |row| {
            Ok((
                row.get(7)?,
                SocialAccount {
                    id: row.get(0)?,
                    platform: Platform::parse(&row.get::<_, String>(1)?),
                    handle: row.get(2)?,
                    url: row.get(3)?,
                    audience: row.get(4)?,
                    engagement_bp: row.get(5)?,
                    measured_on: row.get(6)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let rank = |p: Platform| Platform::ALL.iter().position(|q| *q == p);
    accounts.sort_by(|(a_at, a), (b_at, b)| {
        (a_at, rank(a.platform), &a.handle).cmp(&(b_at, rank(b.platform), &b.handle))
    });
    Ok(accounts.into_iter().map(|(_, account)| account).collect())
}

/// Makes the stored accounts of `artist_id` what the card says: new ones
/// added, changed ones updated, missing ones removed (soft delete), and a
/// figure dated `today` wherever the audience or engagement typed differs
/// from the latest one.
pub(crate) fn save(
    connection: &Connection,
    artist_id: &str,
    accounts: &[SocialAccount],
    now: &str,
    today: &str,
) -> Result<(), Error> {
    let stored = load(connection, artist_id)?;
    for old in &stored {
        if !accounts.iter().any(|a| a.id.is_some() && a.id == old.id) {
            connection
                .prepare_cached(
                    "UPDATE social_accounts SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
                )?
                .execute(params![old.id, now])?;
        }
    }
    let mut added = Vec::new();
    for account in accounts {
        let Some(old) = stored
            .iter()
            .find(|old| account.id.is_some() && old.id == account.id)
        else {
            added.push(NewAccount {
                id: ids::new_id(),
                artist_id,
                account,
                figures_on: today,
            });
            continue;
        };
        let id = old.id.clone().unwrap_or_default();
        if (old.platform, &old.handle, &old.url)
            != (account.platform, &account.handle, &account.url)
        {
            connection
                .prepare_cached(
                    "UPDATE social_accounts SET platform = ?2, handle = ?3, url = ?4,
                     updated_at = ?5 WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    account.platform,
                    account.handle,
                    account.url,
                    now
                ])?;
        }
        if (old.audience, old.engagement_bp) != (account.audience, account.engagement_bp)
            && let Some(audience) = account.audience
        {
            record_figure(connection, &id, today, audience, account.engagement_bp, now)?;
        }
    }
    insert_many(connection, &added, now)
}

/// An account about to be stored for the first time, with the audience
/// typed on it dated `figures_on`.
pub(crate) struct NewAccount<'a> {
    pub id: String,
    pub artist_id: &'a str,
    pub account: &'a SocialAccount,
    pub figures_on: &'a str,
}

/// Stores new accounts and their first audience figures, a statement per
/// table for each batch.
pub(crate) fn insert_many(
    connection: &Connection,
    accounts: &[NewAccount<'_>],
    now: &str,
) -> Result<(), Error> {
    for batch in accounts.chunks(super::ROWS_PER_STATEMENT) {
        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(batch.len() * 7);
        for new in batch {
            values.extend([
                &new.id as &dyn rusqlite::ToSql,
                &new.artist_id,
                &new.account.platform,
                &new.account.handle,
                &new.account.url,
                &now,
                &now,
            ]);
        }
        super::insert_rows(
            connection,
            "INSERT INTO social_accounts (id, artist_id, platform, handle, url, created_at, updated_at) VALUES",
            "(?, ?, ?, ?, ?, ?, ?)",
            "",
            batch.len(),
            &values,
        )?;
    }
    let figures: Vec<Figure<'_>> = accounts
        .iter()
        .filter_map(|new| {
            Some(Figure {
                account_id: &new.id,
                day: new.figures_on,
                audience: new.account.audience?,
                engagement_bp: new.account.engagement_bp,
            })
        })
        .collect();
    record_figures(connection, &figures, now)
}

/// What an account's audience was on a day.
pub(crate) struct Figure<'a> {
    pub account_id: &'a str,
    pub day: &'a str,
    pub audience: u32,
    pub engagement_bp: Option<u32>,
}

/// Records figures (each replacing a figure of the same account and day),
/// a statement for each batch.
pub(crate) fn record_figures(
    connection: &Connection,
    figures: &[Figure<'_>],
    now: &str,
) -> Result<(), Error> {
    for batch in figures.chunks(super::ROWS_PER_STATEMENT) {
        let ids: Vec<String> = batch
            .iter()
            .map(|f| ids::link_id("audience_figures", &[f.account_id, f.day]))
            .collect();
        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(batch.len() * 7);
        for (figure, id) in batch.iter().zip(&ids) {
            values.extend([
                id as &dyn rusqlite::ToSql,
                &figure.account_id,
                &figure.day,
                &figure.audience,
                &figure.engagement_bp,
                &now,
                &now,
            ]);
        }
        super::insert_rows(
            connection,
            "INSERT INTO audience_figures
                 (id, account_id, measured_on, audience, engagement_bp, created_at, updated_at) VALUES",
            "(?, ?, ?, ?, ?, ?, ?)",
            " ON CONFLICT (id) DO UPDATE SET audience = excluded.audience,
                 engagement_bp = excluded.engagement_bp, deleted_at = NULL,
                 updated_at = excluded.updated_at",
            batch.len(),
            &values,
        )?;
    }
    Ok(())
}

/// Records what an account's audience was on `day` (replacing a figure of
/// the same day).
pub(crate) fn record_figure(
    connection: &Connection,
    account_id: &str,
    day: &str,
    audience: u32,
    engagement_bp: Option<u32>,
    now: &str,
) -> Result<(), Error> {
    let figure = Figure {
        account_id,
        day,
        audience,
        engagement_bp,
    };
    record_figures(connection, &[figure], now)
}

/// Moves what cards still hold in the columns V12 retired (four handles, a
/// follower count, monthly listeners) into accounts and figures, then
/// empties those columns. An ordinary edit, so it syncs; the ids are made
/// from the card and the platform, so two computers moving the same card
/// make the same rows. Figures are dated on the card's last edit. Runs
/// when the database opens: a value an older app version wrote meanwhile
/// moves at the next start. Returns how many cards moved.
pub(crate) fn move_retired_columns(connection: &Connection, now: &str) -> Result<usize, Error> {
    if !crate::storage::has_table(connection, "social_accounts")? {
        return Ok(0);
    }
    type Retired = (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<u32>,
        Option<u32>,
    );
    let cards: Vec<Retired> = connection
        .prepare(
            "SELECT id, substr(updated_at, 1, 10), instagram_handle, tiktok_handle, twitch_login,
                    spotify_url, followers, monthly_listeners
             FROM artists
             WHERE coalesce(instagram_handle, tiktok_handle, twitch_login, spotify_url, followers,
                            monthly_listeners) IS NOT NULL",
        )?
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (artist_id, day, instagram, tiktok, twitch, spotify, followers, listeners) in &cards {
        // The follower count was the artist's social audience: it goes to the
        // first of their social accounts, or to an account of its own.
        let social = [
            (Platform::Instagram, instagram),
            (Platform::Tiktok, tiktok),
            (Platform::Twitch, twitch),
        ];
        let followers_on = social
            .iter()
            .find(|(_, handle)| handle.is_some())
            .map_or(Platform::Other, |(platform, _)| *platform);
        let account =
            |platform, handle: Option<String>, url: Option<String>, audience| SocialAccount {
                platform,
                handle,
                url,
                audience,
                ..SocialAccount::default()
            };
        let mut moved: Vec<SocialAccount> = social
            .iter()
            .filter_map(|(platform, handle)| {
                handle.as_ref().map(|h| {
                    let audience = (*platform == followers_on).then_some(*followers).flatten();
                    account(*platform, Some(h.clone()), None, audience)
                })
            })
            .collect();
        if followers_on == Platform::Other && followers.is_some() {
            moved.push(account(Platform::Other, None, None, *followers));
        }
        if spotify.is_some() || listeners.is_some() {
            // A listener count without a link keeps an account to hold it.
            let handle = spotify.is_none().then(|| "spotify".to_owned());
            moved.push(account(
                Platform::Spotify,
                handle,
                spotify.clone(),
                *listeners,
            ));
        }
        for moved in moved {
            let id = ids::link_id("social_accounts", &[artist_id, moved.platform.as_str()]);
            connection
                .prepare_cached(
                    "INSERT INTO social_accounts (id, artist_id, platform, handle, url, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) ON CONFLICT (id) DO NOTHING",
                )?
                .execute(params![id, artist_id, moved.platform, moved.handle, moved.url, now])?;
            if let Some(audience) = moved.audience {
                record_figure(connection, &id, day, audience, None, now)?;
            }
        }
        connection
            .prepare_cached(
                "UPDATE artists SET instagram_handle = NULL, tiktok_handle = NULL, twitch_login = NULL,
                 spotify_url = NULL, followers = NULL, monthly_listeners = NULL WHERE id = ?1",
            )?
            .execute([artist_id])?;
    }
    Ok(cards.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_lose_their_at_and_twitch_logins_their_capitals() {
        let mut errors = FieldErrors::default();
        let accounts = validate(
            &[
                SocialAccount {
                    platform: Platform::Twitch,
                    handle: Some("@ElodieMars".into()),
                    ..SocialAccount::default()
                },
                SocialAccount {
                    platform: Platform::Instagram,
                    handle: Some(" @elodie.mars ".into()),
                    ..SocialAccount::default()
                },
            ],
            &mut errors,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(accounts[0].handle.as_deref(), Some("elodiemars"));
        assert_eq!(accounts[1].handle.as_deref(), Some("elodie.mars"));
    }

    #[test]
    fn an_account_needs_a_handle_or_a_link_and_a_rate_below_one_hundred_percent() {
        let mut errors = FieldErrors::default();
        validate(
            &[
                SocialAccount {
                    platform: Platform::Youtube,
                    ..SocialAccount::default()
                },
                SocialAccount {
                    platform: Platform::Spotify,
                    url: Some("pas une adresse".into()),
                    engagement_bp: Some(12_000),
                    ..SocialAccount::default()
                },
            ],
            &mut errors,
        );
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "accounts.0.handle",
                "accounts.1.url",
                "accounts.1.engagementBp"
            ]
        );
    }
}
