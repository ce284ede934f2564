//! A live on the streamer's Twitch schedule: what it would show there,
//! whether it was published, and whether it changed since.
//!
//! Why it exists: viewers find a channel's next lives on its Twitch
//! schedule, and the team plans them on the app's calendar. Publishing
//! copies the live there (title, start, length, weekly repeat, category);
//! when the live moves or is cancelled in the app, the schedule is behind
//! until someone updates it, and the app says so instead of letting the two
//! drift apart in silence. Twitch's own rules (30 minutes to 23 hours, 140
//! characters, repeats only every week) are checked here, before anything
//! is sent, so the screen can say why a live cannot go on the schedule.
//!
//! The streaming crate talks to Twitch; this module decides what to send
//! ([`to_send`]) and keeps what Twitch made of it ([`record_published`],
//! [`record_withdrawn`]).

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::team::{self, Action};
use crate::{Database, Entity, Error, clock, ids};

/// Twitch's shortest and longest scheduled broadcast, in minutes.
pub const MIN_MINUTES: u32 = 30;
pub const MAX_MINUTES: u32 = 1_380;
/// Twitch's longest schedule title.
pub const MAX_TITLE: u32 = 140;

/// Why a live cannot be published (or updated) on Twitch's schedule now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScheduleProblem {
    /// Twitch schedules broadcasts of 30 minutes at least.
    TooShort {
        minutes: u32,
        min: u32,
    },
    /// Twitch schedules broadcasts of 23 hours at most.
    TooLong {
        minutes: u32,
        max: u32,
    },
    TitleTooLong {
        count: u32,
        max: u32,
    },
    /// The live has started or is over: the schedule is for what comes.
    Started,
    /// Twitch repeats a broadcast every week, forever; the live repeats
    /// another way.
    RepeatNotWeekly,
    /// A cancelled live that was never published: nothing to tell Twitch.
    Cancelled,
}

/// Where the live stands on the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleState {
    NotPublished,
    /// The schedule shows the live as it is.
    UpToDate,
    /// The live moved, was renamed, cancelled or brought back since it
    /// was published.
    Changed,
}

/// What was published, on which channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PublishedLive {
    /// Twitch's id of the scheduled broadcast.
    pub segment_id: String,
    pub channel_id: String,
    pub channel_login: String,
    pub title: String,
    pub starts_at: String,
    pub minutes: u32,
    pub weekly: bool,
    pub cancelled: bool,
    pub category_id: Option<String>,
    pub category_name: Option<String>,
    /// When it was last sent (set when recorded).
    pub published_at: String,
}

/// A live as Twitch's schedule would show it, and as it shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LiveOnTwitch {
    pub event_id: String,
    pub title: String,
    pub starts_at: String,
    pub minutes: u32,
    /// The IANA zone the live was planned in (Twitch shows it in the
    /// viewer's own).
    pub time_zone: String,
    /// Repeats every week (a recurring broadcast on Twitch).
    pub weekly: bool,
    pub cancelled: bool,
    pub published: Option<PublishedLive>,
    pub state: ScheduleState,
    /// Why it cannot be published or updated now; empty when it can.
    pub problems: Vec<ScheduleProblem>,
}

/// `event_id` as Twitch's schedule would show it at `now`.
pub fn live_on_twitch(
    db: &Database,
    event_id: &str,
    now: Timestamp,
) -> Result<LiveOnTwitch, Error> {
    db.read(|c| load(c, event_id, now))
}

/// What to send to Twitch to make its schedule show `event_id` as it is;
/// refused with the first problem when it cannot.
pub fn to_send(db: &Database, event_id: &str, now: Timestamp) -> Result<LiveOnTwitch, Error> {
    db.read(|c| {
        team::require(c, Action::EditRecords)?;
        let live = load(c, event_id, now)?;
        match live.problems.first() {
            Some(problem) => Err(Error::TwitchSchedule(problem.clone())),
            None => Ok(live),
        }
    })
}

/// Keeps what Twitch made of the live's publication.
pub fn record_published(
    db: &Database,
    event_id: &str,
    published: &PublishedLive,
) -> Result<LiveOnTwitch, Error> {
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let now = clock::now();
        // The same broadcast updated keeps its row; a new one (the first,
        // or Twitch's was deleted there) takes the place of the old.
        let kept = match current(t, event_id)? {
            Some((row, now_on)) if now_on.segment_id == published.segment_id => Some(row),
            Some((row, _)) => {
                t.execute(
                    "UPDATE twitch_schedule_segments SET deleted_at = ?2, updated_at = ?2
                     WHERE id = ?1",
                    params![row, now],
                )?;
                None
            }
            None => None,
        };
        let statement = if kept.is_some() {
            "UPDATE twitch_schedule_segments SET event_id = ?1, segment_id = ?2, channel_id = ?3,
                 channel_login = ?4, title = ?5, starts_at = ?6, minutes = ?7, weekly = ?8,
                 cancelled = ?9, category_id = ?10, category_name = ?11, published_at = ?12,
                 updated_at = ?12
             WHERE id = ?13"
        } else {
            "INSERT INTO twitch_schedule_segments (event_id, segment_id, channel_id,
                 channel_login, title, starts_at, minutes, weekly, cancelled, category_id,
                 category_name, published_at, created_at, updated_at, id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?12, ?13)"
        };
        t.execute(
            statement,
            params![
                event_id,
                published.segment_id,
                published.channel_id,
                published.channel_login,
                published.title,
                published.starts_at,
                published.minutes,
                published.weekly,
                published.cancelled,
                published.category_id,
                published.category_name,
                now,
                kept.unwrap_or_else(ids::new_id),
            ],
        )?;
        load(t, event_id, Timestamp::now())
    })
}

