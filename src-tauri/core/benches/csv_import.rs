//! Importing a 100,000-row spreadsheet of artists (docs/PERFORMANCE.md,
//! "CSV import"; target: ≤ 5 s).
//!
//! Run: `cargo bench -p mona-core --bench csv_import`
//! (`MONA_BENCH_ROWS` for a smaller file.)
//!
//! The file is what Excel writes in French: Windows-1252, `;`, CRLF, eleven
//! columns (names with accents, e-mail, city, genres, an Instagram handle,
//! followers as "12 345", the figures' date as "24/11/2026", a stage, notes
//! with a quoted newline). Each round imports it into a fresh database file
//! (one transaction, change capture on, the list and scores rebuilt). Two
//! baselines measured in the same run: reading the file only (decoding,
//! separator, parsing, mapping), and creating the same cards through
//! `artists::create_many` (the app's way to save many typed cards, with the
//! list kept row by row), into another fresh file. Then a small file (100
//! more rows) imported into the base each round's import made: what a
//! team's weekly spreadsheet costs once the base is large.

mod support;

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use mona_core::Database;
use mona_core::artists::import;
use mona_core::artists::{self, ArtistFields, ImportChoices, Platform, SocialAccount};
use support::median;

const ROUNDS: usize = 3;
/// The rows of the small file imported into the large base.
const SMALL_ROWS: usize = 100;
const FIRST: &[&str] = &[
    "Élodie", "Maëlys", "Théo", "Inès", "Noé", "Jules", "Nadia", "Zoé",
];
const CITIES: &[&str] = &["Lyon", "Marseille", "Paris", "Lille", "Nantes", "Bordeaux"];
const STAGES: &[&str] = &["Repéré", "Contacté", "En discussion", "Signé", ""];

fn spreadsheet(first_row: usize, rows: usize) -> Vec<u8> {
    let mut text = String::from(
        "Nom de scène;Nom civil;E-mail;Ville;Pays;Genres;Instagram;Abonnés Instagram;Date des chiffres;Statut;Notes\r\n",
    );
    for n in first_row..first_row + rows {
        let first = FIRST[n % FIRST.len()];
        text.push_str(&format!(
            "{first} {n};{first} Martin-{n};artiste{n}@example.fr;{city};France;rap, pop;@artiste.{n};{k} {r:03};{d:02}/11/2026;{stage};\"Vu en concert.\r\nÀ recontacter.\"\r\n",
            city = CITIES[n % CITIES.len()],
            k = 1 + n % 90,
            r = n % 1000,
            d = 1 + n % 28,
            stage = STAGES[n % STAGES.len()],
        ));
    }
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    bytes.into_owned()
}

fn main() {
    let rows: usize = std::env::var("MONA_BENCH_ROWS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let bytes = spreadsheet(0, rows);
    let small = spreadsheet(rows, SMALL_ROWS);
    let cards: Vec<ArtistFields> = (0..rows)
        .map(|n| {
            let first = FIRST[n % FIRST.len()];
            ArtistFields {
                name: format!("{first} {n}"),
                legal_name: Some(format!("{first} Martin-{n}")),
                email: Some(format!("artiste{n}@example.fr")),
                city: Some(CITIES[n % CITIES.len()].to_owned()),
                country: Some("FR".into()),
                genres: vec!["rap".into(), "pop".into()],
                accounts: vec![SocialAccount {
                    platform: Platform::Instagram,
                    handle: Some(format!("artiste.{n}")),
                    audience: Some((1 + n % 90) as u32 * 1000 + (n % 1000) as u32),
                    ..SocialAccount::default()
                }],
                notes: "Vu en concert.\r\nÀ recontacter.".into(),
                ..ArtistFields::default()
            }
        })
        .collect();
    let mut imports = Vec::new();
    let mut reads = Vec::new();
    let mut creates = Vec::new();
    let mut small_imports = Vec::new();
    let import_into = |db: &Database, bytes: &[u8], sheet: &artists::CsvSheet| {
        import::import(
            db,
            bytes,
            &sheet.mapping,
            &ImportChoices::default(),
            &mut |_| {},
            &AtomicBool::new(false),
        )
        .expect("import")
    };
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let sheet = import::read(&bytes).expect("read");
        reads.push(started.elapsed().as_secs_f64());

        let folder = tempfile::tempdir().expect("temporary folder");
        let db = Database::open(folder.path()).expect("open");
        let started = Instant::now();
        let report = import_into(&db, &bytes, &sheet);
        imports.push(started.elapsed().as_secs_f64());
        assert_eq!(report.created as usize, rows, "{:?}", &report.rows.first());
        // As the app does in the background once an import has answered.
        db.checkpoint().expect("checkpoint");
        let small_sheet = import::read(&small).expect("read the small file");
        let started = Instant::now();
        let report = import_into(&db, &small, &small_sheet);
        small_imports.push(started.elapsed().as_secs_f64());
        assert_eq!(report.created as usize, SMALL_ROWS);
        drop(db);

        let folder = tempfile::tempdir().expect("temporary folder");
        let db = Database::open(folder.path()).expect("open");
        let started = Instant::now();
        artists::create_many(&db, cards.clone()).expect("create");
        creates.push(started.elapsed().as_secs_f64());
    }
    let (import_s, read_s, create_s, small_s) = (
        median(&mut imports),
        median(&mut reads),
        median(&mut creates),
        median(&mut small_imports),
    );
    println!(
        "| {rows} rows, {:.1} MB, median of {ROUNDS} | read only | same cards by create_many | import | import / create_many |",
        bytes.len() as f64 / 1e6
    );
    println!("|---|---:|---:|---:|---:|");
    println!(
        "| CSV import | {:.0} ms | {:.0} ms | **{:.0} ms** | {:.2} |",
        read_s * 1e3,
        create_s * 1e3,
        import_s * 1e3,
        import_s / create_s
    );
    println!(
        "| then {SMALL_ROWS} more rows into that base | | | **{:.0} ms** | |",
        small_s * 1e3
    );
}
