//! The team calendar: events and time-blocked tasks in one window of time,
//! repeating ones expanded, with the people each concerns and the clashes
//! when one person is booked twice.
//!
//! Why it exists: the calendar UI only draws; what is on the calendar, and
//! whether Inès is in two places at 20:00, is decided here, once, for the
//! Planning calendar today and the live planning and content planner later.
//! One window costs four indexed reads whatever the number of items (the
//! rows starting in it, the rows still running into it, the repeating
//! rows, the occurrences deleted on their own), each row bringing its
//! people along.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use rusqlite::{Connection, params_from_iter};
use serde::{Deserialize, Serialize};

use crate::recurrence::Recurrence;
use crate::validation::{FieldErrors, FieldProblem};
use crate::{Database, Error, clock};

/// What an item on the calendar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Event,
    Task,
}

/// One occurrence on the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CalendarItem {
    pub kind: ItemKind,
    /// The event's or task's id (the series', for an occurrence of one).
    pub id: String,
    /// For an occurrence of a repeating item: the instant it stands for.
    pub occurrence_at: Option<String>,
    pub title: String,
    pub starts_at: String,
    pub ends_at: String,
    pub all_day: bool,
    /// The zone its times were picked in.
    pub time_zone: Option<String>,
    /// Team members it concerns (assignees, attendees, owner).
    pub people: Vec<String>,
    /// One of its people has something else at the same time.
    pub clash: bool,
    /// An occurrence of a rule (moving or deleting it asks "this one or
    /// the following?"); an occurrence edited on its own is not.
    pub repeating: bool,
}

/// The calendar between two instants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CalendarWindow {
    pub items: Vec<CalendarItem>,
    /// A repeating item had more occurrences than one window shows.
    pub truncated: bool,
}

/// Everything on the calendar that overlaps `[from, to)` (RFC 3339
/// instants), in start order.
pub fn window(db: &Database, from: &str, to: &str) -> Result<CalendarWindow, Error> {
    let mut errors = FieldErrors::default();
    let mut instant = |field: &str, text: &str| {
        text.parse::<Timestamp>()
            .map_err(|_| errors.add(field, FieldProblem::InvalidInstant))
            .ok()
    };
    let (from, to) = (instant("from", from), instant("to", to));
    let (Some(from), Some(to)) = (from, to) else {
        return Err(Error::Invalid(errors));
    };
    db.read(|c| {
        let (from_text, to_text) = (clock::format_instant(from), clock::format_instant(to));
        let mut items = Vec::new();
        let mut truncated = false;
        for kind in [ItemKind::Event, ItemKind::Task] {
            let source = Source::of(kind);
            let rows = rows(c, &source, &from_text, &to_text)?;
            truncated |= expand(rows, from, to, kind, &mut items);
        }
        items.sort_by(|a, b| {
            (a.starts_at.as_str(), a.ends_at.as_str(), a.id.as_str()).cmp(&(
                b.starts_at.as_str(),
                b.ends_at.as_str(),
                b.id.as_str(),
            ))
        });
        mark_clashes(&mut items);
        Ok(CalendarWindow { items, truncated })
    })
}

/// Where a kind of item is stored: its table, the expressions of its start
/// and end, and who it concerns.
struct Source {
    table: &'static str,
    start: &'static str,
    end: &'static str,
    /// Extra condition (a task without any time is not on the calendar).
    only: &'static str,
    /// The ids of its people, comma-separated (`e` is the row).
    people: &'static str,
}

impl Source {
    fn of(kind: ItemKind) -> Source {
        match kind {
            ItemKind::Event => Source {
                table: "spark_events",
                start: "starts_at",
                end: "ends_at",
                only: "status <> 'cancelled'",
                people:
                    "concat_ws(',', owner_id, (SELECT group_concat(a.user_id) FROM event_attendees a
                          WHERE a.event_id = e.id AND a.deleted_at IS NULL))",
            },
            // A task is on the calendar by its time block, or by its due time.
            ItemKind::Task => Source {
                table: "tasks",
                start: "coalesce(starts_at, due_at)",
                end: "coalesce(ends_at, due_at)",
                only: "status <> 'cancelled' AND coalesce(starts_at, due_at) IS NOT NULL",
                people: "(SELECT group_concat(a.user_id) FROM task_assignees a
                          WHERE a.task_id = e.id AND a.deleted_at IS NULL)",
            },
        }
    }
}

struct Row {
    id: String,
    title: String,
    starts_at: String,
    ends_at: String,
    all_day: bool,
    time_zone: Option<String>,
    recurrence: Option<String>,
    series_id: Option<String>,
    occurrence_at: Option<String>,
    people: Vec<String>,
    /// An occurrence deleted or cancelled on its own: it only hides its
    /// series' occurrence.
    hidden: bool,
}

