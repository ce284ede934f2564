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

mod support;

use std::time::Instant;

use mona_core::tasks::{self, TaskFields};
use mona_core::{Database, calendar, ids};
use rusqlite::params;
use support::median;

const EVENTS: usize = 5_000;
const ROUNDS: usize = 30;

fn main() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let db = Database::open(folder.path()).expect("open");
    let people: Vec<String> = (0..20).map(|_| ids::new_id()).collect();
    db.write(|t| {
        for (n, id) in people.iter().enumerate() {
            t.execute(
                "INSERT INTO users (id, display_name, role, created_at, updated_at)
                 VALUES (?1, ?2, 'streamer', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')",
                params![id, format!("Membre {n}")],
            )?;
        }
        // Three months: the one shown and its neighbours.
        for month in [11, 12, 13] {
            let (year, month) = if month == 13 { (2027, 1) } else { (2026, month) };
            for n in 0..EVENTS {
                let day = 1 + n % 28;
                let hour = 8 + (n / 28) % 12;
                let minute = (n % 4) * 15;
                let start = format!("{year}-{month:02}-{day:02}T{hour:02}:{minute:02}:00.000Z");
                let end = format!("{year}-{month:02}-{day:02}T{:02}:{minute:02}:00.000Z", hour + 1);
                let id = ids::new_id();
                t.execute(
                    "INSERT INTO spark_events (id, title, starts_at, ends_at, time_zone, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, 'Europe/Paris', ?3, ?3)",
                    params![id, format!("Événement {n}"), start, end],
                )?;
                for k in 0..2 {
                    t.execute(
                        "INSERT INTO event_attendees (id, event_id, user_id, created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?4)",
                        params![ids::new_id(), id, people[(n + k * 7) % people.len()], start],
                    )?;
                }
            }
        }
        Ok(())
    })
    .expect("events");
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
