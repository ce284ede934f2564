//! The artist score: one number from 0 to 100 that a manager can explain.
//!
//! Why it exists: MONA decides whom to call first. The score adds up
//! criteria the team weighs itself ([`Criterion`]): audience, engagement,
//! growth over 30 and 90 days, fit with MONA's genres, how the artist answers,
//! how past campaigns went, and criteria rated by hand. Each criterion turns
//! the artist's facts into a value from −1 to 1, worth up to its share of
//! 100 points; the card lists every line, and the lines add up to the score
//! exactly ([`Score::lines`] plus [`Score::capped`]).
//!
//! The score is derived, never stored as an edit: every device computes it
//! from the synced facts (figures, interactions, campaigns, ratings,
//! criteria) and keeps it in the artist list for sorting and filtering.
//! [`refresh`] runs after every write that changes a fact, [`refresh_all`]
//! after a change of criteria, after a sync brought facts, and on the first
//! open of a day (growth and answers depend on the date). The history
//! ([`history`]) is computed the same way from the facts as they were on
//! each past day, with today's criteria, so its points compare.

use std::collections::HashMap;

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::artists::ArtistFields;
use crate::stored_enum::stored_enum;
use crate::team::{self, Action};
use crate::validation::{FieldErrors, FieldProblem, check_length, optional_text};
use crate::{Database, Entity, Error, clock, positions, text};

/// What a criterion measures.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum CriterionKind {
    /// Followers on every account together, log scale from `low` to `high`.
    #[default]
    Audience,
    /// Engagement rate in basis points, from `low` (nothing) to `high` (full).
    Engagement,
    /// Audience change over 30 days in percent; `high` gives full points, `-high` takes them.
    #[serde(rename = "growth_30")]
    Growth30,
    /// The same over 90 days.
    #[serde(rename = "growth_90")]
    Growth90,
    /// Whether one of the artist's genres is one MONA works with.
    GenreFit,
    /// Share of MONA's messages the artist answered within `high` days.
    Responsiveness,
    /// Completed against cancelled campaigns.
    Reliability,
    /// A criterion the team names and rates by hand, 0 to 5.
    Manual,
}

stored_enum!(CriterionKind {
    Audience => "audience",
    Engagement => "engagement",
    Growth30 => "growth_30",
    Growth90 => "growth_90",
    GenreFit => "genre_fit",
    Responsiveness => "responsiveness",
    Reliability => "reliability",
    Manual => "manual",
});

impl CriterionKind {
    /// The thresholds a new criterion of this kind starts with, as (low, high).
    pub fn default_thresholds(self) -> (Option<i32>, Option<i32>) {
        match self {
            CriterionKind::Audience => (Some(1_000), Some(1_000_000)),
            CriterionKind::Engagement => (Some(50), Some(600)),
            CriterionKind::Growth30 => (None, Some(20)),
            CriterionKind::Growth90 => (None, Some(50)),
            CriterionKind::Responsiveness => (None, Some(7)),
            CriterionKind::GenreFit | CriterionKind::Reliability | CriterionKind::Manual => {
                (None, None)
            }
        }
    }
}

/// A criterion as the team configured it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct Criterion {
    /// `None` for a criterion being added.
    pub id: Option<String>,
    pub kind: CriterionKind,
    /// The name of a manual criterion.
    pub label: Option<String>,
    /// Its share of the score; weights are scaled to a total of 100.
    pub weight: u32,
    pub low: Option<i32>,
    pub high: Option<i32>,
    /// The genres MONA works with (genre fit only).
    pub genres: Vec<String>,
}

/// What a line of the explanation measured, for the card to say why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum Measure {
    /// Nothing to measure yet (no figure, no contact, no campaign, not rated).
    Unknown,
    Audience {
        total: u32,
    },
    Engagement {
        bp: u32,
    },
    /// Tenths of a percent: 183 is +18.3 %.
    Growth {
        permille: i32,
    },
    GenreFit {
        matched: Option<String>,
    },
    Responsiveness {
        answered: u32,
        asked: u32,
    },
    Reliability {
        completed: u32,
        cancelled: u32,
    },
    Rating {
        stars: u8,
    },
}

/// One criterion's part of a score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ScoreLine {
    pub criterion_id: String,
    pub kind: CriterionKind,
    pub label: Option<String>,
    /// May be negative: a falling audience or unanswered messages cost points.
    pub points: i32,
    /// The criterion's share of 100.
    pub max: u32,
    pub measure: Measure,
}

/// A score and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Score {
    pub total: u32,
    pub lines: Vec<ScoreLine>,
    /// What keeping the total within 0–100 added or took: the lines plus
    /// this make the total.
    pub capped: i32,
}

/// The score on one past day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ScorePoint {
    pub day: String,
    pub total: u32,
}

/// What the score reads about one artist. Every dated fact keeps its date,
/// so the same facts give the score of any past day.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    /// Folded genres, main one first.
    genres: Vec<String>,
    /// Per account, its figures as (day, audience, engagement), oldest first.
    accounts: HashMap<String, Vec<(Date, u64, Option<u32>)>>,
    /// Instants of MONA's messages to the artist and of the artist's, sorted.
    outbound: Vec<Timestamp>,
    inbound: Vec<Timestamp>,
    /// Finished campaigns as (day, completed?).
    campaigns: Vec<(Date, bool)>,
    /// Manual criterion id to its rating.
    ratings: HashMap<String, u8>,
}

/// How far back answers count.
const RESPONSIVENESS_YEARS: i64 = 1;

