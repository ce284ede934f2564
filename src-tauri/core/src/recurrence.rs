//! Repeating tasks and events: RFC 5545 rules (`FREQ=WEEKLY;BYDAY=TU`)
//! expanded into the occurrences a calendar shows.
//!
//! Why it exists: "every Tuesday at 20:00" means 20:00 where it was
//! picked, in summer and in winter. A rule is expanded in the time zone of
//! the person who picked the time (the row's `time_zone`), with the `rrule`
//! crate, and each occurrence becomes a UTC instant only afterwards, so a
//! daylight-saving change moves the UTC hour, never the wall-clock hour. A
//! wall-clock time that does not exist on the day clocks go forward
//! (02:30 in Paris on the last Sunday of March) is moved forward by the
//! gap, as Google Calendar does; an hour that happens twice in October is
//! its first one.
//!
//! Every expansion is bounded: at most [`MAX_OCCURRENCES`] in one window,
//! and the crate's own limits stop a rule that finds no date for a long
//! time. A rule that would produce millions of instances costs at most one
//! window's worth of work.

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use jiff::Timestamp;
use rrule::{RRule, Unvalidated};
use serde::{Deserialize, Serialize};

/// The most occurrences one window returns (a month of a rule every 10
/// minutes is about 4,500).
pub const MAX_OCCURRENCES: u16 = 5_000;

/// Why a rule was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RecurrenceProblem {
    #[error("the rule cannot be read: {detail}")]
    Unreadable { detail: String },
    #[error("unknown time zone {zone}")]
    UnknownTimeZone { zone: String },
}

/// The occurrences of a rule in a window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrences {
    pub starts: Vec<Timestamp>,
    /// More occurrences exist in the window than were returned.
    pub truncated: bool,
}

/// A rule in its time zone, ready to expand.
pub struct Recurrence {
    rule: RRule<Unvalidated>,
    zone: chrono_tz::Tz,
    /// The first occurrence's wall-clock time, in `zone`.
    first: NaiveDateTime,
}

impl Recurrence {
    /// Reads `rule` (an RRULE value, without the `RRULE:` prefix) for a
    /// series whose first occurrence starts at `first` in `zone`.
    pub fn new(rule: &str, first: Timestamp, zone: &str) -> Result<Recurrence, RecurrenceProblem> {
        let zone: chrono_tz::Tz = zone
            .parse()
            .map_err(|_| RecurrenceProblem::UnknownTimeZone {
                zone: zone.to_owned(),
            })?;
        let rule = rule.trim();
        let rule = rule.strip_prefix("RRULE:").unwrap_or(rule);
        let parsed: RRule<Unvalidated> =
            rule.parse()
                .map_err(|e: rrule::RRuleError| RecurrenceProblem::Unreadable {
                    detail: e.to_string(),
                })?;
        let first = utc(first).with_timezone(&zone).naive_local();
        let recurrence = Recurrence {
            rule: parsed,
            zone,
            first,
        };
        // The crate checks the rule against its start (BYxxx values in
        // range, UNTIL in the right zone...).
        recurrence.set()?;
        Ok(recurrence)
    }

    fn set(&self) -> Result<rrule::RRuleSet, RecurrenceProblem> {
        let start = self
            .zone
            .from_local_datetime(&self.first)
            .earliest()
            .unwrap_or_else(|| Utc.from_utc_datetime(&self.first).with_timezone(&self.zone));
        self.rule
            .clone()
            .build(start.with_timezone(&rrule::Tz::Tz(self.zone)))
            .map_err(|e| RecurrenceProblem::Unreadable {
                detail: e.to_string(),
            })
    }

    /// The occurrences starting in `[from, to)`, in order.
    pub fn between(
        &self,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Occurrences, RecurrenceProblem> {
        let tz = rrule::Tz::Tz(self.zone);
        // A day of margin each side: occurrences are computed in wall-clock
        // time and moved across a gap afterwards.
        let margin = chrono::Duration::days(1);
        let set = self
            .set()?
            .after((utc(from) - margin).with_timezone(&tz))
            .before((utc(to) + margin).with_timezone(&tz));
        let result = set.all(MAX_OCCURRENCES);
        let mut starts: Vec<Timestamp> = result
            .dates
            .iter()
            .map(|d| self.wall_clock_instant(d.naive_local()))
            .filter(|t| *t >= from && *t < to)
            .collect();
        starts.dedup();
        Ok(Occurrences {
            starts,
            truncated: result.limited,
        })
    }

    /// The instant of a wall-clock time in the series' zone: in a gap
    /// (clocks going forward), moved forward by the gap; in an overlap
    /// (clocks going back), the first of the two.
    fn wall_clock_instant(&self, wall: NaiveDateTime) -> Timestamp {
        let instant = match self.zone.from_local_datetime(&wall) {
            LocalResult::Single(t) => t.with_timezone(&Utc),
            LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
            LocalResult::None => {
                // The offset before the gap, applied to the wall time, lands
                // after the gap by exactly its length.
                let before = self
                    .zone
                    .offset_from_utc_datetime(&(wall - chrono::Duration::hours(3)));
                let offset = chrono::Offset::fix(&before);
                Utc.from_utc_datetime(&(wall - offset))
            }
        };
        Timestamp::from_millisecond(instant.timestamp_millis()).unwrap_or(Timestamp::UNIX_EPOCH)
    }
}

fn utc(instant: Timestamp) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(instant.as_millisecond()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("instant")
    }

