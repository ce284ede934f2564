//! iCalendar (.ics) files in and out: what Google Calendar, Apple Calendar
//! and Outlook export, read into events, and the team calendar written back.
//!
//! Why it exists: the team arrives with years of Google Calendar. A file
//! is read whole and checked before anything is written ([`preview`] says
//! what will happen), then [`import`] stores every event in one
//! transaction: a file with one unreadable date imports nothing and says
//! which event and which value. Importing the same file again updates the
//! events it brought (by their `UID`) instead of doubling them.
//!
//! What is read: `SUMMARY`, `DESCRIPTION`, `LOCATION`, `STATUS`, `DTSTART`
//! and `DTEND` or `DURATION` (UTC, with a `TZID`, floating, or whole days),
//! `RRULE`, `EXDATE` (an occurrence skipped), `RECURRENCE-ID` (one occurrence
//! changed), and `ATTENDEE` e-mails that match a team member. A floating
//! time is the importing person's. Every expansion stays bounded by
//! [`crate::recurrence`]; a file is at most [`MAX_BYTES`] and
//! [`MAX_EVENTS`] events.
//!
//! What is written: one `VEVENT` per event and per time-blocked task, with
//! its `TZID` (IANA names, which Google, Apple and Outlook read), its rule,
//! its skipped and changed occurrences.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp, ZonedDateTime};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::events::{self, EventFields, EventStatus};
use crate::exports::ExportError;
use crate::recurrence::Recurrence;
use crate::team::{self, Action};
use crate::{Database, Error, clock, ids};

/// The largest file read (20 MB: ten years of a busy Google calendar).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// The most events one file brings.
pub const MAX_EVENTS: usize = 50_000;
/// How many events the preview lists.
const PREVIEW_ROWS: usize = 20;

/// Why a file cannot be imported; `event` counts the file's events from 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum IcsProblem {
    #[error("the file is larger than {max_megabytes} MB")]
    TooLarge { max_megabytes: u32 },
    #[error("not an iCalendar file (line {line})")]
    Unreadable { line: u32 },
    #[error("the file holds no event")]
    NoEvents,
    #[error("more than {max} events")]
    TooManyEvents { max: u32 },
    #[error("event {event} has no title")]
    MissingTitle { event: u32 },
    #[error("event {event} ({title}) has no start")]
    MissingStart { event: u32, title: String },
    #[error("event {event} ({title}): unreadable date {value}")]
    BadDate {
        event: u32,
        title: String,
        value: String,
    },
    #[error("event {event} ({title}): unknown time zone {zone}")]
    UnknownTimeZone {
        event: u32,
        title: String,
        zone: String,
    },
    #[error("event {event} ({title}): unreadable repeat rule {rule}")]
    BadRecurrence {
        event: u32,
        title: String,
        rule: String,
    },
    #[error("event {event} ({title}) ends before it starts")]
    EndsBeforeStart { event: u32, title: String },
}

/// One event of a file, read.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Read {
    uid: String,
    fields: EventFields,
    /// Attendee e-mails, lowercase.
    emails: Vec<String>,
    /// For `RECURRENCE-ID`: the occurrence of the series `uid` it changes.
    occurrence: Option<String>,
    /// Occurrences skipped (`EXDATE`).
    skipped: Vec<String>,
}

