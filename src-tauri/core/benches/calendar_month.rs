//! What a month of the team calendar costs the core (docs/PERFORMANCE.md,
//! "Calendar").
//!
//! Run: `cargo bench -p mona-core --bench calendar_month`
//!
//! A real SQLite file with 5,000 events in December 2026 (each with two of
//! 20 team members attending), 50 weekly repeating tasks and the events of
//! the months around. Times `calendar::window` for the month (the rows,
//! repeats expanded, the people of every item, clashes found). Baseline, in
//! the same run and alternated with it: one plain SELECT of the same
//! month's events (the least any calendar must read). Medians and ratio.

#[path = "support/busy_month.rs"]
mod busy_month;
mod support;

use std::time::Instant;

use mona_core::tasks::{self, TaskFields};
use mona_core::{Database, calendar};
use support::median;

const EVENTS: usize = 5_000;
const ROUNDS: usize = 30;

fn main() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let db = Database::open(folder.path()).expect("open");
    let people = busy_month::team(&db, 20).expect("team");
    // Three months: the one shown and its neighbours.
    for (year, month) in [(2026, 11), (2026, 12), (2027, 1)] {
        busy_month::seed(&db, year, month, EVENTS, &people).expect("events");
    }
    for n in 0..50 {
        tasks::create(
            &db,
            TaskFields {
                title: format!("Rituel {n}"),
                starts_at: Some(format!("2026-11-{:02}T09:00:00Z", 2 + n % 7)),
                ends_at: Some(format!("2026-11-{:02}T09:30:00Z", 2 + n % 7)),
                time_zone: Some("Europe/Paris".into()),
                recurrence: Some("FREQ=WEEKLY".into()),
                assignees: vec![people[n % people.len()].clone()],
                ..TaskFields::default()
            },
        )
        .expect("task");
    }
    let (from, to) = ("2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z");
    let (mut window, mut baseline) = (Vec::new(), Vec::new());
    let mut shown = 0;
    let mut clashes = 0;
    for round in 0..ROUNDS {
        let mut run_window = || {
            let started = Instant::now();
            let month = calendar::window(&db, from, to).expect("window");
            window.push(started.elapsed().as_secs_f64() * 1000.0);
            shown = month.items.len();
            clashes = month.items.iter().filter(|i| i.clash).count();
        };
        let mut run_baseline = || {
            let started = Instant::now();
            let rows = db
                .read(|c| {
                    let mut s = c.prepare_cached(
                        "SELECT id, title, starts_at, ends_at, all_day, time_zone FROM spark_events
                         WHERE deleted_at IS NULL AND starts_at < ?2 AND ends_at > ?1",
                    )?;
                    let rows = s.query_map(
                        ["2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"],
                        |r| {
                            Ok((
                                r.get::<_, String>(0)?,
                                r.get::<_, String>(1)?,
                                r.get::<_, String>(2)?,
                                r.get::<_, String>(3)?,
                                r.get::<_, bool>(4)?,
                                r.get::<_, Option<String>>(5)?,
                            ))
                        },
                    )?;
                    Ok(rows.count())
                })
                .expect("baseline");
            baseline.push(started.elapsed().as_secs_f64() * 1000.0);
            assert!(rows >= EVENTS);
        };
        if round % 2 == 0 {
            run_window();
            run_baseline();
        } else {
            run_baseline();
            run_window();
        }
    }
    let (w, b) = (median(&mut window), median(&mut baseline));
    println!(
        "December 2026: {shown} items shown ({EVENTS} events, 50 weekly tasks), {clashes} flagged as clashes"
    );
    println!("calendar::window:           {w:8.2} ms (median of {ROUNDS})");
    println!("baseline (plain SELECT):    {b:8.2} ms");
    println!("ratio:                      {:8.2}", w / b);
}
