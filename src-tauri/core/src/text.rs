//! Text as people search and sort it: without case and without accents.
//!
//! French names carry accents ("Élodie", "Maëlle", "Noé") that people leave
//! out when they type. SQLite's FTS5 folds them for search; this module folds
//! them the same way for sorting and builds FTS5 queries from what was typed.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `text` in lower case, accents removed and ligatures opened ("Œ" → "oe"):
/// the key that puts "Élodie" next to "Elsa".
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.nfd() {
        match c {
            'œ' | 'Œ' => folded.push_str("oe"),
            'æ' | 'Æ' => folded.push_str("ae"),
            'ß' => folded.push_str("ss"),
            c if is_combining_mark(c) => {}
            c => folded.extend(c.to_lowercase()),
        }
    }
    folded
}

/// The SQL function `mona_fold(text)`: [`fold`] for the schema's triggers
/// (a card's genres are filtered folded, so "Électro" and "electro" are one).
pub(crate) fn register_fold(connection: &rusqlite::Connection) -> rusqlite::Result<()> {
    connection.create_scalar_function(
        "mona_fold",
        1,
        rusqlite::functions::FunctionFlags::SQLITE_UTF8
            | rusqlite::functions::FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(ctx.get::<Option<String>>(0)?.map(|text| fold(&text))),
    )
}

/// The words of `text` once folded ([`fold`]): runs of letters and digits.
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Turns what a person typed into an FTS5 query that finds every record
/// containing words starting with each typed word, in any order.
/// Returns `None` when nothing searchable was typed.
///
/// Every word is quoted, so FTS5 operators typed by accident (`AND`, `"`,
/// `*`, `-`) are searched for as text instead of failing.
pub fn search_query(typed: &str) -> Option<String> {
    let words: Vec<String> = words(typed).iter().map(|w| format!("\"{w}\"*")).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// When a single letter or digit was typed, the range of folded keys that
/// start with it (`"é"` → `["e", "f")`): a phone-book jump to the names
/// starting with that letter, which is what a person means by one letter.
pub fn single_letter_range(typed: &str) -> Option<(String, String)> {
    let folded = fold(typed.trim());
    let mut chars = folded.chars();
    let (Some(letter), None) = (chars.next(), chars.next()) else {
        return None;
    };
    let next = char::from_u32(letter as u32 + 1)?;
    letter
        .is_alphanumeric()
        .then(|| (letter.to_string(), next.to_string()))
}

/// `text` cut to at most `max` characters (never inside one).
pub fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => text[..end].to_owned(),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_case_accents_and_ligatures() {
        assert_eq!(fold("Élodie"), "elodie");
        assert_eq!(fold("MAËLLE"), "maelle");
        assert_eq!(fold("Cœur de Pirate"), "coeur de pirate");
        assert_eq!(fold("Noé-François"), "noe-francois");
    }

    #[test]
    fn typed_words_become_prefix_queries() {
        assert_eq!(search_query("elo"), Some("\"elo\"*".into()));
        assert_eq!(
            search_query("  Élo  mars"),
            Some("\"elo\"* \"mars\"*".into())
        );
    }

    #[test]
    fn one_typed_letter_is_a_phone_book_jump() {
        assert_eq!(single_letter_range(" É "), Some(("e".into(), "f".into())));
        assert_eq!(single_letter_range("el"), None);
        assert_eq!(single_letter_range("-"), None);
    }

    #[test]
    fn fts_operators_typed_by_accident_are_harmless() {
        assert_eq!(search_query("\"AND* -"), Some("\"and\"*".into()));
        assert_eq!(search_query(" -*\" "), None);
    }
}
