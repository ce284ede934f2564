//! Any record a person can point at from another one: an artist, a sponsor,
//! an event or a content item, found by typing part of its name and named
//! back from its id.
//!
//! Why it exists: a task links to one record of each kind, a responsibility
//! or a notification names one, and later a deliverable or an interaction
//! will too. Each needs the same two things: "which records match what I
//! typed?" (accents and case optional, as everywhere in the app) and "what
//! is this id called?". They are answered here once, so a picker in the UI
//! is one component fed by [`find`], and a label is one call of [`named`].
//!
//! Artists are found through their word index ([`crate::artists::list`]);
//! the other kinds are a few hundred or thousand rows, read in their table
//! with the SQL function [`WORDS_MATCH_FUNCTION`] that folds each name the
//! way [`crate::text::fold`] does.

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::artists::{self, ArtistQuery, ArtistSortField, SortDirection};
use crate::{Database, Entity, Error, clock, text};

/// A kind of record another one can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Artist,
    Sponsor,
    Event,
    Content,
}

impl RecordKind {
    pub const ALL: [RecordKind; 4] = [
        RecordKind::Artist,
        RecordKind::Sponsor,
        RecordKind::Event,
        RecordKind::Content,
    ];

    /// What an error says is missing.
    pub fn entity(self) -> Entity {
        match self {
            RecordKind::Artist => Entity::Artist,
            RecordKind::Sponsor => Entity::Sponsor,
            RecordKind::Event => Entity::Event,
            RecordKind::Content => Entity::Content,
        }
    }

    /// Where a record of this kind is read, as [`RecordRef`] columns (id,
    /// name, hint, at), and the column its name is in: the one place both
    /// [`find`] and [`named`] read from.
    fn source(self) -> (&'static str, &'static str) {
        match self {
            RecordKind::Artist => ("SELECT id, name, city, NULL AS at FROM artists", "name"),
            RecordKind::Sponsor => ("SELECT id, name, website, NULL AS at FROM sponsors", "name"),
            RecordKind::Event => (
                "SELECT id, title, location, starts_at AS at, ends_at FROM spark_events",
                "title",
            ),
            RecordKind::Content => (
                "SELECT id, title, platform, coalesce(published_at, scheduled_at) AS at, updated_at
                 FROM spark_content",
                "title",
            ),
        }
    }
}

/// A record as a picker lists it and a link shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RecordRef {
    pub kind: RecordKind,
    pub id: String,
    pub name: String,
    /// What tells two namesakes apart: an artist's city, a sponsor's
    /// website, an event's place, a content item's platform.
    pub hint: Option<String>,
    /// When it happens: an event's start, a content item's publication
    /// (done or planned). An instant in storage format.
    pub at: Option<String>,
}

fn record_row(kind: RecordKind) -> impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<RecordRef> {
    move |r| {
        Ok(RecordRef {
            kind,
            id: r.get(0)?,
            name: r.get(1)?,
            hint: r
                .get::<_, Option<String>>(2)?
                .filter(|h| !h.trim().is_empty()),
            at: r.get(3)?,
        })
    }
}

/// Most records of one kind a search returns.
pub const MAX_PER_KIND: u32 = 20;

