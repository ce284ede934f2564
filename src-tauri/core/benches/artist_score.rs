//! Recomputing every artist score (what a change of criteria, a sync that
//! brought facts or the first open of a day costs), on the base:
//! 100,000 artists with one to three accounts and three dated figures each,
//! 20,000 sponsors, 1,000,000 interactions and 30,000 finished campaigns.
//!
//! The baseline, measured in the same run, reads the same rows in the same
//! order without scoring them: the ratio is what the scoring itself adds.
//!
//! `cargo bench -p mona-core --bench artist_score` (docs/PERFORMANCE.md).

mod support;

use std::time::Instant;

use mona_core::{Database, scoring};
use rusqlite::params;

const ARTISTS: usize = 100_000;
const SPONSORS: usize = 20_000;
const INTERACTIONS: usize = 1_000_000;
const CAMPAIGNS: usize = 30_000;
const RUNS: usize = 5;
const NOW: &str = "2026-12-01T09:00:00.000Z";

fn id(kind: u8, n: usize) -> String {
    format!("0193b000-0000-7000-8{kind:03x}-{n:012x}")
}

fn fill(db: &Database) {
    let start = Instant::now();
    db.write_uncaptured(|t| {
        let mut artist = t.prepare(
            "INSERT INTO artists (id, name, sort_key, genres, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        )?;
        let mut account = t.prepare(
            "INSERT INTO social_accounts (id, artist_id, platform, handle, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        )?;
        let mut figure = t.prepare(
            "INSERT INTO audience_figures (id, account_id, measured_on, audience, engagement_bp, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        )?;
        let genres = ["[\"rap\"]", "[\"pop\",\"électro\"]", "[\"folk\"]", "[\"jazz\"]"];
        let platforms = ["instagram", "tiktok", "twitch"];
        let mut figures = 0;
        for n in 0..ARTISTS {
            let name = format!("Artiste {n:06}");
            artist.execute(params![id(1, n), name, name.to_lowercase(), genres[n % 4], NOW])?;
            for (p, platform) in platforms.iter().enumerate().take(1 + n % 3) {
                let account_id = id(2, n * 3 + p);
                account.execute(params![account_id, id(1, n), platform, format!("a{n}"), NOW])?;
                let audience = ((n * 7919 + p * 104_729) % 900_000 + 100) as i64;
                for (days, share) in [("2026-08-31", 70), ("2026-10-31", 90), ("2026-11-30", 100)] {
                    figures += 1;
                    figure.execute(params![
                        id(3, figures),
                        account_id,
                        days,
                        audience * share / 100,
                        (n % 900) as i64,
                        NOW
                    ])?;
                }
            }
        }
        let mut sponsor = t.prepare(
            "INSERT INTO sponsors (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        )?;
        for n in 0..SPONSORS {
            sponsor.execute(params![id(4, n), format!("Marque {n}"), NOW])?;
        }
        let mut interaction = t.prepare(
            "INSERT INTO interactions (id, kind, direction, summary, occurred_at, artist_id, sponsor_id, created_at, updated_at)
             VALUES (?1, 'email', ?2, 'Échange', ?3, ?4, ?5, ?6, ?6)",
        )?;
        for n in 0..INTERACTIONS {
            // Nine in ten with artists, MONA writing first twice as often as they answer.
            let (artist, sponsor) = if n % 10 == 9 {
                (None, Some(id(4, n % SPONSORS)))
            } else {
                (Some(id(1, n % ARTISTS)), None)
            };
            let direction = ["outbound", "outbound", "inbound", "none"][n % 4];
            let day = 1 + (n / ARTISTS) % 28;
            let at = format!("2026-{:02}-{day:02}T10:{:02}:00.000Z", 1 + n % 11, n % 60);
            interaction.execute(params![id(5, n), direction, at, artist, sponsor, NOW])?;
        }
        let mut campaign = t.prepare(
            "INSERT INTO mona_campaigns (id, artist_id, offer, price_minor, status, ends_on, created_at, updated_at)
             VALUES (?1, ?2, 'boost_390', 39000, ?3, '2026-06-30', ?4, ?4)",
        )?;
        for n in 0..CAMPAIGNS {
            let status = if n % 5 == 0 { "cancelled" } else { "completed" };
            campaign.execute(params![id(6, n), id(1, (n * 3) % ARTISTS), status, NOW])?;
        }
        Ok(())
    })
    .expect("fill");
    println!(
        "filled {ARTISTS} artists, {SPONSORS} sponsors, {INTERACTIONS} interactions in {:.1} s",
        start.elapsed().as_secs_f64()
    );
}

/// Reads what the scoring reads, in the same order, and only counts it.
fn read_facts(db: &Database) -> usize {
    db.read(|c| {
        let mut rows = 0;
        for sql in [
            "SELECT id, genres FROM artists WHERE deleted_at IS NULL",
            "SELECT s.artist_id, f.account_id, f.measured_on, f.audience, f.engagement_bp
             FROM audience_figures f JOIN social_accounts s ON s.id = f.account_id
             WHERE f.deleted_at IS NULL AND s.deleted_at IS NULL ORDER BY f.account_id, f.measured_on",
            "SELECT artist_id, direction, occurred_at FROM interactions
             WHERE deleted_at IS NULL AND direction <> 'none' AND artist_id IS NOT NULL ORDER BY occurred_at",
            "SELECT artist_id, status, coalesce(ends_on, substr(updated_at, 1, 10)) FROM mona_campaigns
             WHERE deleted_at IS NULL AND status IN ('completed', 'cancelled')",
            "SELECT artist_id, criterion_id, rating FROM artist_ratings WHERE deleted_at IS NULL",
        ] {
            let mut statement = c.prepare(sql)?;
            let mut cursor = statement.query([])?;
            while let Some(row) = cursor.next()? {
                let _: String = row.get(0)?;
                rows += 1;
            }
        }
        Ok(rows)
    })
    .expect("read")
}

fn main() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let db = Database::open(folder.path()).expect("open");
    fill(&db);

    scoring::refresh_all_scores(&db).expect("first scores");
    let genres = scoring::criteria(&db)
        .expect("criteria")
        .into_iter()
        .find(|c| c.kind == scoring::CriterionKind::GenreFit)
        .expect("genre fit");
    let (mut baseline, mut reweighed, mut unchanged) = (Vec::new(), Vec::new(), Vec::new());
    let mut rows = 0;
    for run in 0..RUNS {
        let start = Instant::now();
        rows = read_facts(&db);
        baseline.push(start.elapsed().as_secs_f64() * 1000.0);
        // The worst case a person causes: a weight changed, most scores move.
        let weight = if run % 2 == 0 { 40 } else { 15 };
        let start = Instant::now();
        scoring::save_criterion(
            &db,
            scoring::Criterion {
                weight,
                ..genres.clone()
            },
        )
        .expect("reweigh");
        reweighed.push(start.elapsed().as_secs_f64() * 1000.0);
        // A new day where little moved.
        let start = Instant::now();
        scoring::refresh_all_scores(&db).expect("recompute");
        unchanged.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let baseline = support::median(&mut baseline);
    let reweighed = support::median(&mut reweighed);
    let unchanged = support::median(&mut unchanged);
    println!("read the facts ({rows} rows), median of {RUNS}: {baseline:.0} ms");
    println!(
        "a weight changed, every score recomputed, median of {RUNS}: {reweighed:.0} ms (target ≤ 2000 ms), ratio {:.2}",
        reweighed / baseline
    );
    println!(
        "every score recomputed, none moved, median of {RUNS}: {unchanged:.0} ms, ratio {:.2}",
        unchanged / baseline
    );
}
