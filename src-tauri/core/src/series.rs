//! "This one" or "this one and the following": changing one occurrence of
//! a repeating task or event, as Google Calendar asks.
//!
//! Why it exists: a weekly live moved once for a guest is one row of its
//! own (`series_id` and `occurrence_at`, the occurrence it stands for); a
//! live that moves to Wednesdays from March on ends the old series the day
//! before (`UNTIL`) and starts a new one. An occurrence deleted on its own
//! is a deleted row of the series, which hides it ([`crate::calendar`],
//! [`crate::reminders`]). The same rules serve tasks and events; each
//! module brings the way it stores a row.

use jiff::{SignedDuration, Timestamp};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::recurrence::Recurrence;
use crate::validation::{FieldError, FieldErrors, FieldProblem};
use crate::{Error, clock};

/// Which occurrences a change of one occurrence applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    ThisOne,
    ThisAndFollowing,
}

/// A repeating row as the series operations need it.
pub(crate) struct Series {
    pub rule: String,
    pub first: Timestamp,
    pub zone: String,
}

/// The tables of rows that repeat.
#[derive(Clone, Copy)]
pub(crate) enum Table {
    Tasks,
    Events,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Tasks => "tasks",
            Table::Events => "spark_events",
        }
    }

    /// The column a row's occurrences start from.
    fn start(self) -> &'static str {
        match self {
            Table::Tasks => "coalesce(starts_at, due_at)",
            Table::Events => "starts_at",
        }
    }
}