impl Facts {
    /// The latest figure of each account on or before `day`.
    fn latest(&self, day: Date) -> impl Iterator<Item = (u64, Option<u32>)> + '_ {
        self.accounts.values().filter_map(move |figures| {
            figures
                .iter()
                .rev()
                .find(|(on, ..)| *on <= day)
                .map(|(_, audience, engagement)| (*audience, *engagement))
        })
    }

    /// Followers on every account on `day`, or `None` without any figure.
    pub(crate) fn audience(&self, day: Date) -> Option<u64> {
        let mut any = false;
        let total = self
            .latest(day)
            .inspect(|_| any = true)
            .map(|(audience, _)| audience)
            .sum();
        any.then_some(total)
    }

    /// Audience-weighted engagement on `day`.
    fn engagement(&self, day: Date) -> Option<u32> {
        let (weighted, audience) = self
            .latest(day)
            .filter_map(|(audience, engagement)| engagement.map(|e| (audience, e)))
            .fold((0u128, 0u128), |(w, a), (audience, e)| {
                (
                    w + u128::from(audience) * u128::from(e),
                    a + u128::from(audience),
                )
            });
        if let Some(mean) = weighted.checked_div(audience) {
            Some(mean as u32)
        } else {
            // Rates given only where nobody follows: a plain mean.
            let rates: Vec<u32> = self.latest(day).filter_map(|(_, e)| e).collect();
            (!rates.is_empty()).then(|| rates.iter().sum::<u32>() / rates.len() as u32)
        }
    }

    /// Change of audience between `days` before `day` and `day`, in tenths of
    /// a percent, over the accounts that have a figure at both dates.
    fn growth(&self, day: Date, days: i64) -> Option<i64> {
        let then_day = day.checked_sub(days.days()).ok()?;
        let (mut then, mut now) = (0u64, 0u64);
        for figures in self.accounts.values() {
            let at = |limit: Date| figures.iter().rev().find(|(on, ..)| *on <= limit);
            if let (Some(old), Some(new)) = (at(then_day), at(day)) {
                then += old.1;
                now += new.1;
            }
        }
        (then > 0).then(|| (now as i64 - then as i64) * 1000 / then as i64)
    }

    /// MONA's messages older than the reply window or answered, before `end`,
    /// and how many of those were answered within `window_days`.
    fn answers(&self, end: Timestamp, window_days: i64) -> (u32, u32) {
        let window = (window_days.max(1) * 24).hours();
        let since = end
            .checked_sub((RESPONSIVENESS_YEARS * 365 * 24).hours())
            .unwrap_or(end);
        let (mut asked, mut answered) = (0, 0);
        for sent in self.outbound.iter().filter(|t| **t > since && **t <= end) {
            let Ok(deadline) = sent.checked_add(window) else {
                continue;
            };
            let first_reply = self.inbound.iter().find(|t| *t > sent && *t <= &end);
            match first_reply {
                Some(reply) if *reply <= deadline => {
                    asked += 1;
                    answered += 1;
                }
                // Still within the window: not counted either way yet.
                _ if deadline > end => {}
                _ => asked += 1,
            }
        }
        (answered, asked)
    }
}

/// The score of `facts` on `day` under `criteria`.
pub(crate) fn compute(criteria: &[Criterion], facts: &Facts, day: Date) -> Score {
    // The end of `day` (UTC): what happened that day counts.
    let end = day
        .tomorrow()
        .ok()
        .and_then(|next| format!("{next}T00:00:00Z").parse::<Timestamp>().ok())
        .unwrap_or(Timestamp::MAX);
    let total_weight: u32 = criteria.iter().map(|c| c.weight).sum();
    let mut raw = Vec::with_capacity(criteria.len());
    let mut lines = Vec::with_capacity(criteria.len());
    for criterion in criteria {
        let (value, measure) = evaluate(criterion, facts, day, end);
        let share = if total_weight == 0 {
            0.0
        } else {
            f64::from(criterion.weight) * 100.0 / f64::from(total_weight)
        };
        raw.push(value.clamp(-1.0, 1.0) * share);
        lines.push(ScoreLine {
            criterion_id: criterion.id.clone().unwrap_or_default(),
            kind: criterion.kind,
            label: criterion.label.clone(),
            points: 0,
            max: share.round() as u32,
            measure,
        });
    }
    for (line, points) in lines.iter_mut().zip(round_keeping_sum(&raw)) {
        line.points = points;
    }
    let sum: i32 = lines.iter().map(|l| l.points).sum();
    let total = sum.clamp(0, 100);
    Score {
        total: total as u32,
        lines,
        capped: total - sum,
    }
}

/// One criterion's value from −1 to 1, and what it measured.
fn evaluate(criterion: &Criterion, facts: &Facts, day: Date, end: Timestamp) -> (f64, Measure) {
    let (default_low, default_high) = criterion.kind.default_thresholds();
    let low = criterion.low.or(default_low).unwrap_or(0);
    let high = criterion.high.or(default_high).unwrap_or(1);
    match criterion.kind {
        CriterionKind::Audience => match facts.audience(day) {
            Some(total) => {
                let (low, high) = (f64::from(low.max(1)), f64::from(high.max(2)));
                let value = if total == 0 {
                    0.0
                } else {
                    ((total as f64).log10() - low.log10()) / (high.log10() - low.log10())
                };
                let total = u32::try_from(total).unwrap_or(u32::MAX);
                (value.clamp(0.0, 1.0), Measure::Audience { total })
            }
            None => (0.0, Measure::Unknown),
        },
        CriterionKind::Engagement => match facts.engagement(day) {
            Some(bp) => {
                let span = f64::from((high - low).max(1));
                let value = ((f64::from(bp) - f64::from(low)) / span).clamp(0.0, 1.0);
                (value, Measure::Engagement { bp })
            }
            None => (0.0, Measure::Unknown),
        },
        CriterionKind::Growth30 | CriterionKind::Growth90 => {
            let days = if criterion.kind == CriterionKind::Growth30 {
                30
            } else {
                90
            };
            match facts.growth(day, days) {
                Some(permille) => {
                    let full = f64::from(high.max(1)) * 10.0;
                    let permille = i32::try_from(permille).unwrap_or(i32::MAX);
                    (f64::from(permille) / full, Measure::Growth { permille })
                }
                None => (0.0, Measure::Unknown),
            }
        }
        CriterionKind::GenreFit => {
            let wanted: Vec<String> = criterion.genres.iter().map(|g| text::fold(g)).collect();
            let matched = facts
                .genres
                .iter()
                .find(|g| wanted.contains(g))
                .and_then(|g| criterion.genres.iter().find(|w| text::fold(w) == *g))
                .cloned();
            let value = if matched.is_some() { 1.0 } else { 0.0 };
            (value, Measure::GenreFit { matched })
        }
        CriterionKind::Responsiveness => {
            let (answered, asked) = facts.answers(end, i64::from(high));
            if asked == 0 {
                (0.0, Measure::Unknown)
            } else {
                let share = f64::from(answered) / f64::from(asked);
                (
                    share * 2.0 - 1.0,
                    Measure::Responsiveness { answered, asked },
                )
            }
        }
        CriterionKind::Reliability => {
            let (completed, cancelled) = facts.campaigns.iter().filter(|(on, _)| *on <= day).fold(
                (0u32, 0u32),
                |(done, lost), (_, completed)| {
                    if *completed {
                        (done + 1, lost)
                    } else {
                        (done, lost + 1)
                    }
                },
            );
            if completed + cancelled == 0 {
                (0.0, Measure::Unknown)
            } else {
                let value = (f64::from(completed) - f64::from(cancelled))
                    / f64::from(completed + cancelled);
                (
                    value,
                    Measure::Reliability {
                        completed,
                        cancelled,
                    },
                )
            }
        }
        CriterionKind::Manual => match criterion.id.as_ref().and_then(|id| facts.ratings.get(id)) {
            Some(stars) => (f64::from(*stars) / 5.0, Measure::Rating { stars: *stars }),
            None => (0.0, Measure::Unknown),
        },
    }
}