    fn stored(starts: &[Timestamp]) -> Vec<String> {
        starts
            .iter()
            .map(|t| crate::clock::format_instant(*t))
            .collect()
    }

    #[test]
    fn a_weekly_live_at_20h_in_paris_stays_at_20h_across_the_march_change() {
        // Tuesdays 20:00 in Paris from 17 March 2026; clocks go forward on 29 March.
        let live = Recurrence::new(
            "FREQ=WEEKLY;BYDAY=TU",
            at("2026-03-17T19:00:00Z"),
            "Europe/Paris",
        )
        .expect("rule");
        let weeks = live
            .between(at("2026-03-01T00:00:00Z"), at("2026-04-08T00:00:00Z"))
            .expect("expand");
        assert_eq!(
            stored(&weeks.starts),
            [
                "2026-03-17T19:00:00.000Z",
                "2026-03-24T19:00:00.000Z",
                "2026-03-31T18:00:00.000Z",
                "2026-04-07T18:00:00.000Z",
            ]
        );
    }

    #[test]
    fn a_daily_task_at_20h_in_paris_stays_at_20h_across_the_october_change() {
        // Clocks go back on Sunday 25 October 2026.
        let daily = Recurrence::new("FREQ=DAILY", at("2026-10-24T18:00:00Z"), "Europe/Paris")
            .expect("rule");
        let days = daily
            .between(at("2026-10-24T00:00:00Z"), at("2026-10-27T00:00:00Z"))
            .expect("expand");
        assert_eq!(
            stored(&days.starts),
            [
                "2026-10-24T18:00:00.000Z",
                "2026-10-25T19:00:00.000Z",
                "2026-10-26T19:00:00.000Z",
            ]
        );
    }

    #[test]
    fn an_hour_that_does_not_exist_moves_forward_and_an_hour_that_happens_twice_is_the_first() {
        // Sundays 02:30 in Paris: on 29 March 2026 there is no 02:30.
        let early = Recurrence::new(
            "FREQ=WEEKLY;BYDAY=SU",
            at("2026-03-22T01:30:00Z"),
            "Europe/Paris",
        )
        .expect("rule");
        let sundays = early
            .between(at("2026-03-22T00:00:00Z"), at("2026-04-06T00:00:00Z"))
            .expect("expand");
        assert_eq!(
            stored(&sundays.starts),
            [
                "2026-03-22T01:30:00.000Z",
                // 03:30 summer time: the occurrence is kept, one hour later.
                "2026-03-29T01:30:00.000Z",
                "2026-04-05T00:30:00.000Z",
            ]
        );
        // On 25 October 2026, 02:30 happens twice: the first one (summer time).
        let october = Recurrence::new(
            "FREQ=DAILY;COUNT=2",
            at("2026-10-24T00:30:00Z"),
            "Europe/Paris",
        )
        .expect("rule");
        let days = october
            .between(at("2026-10-24T00:00:00Z"), at("2026-10-27T00:00:00Z"))
            .expect("expand");
        assert_eq!(
            stored(&days.starts),
            ["2026-10-24T00:30:00.000Z", "2026-10-25T00:30:00.000Z"]
        );
    }

    #[test]
    fn a_live_planned_in_paris_shows_at_its_paris_hour_from_montreal() {
        // The instant does not change with the viewer: 20:00 in Paris is 14:00 in Montréal.
        let live = Recurrence::new(
            "FREQ=WEEKLY;COUNT=1",
            at("2026-06-02T18:00:00Z"),
            "Europe/Paris",
        )
        .expect("rule");
        let start = live
            .between(at("2026-06-01T00:00:00Z"), at("2026-06-08T00:00:00Z"))
            .expect("expand")
            .starts[0];
        let montreal = start.in_tz("America/Montreal").expect("zone");
        assert_eq!((montreal.hour(), montreal.minute()), (14, 0));
    }

    #[test]
    fn a_rule_every_second_forever_is_cut_at_the_window_limit() {
        let storm =
            Recurrence::new("FREQ=SECONDLY", at("2026-01-01T00:00:00Z"), "UTC").expect("rule");
        let started = std::time::Instant::now();
        let window = storm
            .between(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"))
            .expect("expand");
        assert!(window.truncated);
        assert!(window.starts.len() <= MAX_OCCURRENCES as usize);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "bounded work"
        );
    }

    #[test]
    fn unreadable_rules_and_unknown_zones_are_named() {
        let start = at("2026-01-01T09:00:00Z");
        assert!(matches!(
            Recurrence::new("FREQ=SOMETIMES", start, "Europe/Paris"),
            Err(RecurrenceProblem::Unreadable { .. })
        ));
        assert!(matches!(
            Recurrence::new("FREQ=WEEKLY;BYDAY=XX", start, "Europe/Paris"),
            Err(RecurrenceProblem::Unreadable { .. })
        ));
        assert!(matches!(
            Recurrence::new("FREQ=DAILY", start, "Europe/Lyon"),
            Err(RecurrenceProblem::UnknownTimeZone { .. })
        ));
        assert!(Recurrence::new("RRULE:FREQ=MONTHLY;BYMONTHDAY=31", start, "Europe/Paris").is_ok());
    }
}
