//! Fills a data folder with a busy month for the calendar render benchmark
//! (docs/PERFORMANCE.md, "Calendar"): `events` events in the current month
//! (two of 20 members attending each), the same month as the core's
//! `calendar_month` benchmark seeds.
//!
//! Run: `cargo run --release -p mona-core --example seed_calendar -- <folder> [events]`

#[path = "../benches/support/busy_month.rs"]
mod busy_month;

use mona_core::Database;
use mona_core::settings::{self, SettingsChange};

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
    let seeded = busy_month::team(&db, 20)
        .and_then(|people| busy_month::seed(&db, year, month, events, &people))
        // The first run's questions are answered: the window opens on the app.
        .and_then(|()| {
            settings::update(
                &db,
                SettingsChange {
                    onboarded: Some(true),
                    ..SettingsChange::default()
                },
            )
        });
    if let Err(error) = seeded {
        eprintln!("cannot seed {folder}: {error}");
        std::process::exit(1);
    }
    println!("{events} events in {year}-{month:02} in {folder}");
}