/// Rounds each value so that the rounded values add up to the rounded sum
/// (largest remainders get the units left over), so the explanation's lines
/// always make its total.
fn round_keeping_sum(values: &[f64]) -> Vec<i32> {
    let target = values.iter().sum::<f64>().round() as i64;
    let mut rounded: Vec<i64> = values.iter().map(|v| v.floor() as i64).collect();
    let mut left = target - rounded.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|a, b| {
        let fraction = |i: usize| values[i] - values[i].floor();
        fraction(*b).total_cmp(&fraction(*a))
    });
    for index in order.iter().cycle().take(values.len() * 2) {
        if left == 0 {
            break;
        }
        let step = left.signum();
        rounded[*index] += step;
        left -= step;
    }
    rounded.into_iter().map(|r| r as i32).collect()
}

/// The criteria a team starts with, as (id, kind, weight, genres). Their
/// ids are fixed: the first change of any criterion writes them all
/// ([`write_defaults`]), and two computers doing so write the same rows.
const DEFAULT_CRITERIA: [(&str, CriterionKind, u32, &[&str]); 7] = [
    (
        "0193a000-0000-7000-8000-000000000001",
        CriterionKind::Audience,
        25,
        &[],
    ),
    (
        "0193a000-0000-7000-8000-000000000002",
        CriterionKind::Engagement,
        15,
        &[],
    ),
    (
        "0193a000-0000-7000-8000-000000000003",
        CriterionKind::Growth30,
        10,
        &[],
    ),
    (
        "0193a000-0000-7000-8000-000000000004",
        CriterionKind::Growth90,
        10,
        &[],
    ),
    (
        "0193a000-0000-7000-8000-000000000005",
        CriterionKind::GenreFit,
        15,
        &[
            "rap",
            "pop urbaine",
            "r&b",
            "pop",
            "électro",
            "afro",
            "drill",
            "rock",
            "indie",
        ],
    ),
    (
        "0193a000-0000-7000-8000-000000000006",
        CriterionKind::Responsiveness,
        15,
        &[],
    ),
    (
        "0193a000-0000-7000-8000-000000000007",
        CriterionKind::Reliability,
        10,
        &[],
    ),
];

fn default_criteria() -> Vec<Criterion> {
    DEFAULT_CRITERIA
        .iter()
        .map(|(id, kind, weight, genres)| {
            let (low, high) = kind.default_thresholds();
            Criterion {
                id: Some((*id).to_owned()),
                kind: *kind,
                label: None,
                weight: *weight,
                low,
                high,
                genres: genres.iter().map(|g| (*g).to_owned()).collect(),
            }
        })
        .collect()
}

/// Writes the default criteria as rows, before the team's first change.
fn write_defaults(connection: &Connection, now: &str) -> Result<(), Error> {
    let defaults = default_criteria();
    crate::presets::write_once(
        connection,
        "score_criteria",
        &defaults,
        |criterion, position| {
            connection.execute(
                "INSERT INTO score_criteria
                 (id, kind, label, weight, low, high, genres, position, created_at, updated_at)
             VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
             ON CONFLICT (id) DO NOTHING",
                params![
                    criterion.id,
                    criterion.kind,
                    criterion.weight,
                    criterion.low,
                    criterion.high,
                    serde_json::to_string(&criterion.genres).unwrap_or_else(|_| "[]".into()),
                    position,
                    now
                ],
            )?;
            Ok(())
        },
    )
}