/// The live is no longer on Twitch's schedule.
pub fn record_withdrawn(db: &Database, event_id: &str) -> Result<LiveOnTwitch, Error> {
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        t.execute(
            "UPDATE twitch_schedule_segments SET deleted_at = ?2, updated_at = ?2
             WHERE event_id = ?1 AND deleted_at IS NULL",
            params![event_id, clock::now()],
        )?;
        load(t, event_id, Timestamp::now())
    })
}

/// The live's current publication and its row's id.
fn current(c: &Connection, event_id: &str) -> Result<Option<(String, PublishedLive)>, Error> {
    Ok(c.query_row(
        "SELECT id, segment_id, channel_id, channel_login, title, starts_at, minutes, weekly,
                cancelled, category_id, category_name, published_at
         FROM twitch_schedule_segments WHERE event_id = ?1 AND deleted_at IS NULL
         ORDER BY published_at DESC, id DESC LIMIT 1",
        [event_id],
        |r| {
            Ok((
                r.get(0)?,
                PublishedLive {
                    segment_id: r.get(1)?,
                    channel_id: r.get(2)?,
                    channel_login: r.get(3)?,
                    title: r.get(4)?,
                    starts_at: r.get(5)?,
                    minutes: r.get(6)?,
                    weekly: r.get(7)?,
                    cancelled: r.get(8)?,
                    category_id: r.get(9)?,
                    category_name: r.get(10)?,
                    published_at: r.get(11)?,
                },
            ))
        },
    )
    .optional()?)
}

fn load(c: &Connection, event_id: &str, now: Timestamp) -> Result<LiveOnTwitch, Error> {
    let (title, starts_at, ends_at, time_zone, status, recurrence): (
        String,
        String,
        String,
        String,
        String,
        Option<String>,
    ) = c
        .query_row(
            "SELECT title, starts_at, ends_at, time_zone, status, recurrence FROM spark_events
             WHERE id = ?1 AND deleted_at IS NULL",
            [event_id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound {
            entity: Entity::Event,
            id: event_id.to_owned(),
        })?;
    let published = current(c, event_id)?.map(|(_, published)| published);
    let start = starts_at.parse::<Timestamp>().ok();
    let minutes = match (start, ends_at.parse::<Timestamp>().ok()) {
        (Some(start), Some(end)) => u32::try_from(end.duration_since(start).as_mins()).unwrap_or(0),
        _ => 0,
    };
    let weekly = recurrence.as_deref().map(repeats_weekly);
    let cancelled = status == "cancelled";
    let state = match &published {
        None => ScheduleState::NotPublished,
        Some(p)
            if p.title == title
                && p.starts_at == starts_at
                && p.minutes == minutes
                && p.weekly == (weekly == Some(true))
                && p.cancelled == cancelled =>
        {
            ScheduleState::UpToDate
        }
        Some(_) => ScheduleState::Changed,
    };
    let mut problems = Vec::new();
    if cancelled {
        if published.is_none() {
            problems.push(ScheduleProblem::Cancelled);
        }
    } else {
        if start.is_none_or(|start| start <= now) {
            problems.push(ScheduleProblem::Started);
        }
        if minutes < MIN_MINUTES {
            problems.push(ScheduleProblem::TooShort {
                minutes,
                min: MIN_MINUTES,
            });
        }
        if minutes > MAX_MINUTES {
            problems.push(ScheduleProblem::TooLong {
                minutes,
                max: MAX_MINUTES,
            });
        }
        let count = u32::try_from(title.chars().count()).unwrap_or(u32::MAX);
        if count > MAX_TITLE {
            problems.push(ScheduleProblem::TitleTooLong {
                count,
                max: MAX_TITLE,
            });
        }
        if weekly == Some(false) {
            problems.push(ScheduleProblem::RepeatNotWeekly);
        }
    }
    Ok(LiveOnTwitch {
        event_id: event_id.to_owned(),
        title,
        starts_at,
        minutes,
        time_zone,
        weekly: weekly == Some(true),
        cancelled,
        published,
        state,
        problems,
    })
}

/// Whether an RFC 5545 rule repeats as Twitch does: every week on the
/// start's day, with no end.
fn repeats_weekly(rule: &str) -> bool {
    let mut weekly = false;
    for part in rule.trim().trim_start_matches("RRULE:").split(';') {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        match key.trim().to_ascii_uppercase().as_str() {
            "FREQ" => weekly = value.trim().eq_ignore_ascii_case("WEEKLY"),
            "INTERVAL" if value.trim() == "1" => {}
            // A single day is the start's own (the calendar starts on it).
            "BYDAY" if !value.contains(',') => {}
            "WKST" => {}
            _ => return false,
        }
    }
    weekly
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_rule_repeating_every_week_without_end_is_twitch_s_weekly_repeat() {
        assert!(repeats_weekly("FREQ=WEEKLY"));
        assert!(repeats_weekly("RRULE:FREQ=WEEKLY;BYDAY=TH;WKST=MO"));
        assert!(repeats_weekly("FREQ=WEEKLY;INTERVAL=1"));
        assert!(
            !repeats_weekly("FREQ=WEEKLY;INTERVAL=2"),
            "every other week"
        );
        assert!(!repeats_weekly("FREQ=WEEKLY;BYDAY=TU,TH"), "twice a week");
        assert!(!repeats_weekly("FREQ=WEEKLY;COUNT=4"), "four times");
        assert!(!repeats_weekly("FREQ=WEEKLY;UNTIL=20270101T000000Z"));
        assert!(!repeats_weekly("FREQ=DAILY"));
        assert!(!repeats_weekly("FREQ=MONTHLY;BYDAY=1FR"));
    }
}
