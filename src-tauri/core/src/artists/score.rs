//! The artist score: one number from 0 to 100 that a manager can explain.
//!
//! Every point comes from a named factor computed from the card itself, and
//! the breakdown is shown next to the number. Audience counts use a log
//! scale: going from 1,000 to 10,000 followers matters as much as going from
//! 100,000 to a million.

use serde::{Deserialize, Serialize};

use super::ArtistFields;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ScoreFactorKind {
    /// Social followers, log scale, full at one million.
    Audience,
    /// Monthly streaming listeners, log scale, full at one million.
    Listeners,
    /// How many platforms the artist can be followed on.
    Presence,
    /// Whether MONA can reach the artist directly.
    Reachability,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ScoreFactor {
    pub kind: ScoreFactorKind,
    pub points: u32,
    pub max: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Score {
    pub total: u32,
    pub factors: Vec<ScoreFactor>,
}

const AUDIENCE_MAX: u32 = 40;
const LISTENERS_MAX: u32 = 30;
const PRESENCE_MAX: u32 = 16;
const REACHABILITY_MAX: u32 = 14;

/// Points for an audience count on a log scale: 10 → a sixth, 10⁶ → all.
fn log_points(count: Option<u32>, max: u32) -> u32 {
    let Some(count) = count.filter(|c| *c > 0) else {
        return 0;
    };
    let share = (f64::from(count).log10() / 6.0).clamp(0.0, 1.0);
    (share * f64::from(max)).round() as u32
}

pub(crate) fn compute(artist: &ArtistFields) -> Score {
    let platforms = [
        artist.instagram_handle.is_some(),
        artist.tiktok_handle.is_some(),
        artist.twitch_login.is_some(),
        artist.spotify_url.is_some(),
    ]
    .iter()
    .filter(|present| **present)
    .count() as u32;
    let reachability =
        if artist.email.is_some() { 10 } else { 0 } + if artist.phone.is_some() { 4 } else { 0 };
    let factors = vec![
        ScoreFactor {
            kind: ScoreFactorKind::Audience,
            points: log_points(artist.followers, AUDIENCE_MAX),
            max: AUDIENCE_MAX,
        },
        ScoreFactor {
            kind: ScoreFactorKind::Listeners,
            points: log_points(artist.monthly_listeners, LISTENERS_MAX),
            max: LISTENERS_MAX,
        },
        ScoreFactor {
            kind: ScoreFactorKind::Presence,
            points: platforms * PRESENCE_MAX / 4,
            max: PRESENCE_MAX,
        },
        ScoreFactor {
            kind: ScoreFactorKind::Reachability,
            points: reachability,
            max: REACHABILITY_MAX,
        },
    ];
    Score {
        total: factors.iter().map(|f| f.points).sum(),
        factors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_card_scores_zero_and_a_complete_star_scores_one_hundred() {
        let empty = ArtistFields::default();
        assert_eq!(compute(&empty).total, 0);

        let star = ArtistFields {
            followers: Some(2_000_000),
            monthly_listeners: Some(1_000_000),
            instagram_handle: Some("star".into()),
            tiktok_handle: Some("star".into()),
            twitch_login: Some("star".into()),
            spotify_url: Some("https://open.spotify.com/artist/star".into()),
            email: Some("star@label.fr".into()),
            phone: Some("+33 6 00 00 00 00".into()),
            ..ArtistFields::default()
        };
        let score = compute(&star);
        assert_eq!(score.total, 100);
        assert!(score.factors.iter().all(|f| f.points == f.max));
    }

    #[test]
    fn ten_times_the_audience_adds_the_same_points() {
        let with = |followers| ArtistFields {
            followers: Some(followers),
            ..ArtistFields::default()
        };
        let small = compute(&with(1_000)).total;
        let medium = compute(&with(10_000)).total;
        let large = compute(&with(100_000)).total;
        assert!(
            (medium - small).abs_diff(large - medium) <= 1,
            "{small} {medium} {large}"
        );
    }
}