/// The criteria in the order the team set, deleted ones left out; the
/// defaults while the team has changed none.
pub(crate) fn load_criteria(connection: &Connection) -> Result<Vec<Criterion>, Error> {
    let written: bool = connection
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM score_criteria)")?
        .query_row([], |r| r.get(0))?;
    if !written {
        return Ok(default_criteria());
    }
    let mut statement = connection.prepare_cached(
        "SELECT id, kind, label, weight, low, high, genres FROM score_criteria
         WHERE deleted_at IS NULL ORDER BY position, id",
    )?;
    let criteria = statement
        .query_map([], |row| {
            Ok(Criterion {
                id: row.get(0)?,
                kind: CriterionKind::parse(&row.get::<_, String>(1)?),
                label: row.get(2)?,
                weight: row.get(3)?,
                low: row.get(4)?,
                high: row.get(5)?,
                genres: serde_json::from_str(&row.get::<_, String>(6)?).unwrap_or_default(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(criteria)
}

/// A text column read without copying it.
fn text<'r>(row: &'r rusqlite::Row<'_>, index: usize) -> rusqlite::Result<&'r str> {
    row.get_ref(index)?.as_str().map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            Box::new(error),
        )
    })
}

/// Every artist's facts, or only `artist_id`'s, keyed by artist id. A few
/// scans whatever the number of artists, each served by a covering index
/// in the order it is read (V12), so scoring 100,000 cards costs about as
/// much per card as scoring one.
pub(crate) fn load_facts(
    connection: &Connection,
    artist_id: Option<&str>,
) -> Result<HashMap<String, Facts>, Error> {
    // Rows of every artist (sponsors' exchanges have none), or of one.
    let only = if artist_id.is_some() {
        "= ?1"
    } else {
        "IS NOT NULL AND ?1 IS NULL"
    };
    let mut facts: HashMap<String, Facts> = HashMap::new();
    {
        let sql =
            format!("SELECT id, genres FROM artists WHERE deleted_at IS NULL AND (id {only})");
        let mut statement = connection.prepare_cached(&sql)?;
        let mut rows = statement.query([artist_id])?;
        // A team uses a few dozen genres: each is folded once.
        let mut folded: HashMap<String, String> = HashMap::new();
        while let Some(row) = rows.next()? {
            let genres: Vec<std::borrow::Cow<'_, str>> =
                serde_json::from_str(text(row, 1)?).unwrap_or_default();
            let genres = genres
                .iter()
                .map(|g| {
                    folded
                        .entry(g.to_string())
                        .or_insert_with(|| text::fold(g))
                        .clone()
                })
                .collect();
            facts.insert(
                text(row, 0)?.to_owned(),
                Facts {
                    genres,
                    ..Facts::default()
                },
            );
        }
    }
    {
        // Accounts first, then their figures in account order: a join in
        // memory instead of a lookup per figure.
        let sql = format!(
            "SELECT id, artist_id FROM social_accounts WHERE deleted_at IS NULL AND (artist_id {only})"
        );
        let mut statement = connection.prepare_cached(&sql)?;
        let mut rows = statement.query([artist_id])?;
        let mut owner: HashMap<String, String> = HashMap::new();
        while let Some(row) = rows.next()? {
            owner.insert(text(row, 0)?.to_owned(), text(row, 1)?.to_owned());
        }
        let sql = if artist_id.is_some() {
            "SELECT f.account_id, f.measured_on, f.audience, f.engagement_bp
             FROM social_accounts s JOIN audience_figures f ON f.account_id = s.id AND f.deleted_at IS NULL
             WHERE s.artist_id = ?1 AND s.deleted_at IS NULL ORDER BY f.account_id, f.measured_on"
        } else {
            "SELECT account_id, measured_on, audience, engagement_bp FROM audience_figures
             WHERE deleted_at IS NULL AND ?1 IS NULL ORDER BY account_id, measured_on"
        };
        let mut statement = connection.prepare_cached(sql)?;
        let mut rows = statement.query([artist_id])?;
        while let Some(row) = rows.next()? {
            let account = text(row, 0)?;
            let Some(artist) = owner.get(account).and_then(|a| facts.get_mut(a)) else {
                continue;
            };
            let Ok(day) = text(row, 1)?.parse::<Date>() else {
                continue;
            };
            let figure = (day, row.get::<_, i64>(2)?.max(0) as u64, row.get(3)?);
            match artist.accounts.get_mut(account) {
                Some(figures) => figures.push(figure),
                None => {
                    artist.accounts.insert(account.to_owned(), vec![figure]);
                }
            }
        }
    }
    {
        let sql = format!(
            "SELECT artist_id, direction, occurred_at FROM interactions
             WHERE deleted_at IS NULL AND direction <> 'none' AND (artist_id {only})
             ORDER BY artist_id, occurred_at"
        );
        let mut statement = connection.prepare_cached(&sql)?;
        let mut rows = statement.query([artist_id])?;
        // Rows come artist by artist: look each artist up once.
        let mut current: Option<(String, &mut Facts)> = None;
        while let Some(row) = rows.next()? {
            let artist_id = text(row, 0)?;
            if current.as_ref().is_none_or(|(id, _)| id != artist_id) {
                current = facts.get_mut(artist_id).map(|f| (artist_id.to_owned(), f));
                if current.is_none() {
                    continue;
                }
            }
            let Some((_, artist)) = current.as_mut() else {
                continue;
            };
            let Ok(at) = text(row, 2)?.parse::<Timestamp>() else {
                continue;
            };
            match text(row, 1)? {
                "outbound" => artist.outbound.push(at),
                _ => artist.inbound.push(at),
            }
        }
    }
    {
        let sql = format!(
            "SELECT artist_id, status, coalesce(ends_on, substr(updated_at, 1, 10))
             FROM mona_campaigns
             WHERE deleted_at IS NULL AND status IN ('completed', 'cancelled') AND (artist_id {only})"
        );
        let mut statement = connection.prepare_cached(&sql)?;
        let mut rows = statement.query([artist_id])?;
        while let Some(row) = rows.next()? {
            let Some(artist) = facts.get_mut(text(row, 0)?) else {
                continue;
            };
            let Ok(day) = text(row, 2)?.parse::<Date>() else {
                continue;
            };
            artist.campaigns.push((day, text(row, 1)? == "completed"));
        }
    }
    {
        let sql = format!(
            "SELECT artist_id, criterion_id, rating FROM artist_ratings
             WHERE deleted_at IS NULL AND (artist_id {only})"
        );
        let mut statement = connection.prepare_cached(&sql)?;
        let mut rows = statement.query([artist_id])?;
        while let Some(row) = rows.next()? {
            if let Some(artist) = facts.get_mut(text(row, 0)?) {
                artist.ratings.insert(row.get(1)?, row.get(2)?);
            }
        }
    }
    Ok(facts)
}

/// Past this many changed scores, the list's score and audience indexes
/// are dropped, the rows written, and the indexes made again in one sort
/// each: cheaper than moving every entry of four indexes one by one.
const REINDEX_FROM: usize = 20_000;

/// Writes the scores and audiences of `facts` into the artist list; a
/// score that did not move is not written.
fn store(
    connection: &Connection,
    criteria: &[Criterion],
    facts: &HashMap<String, Facts>,
    reindex_from: usize,
) -> Result<(), Error> {
    let today = clock::today();
    let mut listed: ListedFigures = HashMap::with_capacity(facts.len());
    if facts.len() > 1 {
        let mut statement =
            connection.prepare_cached("SELECT artist_id, score, audience FROM artist_list")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            listed.insert(text(row, 0)?.to_owned(), (row.get(1)?, row.get(2)?));
        }
    }
    let changed: Vec<(&String, u32, Option<u32>)> = facts
        .iter()
        .map(|(artist_id, facts)| {
            let (score, audience) = listed_figures(criteria, facts, today);
            (artist_id, score, audience)
        })
        .filter(|(artist_id, score, audience)| listed.get(*artist_id) != Some(&(*score, *audience)))
        .collect();
    if changed.is_empty() {
        return Ok(());
    }
    // The list's orders by score and audience change (V23).
    connection.execute(
        "UPDATE device_counters SET value = value + 1
         WHERE name IN ('list_order:score', 'list_order:audience')",
        [],
    )?;
    let write = || -> Result<(), Error> {
        let mut statement = connection.prepare_cached(
            "UPDATE artist_list SET score = ?2, audience_missing = ?3 IS NULL, audience = ?3
             WHERE artist_id = ?1",
        )?;
        for (artist_id, score, audience) in &changed {
            statement.execute(params![artist_id, score, audience])?;
        }
        Ok(())
    };
    if changed.len() >= reindex_from {
        crate::artists::with_list_indexes_dropped(connection, &["score", "audience"], write)
    } else {
        write()
    }
}

