//! Why a card was found, when it was not by its name.
//!
//! The search also reads a card's social handles, its notes and what was
//! said in its exchanges (V20). A row that matched only there would look
//! like a wrong answer ("I typed 'montréal' and got Lou Bernard?"), so each
//! such row on the page carries the passage that matched: the handle, the
//! lines of the notes, or the exchange with its date. Only the page's rows
//! are looked at (at most [`super::MAX_PAGE`]), after the index has chosen
//! them: one small read per page, then, for a row found by its exchanges,
//! its exchanges newest first until one says the word, however many cards
//! match.

use std::collections::HashMap;
use std::rc::Rc;

use rusqlite::Connection;
use rusqlite::types::Value;
use rusqlite::vtab::array::Array;
use serde::{Deserialize, Serialize};

use super::ArtistRow;
use crate::{Error, text};

/// How long a passage shown under a row is, in characters.
const EXCERPT_WIDTH: usize = 80;

/// Where the words typed were found on a card, besides its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "place", rename_all = "snake_case")]
pub enum SearchHint {
    /// One of the artist's social accounts.
    Handle { handle: String },
    /// The card's notes.
    Notes { excerpt: String },
    /// An exchange with the artist (the latest one that says it).
    #[serde(rename_all = "camelCase")]
    Exchange {
        excerpt: String,
        occurred_at: String,
    },
}

/// Adds to each row of `rows` that the words `typed` (folded, as the search
/// matched them) did not all find in its name, legal name, city or genres
/// where the first missing one was found.
pub(super) fn add(
    connection: &Connection,
    typed: &[String],
    rows: &mut [ArtistRow],
) -> Result<(), Error> {
    if typed.is_empty() || rows.is_empty() {
        return Ok(());
    }
    let ids: Array = Rc::new(rows.iter().map(|row| Value::Text(row.id.clone())).collect());
    let mut texts: HashMap<String, (String, String, String)> = HashMap::new();
    let mut statement = connection.prepare_cached(
        "SELECT artist_id, name || ' ' || legal_name || ' ' || city || ' ' || genres, handles, notes
         FROM artist_search_text WHERE artist_id IN rarray(?1)",
    )?;
    let mut read = statement.query([ids])?;
    while let Some(row) = read.next()? {
        texts.insert(row.get(0)?, (row.get(1)?, row.get(2)?, row.get(3)?));
    }
    // The first word each row's own identity lacks.
    let mut missing: HashMap<String, &str> = HashMap::new();
    for row in rows.iter() {
        let Some((identity, _, _)) = texts.get(&row.id) else {
            continue;
        };
        if let Some(word) = typed
            .iter()
            .find(|word| !text::has_word_starting_with(identity, word))
        {
            missing.insert(row.id.clone(), word);
        }
    }
    let mut hints: HashMap<String, SearchHint> = HashMap::new();
    for (id, word) in &missing {
        let (_, handles, notes) = &texts[id];
        let hint = if let Some(handle) = handles
            .split(' ')
            .find(|h| text::has_word_starting_with(h, word))
        {
            Some(SearchHint::Handle {
                handle: handle.to_owned(),
            })
        } else {
            text::excerpt(notes, word, EXCERPT_WIDTH).map(|excerpt| SearchHint::Notes { excerpt })
        };
        if let Some(hint) = hint {
            hints.insert(id.clone(), hint);
        }
    }
    // Each row's exchanges, the latest first, until one says the word: most
    // rows stop after a few, where reading all the page's exchanges and
    // sorting them cost more than the rest of the search.
    let mut latest_first = connection.prepare_cached(
        "SELECT summary, occurred_at FROM interactions
         WHERE artist_id = ?1 AND deleted_at IS NULL ORDER BY occurred_at DESC",
    )?;
    for (id, word) in &missing {
        if hints.contains_key(id) {
            continue;
        }
        let mut exchanges = latest_first.query([id])?;
        while let Some(exchange) = exchanges.next()? {
            let summary: String = exchange.get(0)?;
            // The folded text holds the word wherever a word starts with it:
            // a cheap test before cutting the passage.
            if !text::fold(&summary).contains(word) {
                continue;
            }
            if let Some(excerpt) = text::excerpt(&summary, word, EXCERPT_WIDTH) {
                hints.insert(
                    id.clone(),
                    SearchHint::Exchange {
                        excerpt,
                        occurred_at: exchange.get(1)?,
                    },
                );
                break;
            }
        }
    }
    for row in rows {
        row.found_in = hints.remove(&row.id);
    }
    Ok(())
}
