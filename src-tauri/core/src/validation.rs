//! Field-level validation errors, shown inline next to each field.
//!
//! Rules live in the services that own the data; the UI only displays these
//! codes, translated. One error per field: the first rule that failed.

use serde::{Deserialize, Serialize};

/// What is wrong with one field. Stable codes: the UI translates them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum FieldProblem {
    Required,
    TooLong {
        max: u32,
    },
    TooShort {
        min: u32,
    },
    InvalidEmail,
    InvalidPhone,
    InvalidUrl,
    /// Not a host name or an address (a URL pasted where only its host goes).
    InvalidHost,
    /// Not an application's client id (a Twitch console URL pasted).
    InvalidClientId,
    InvalidHandle,
    InvalidCountry,
    InvalidColor,
    UnknownTimeZone,
    /// Not an instant (a date and time with its offset).
    InvalidInstant,
    EndsBeforeStart,
    TooLarge {
        max: u32,
    },
    /// Not a repetition rule this app can follow.
    InvalidRecurrence,
    /// One occurrence of a repeating item was moved as if it were alone.
    RepeatingMovedAlone,
    /// The instant given is not one of the repeating item's occurrences.
    NotAnOccurrence,
    /// A date further in the future than the field allows.
    TooFarAhead,
    /// A date further in the past than the field allows.
    TooFarBack,
    /// A value that cannot change once set (whose history an exchange is in).
    Unchangeable,
    /// Below the least the field takes (a negative amount, a price under
    /// the offer's floor), in the field's unit.
    TooSmall {
        min: u32,
    },
    /// Not a calendar day (`2026-12-07`).
    InvalidDay,
    /// Not an ISO 4217 currency code (`EUR`).
    InvalidCurrency,
    /// Not an ISO 639-1 language code (`fr`).
    InvalidLanguage,
    /// Nobody of the team has this id (a member removed meanwhile).
    UnknownMember,
    /// Not a number (a count typed in a spreadsheet cell).
    NotANumber,
    /// Not a stage of the pipeline (removed meanwhile), or, in a
    /// spreadsheet, not the name of an open or won one.
    UnknownStage,
    /// Not one of the team's tags (removed meanwhile).
    UnknownTag,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    /// The input field's name as the UI knows it (camelCase).
    pub field: String,
    pub problem: FieldProblem,
}

/// Every invalid field of one input, in the order the fields were checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, problem: FieldProblem) {
        if !self.0.iter().any(|e| e.field == field) {
            self.0.push(FieldError {
                field: field.to_owned(),
                problem,
            });
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when no field failed, otherwise these errors.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fields: Vec<&str> = self.0.iter().map(|e| e.field.as_str()).collect();
        write!(f, "invalid fields: {}", fields.join(", "))
    }
}

/// `value` trimmed, or `None` when only blanks were typed.
pub fn optional_text(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// Checks a length in characters (not bytes: "é" is one).
pub fn check_length(errors: &mut FieldErrors, field: &str, value: &str, max: u32) {
    if value.chars().count() > max as usize {
        errors.add(field, FieldProblem::TooLong { max });
    }
}

/// The instant typed in `field` (RFC 3339 with an offset); an empty one is
/// reported as required, anything else unreadable as not an instant.
pub fn instant(errors: &mut FieldErrors, field: &str, text: &str) -> Option<jiff::Timestamp> {
    match text.trim().parse::<jiff::Timestamp>() {
        Ok(instant) => Some(instant),
        Err(_) => {
            let problem = if text.trim().is_empty() {
                FieldProblem::Required
            } else {
                FieldProblem::InvalidInstant
            };
            errors.add(field, problem);
            None
        }
    }
}

/// A deliberately forgiving e-mail check: one `@`, something on each side,
/// a dot in the domain, no spaces. Mail servers decide the rest.
pub fn is_plausible_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(char::is_whitespace)
}

/// Phone numbers as people write them: digits, spaces, dots, dashes,
/// parentheses and one leading `+`; 6 to 15 digits.
pub fn is_plausible_phone(value: &str) -> bool {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = value
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || " .-()".contains(c) || (c == '+' && i == 0));
    allowed && (6..=15).contains(&digits)
}

/// An `http(s)://host...` address.
pub fn is_plausible_url(value: &str) -> bool {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    matches!(rest, Some(r) if r.split('/').next().is_some_and(|host| host.contains('.')) && !r.contains(char::is_whitespace))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plausible_contacts_are_accepted_and_typos_refused() {
        assert!(is_plausible_email("booking@label.fr"));
        assert!(!is_plausible_email("booking@label"));
        assert!(!is_plausible_email("booking label@x.fr"));
        assert!(is_plausible_phone("+33 6 12 34 56 78"));
        assert!(is_plausible_phone("06.12.34.56.78"));
        assert!(!is_plausible_phone("06 12 ab"));
        assert!(is_plausible_url("https://open.spotify.com/artist/x"));
        assert!(!is_plausible_url("open.spotify.com"));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let mut errors = FieldErrors::default();
        check_length(&mut errors, "name", "ééééé", 5);
        assert!(errors.is_empty());
        check_length(&mut errors, "name", "éééééé", 5);
        assert_eq!(errors.0[0].problem, FieldProblem::TooLong { max: 5 });
    }
}