/// Recomputes `artist_id`'s score after one of its facts changed.
pub(crate) fn refresh(connection: &Connection, artist_id: &str) -> Result<(), Error> {
    let criteria = load_criteria(connection)?;
    store(
        connection,
        &criteria,
        &load_facts(connection, Some(artist_id))?,
        REINDEX_FROM,
    )
}

/// What the list shows of a card: its score and its audience today.
pub(crate) type Listed = (u32, Option<u32>);

/// What the list shows of each card, by artist id.
pub(crate) type ListedFigures = HashMap<String, Listed>;

/// What the list shows of a card's facts.
fn listed_figures(criteria: &[Criterion], facts: &Facts, today: Date) -> Listed {
    let audience = facts
        .audience(today)
        .map(|a| u32::try_from(a).unwrap_or(u32::MAX));
    (compute(criteria, facts, today).total, audience)
}

/// Every live card's score and audience today, by artist, computed before
/// the list is made again in bulk so that its rows are written with them
/// (`artists::rebuild_derived`); the day is recorded as for [`refresh_all`].
pub(crate) fn all_listed_figures(connection: &Connection) -> Result<ListedFigures, Error> {
    let criteria = load_criteria(connection)?;
    let today = clock::today();
    let figures = load_facts(connection, None)?
        .iter()
        .map(|(artist_id, facts)| (artist_id.clone(), listed_figures(&criteria, facts, today)))
        .collect();
    crate::settings::store(connection, SCORED_ON, &today.to_string())?;
    Ok(figures)
}

/// Scores `artist_ids` again in `figures` from what the cards hold now (an
/// import's merges): one by one, or every card past
/// [`REFRESH_ONE_BY_ONE_MAX`], as for the rows a sync page wrote.
pub(crate) fn rescore_listed(
    connection: &Connection,
    figures: &mut ListedFigures,
    artist_ids: Vec<String>,
) -> Result<(), Error> {
    if artist_ids.len() > REFRESH_ONE_BY_ONE_MAX {
        *figures = all_listed_figures(connection)?;
        return Ok(());
    }
    let criteria = load_criteria(connection)?;
    let today = clock::today();
    for artist_id in artist_ids {
        // A card without facts, not live, scores as one without any.
        let facts = load_facts(connection, Some(&artist_id))?
            .remove(&artist_id)
            .unwrap_or_default();
        figures.insert(artist_id, listed_figures(&criteria, &facts, today));
    }
    Ok(())
}

/// Scores cards before they are stored: a large import's new cards, on its
/// reading thread, while the writer stores the rows before them (scoring
/// them from the file after the store was a tenth of the import's time).
/// A new card's facts are its genres and its accounts' figures, all dated
/// the day the file gives them (what `artists::insert_cards` stores); it has
/// no exchanges, campaigns or ratings yet.
pub(crate) struct NewCardScorer {
    criteria: Vec<Criterion>,
    today: Date,
}

impl NewCardScorer {
    pub(crate) fn load(connection: &Connection, today: Date) -> Result<NewCardScorer, Error> {
        Ok(NewCardScorer {
            criteria: load_criteria(connection)?,
            today,
        })
    }

    /// The score and audience the list shows of a card with `fields` whose
    /// figures are of `figures_on` (a day as stored: `2026-11-24`).
    pub(crate) fn listed(&self, fields: &ArtistFields, figures_on: &str) -> Listed {
        let mut facts = Facts {
            genres: fields.genres.iter().map(|g| text::fold(g)).collect(),
            ..Facts::default()
        };
        // A day that does not parse is left out, as `load_facts` leaves it.
        if let Ok(day) = figures_on.parse::<Date>() {
            for (n, account) in fields.accounts.iter().enumerate() {
                if let Some(audience) = account.audience {
                    let figure = (day, u64::from(audience), account.engagement_bp);
                    facts.accounts.insert(n.to_string(), vec![figure]);
                }
            }
        }
        listed_figures(&self.criteria, &facts, self.today)
    }
}

/// Recomputes every score: after the criteria changed, after the sync
/// brought facts, on a new day.
pub(crate) fn refresh_all(connection: &Connection) -> Result<(), Error> {
    let criteria = load_criteria(connection)?;
    store(
        connection,
        &criteria,
        &load_facts(connection, None)?,
        REINDEX_FROM,
    )?;
    crate::settings::store(connection, SCORED_ON, &clock::today().to_string())
}

