//! Fills a data folder with the CRM base for the list's scroll
//! benchmark in the app window (docs/PERFORMANCE.md, "Scrolling the artist
//! list"): 100,000 cards and 900,500 exchanges, the base the core's
//! `artist_search` benchmark measures. Takes about five minutes; a folder
//! that already holds it is left as it is.
//!
//! Run: `cargo run --release -p mona-core --example seed_artist_base -- <folder>`

#[path = "../benches/support/artist_base.rs"]
mod artist_base;

use mona_core::Database;
use mona_core::settings::{self, SettingsChange};

fn main() {
    let Some(folder) = std::env::args().nth(1) else {
        eprintln!("usage: seed_artist_base <data folder>");
        std::process::exit(2);
    };
    let db = match Database::open(std::path::Path::new(&folder)) {
        Ok(db) => db,
        Err(error) => {
            eprintln!("cannot open {folder}: {error}");
            std::process::exit(1);
        }
    };
    if artist_base::kept(&db).is_none() {
        artist_base::fill(&db);
    }
    // The first run's questions are answered: the window opens on the app.
    let onboarded = settings::update(
        &db,
        SettingsChange {
            onboarded: Some(true),
            ..SettingsChange::default()
        },
    );
    if let Err(error) = onboarded {
        eprintln!("cannot seed {folder}: {error}");
        std::process::exit(1);
    }
    println!("{} artists in {folder}", artist_base::ARTISTS);
}
