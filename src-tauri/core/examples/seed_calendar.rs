//! Fills a data folder with a busy month for the calendar render benchmark
//! (docs/PERFORMANCE.md, "Calendar"): `EVENTS` events in the current month
//! (two of 20 members attending each), as `calendar_month` does for the
//! core benchmark.
//!
//! Run: `cargo run --release -p mona-core --example seed_calendar -- <folder> [events]`

use mona_core::settings::{self, SettingsChange};
use mona_core::{Database, ids};
use rusqlite::params;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(folder) = args.next() else {
        eprintln!("usage: seed_calendar <data folder> [events]");
        std::process::exit(2);
    };
    let events: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5_000);
    let db = match Database::open(std::path::Path::new(&folder)) {
        Ok(db) => db,
        Err(error) => {
            eprintln!("cannot open {folder}: {error}");
            std::process::exit(1);
        }
    };
    let today = jiff::ZonedDateTime::now();
    let (year, month) = (today.year(), today.month());
    let people: Vec<String> = (0..20).map(|_| ids::new_id()).collect();
    let seeded = db.write(|t| {
        for (n, id) in people.iter().enumerate() {
            t.execute(
                "INSERT INTO users (id, display_name, role, created_at, updated_at)
                 VALUES (?1, ?2, 'streamer', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')",
                params![id, format!("Membre {n}")],
            )?;
        }
        for n in 0..events {
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
        Ok::<_, mona_core::Error>(())
    })
    // The first run's questions are answered: the window opens on the app.
    .and_then(|()| {
        settings::update(
            &db,
            SettingsChange {
                language: None,
                theme: None,
                onboarded: Some(true),
            },
        )
    });
    if let Err(error) = seeded {
        eprintln!("cannot seed {folder}: {error}");
        std::process::exit(1);
    }
    println!("{events} events in {year}-{month:02} in {folder}");
}