/// The tables whose rows the score reads, and how a row names its artist.
const FACT_TABLES: &[(&str, &str)] = &[
    ("artists", "SELECT id FROM artists WHERE id = ?1"),
    (
        "social_accounts",
        "SELECT artist_id FROM social_accounts WHERE id = ?1",
    ),
    (
        "audience_figures",
        "SELECT s.artist_id FROM audience_figures f JOIN social_accounts s ON s.id = f.account_id WHERE f.id = ?1",
    ),
    (
        "interactions",
        "SELECT artist_id FROM interactions WHERE id = ?1",
    ),
    (
        "mona_campaigns",
        "SELECT artist_id FROM mona_campaigns WHERE id = ?1",
    ),
    (
        "artist_ratings",
        "SELECT artist_id FROM artist_ratings WHERE id = ?1",
    ),
];

/// Past this many artists touched by one sync page (or merged into by one
/// import), every score is recomputed in one pass instead of one by one.
const REFRESH_ONE_BY_ONE_MAX: usize = 200;

/// Recomputes the scores that rows written outside the services (`(table,
/// id)`: by another device through the sync, or a restored conflict) may
/// have changed: every score when criteria changed.
pub(crate) fn refresh_for_rows<'a>(
    connection: &Connection,
    rows: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<(), Error> {
    let mut artists = std::collections::BTreeSet::new();
    for (table, id) in rows {
        if table == "score_criteria" {
            return refresh_all(connection);
        }
        let Some((_, sql)) = FACT_TABLES.iter().find(|(name, _)| *name == table) else {
            continue;
        };
        let artist: Option<Option<String>> = connection
            .prepare_cached(sql)?
            .query_row([id], |r| r.get(0))
            .optional()?;
        if let Some(Some(artist)) = artist {
            artists.insert(artist);
        }
        if artists.len() > REFRESH_ONE_BY_ONE_MAX {
            return refresh_all(connection);
        }
    }
    for artist in &artists {
        refresh(connection, artist)?;
    }
    Ok(())
}

/// Recomputes every score in one pass (what the benchmark measures; the
/// app does it by itself when criteria, facts or the day change).
pub fn refresh_all_scores(db: &Database) -> Result<(), Error> {
    db.write_uncaptured(|t| refresh_all(t))
}

/// The device setting holding the day every score was last computed.
const SCORED_ON: &str = "scores_computed_on";

/// What the scores need when the database opens: the values an older app
/// version left in retired columns moved to where the score reads them
/// (an edit, which syncs), and every score recomputed if they were last
/// computed on another day.
pub(crate) fn bring_up_to_date(db: &Database) -> Result<(), Error> {
    db.write(|t| {
        if !crate::storage::has_table(t, "score_criteria")? {
            // A schema older than V12 (only the upgrade tests open one).
            return Ok(());
        }
        let moved = crate::artists::move_retired_columns(t, &clock::now())?;
        let today = clock::today().to_string();
        if moved > 0 || crate::settings::stored(t, SCORED_ON)?.as_deref() != Some(today.as_str()) {
            refresh_all(t)?;
        }
        Ok(())
    })
}

/// `artist_id`'s score today, explained.
pub fn explain(db: &Database, artist_id: &str) -> Result<Score, Error> {
    db.read(|connection| explain_with(connection, artist_id))
}

pub(crate) fn explain_with(connection: &Connection, artist_id: &str) -> Result<Score, Error> {
    let (criteria, facts) = criteria_and_facts(connection, artist_id)?;
    Ok(compute(&criteria, &facts, clock::today()))
}

/// The criteria, and what the score reads about one live artist.
fn criteria_and_facts(
    connection: &Connection,
    artist_id: &str,
) -> Result<(Vec<Criterion>, Facts), Error> {
    let criteria = load_criteria(connection)?;
    let facts = load_facts(connection, Some(artist_id))?
        .remove(artist_id)
        .ok_or_else(|| Error::NotFound {
            entity: Entity::Artist,
            id: artist_id.to_owned(),
        })?;
    Ok((criteria, facts))
}

/// The most weeks [`history`] goes back.
pub const HISTORY_WEEKS_MAX: u32 = 104;

/// `artist_id`'s score every 7 days over the last `weeks` weeks, oldest first,
/// ending today.
pub fn history(db: &Database, artist_id: &str, weeks: u32) -> Result<Vec<ScorePoint>, Error> {
    db.read(|connection| {
        let (criteria, facts) = criteria_and_facts(connection, artist_id)?;
        let today = clock::today();
        let points = (0..=i64::from(weeks.min(HISTORY_WEEKS_MAX)))
            .rev()
            .filter_map(|back| today.checked_sub((back * 7).days()).ok())
            .map(|day| ScorePoint {
                day: day.to_string(),
                total: compute(&criteria, &facts, day).total,
            })
            .collect();
        Ok(points)
    })
}

/// The team's criteria, in order.
pub fn criteria(db: &Database) -> Result<Vec<Criterion>, Error> {
    db.read(load_criteria)
}

const LABEL_MAX: u32 = 60;
const GENRES_MAX: usize = 40;