/// The records of `kinds` whose name has a word starting with each typed
/// word, accents and case ignored, at most `per_kind` of each kind, in the
/// order of `kinds`. Within a kind: artists and sponsors by name, events
/// and content items soonest first, then the most recent past ones.
/// Nothing typed finds nothing.
pub fn find(
    db: &Database,
    typed: &str,
    kinds: &[RecordKind],
    per_kind: u32,
) -> Result<Vec<RecordRef>, Error> {
    let words = search_words(typed);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let per_kind = per_kind.clamp(1, MAX_PER_KIND);
    let now = clock::now();
    let mut found = Vec::new();
    for &kind in kinds {
        if kind == RecordKind::Artist {
            let page = artists::list(
                db,
                &ArtistQuery {
                    search: Some(typed.to_owned()),
                    sort: ArtistSortField::Name,
                    direction: SortDirection::Asc,
                    offset: 0,
                    limit: per_kind,
                    ..ArtistQuery::default()
                },
            )?;
            found.extend(page.rows.into_iter().map(|a| RecordRef {
                kind,
                id: a.id,
                name: a.name,
                hint: a.city,
                at: None,
            }));
            continue;
        }
        // Upcoming ones first (soonest first), then past ones (latest first).
        let order = match kind {
            RecordKind::Event => {
                "ends_at < ?2, CASE WHEN ends_at < ?2 THEN '' ELSE at END, at DESC"
            }
            RecordKind::Content => {
                "at IS NULL, at < ?2, CASE WHEN at < ?2 THEN '' ELSE at END, at DESC, updated_at DESC"
            }
            _ => "name COLLATE NOCASE",
        };
        let (select, name) = kind.source();
        let sql = format!(
            "{select} WHERE deleted_at IS NULL AND mona_words_match({name}, ?1) ORDER BY {order} LIMIT ?3"
        );
        db.read(|c| {
            let rows = c
                .prepare_cached(&sql)?
                .query_map(params![words, now, per_kind], record_row(kind))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            found.extend(rows);
            Ok(())
        })?;
    }
    Ok(found)
}

/// The record `id` of `kind`, or `None` when it does not exist or was
/// deleted (a link to it then shows nothing).
pub fn named(c: &Connection, kind: RecordKind, id: &str) -> Result<Option<RecordRef>, Error> {
    let (select, _) = kind.source();
    Ok(
        c.prepare_cached(&format!("{select} WHERE id = ?1 AND deleted_at IS NULL"))?
            .query_row([id], record_row(kind))
            .optional()?,
    )
}

/// [`named`], or [`Error::NotFound`].
pub fn require(c: &Connection, kind: RecordKind, id: &str) -> Result<RecordRef, Error> {
    named(c, kind, id)?.ok_or_else(|| Error::NotFound {
        entity: kind.entity(),
        id: id.to_owned(),
    })
}

/// The SQL function `mona_words_match(text, words)`: whether every word of
/// `words` (folded, separated by spaces) starts a word of `text` once
/// folded. Registered on every connection.
pub const WORDS_MATCH_FUNCTION: &str = "mona_words_match";

pub(crate) fn register_words_match(connection: &Connection) -> rusqlite::Result<()> {
    connection.create_scalar_function(
        WORDS_MATCH_FUNCTION,
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let Some(name) = ctx.get::<Option<String>>(0)? else {
                return Ok(false);
            };
            let wanted: String = ctx.get(1)?;
            Ok(words_match(&name, &wanted))
        },
    )
}

/// What was typed, folded, as the space-separated words
/// [`WORDS_MATCH_FUNCTION`] takes.
fn search_words(typed: &str) -> String {
    text::words(typed).join(" ")
}

fn words_match(name: &str, wanted: &str) -> bool {
    let words = text::words(name);
    wanted
        .split(' ')
        .filter(|w| !w.is_empty())
        .all(|w| words.iter().any(|word| word.starts_with(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_typed_word_starts_a_word_of_the_name() {
        assert!(words_match("Vélo Urbain Lyon", "urb"));
        assert!(words_match("Vélo Urbain Lyon", "lyon velo"));
        assert!(words_match("Live Twitch : session studio", "twitch"));
        assert!(!words_match("Vélo Urbain Lyon", "rbain"));
        assert!(!words_match("Vélo Urbain Lyon", "velo paris"));
    }

    #[test]
    fn typed_words_are_folded_and_split_on_punctuation() {
        assert_eq!(search_words("  Élodie-Mars "), "elodie mars");
        assert_eq!(search_words("«  »"), "");
    }
}
