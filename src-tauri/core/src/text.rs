//! Text as people search and sort it: without case and without accents.
//!
//! French names carry accents ("Élodie", "Maëlle", "Noé") that people leave
//! out when they type. SQLite's FTS5 folds them for search; this module folds
//! them the same way for sorting and builds FTS5 queries from what was typed.

use unicode_normalization::char::is_combining_mark;

/// `text` in lower case, accents removed and ligatures opened ("Œ" → "oe"):
/// the key that puts "Élodie" next to "Elsa".
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    // Character by character: canonical decomposition (NFD) only reorders
    // combining marks, which are dropped, so each character can be
    // decomposed alone, and ASCII, most of what is folded, not at all.
    for c in text.chars() {
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
        } else {
            unicode_normalization::char::decompose_canonical(c, |part| {
                fold_part(part, &mut folded)
            });
        }
    }
    folded
}

/// One character of a canonical decomposition, folded into `folded`.
fn fold_part(c: char, folded: &mut String) {
    match c {
        'œ' | 'Œ' => folded.push_str("oe"),
        'æ' | 'Æ' => folded.push_str("ae"),
        'ß' => folded.push_str("ss"),
        c if is_combining_mark(c) => {}
        c => folded.extend(c.to_lowercase()),
    }
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

/// Whether some word of `text` starts with the folded word `typed`: how the
/// search index matches a typed word ([`search_query`]).
pub fn has_word_starting_with(text: &str, typed: &str) -> bool {
    words(text).iter().any(|word| word.starts_with(typed))
}

/// The passage of `text` around its first word starting with the folded word
/// `typed`, about `width` characters long, with "…" where it was cut: what a
/// search shows to say why a record was found.
pub fn excerpt(text: &str, typed: &str, width: usize) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut start = 0;
    let (found, found_end) = loop {
        while start < chars.len() && !chars[start].is_alphanumeric() {
            start += 1;
        }
        if start >= chars.len() {
            return None;
        }
        let end = (start..chars.len())
            .find(|&i| !chars[i].is_alphanumeric())
            .unwrap_or(chars.len());
        let word: String = chars[start..end].iter().collect();
        if fold(&word).starts_with(typed) {
            break (start, end);
        }
        start = end;
    };
    // A third of the passage before the word, more when the text ends soon;
    // cut between words, never inside one (nor inside the word found).
    let mut from = found
        .saturating_sub(width / 3)
        .min(chars.len().saturating_sub(width));
    while from < found && from > 0 && chars[from - 1].is_alphanumeric() {
        from += 1;
    }
    let mut to = (from + width).min(chars.len());
    while to < chars.len() && to > found_end && chars[to].is_alphanumeric() {
        to -= 1;
    }
    let passage: String = chars[from..to].iter().collect();
    let passage = passage.trim_matches(|c: char| !c.is_alphanumeric());
    let passage = passage.split_whitespace().collect::<Vec<_>>().join(" ");
    let before = if from > 0 { "…" } else { "" };
    let after = if to < chars.len() { "…" } else { "" };
    Some(format!("{before}{passage}{after}"))
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
    use unicode_normalization::UnicodeNormalization;

    /// The definition: the whole text decomposed (NFD), marks dropped,
    /// ligatures opened, lower case.
    fn fold_by_definition(text: &str) -> String {
        let mut folded = String::new();
        for c in text.nfd() {
            fold_part(c, &mut folded);
        }
        folded
    }

    proptest::proptest! {
        #[test]
        fn folding_character_by_character_is_folding_the_whole_text(text in "\\PC*") {
            proptest::prop_assert_eq!(fold(&text), fold_by_definition(&text));
        }
    }

    #[test]
    fn folding_opens_ligatures_and_drops_accents_even_typed_apart() {
        for text in [
            "Élodie",
            "E\u{301}lodie",
            "ŒUVRE",
            "Maëlle",
            "Straße",
            "한글",
            "ǅ",
            "ﬁ",
        ] {
            assert_eq!(fold(text), fold_by_definition(text), "{text}");
        }
        assert_eq!(fold("E\u{301}LODIE Œuvre"), "elodie oeuvre");
    }

    #[test]
    fn an_excerpt_shows_the_words_around_the_one_found_without_its_accent() {
        let said = "Appel avec son manager : elle jouera à Montréal en mars, rappeler après.";
        assert_eq!(
            excerpt(said, "montreal", 30).as_deref(),
            Some("…jouera à Montréal en mars…")
        );
        assert_eq!(
            excerpt("Lyon, puis Paris", "lyo", 40).as_deref(),
            Some("Lyon, puis Paris")
        );
        assert_eq!(excerpt("Lyon, puis Paris", "mars", 40), None);
        assert!(has_word_starting_with("DJ_Snake", "snak"));
        assert!(!has_word_starting_with("DJ_Snake", "nake"));
    }

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