fn validate(criterion: Criterion) -> Result<Criterion, FieldErrors> {
    let mut errors = FieldErrors::default();
    let label = optional_text(criterion.label.as_deref());
    if criterion.kind == CriterionKind::Manual && label.is_none() {
        errors.add("label", FieldProblem::Required);
    }
    if let Some(label) = &label {
        check_length(&mut errors, "label", label, LABEL_MAX);
    }
    if criterion.weight > 100 {
        errors.add("weight", FieldProblem::TooLarge { max: 100 });
    }
    let (default_low, default_high) = criterion.kind.default_thresholds();
    let low = criterion.low.or(default_low);
    let high = criterion.high.or(default_high);
    if let (Some(low), Some(high)) = (low, high)
        && default_low.is_some()
        && low >= high
    {
        errors.add("high", FieldProblem::EndsBeforeStart);
    }
    if low.is_some_and(|l| l < 0) {
        errors.add("low", FieldProblem::TooShort { min: 0 });
    }
    if default_high.is_some() && high.is_none_or(|h| h <= 0) {
        errors.add("high", FieldProblem::TooShort { min: 1 });
    }
    let genres: Vec<String> = criterion
        .genres
        .iter()
        .filter_map(|g| optional_text(Some(g)))
        .collect();
    if genres.len() > GENRES_MAX {
        errors.add(
            "genres",
            FieldProblem::TooLarge {
                max: GENRES_MAX as u32,
            },
        );
    }
    errors.into_result(Criterion {
        id: criterion.id,
        kind: criterion.kind,
        label: if criterion.kind == CriterionKind::Manual {
            label
        } else {
            None
        },
        weight: criterion.weight,
        low: if default_low.is_some() { low } else { None },
        high: if default_high.is_some() { high } else { None },
        genres: if criterion.kind == CriterionKind::GenreFit {
            genres
        } else {
            Vec::new()
        },
    })
}

/// Adds a criterion (at the end) or changes one, then recomputes every
/// score. Returns the criteria as they now are.
pub fn save_criterion(db: &Database, criterion: Criterion) -> Result<Vec<Criterion>, Error> {
    let criterion = validate(criterion)?;
    db.write(|t| {
        team::require(t, Action::ConfigureScore)?;
        let now = clock::now();
        write_defaults(t, &now)?;
        let genres = serde_json::to_string(&criterion.genres).unwrap_or_else(|_| "[]".into());
        match &criterion.id {
            Some(id) => {
                let changed = t.execute(
                    "UPDATE score_criteria SET label = ?2, weight = ?3, low = ?4, high = ?5,
                     genres = ?6, updated_at = ?7 WHERE id = ?1 AND deleted_at IS NULL",
                    params![id, criterion.label, criterion.weight, criterion.low, criterion.high, genres, now],
                )?;
                if changed == 0 {
                    return Err(not_found(id));
                }
            }
            None => {
                let last: Option<String> = t
                    .query_row(
                        "SELECT max(position) FROM score_criteria WHERE deleted_at IS NULL",
                        [],
                        |r| r.get(0),
                    )
                    .optional()?
                    .flatten();
                t.execute(
                    "INSERT INTO score_criteria
                         (id, kind, label, weight, low, high, genres, position, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                    params![
                        crate::ids::new_id(),
                        criterion.kind,
                        criterion.label,
                        criterion.weight,
                        criterion.low,
                        criterion.high,
                        genres,
                        positions::between(last.as_deref(), None),
                        now
                    ],
                )?;
            }
        }
        refresh_all(t)?;
        load_criteria(t)
    })
}

/// Removes a criterion from the score (a soft delete, which syncs).
pub fn remove_criterion(db: &Database, id: &str) -> Result<Vec<Criterion>, Error> {
    db.write(|t| {
        team::require(t, Action::ConfigureScore)?;
        let now = clock::now();
        write_defaults(t, &now)?;
        let changed = t.execute(
            "UPDATE score_criteria SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, now],
        )?;
        if changed == 0 {
            return Err(not_found(id));
        }
        refresh_all(t)?;
        load_criteria(t)
    })
}

/// Rates `artist_id` on a manual criterion (0 to 5 stars; `None` removes the
/// rating) and returns the new score.
pub fn rate(
    db: &Database,
    artist_id: &str,
    criterion_id: &str,
    stars: Option<u8>,
) -> Result<Score, Error> {
    if stars.is_some_and(|s| s > 5) {
        let mut errors = FieldErrors::default();
        errors.add("rating", FieldProblem::TooLarge { max: 5 });
        return Err(errors.into());
    }
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let manual: Option<String> = t
            .query_row(
                "SELECT kind FROM score_criteria WHERE id = ?1 AND deleted_at IS NULL",
                [criterion_id],
                |r| r.get(0),
            )
            .optional()?;
        if manual.as_deref() != Some("manual") {
            return Err(not_found(criterion_id));
        }
        let stars_text = stars.unwrap_or_default().to_string();
        let link = crate::links::Link::ArtistRating {
            artist_id,
            criterion_id,
            stars: &stars_text,
        };
        if stars.is_some() {
            crate::links::add(t, link)?;
        } else {
            crate::links::remove(t, link)?;
        }
        refresh(t, artist_id)?;
        explain_with(t, artist_id)
    })
}

