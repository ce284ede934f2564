//! What change capture costs a write (docs/PERFORMANCE.md, "Change capture").
//!
//! Run: `cargo bench -p mona-core --bench change_capture`
//!
//! On a real SQLite file holding 10,000 artists, times the writes the CRM
//! makes (a new card; an edit of two fields), one row per transaction as a
//! person makes them, with capture on and, as the baseline measured in the
//! same run and alternated with it, the same writes with capture off.
//! Reports medians and the ratio.

mod support;

use std::time::Instant;

use mona_core::{Database, Error};
use rusqlite::{Transaction, params};
use support::median;

const PRELOADED: usize = 10_000;
const ROUNDS: usize = 15;
const WRITES_PER_ROUND: usize = 200;
/// Every edit is a card's first since the file was filled: the capture
/// stores a new version for each changed cell (its costliest case).
const EDITED_PER_MODE: usize = ROUNDS * WRITES_PER_ROUND;

const INSERT: &str = "INSERT INTO artists (id, name, sort_key, city, genres, stage, followers, notes, score, created_at, updated_at)
     VALUES (?1, ?2, ?3, 'Lyon', '[\"rap\"]', 'prospect', ?4, '', 40, '2026-11-24T09:00:00.000Z', '2026-11-24T09:00:00.000Z')";
const EDIT: &str =
    "UPDATE artists SET city = ?2, followers = followers + 1, updated_at = ?3 WHERE id = ?1";

fn insert(t: &Transaction<'_>, n: usize) -> Result<(), Error> {
    let id = mona_core::ids::new_id();
    let name = format!("Artiste {n}");
    t.prepare_cached(INSERT)?
        .execute(params![id, name, name.to_lowercase(), n as i64])?;
    Ok(())
}

fn edit(t: &Transaction<'_>, id: &str, n: usize) -> Result<(), Error> {
    let city = if n.is_multiple_of(2) {
        "Marseille"
    } else {
        "Nantes"
    };
    t.prepare_cached(EDIT)?.execute(params![
        id,
        city,
        format!("2026-11-24T10:{:02}:00.000Z", n % 60)
    ])?;
    Ok(())
}

fn main() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let db = Database::open(folder.path()).expect("open");
    db.write(|t| {
        for n in 0..PRELOADED {
            insert(t, n)?;
        }
        Ok(())
    })
    .expect("preload");
    let ids: Vec<String> = db
        .read(|c| {
            let mut s = c.prepare(&format!(
                "SELECT id FROM artists ORDER BY random() LIMIT {}",
                2 * EDITED_PER_MODE
            ))?;
            let rows = s.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
        })
        .expect("ids");
    // Each way of writing edits its own cards, each once: editing a card the
    // other way just edited would write a city it already holds, which
    // leaves the list and the search index alone and costs a fraction.
    let (captured_ids, plain_ids) = ids.split_at(EDITED_PER_MODE);

    // Per-write microseconds: [captured insert, plain insert, captured edit, plain edit].
    let mut samples: [Vec<f64>; 4] = Default::default();
    let mut n = PRELOADED;
    for round in 0..ROUNDS {
        for captured in [round.is_multiple_of(2), !round.is_multiple_of(2)] {
            let write = |work: &dyn Fn(&Transaction<'_>) -> Result<(), Error>| {
                if captured {
                    db.write(|t| work(t))
                } else {
                    db.write_uncaptured(|t| work(t))
                }
            };
            let started = Instant::now();
            for _ in 0..WRITES_PER_ROUND {
                n += 1;
                write(&|t| insert(t, n)).expect("insert");
            }
            let per_insert = started.elapsed().as_secs_f64() * 1e6 / WRITES_PER_ROUND as f64;
            let started = Instant::now();
            for i in 0..WRITES_PER_ROUND {
                let ids = if captured { captured_ids } else { plain_ids };
                let id = &ids[round * WRITES_PER_ROUND + i];
                write(&|t| edit(t, id, i)).expect("edit");
            }
            let per_edit = started.elapsed().as_secs_f64() * 1e6 / WRITES_PER_ROUND as f64;
            let slot = if captured { 0 } else { 1 };
            samples[slot].push(per_insert);
            samples[slot + 2].push(per_edit);
        }
    }
    let [mut ci, mut pi, mut ce, mut pe] = samples;
    let (ci, pi, ce, pe) = (
        median(&mut ci),
        median(&mut pi),
        median(&mut ce),
        median(&mut pe),
    );
    println!(
        "| write, one row per transaction (median of {ROUNDS} rounds of {WRITES_PER_ROUND}) | without capture | with capture | ratio |"
    );
    println!("|---|---:|---:|---:|");
    println!(
        "| new artist card | {pi:.1} µs | {ci:.1} µs | {:.2} |",
        ci / pi
    );
    println!(
        "| edit of two fields | {pe:.1} µs | {ce:.1} µs | {:.2} |",
        ce / pe
    );
}