/// The rows the window needs, in four disjoint reads that each use an
/// index (V9, V11): one-off rows starting in the window, one-off rows that
/// started before it and still run, every repeating row with the
/// occurrences edited on their own, and the occurrences deleted or
/// cancelled on their own (they hide their series' occurrence).
fn rows(c: &Connection, source: &Source, from: &str, to: &str) -> Result<Vec<Row>, Error> {
    let Source {
        table,
        start,
        end,
        only,
        people,
    } = source;
    let one_off = "recurrence IS NULL AND series_id IS NULL";
    let shown = format!("deleted_at IS NULL AND {only}");
    // (condition, whether its rows only hide an occurrence)
    let reads = [
        (
            format!("{shown} AND {start} >= ?1 AND {start} < ?2 AND {one_off}"),
            false,
        ),
        (
            format!("{shown} AND {end} > ?1 AND {start} < ?1 AND {one_off}"),
            false,
        ),
        (
            format!("{shown} AND (recurrence IS NOT NULL OR series_id IS NOT NULL)"),
            false,
        ),
        // Occurrences deleted or cancelled on their own (V11's index).
        (format!("series_id IS NOT NULL AND NOT ({shown})"), true),
    ];
    let mut rows = Vec::new();
    for (condition, hidden) in reads {
        let sql = format!(
            "SELECT id, title, {start}, {end}, all_day, time_zone, recurrence, series_id,
                    occurrence_at, {people}
             FROM {table} e WHERE {condition}"
        );
        let mut statement = c.prepare_cached(&sql)?;
        // Each read binds the bounds it names (?1, then ?2).
        let bounds = [from, to];
        let count = statement.parameter_count();
        let found = statement.query_map(params_from_iter(&bounds[..count]), |r| {
            let people: Option<String> = r.get(9)?;
            Ok(Row {
                id: r.get(0)?,
                title: r.get(1)?,
                starts_at: r.get(2)?,
                ends_at: r.get(3)?,
                all_day: r.get(4)?,
                time_zone: r.get(5)?,
                recurrence: r.get(6)?,
                series_id: r.get(7)?,
                occurrence_at: r.get(8)?,
                people: people_of(people.as_deref()),
                hidden,
            })
        })?;
        for row in found {
            rows.push(row?);
        }
    }
    Ok(rows)
}

/// Comma-separated member ids as a sorted list without repeats (an event's
/// owner may also attend it).
fn people_of(list: Option<&str>) -> Vec<String> {
    let mut people: Vec<String> = list
        .unwrap_or_default()
        .split(',')
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect();
    people.sort_unstable();
    people.dedup();
    people
}

/// Turns rows into items: plain rows as they are, repeating rows into
/// their occurrences in the window, minus those edited on their own.
/// Returns whether an expansion was cut.
fn expand(
    rows: Vec<Row>,
    from: Timestamp,
    to: Timestamp,
    kind: ItemKind,
    out: &mut Vec<CalendarItem>,
) -> bool {
    let edited: HashSet<(String, String)> = rows
        .iter()
        .filter_map(|r| Some((r.series_id.clone()?, r.occurrence_at.clone()?)))
        .collect();
    let (from_text, to_text) = (clock::format_instant(from), clock::format_instant(to));
    let mut truncated = false;
    for row in rows {
        let repeating = row.recurrence.as_deref().zip(row.time_zone.as_deref());
        let first = repeating.and_then(|_| row.starts_at.parse::<Timestamp>().ok());
        if row.hidden {
            continue;
        }
        let (Some((rule, zone)), Some(first)) = (repeating, first) else {
            // One-off, or an occurrence edited on its own: as it is.
            let overlaps =
                row.starts_at < to_text && (row.ends_at > from_text || row.starts_at >= from_text);
            if overlaps {
                out.push(CalendarItem {
                    kind,
                    id: row.id,
                    occurrence_at: row.occurrence_at,
                    title: row.title,
                    starts_at: row.starts_at,
                    ends_at: row.ends_at,
                    all_day: row.all_day,
                    time_zone: row.time_zone,
                    people: row.people,
                    clash: false,
                    repeating: false,
                });
            }
            continue;
        };
        let item =
            |starts_at: String, ends_at: String, occurrence_at: Option<String>| CalendarItem {
                kind,
                id: row.id.clone(),
                occurrence_at,
                title: row.title.clone(),
                starts_at,
                ends_at,
                all_day: row.all_day,
                time_zone: row.time_zone.clone(),
                people: row.people.clone(),
                clash: false,
                repeating: true,
            };
        let length = row
            .ends_at
            .parse::<Timestamp>()
            .ok()
            .and_then(|end| end.since(first).ok())
            .unwrap_or_default();
        // Occurrences that started before the window may still run into it.
        let reach = from.checked_sub(length).unwrap_or(from);
        let Ok(recurrence) = Recurrence::new(rule, first, zone) else {
            continue;
        };
        let Ok(occurrences) = recurrence.between(reach, to) else {
            continue;
        };
        truncated |= occurrences.truncated;
        for start in occurrences.starts {
            let at = clock::format_instant(start);
            if edited.contains(&(row.id.clone(), at.clone())) {
                continue;
            }
            let end = start.checked_add(length).unwrap_or(start);
            let end_text = clock::format_instant(end);
            if end_text > from_text || at >= from_text {
                out.push(item(at.clone(), end_text, Some(at)));
            }
        }
    }
    truncated
}

/// Marks the timed items whose people overlap another of their items.
/// `items` are in start order.
fn mark_clashes(items: &mut [CalendarItem]) {
    let mut by_person: HashMap<&str, Vec<usize>> = HashMap::new();
    for (n, item) in items.iter().enumerate() {
        if item.all_day || item.ends_at <= item.starts_at {
            continue;
        }
        for person in &item.people {
            by_person.entry(person.as_str()).or_default().push(n);
        }
    }
    let mut clashing = HashSet::new();
    for list in by_person.values() {
        // In start order: an item clashes with the earlier one still running.
        let mut running: Option<usize> = None;
        for &n in list {
            if let Some(r) = running {
                if items[n].starts_at < items[r].ends_at {
                    clashing.insert(n);
                    clashing.insert(r);
                }
                if items[n].ends_at > items[r].ends_at {
                    running = Some(n);
                }
            } else {
                running = Some(n);
            }
        }
    }
    for n in clashing {
        items[n].clash = true;
    }
}