fn not_found(id: &str) -> Error {
    Error::NotFound {
        entity: Entity::Criterion,
        id: id.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().expect("date")
    }

    fn at(text: &str) -> Timestamp {
        text.parse().expect("instant")
    }

    fn criteria() -> Vec<Criterion> {
        [
            (CriterionKind::Audience, 25),
            (CriterionKind::Engagement, 15),
            (CriterionKind::Growth30, 10),
            (CriterionKind::Growth90, 10),
            (CriterionKind::GenreFit, 15),
            (CriterionKind::Responsiveness, 15),
            (CriterionKind::Reliability, 10),
        ]
        .into_iter()
        .map(|(kind, weight)| Criterion {
            id: Some(kind.as_str().into()),
            kind,
            weight,
            genres: vec!["Rap".into(), "Pop urbaine".into()],
            ..Criterion::default()
        })
        .collect()
    }

    fn account(figures: &[(&str, u64, Option<u32>)]) -> Vec<(Date, u64, Option<u32>)> {
        figures.iter().map(|(d, a, e)| (day(d), *a, *e)).collect()
    }

    #[test]
    fn the_lines_of_an_explanation_add_up_to_the_score() {
        let facts = Facts {
            genres: vec!["rap".into()],
            accounts: HashMap::from([
                (
                    "insta".into(),
                    account(&[
                        ("2026-09-01", 40_000, Some(300)),
                        ("2026-12-01", 52_000, Some(420)),
                    ]),
                ),
                ("tiktok".into(), account(&[("2026-11-01", 9_000, None)])),
            ]),
            outbound: vec![at("2026-11-01T10:00:00Z")],
            inbound: vec![at("2026-11-02T10:00:00Z")],
            campaigns: vec![(day("2026-06-30"), true)],
            ratings: HashMap::new(),
        };
        let score = compute(&criteria(), &facts, day("2026-12-02"));
        let sum: i32 = score.lines.iter().map(|l| l.points).sum();
        assert_eq!(sum + score.capped, score.total as i32);
        assert!(score.total > 50, "{score:?}");
        let fit = &score.lines[4];
        assert_eq!(
            fit.measure,
            Measure::GenreFit {
                matched: Some("Rap".into())
            }
        );
        assert_eq!(fit.points, 15);
    }

    #[test]
    fn an_artist_who_ignores_messages_loses_points() {
        let ignored = Facts {
            outbound: vec![at("2026-10-01T10:00:00Z"), at("2026-10-20T10:00:00Z")],
            ..Facts::default()
        };
        let score = compute(&criteria(), &ignored, day("2026-12-02"));
        let line = &score.lines[5];
        assert_eq!(
            line.measure,
            Measure::Responsiveness {
                answered: 0,
                asked: 2
            }
        );
        assert_eq!(line.points, -15);
        // The total never goes below zero, and says what the floor added.
        assert_eq!(score.total, 0);
        assert_eq!(score.capped, 15);
    }

    #[test]
    fn a_message_still_within_its_reply_window_does_not_count_yet() {
        let facts = Facts {
            outbound: vec![at("2026-12-01T10:00:00Z")],
            ..Facts::default()
        };
        let score = compute(&criteria(), &facts, day("2026-12-02"));
        assert_eq!(score.lines[5].measure, Measure::Unknown);
    }

    #[test]
    fn growth_compares_the_same_accounts_thirty_days_apart() {
        let facts = Facts {
            accounts: HashMap::from([
                (
                    "a".into(),
                    account(&[("2026-10-01", 10_000, None), ("2026-12-01", 11_000, None)]),
                ),
                // Only a recent figure: no growth can be measured on it.
                ("b".into(), account(&[("2026-12-01", 500_000, None)])),
            ]),
            ..Facts::default()
        };
        assert_eq!(facts.growth(day("2026-12-02"), 30), Some(100));
        let score = compute(&criteria(), &facts, day("2026-12-02"));
        // +10 % of the +20 % that gives the full 10 points.
        assert_eq!(score.lines[2].points, 5);
        // The past: on 2026-10-15 only account a existed, and had no older figure.
        assert_eq!(facts.audience(day("2026-10-15")), Some(10_000));
        assert_eq!(facts.growth(day("2026-10-15"), 30), None);
    }

    #[test]
    fn weights_are_shares_of_one_hundred_whatever_their_sum() {
        let criteria: Vec<Criterion> = [CriterionKind::GenreFit, CriterionKind::Reliability]
            .into_iter()
            .map(|kind| Criterion {
                id: Some(kind.as_str().into()),
                kind,
                weight: 3,
                genres: vec!["pop".into()],
                ..Criterion::default()
            })
            .collect();
        let facts = Facts {
            genres: vec!["pop".into()],
            ..Facts::default()
        };
        let score = compute(&criteria, &facts, day("2026-12-02"));
        assert_eq!(score.lines[0].max, 50);
        assert_eq!(score.total, 50);
    }

    #[test]
    fn rounding_keeps_the_sum() {
        let values = [33.4, 33.3, 33.3, -0.6, 0.6];
        let rounded = round_keeping_sum(&values);
        assert_eq!(rounded.iter().sum::<i32>(), 100);
        for (r, v) in rounded.iter().zip(values) {
            assert!((f64::from(*r) - v).abs() < 1.0, "{r} for {v}");
        }
    }

    #[test]
    fn a_mass_recompute_leaves_the_list_indexes_as_the_migrations_made_them() {
        let folder = tempfile::tempdir().expect("folder");
        let db = Database::open(folder.path()).expect("open");
        for (name, genres) in [("Nadia", "rap"), ("Lou", "folk"), ("Zoé", "pop")] {
            crate::artists::create(
                &db,
                crate::artists::ArtistFields {
                    name: name.into(),
                    genres: vec![genres.into()],
                    ..crate::artists::ArtistFields::default()
                },
            )
            .expect("artist");
        }
        let schema = |db: &Database| -> Vec<(String, String)> {
            db.read(|c| {
                Ok(c.prepare("SELECT name, sql FROM sqlite_schema WHERE tbl_name = 'artist_list' ORDER BY name")?
                    .query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default())))?
                    .collect::<rusqlite::Result<_>>()?)
            })
            .expect("schema")
        };
        let before = schema(&db);
        db.write(|t| {
            t.execute("UPDATE artist_list SET score = 99", [])?;
            let criteria = load_criteria(t)?;
            // Every score changed: past a threshold of one, the indexes are remade.
            store(t, &criteria, &load_facts(t, None)?, 1)
        })
        .expect("recompute");
        assert_eq!(schema(&db), before);
        let page = crate::artists::list(
            &db,
            &crate::artists::ArtistQuery {
                sort: crate::artists::ArtistSortField::Score,
                direction: crate::artists::SortDirection::Asc,
                limit: 10,
                ..crate::artists::ArtistQuery::default()
            },
        )
        .expect("list");
        let names: Vec<_> = page
            .rows
            .iter()
            .map(|r| (r.name.as_str(), r.score))
            .collect();
        assert_eq!(names, [("Lou", 0), ("Nadia", 15), ("Zoé", 15)]);
    }

    #[test]
    fn thresholds_in_the_wrong_order_are_refused() {
        let errors = validate(Criterion {
            kind: CriterionKind::Audience,
            weight: 20,
            low: Some(50_000),
            high: Some(10_000),
            ..Criterion::default()
        })
        .expect_err("invalid");
        assert_eq!(errors.0[0].field, "high");
        let errors = validate(Criterion {
            kind: CriterionKind::Manual,
            weight: 120,
            ..Criterion::default()
        })
        .expect_err("invalid");
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["label", "weight"]);
    }
}
