//! The prospecting pipeline on 100,000 artists: the board (each stage's 50
//! best-scored cards, with their time in stage and next action), one page of
//! a stage deep in the list view, and the conversion report that reads every
//! card's history (about 250,000 moves).
//!
//! The baseline, measured in the same run, reads as many artists' names and
//! scores in score order, without anything the pipeline adds.
//!
//! `cargo bench -p mona-core --bench pipeline_board` (docs/PERFORMANCE.md).

mod support;

use std::time::Instant;

use mona_core::pipeline::{self, ProspectQuery, StagePreset};
use mona_core::{Database, scoring};
use rusqlite::params;

const ARTISTS: usize = 100_000;
const RUNS: usize = 15;
const PER_COLUMN: u32 = 50;

fn id(kind: u8, n: usize) -> String {
    format!("0193c000-0000-7000-8{kind:03x}-{n:012x}")
}

/// Artists spread over the seven default stages, each with the moves that
/// brought it there (a stage every 9 to 20 days), a third of the open ones
/// with a next action in Planning.
fn fill(db: &Database) {
    let start = Instant::now();
    let now = jiff::Timestamp::now();
    let at = |days_ago: i64| {
        mona_core::clock::format_instant(now - jiff::SignedDuration::from_hours(days_ago * 24))
    };
    db.write_uncaptured(|t| {
        let mut artist = t.prepare(
            "INSERT INTO artists (id, name, sort_key, genres, stage_id, lost_reason, created_at, updated_at)
             VALUES (?1, ?2, ?3, '[\"rap\"]', ?4, ?5, ?6, ?6)",
        )?;
        let mut moved = t.prepare(
            "INSERT INTO artist_stage_moves (id, artist_id, stage_id, entered_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4, ?4)",
        )?;
        let mut task = t.prepare(
            "INSERT INTO tasks (id, title, status, due_at, artist_id, created_at, updated_at)
             VALUES (?1, 'Relancer', 'todo', ?2, ?3, ?4, ?4)",
        )?;
        let (mut moves, mut tasks) = (0, 0);
        for n in 0..ARTISTS {
            let reached = n % 7;
            let stage = StagePreset::ALL[reached];
            let path: Vec<StagePreset> = if stage == StagePreset::Lost {
                vec![StagePreset::Identified, StagePreset::Contacted, StagePreset::Lost]
            } else {
                StagePreset::ALL[..=reached].to_vec()
            };
            let step_days = 9 + (n % 12) as i64;
            let first = step_days * path.len() as i64;
            let name = format!("Artiste {n:06}");
            let reason = (stage == StagePreset::Lost).then_some("Pas disponible");
            artist.execute(params![id(1, n), name, name.to_lowercase(), stage.id(), reason, at(first)])?;
            for (step, preset) in path.iter().enumerate() {
                moves += 1;
                moved.execute(params![id(2, moves), id(1, n), preset.id(), at(first - step as i64 * step_days)])?;
            }
            if reached < 4 && n % 3 == 0 {
                tasks += 1;
                task.execute(params![id(3, tasks), at(-((n % 20) as i64)), id(1, n), at(1)])?;
            }
        }
        println!("filled {ARTISTS} artists, {moves} moves, {tasks} next actions");
        Ok(())
    })
    .expect("fill");
    scoring::refresh_all_scores(db).expect("scores");
    println!("fill: {:.1} s", start.elapsed().as_secs_f64());
}

fn baseline(db: &Database, rows: u32) -> usize {
    db.read(|c| {
        let mut statement = c.prepare_cached(
            "SELECT a.id, a.name, l.score FROM artist_list l JOIN artists a ON a.id = l.artist_id
             ORDER BY l.score DESC LIMIT ?1",
        )?;
        let read = statement
            .query_map([rows], |r| r.get::<_, String>(1))?
            .count();
        Ok(read)
    })
    .expect("baseline")
}

fn timed<T>(samples: &mut Vec<f64>, run: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = run();
    samples.push(start.elapsed().as_secs_f64() * 1000.0);
    value
}

fn main() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let db = Database::open(folder.path()).expect("open");
    fill(&db);
    let (mut base, mut board, mut page, mut report) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut cards = 0;
    for _ in 0..RUNS {
        timed(&mut base, || baseline(&db, PER_COLUMN * 7));
        let columns = timed(&mut board, || {
            pipeline::board(&db, PER_COLUMN).expect("board")
        });
        cards = columns.iter().map(|c| c.cards.len()).sum();
        timed(&mut page, || {
            pipeline::prospects(
                &db,
                &ProspectQuery {
                    stage_id: Some(StagePreset::Contacted.id().into()),
                    offset: 5_000,
                    limit: 100,
                },
            )
            .expect("page")
        });
        timed(&mut report, || pipeline::report(&db).expect("report"));
    }
    let p95 = |samples: &mut Vec<f64>| {
        samples.sort_by(f64::total_cmp);
        samples[(samples.len() * 95).div_ceil(100) - 1]
    };
    let base_median = support::median(&mut base.clone());
    let board_median = support::median(&mut board.clone());
    println!(
        "baseline: {cards} names and scores in score order, median of {RUNS}: {base_median:.2} ms"
    );
    println!(
        "board ({cards} cards in 7 columns), median {board_median:.2} ms, p95 {:.2} ms (target p95 ≤ 10 ms), ratio {:.2}",
        p95(&mut board),
        board_median / base_median
    );
    println!(
        "one stage's page at offset 5,000 (100 cards), median {:.2} ms, p95 {:.2} ms",
        support::median(&mut page.clone()),
        p95(&mut page)
    );
    println!(
        "conversion report over every history, median {:.0} ms, p95 {:.0} ms",
        support::median(&mut report.clone()),
        p95(&mut report)
    );
}