/// The repeating row `id`, or why it cannot be treated as a series.
pub(crate) fn series(t: &Transaction<'_>, table: Table, id: &str) -> Result<Option<Series>, Error> {
    let row: Option<(Option<String>, Option<String>, Option<String>)> = t
        .query_row(
            &format!(
                "SELECT recurrence, {}, time_zone FROM {} WHERE id = ?1 AND deleted_at IS NULL",
                table.start(),
                table.name()
            ),
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(match row {
        Some((Some(rule), Some(first), Some(zone))) => {
            first.parse().ok().map(|first| Series { rule, first, zone })
        }
        _ => None,
    })
}

/// Whether `occurrence` is one of the series' occurrences.
pub(crate) fn is_occurrence(series: &Series, occurrence: Timestamp) -> bool {
    let Ok(recurrence) = Recurrence::new(&series.rule, series.first, &series.zone) else {
        return false;
    };
    let next = occurrence
        .checked_add(SignedDuration::from_millis(1))
        .unwrap_or(occurrence);
    recurrence
        .between(occurrence, next)
        .is_ok_and(|o| o.starts.contains(&occurrence))
}

/// How many occurrences come before `occurrence`.
fn occurrences_before(series: &Series, occurrence: Timestamp) -> usize {
    Recurrence::new(&series.rule, series.first, &series.zone)
        .and_then(|r| r.between(series.first, occurrence))
        .map(|o| o.starts.len())
        .unwrap_or(0)
}

/// The rule's parts without `name` (`UNTIL`, `COUNT`).
fn without(rule: &str, names: &[&str]) -> Vec<String> {
    rule.split(';')
        .filter(|part| {
            let key = part.split('=').next().unwrap_or_default().trim();
            !names.iter().any(|n| key.eq_ignore_ascii_case(n))
        })
        .map(str::to_owned)
        .collect()
}

fn count_of(rule: &str) -> Option<usize> {
    rule.split(';').find_map(|part| {
        let (key, value) = part.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("COUNT")
            .then(|| value.trim().parse().ok())?
    })
}

/// The series' rule, ended just before `occurrence`.
pub(crate) fn ended_before(series: &Series, occurrence: Timestamp) -> String {
    let mut parts = without(&series.rule, &["UNTIL", "COUNT"]);
    let last = occurrence
        .checked_sub(SignedDuration::from_secs(1))
        .unwrap_or(occurrence);
    parts.push(format!("UNTIL={}", last.strftime("%Y%m%dT%H%M%SZ")));
    parts.join(";")
}

/// The rule of the series that continues from `occurrence`: the same end
/// (its remaining count, or its `UNTIL`).
pub(crate) fn continued_from(series: &Series, occurrence: Timestamp, new_rule: &str) -> String {
    let Some(count) = count_of(&series.rule) else {
        return new_rule.to_owned();
    };
    if count_of(new_rule).is_none() || new_rule == series.rule {
        let left = count
            .saturating_sub(occurrences_before(series, occurrence))
            .max(1);
        let mut parts = without(new_rule, &["COUNT"]);
        parts.push(format!("COUNT={left}"));
        return parts.join(";");
    }
    new_rule.to_owned()
}

/// The series' rule for occurrences that now start at `moved_to` instead
/// of `occurrence`: a weekly rule on one day follows the move to another
/// day ("every Tuesday" dragged to a Wednesday becomes "every Wednesday").
pub(crate) fn retargeted(
    series: &Series,
    occurrence: Timestamp,
    moved_to: Option<Timestamp>,
) -> String {
    let Some(moved_to) = moved_to else {
        return series.rule.clone();
    };
    let Ok(zone) = jiff::tz::TimeZone::get(&series.zone) else {
        return series.rule.clone();
    };
    let day = |t: Timestamp| match t.to_zoned_datetime(zone.clone()).weekday() {
        jiff::civil::Weekday::Monday => "MO",
        jiff::civil::Weekday::Tuesday => "TU",
        jiff::civil::Weekday::Wednesday => "WE",
        jiff::civil::Weekday::Thursday => "TH",
        jiff::civil::Weekday::Friday => "FR",
        jiff::civil::Weekday::Saturday => "SA",
        jiff::civil::Weekday::Sunday => "SU",
    };
    let (from, to) = (day(occurrence), day(moved_to));
    if from == to {
        return series.rule.clone();
    }
    series
        .rule
        .split(';')
        .map(|part| match part.split_once('=') {
            Some((key, value))
                if key.eq_ignore_ascii_case("BYDAY") && value.eq_ignore_ascii_case(from) =>
            {
                format!("{key}={to}")
            }
            _ => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// Ends the series `id` before `occurrence` and deletes its occurrences
/// edited on their own from then on (the rows that continue replace them).
pub(crate) fn end_before(
    t: &Transaction<'_>,
    table: Table,
    id: &str,
    series: &Series,
    occurrence: Timestamp,
) -> Result<(), Error> {
    let now = clock::now();
    t.execute(
        &format!(
            "UPDATE {} SET recurrence = ?2, updated_at = ?3 WHERE id = ?1",
            table.name()
        ),
        params![id, ended_before(series, occurrence), now],
    )?;
    t.execute(
        &format!(
            "UPDATE {} SET deleted_at = ?3, updated_at = ?3
             WHERE series_id = ?1 AND occurrence_at >= ?2 AND deleted_at IS NULL",
            table.name()
        ),
        params![id, clock::format_instant(occurrence), now],
    )?;
    Ok(())
}

/// The row standing for `occurrence` of `series_id`, live or deleted.
pub(crate) fn occurrence_row(
    t: &Transaction<'_>,
    table: Table,
    series_id: &str,
    occurrence: &str,
) -> Result<Option<String>, Error> {
    Ok(t.query_row(
        &format!(
            "SELECT id FROM {} WHERE series_id = ?1 AND occurrence_at = ?2",
            table.name()
        ),
        [series_id, occurrence],
        |r| r.get(0),
    )
    .optional()?)
}

/// Marks a row as standing for `occurrence` of `series_id` (deleted when
/// it only hides it).
pub(crate) fn attach(
    t: &Transaction<'_>,
    table: Table,
    id: &str,
    series_id: &str,
    occurrence: &str,
    hidden: bool,
) -> Result<(), Error> {
    t.execute(
        &format!(
            "UPDATE {} SET series_id = ?2, occurrence_at = ?3, recurrence = NULL,
                 deleted_at = CASE WHEN ?4 THEN ?5 END, updated_at = ?5
             WHERE id = ?1",
            table.name()
        ),
        params![id, series_id, occurrence, hidden, clock::now()],
    )?;
    Ok(())
}

/// The series `id` and `occurrence_at` read as one of its occurrences, or
/// the refusal that it is not one.
pub(crate) fn occurrence_of(
    t: &Transaction<'_>,
    table: Table,
    id: &str,
    occurrence_at: &str,
) -> Result<(Series, Timestamp), Error> {
    let series = series(t, table, id)?.ok_or_else(not_an_occurrence)?;
    let occurrence = occurrence_at
        .parse::<Timestamp>()
        .map_err(|_| not_an_occurrence())?;
    if !is_occurrence(&series, occurrence) {
        return Err(not_an_occurrence());
    }
    Ok((series, occurrence))
}

/// The refusal when `occurrence` is not one of the series'.
pub(crate) fn not_an_occurrence() -> Error {
    Error::Invalid(FieldErrors(vec![FieldError {
        field: "occurrenceAt".into(),
        problem: FieldProblem::NotAnOccurrence,
    }]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weekly(rule: &str) -> Series {
        Series {
            rule: rule.into(),
            first: "2027-03-02T19:00:00Z".parse().expect("first"),
            zone: "Europe/Paris".into(),
        }
    }

    #[test]
    fn a_series_ended_before_an_occurrence_stops_the_second_before_it() {
        let live = weekly("FREQ=WEEKLY;BYDAY=TU;COUNT=10");
        let split: Timestamp = "2027-03-30T18:00:00Z".parse().expect("split");
        assert_eq!(
            ended_before(&live, split),
            "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270330T175959Z"
        );
        let ended = Series {
            rule: ended_before(&live, split),
            ..weekly("")
        };
        let left = Recurrence::new(&ended.rule, ended.first, &ended.zone)
            .and_then(|r| r.between(ended.first, "2028-01-01T00:00:00Z".parse().expect("end")))
            .expect("expand");
        assert_eq!(left.starts.len(), 4, "2, 9, 16 and 23 March");
        // Ten in all: six remain for the series that continues.
        assert_eq!(
            continued_from(&live, split, &live.rule),
            "FREQ=WEEKLY;BYDAY=TU;COUNT=6"
        );
        assert!(is_occurrence(&live, split));
        assert!(!is_occurrence(
            &live,
            "2027-03-31T18:00:00Z".parse().expect("a Wednesday")
        ));
    }
}
