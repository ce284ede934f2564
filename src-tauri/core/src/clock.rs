//! Instants as stored in SQLite: UTC, RFC 3339, milliseconds, `Z`.
//!
//! One fixed-width format means text order is time order, in SQLite and in
//! PostgreSQL alike. Time zones only appear where a person picked a wall-clock
//! time; those columns keep the IANA zone name beside the instant.

use jiff::Timestamp;

/// The current instant in storage format.
pub fn now() -> String {
    format_instant(Timestamp::now())
}

/// Today on this computer's calendar: the day a figure typed now is dated.
pub fn today() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}

/// `instant` in storage format, e.g. `2026-11-24T09:30:00.000Z`.
pub fn format_instant(instant: Timestamp) -> String {
    instant.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_instants_are_fixed_width_utc_with_milliseconds() {
        let instant: Timestamp = "2026-03-29T01:30:00.5+00:00".parse().expect("instant");
        assert_eq!(format_instant(instant), "2026-03-29T01:30:00.500Z");
        assert_eq!(now().len(), "2026-03-29T01:30:00.500Z".len());
    }
}