/// What an import will do, shown before it is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct IcsPreview {
    pub events: u32,
    /// Of which: already imported from this calendar, to be updated.
    pub updates: u32,
    pub repeating: u32,
    /// Attendee e-mails that match nobody in the team (they are left out).
    pub unknown_attendees: Vec<String>,
    /// The first events, in file order.
    pub sample: Vec<IcsSample>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct IcsSample {
    pub title: String,
    pub starts_at: String,
    pub all_day: bool,
    pub repeating: bool,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct IcsReport {
    pub created: u32,
    pub updated: u32,
    pub unknown_attendees: Vec<String>,
}

/// Reads `text` and says what importing it would do; writes nothing.
/// `zone` is the importing person's (for floating times).
pub fn preview(db: &Database, text: &str, zone: &str) -> Result<IcsPreview, Error> {
    let read = read(text, zone)?;
    db.read(|c| {
        let members = member_emails(c)?;
        let mut updates = 0;
        let mut unknown = Vec::new();
        let series: Vec<&Read> = read.iter().filter(|r| r.occurrence.is_none()).collect();
        for event in &series {
            if existing(c, &event.uid)?.is_some() {
                updates += 1;
            }
            for email in &event.emails {
                if !members.contains_key(email) && !unknown.contains(email) {
                    unknown.push(email.clone());
                }
            }
        }
        Ok(IcsPreview {
            events: count(series.len()),
            updates,
            repeating: count(
                series
                    .iter()
                    .filter(|r| r.fields.recurrence.is_some())
                    .count(),
            ),
            unknown_attendees: unknown,
            sample: series
                .iter()
                .take(PREVIEW_ROWS)
                .map(|r| IcsSample {
                    title: r.fields.title.clone(),
                    starts_at: r.fields.starts_at.clone(),
                    all_day: r.fields.all_day,
                    repeating: r.fields.recurrence.is_some(),
                })
                .collect(),
        })
    })
}

/// Imports every event of `text` in one transaction, or none.
pub fn import(db: &Database, text: &str, zone: &str) -> Result<IcsReport, Error> {
    let read = read(text, zone)?;
    db.write(|t| {
        team::require(t, Action::Import)?;
        let members = member_emails(t)?;
        let mut report = IcsReport {
            created: 0,
            updated: 0,
            unknown_attendees: Vec::new(),
        };
        let mut by_uid: HashMap<String, String> = HashMap::new();
        let attendees = |event: &Read, unknown: &mut Vec<String>| -> Vec<String> {
            let mut found = Vec::new();
            for email in &event.emails {
                match members.get(email) {
                    Some(id) => found.push(id.clone()),
                    None if !unknown.contains(email) => unknown.push(email.clone()),
                    None => {}
                }
            }
            found
        };
        // Series and one-off events first, then what changes their occurrences.
        for event in read.iter().filter(|r| r.occurrence.is_none()) {
            let mut fields = event.fields.clone();
            fields.attendees = attendees(event, &mut report.unknown_attendees);
            let id = match existing(t, &event.uid)? {
                Some(id) => {
                    events::overwrite(t, &id, &fields)?;
                    report.updated += 1;
                    id
                }
                None => {
                    let id = ids::new_id();
                    events::insert(t, &id, &fields, Some(&event.uid))?;
                    report.created += 1;
                    id
                }
            };
            for at in &event.skipped {
                occurrence(t, &id, at, &fields, true)?;
            }
            by_uid.insert(event.uid.clone(), id);
        }
        for event in read.iter() {
            let (Some(at), Some(series)) = (&event.occurrence, by_uid.get(&event.uid)) else {
                continue;
            };
            let mut fields = event.fields.clone();
            fields.attendees = attendees(event, &mut report.unknown_attendees);
            fields.recurrence = None;
            let cancelled = fields.status == EventStatus::Cancelled;
            occurrence(t, series, at, &fields, cancelled)?;
        }
        Ok(report)
    })
}

/// Stores one occurrence of `series` changed on its own (or skipped).
fn occurrence(
    t: &rusqlite::Transaction<'_>,
    series: &str,
    at: &str,
    fields: &EventFields,
    skipped: bool,
) -> Result<(), Error> {
    let held: Option<String> = t
        .query_row(
            "SELECT id FROM spark_events WHERE series_id = ?1 AND occurrence_at = ?2",
            [series, at],
            |r| r.get(0),
        )
        .optional()?;
    let id = match held {
        Some(id) => {
            t.execute(
                "UPDATE spark_events SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
                [&id],
            )?;
            events::overwrite(t, &id, fields)?;
            id
        }
        None => {
            let id = ids::new_id();
            events::insert(t, &id, fields, None)?;
            id
        }
    };
    let now = clock::now();
    t.execute(
        "UPDATE spark_events SET series_id = ?2, occurrence_at = ?3, recurrence = NULL,
             deleted_at = CASE WHEN ?4 THEN ?5 END
         WHERE id = ?1",
        params![id, series, at, skipped, now],
    )?;
    Ok(())
}

fn existing(c: &rusqlite::Connection, uid: &str) -> Result<Option<String>, Error> {
    Ok(c.query_row(
        "SELECT id FROM spark_events WHERE ical_uid = ?1 AND deleted_at IS NULL",
        [uid],
        |r| r.get(0),
    )
    .optional()?)
}

/// Team members by lowercase e-mail.
fn member_emails(c: &rusqlite::Connection) -> Result<HashMap<String, String>, Error> {
    let mut statement = c.prepare_cached(
        "SELECT lower(email), id FROM users WHERE email IS NOT NULL AND deleted_at IS NULL",
    )?;
    let members = statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(members)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Reads every `VEVENT` of `text`, checked, or the first problem found.
fn read(text: &str, zone: &str) -> Result<Vec<Read>, IcsProblem> {
    if text.len() > MAX_BYTES {
        return Err(IcsProblem::TooLarge {
            max_megabytes: count(MAX_BYTES / 1024 / 1024),
        });
    }
    let unfolded = icalendar::parser::unfold(text);
    let calendar =
        icalendar::parser::read_calendar(&unfolded).map_err(|message| IcsProblem::Unreadable {
            line: line_of(&message),
        })?;
    let has_calendar = unfolded
        .lines()
        .any(|l| l.trim().eq_ignore_ascii_case("BEGIN:VCALENDAR"));
    if !has_calendar {
        return Err(IcsProblem::Unreadable { line: 1 });
    }
    let found: Vec<&icalendar::parser::Component<'_>> = calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    if found.is_empty() {
        return Err(IcsProblem::NoEvents);
    }
    if found.len() > MAX_EVENTS {
        return Err(IcsProblem::TooManyEvents {
            max: count(MAX_EVENTS),
        });
    }
    found
        .iter()
        .enumerate()
        .map(|(n, component)| read_event(component, count(n + 1), zone))
        .collect()
}

/// The line a parser message points at (1 when it names none).
fn line_of(message: &str) -> u32 {
    message
        .split("line ")
        .nth(1)
        .and_then(|rest| {
            rest.split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(1)
}

fn read_event(
    component: &icalendar::parser::Component<'_>,
    event: u32,
    default_zone: &str,
) -> Result<Read, IcsProblem> {
    let text = |name: &str| {
        component
            .find_prop(name)
            .map(|p| p.val.clone().unescape_text().as_str().trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let title = text("SUMMARY").ok_or(IcsProblem::MissingTitle { event })?;
    let at = |name: &str| -> Result<Option<When>, IcsProblem> {
        component
            .find_prop(name)
            .map(|p| when(p, default_zone, event, &title))
            .transpose()
    };
    let start = at("DTSTART")?.ok_or_else(|| IcsProblem::MissingStart {
        event,
        title: title.clone(),
    })?;
    let end = match (at("DTEND")?, component.find_prop("DURATION")) {
        (Some(end), _) => end.instant,
        (None, Some(duration)) => {
            let span: Span =
                duration
                    .val
                    .as_str()
                    .trim()
                    .parse()
                    .map_err(|_| IcsProblem::BadDate {
                        event,
                        title: title.clone(),
                        value: duration.val.as_str().to_owned(),
                    })?;
            start
                .zoned()
                .checked_add(span)
                .map_err(|_| IcsProblem::BadDate {
                    event,
                    title: title.clone(),
                    value: duration.val.as_str().to_owned(),
                })?
                .timestamp()
        }
        // Without an end: a day for a whole-day event, an instant otherwise.
        (None, None) if start.all_day => start
            .zoned()
            .checked_add(Span::new().days(1))
            .map(|z| z.timestamp())
            .unwrap_or(start.instant),
        (None, None) => start.instant,
    };
    if end < start.instant {
        return Err(IcsProblem::EndsBeforeStart { event, title });
    }
    let recurrence = text("RRULE");
    if let Some(rule) = &recurrence
        && Recurrence::new(rule, start.instant, &start.zone).is_err()
    {
        return Err(IcsProblem::BadRecurrence {
            event,
            title,
            rule: rule.clone(),
        });
    }
    let mut skipped = Vec::new();
    for property in component.properties.iter().filter(|p| p.name == "EXDATE") {
        for value in property.val.as_str().split(',') {
            let single = icalendar::parser::Property {
                name: property.name.clone(),
                val: value.into(),
                params: property.params.clone(),
            };
            skipped.push(clock::format_instant(
                when(&single, default_zone, event, &title)?.instant,
            ));
        }
    }
    let occurrence = at("RECURRENCE-ID")?.map(|w| clock::format_instant(w.instant));
    let emails = component
        .properties
        .iter()
        .filter(|p| p.name == "ATTENDEE")
        .filter_map(|p| {
            let value = p.val.as_str().trim();
            let email = value
                .get(..7)
                .filter(|scheme| scheme.eq_ignore_ascii_case("mailto:"))
                .map(|_| &value[7..])?;
            Some(email.to_lowercase())
        })
        .collect();
    let status = match text("STATUS").as_deref() {
        Some("CANCELLED") => EventStatus::Cancelled,
        Some("CONFIRMED") => EventStatus::Confirmed,
        _ => EventStatus::Planned,
    };
    let uid = text("UID").unwrap_or_else(|| {
        // No UID (hand-made files): one made of what the event is, so a
        // second import of the same file still finds it.
        ids::link_id("ical", &[&title, &clock::format_instant(start.instant)])
    });
    Ok(Read {
        uid,
        fields: EventFields {
            title,
            description: text("DESCRIPTION").unwrap_or_default(),
            location: text("LOCATION"),
            starts_at: clock::format_instant(start.instant),
            ends_at: clock::format_instant(end),
            time_zone: start.zone.clone(),
            all_day: start.all_day,
            status,
            recurrence,
            ..EventFields::default()
        },
        emails,
        occurrence,
        skipped,
    })
}

/// A date-time property read.
struct When {
    instant: Timestamp,
    zone: String,
    all_day: bool,
}

impl When {
    fn zoned(&self) -> ZonedDateTime {
        let zone = TimeZone::get(&self.zone).unwrap_or(TimeZone::UTC);
        self.instant.to_zoned_datetime(zone)
    }
}

fn when(
    property: &icalendar::parser::Property<'_>,
    default_zone: &str,
    event: u32,
    title: &str,
) -> Result<When, IcsProblem> {
    let value = property.val.as_str().trim();
    let bad = || IcsProblem::BadDate {
        event,
        title: title.to_owned(),
        value: value.to_owned(),
    };
    let tzid = property
        .params
        .iter()
        .find(|p| p.key == "TZID")
        .and_then(|p| p.val.as_ref())
        .map(|v| v.as_str().trim_matches('"').to_owned());
    let zone_name = match &tzid {
        Some(tzid) => iana_zone(tzid).ok_or_else(|| IcsProblem::UnknownTimeZone {
            event,
            title: title.to_owned(),
            zone: tzid.clone(),
        })?,
        None => default_zone.to_owned(),
    };
    let zone = TimeZone::get(&zone_name).map_err(|_| IcsProblem::UnknownTimeZone {
        event,
        title: title.to_owned(),
        zone: zone_name.clone(),
    })?;
    if value.len() == 8 {
        let day = jiff::civil::Date::strptime("%Y%m%d", value).map_err(|_| bad())?;
        let instant = day.to_zoned_datetime(zone).map_err(|_| bad())?.timestamp();
        return Ok(When {
            instant,
            zone: zone_name,
            all_day: true,
        });
    }
    let (civil, utc) = match value.strip_suffix(['Z', 'z']) {
        Some(rest) => (rest, true),
        None => (value, false),
    };
    let civil = DateTime::strptime("%Y%m%dT%H%M%S", civil).map_err(|_| bad())?;
    let instant = if utc {
        civil
            .to_zoned_datetime(TimeZone::UTC)
            .map_err(|_| bad())?
            .timestamp()
    } else {
        civil
            .to_zoned_datetime(zone)
            .map_err(|_| bad())?
            .timestamp()
    };
    Ok(When {
        instant,
        // A UTC time keeps the zone of the event's other times, or the person's.
        zone: zone_name,
        all_day: false,
    })
}

/// The IANA name in a `TZID`: the name itself, or the end of a path some
/// programs write ("/mozilla.org/20050126_1/Europe/Paris").
fn iana_zone(tzid: &str) -> Option<String> {
    let known = |name: &str| TimeZone::get(name).is_ok() && name.parse::<chrono_tz::Tz>().is_ok();
    if known(tzid) {
        return Some(tzid.to_owned());
    }
    let parts: Vec<&str> = tzid.split('/').filter(|p| !p.is_empty()).collect();
    (1..parts.len())
        .map(|from| parts[from..].join("/"))
        .find(|candidate| known(candidate))
}

/// The team calendar as an iCalendar file: every live event (with its rule,
/// its skipped and changed occurrences) and every time-blocked task.
pub fn export(db: &Database) -> Result<String, Error> {
    db.read(|c| {
        let mut out = String::from(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//MONA x SPARK//Desk//FR\r\nCALSCALE:GREGORIAN\r\n",
        );
        let stamp = stamp(&Timestamp::now());
        let mut statement = c.prepare(
            "SELECT id, coalesce(ical_uid, id || '@mona-spark'), title, description, location,
                    starts_at, ends_at, time_zone, all_day, recurrence, status, series_id,
                    occurrence_at, deleted_at IS NOT NULL,
                    (SELECT coalesce(s.ical_uid, s.id || '@mona-spark') FROM spark_events s
                     WHERE s.id = e.series_id)
             FROM spark_events e
             WHERE deleted_at IS NULL OR series_id IS NOT NULL
             ORDER BY series_id IS NOT NULL, starts_at, id",
        )?;
        let mut rows = statement.query([])?;
        let mut skipped: HashMap<String, Vec<String>> = HashMap::new();
        // Each event's id, zone and lines, in order.
        let mut blocks: Vec<(String, String, Vec<String>)> = Vec::new();
        while let Some(r) = rows.next()? {
            let series: Option<String> = r.get(11)?;
            let gone: bool = r.get(13)?;
            let zone: String = r.get(7)?;
            let all_day: bool = r.get(8)?;
            if let Some(series) = &series {
                let at: Option<String> = r.get(12)?;
                if gone {
                    if let Some(at) = at {
                        skipped.entry(series.clone()).or_default().push(at);
                    }
                    continue;
                }
            }
            let uid: String = match (&series, r.get::<_, Option<String>>(14)?) {
                (Some(_), Some(series_uid)) => series_uid,
                _ => r.get(1)?,
            };
            let mut lines = vec![
                format!("UID:{}", escape(&uid)),
                format!("DTSTAMP:{stamp}"),
                format!("SUMMARY:{}", escape(&r.get::<_, String>(2)?)),
            ];
            let description: String = r.get(3)?;
            if !description.is_empty() {
                lines.push(format!("DESCRIPTION:{}", escape(&description)));
            }
            if let Some(location) = r.get::<_, Option<String>>(4)? {
                lines.push(format!("LOCATION:{}", escape(&location)));
            }
            lines.push(date_line("DTSTART", &r.get::<_, String>(5)?, &zone, all_day));
            lines.push(date_line("DTEND", &r.get::<_, String>(6)?, &zone, all_day));
            if let Some(rule) = r.get::<_, Option<String>>(9)? {
                lines.push(format!("RRULE:{rule}"));
            }
            if let (Some(_), Some(at)) = (&series, r.get::<_, Option<String>>(12)?) {
                lines.push(date_line("RECURRENCE-ID", &at, &zone, all_day));
            }
            match r.get::<_, String>(10)?.as_str() {
                "cancelled" => lines.push("STATUS:CANCELLED".into()),
                "confirmed" => lines.push("STATUS:CONFIRMED".into()),
                _ => {}
            }
            blocks.push((r.get(0)?, zone, lines));
        }
        for (id, zone, lines) in &mut blocks {
            for at in skipped.get(id).into_iter().flatten() {
                lines.push(date_line("EXDATE", at, zone, false));
            }
        }
        let mut tasks = c.prepare(
            "SELECT id, title, description, starts_at, ends_at, coalesce(time_zone, 'UTC'),
                    all_day, recurrence
             FROM tasks
             WHERE deleted_at IS NULL AND series_id IS NULL AND starts_at IS NOT NULL
               AND status <> 'cancelled'
             ORDER BY starts_at, id",
        )?;
        let mut rows = tasks.query([])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let zone: String = r.get(5)?;
            let all_day: bool = r.get(6)?;
            let mut lines = vec![
                format!("UID:task-{id}@mona-spark"),
                format!("DTSTAMP:{stamp}"),
                format!("SUMMARY:{}", escape(&r.get::<_, String>(1)?)),
            ];
            let description: String = r.get(2)?;
            if !description.is_empty() {
                lines.push(format!("DESCRIPTION:{}", escape(&description)));
            }
            lines.push(date_line("DTSTART", &r.get::<_, String>(3)?, &zone, all_day));
            lines.push(date_line("DTEND", &r.get::<_, String>(4)?, &zone, all_day));
            if let Some(rule) = r.get::<_, Option<String>>(7)? {
                lines.push(format!("RRULE:{rule}"));
            }
            blocks.push((id, zone, lines));
        }
        for (_, _, lines) in blocks {
            out.push_str("BEGIN:VEVENT\r\n");
            for line in lines {
                fold(&line, &mut out);
            }
            out.push_str("END:VEVENT\r\n");
        }
        out.push_str("END:VCALENDAR\r\n");
        Ok(out)
    })
}

/// Writes the calendar as a new `.ics` file in `folder` and returns its path.
pub fn export_to_folder(db: &Database, folder: &Path) -> Result<PathBuf, ExportError> {
    let text = export(db).map_err(ExportError::Database)?;
    crate::exports::write_new_file(folder, "mona-spark-calendar", "ics", text.as_bytes())
}

fn stamp(instant: &Timestamp) -> String {
    instant.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// A date-time line in the event's zone (`TZID`), or a day for whole days.
fn date_line(name: &str, stored: &str, zone: &str, all_day: bool) -> String {
    let Ok(instant) = stored.parse::<Timestamp>() else {
        return format!("{name}:{stored}");
    };
    match TimeZone::get(zone) {
        Ok(tz) if zone != "UTC" => {
            let local = instant.to_zoned_datetime(tz);
            if all_day {
                format!("{name};VALUE=DATE:{}", local.strftime("%Y%m%d"))
            } else {
                format!("{name};TZID={zone}:{}", local.strftime("%Y%m%dT%H%M%S"))
            }
        }
        _ if all_day => format!("{name};VALUE=DATE:{}", instant.strftime("%Y%m%d")),
        _ => format!("{name}:{}", stamp(&instant)),
    }
}

/// RFC 5545 text escaping.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}

/// Writes a content line folded at 75 octets, never inside a character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for ch in line.chars() {
        let size = ch.len_utf8();
        if width + size > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += size;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_french_line_folds_between_characters_at_75_octets() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "Répétition générale ".repeat(6));
        fold(&line, &mut out);
        for piece in out.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(piece.len() <= 75, "{piece:?}");
        }
        assert_eq!(icalendar::parser::unfold(&out).trim_end(), line.trim_end());
    }

    #[test]
    fn an_old_mozilla_zone_path_is_read_as_its_iana_name() {
        assert_eq!(
            iana_zone("/mozilla.org/20050126_1/Europe/Paris").as_deref(),
            Some("Europe/Paris")
        );
        assert_eq!(iana_zone("Romance Standard Time"), None);
    }

    #[test]
    fn text_is_escaped_as_rfc_5545_says() {
        assert_eq!(
            escape("Live; Nadia, Kenza\nStudio \\ B"),
            "Live\\; Nadia\\, Kenza\\nStudio \\\\ B"
        );
    }
}
