//! Artist search and first list page at 100,000 artists (docs/PERFORMANCE.md).
//!
//! Run: `cargo bench -p mona-core --bench artist_search`
//!
//! Fills a real SQLite file in a temporary folder with 100,000 realistic
//! French artist cards, then times what the CRM screen asks for: the first
//! page of the list, and the first page plus the count while someone types.
//! Each figure is given as a median and a 95th percentile over many runs,
//! and as a ratio to a baseline measured in the same run (loading one card by
//! its key), because this machine is shared and noisy.

use std::time::{Duration, Instant};

use mona_core::Database;
use mona_core::artists::{
    self, ArtistFields, ArtistQuery, ArtistSortField, ArtistStage, SortDirection,
};

const ARTISTS: usize = 100_000;
const RUNS: usize = 300;

const FIRST_NAMES: [&str; 40] = [
    "Élodie", "Noé", "Maëlle", "Kenza", "Lou", "Sacha", "Anaïs", "Théo", "Zoé", "Rayan", "Chloé",
    "Mathis", "Léna", "Ibrahim", "Jeanne", "Nathan", "Inaya", "Bastien", "Océane", "Djibril",
    "Capucine", "Gaspard", "Sofia", "Elliot", "Inès", "Hugo", "Camille", "Yanis", "Manon", "Lucas",
    "Aïcha", "Gabriel", "Clément", "Léa", "Mehdi", "Juliette", "Adèle", "Louis", "Yasmine",
    "Noémie",
];
const LAST_NAMES: [&str; 50] = [
    "Mars",
    "Lacroix",
    "Roux",
    "Garnier",
    "Vidal",
    "Fontaine",
    "Mercier",
    "Marin",
    "Chevalier",
    "Perrin",
    "Dubois",
    "Barbier",
    "Koné",
    "Lefèvre",
    "Rousseau",
    "Fabre",
    "Caron",
    "Girard",
    "Sy",
    "Leroy",
    "Noël",
    "Benali",
    "Faure",
    "Morel",
    "Laurent",
    "Marchand",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Gauthier",
    "Durand",
    "Moreau",
    "Simon",
    "Michel",
    "Lefebvre",
    "Bertrand",
    "Robert",
    "Richard",
    "Petit",
    "Thomas",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrot",
    "Mathieu",
    "Clément",
];
const CITIES: [&str; 20] = [
    "Paris",
    "Lyon",
    "Marseille",
    "Toulouse",
    "Nice",
    "Nantes",
    "Strasbourg",
    "Montpellier",
    "Bordeaux",
    "Lille",
    "Rennes",
    "Reims",
    "Saint-Étienne",
    "Le Havre",
    "Toulon",
    "Grenoble",
    "Dijon",
    "Angers",
    "Nîmes",
    "Villeurbanne",
];
const GENRES: [&str; 16] = [
    "rap",
    "pop",
    "électro",
    "R&B",
    "soul",
    "folk",
    "rock",
    "jazz",
    "afro",
    "drill",
    "house",
    "techno",
    "chanson",
    "variété",
    "lo-fi",
    "hyperpop",
];

fn card(i: usize) -> ArtistFields {
    let first = FIRST_NAMES[i % FIRST_NAMES.len()];
    let last = LAST_NAMES[(i / FIRST_NAMES.len()) % LAST_NAMES.len()];
    ArtistFields {
        name: if i.is_multiple_of(7) {
            format!("{first} {last} {}", i / 2000)
        } else {
            format!("{first} {last} {i}")
        },
        city: Some(CITIES[(i * 7) % CITIES.len()].to_owned()),
        genres: vec![
            GENRES[i % GENRES.len()].to_owned(),
            GENRES[(i / 3) % GENRES.len()].to_owned(),
        ],
        stage: ArtistStage::ALL[i % ArtistStage::ALL.len()],
        followers: Some(((i * 7919) % 900_000) as u32 + 100),
        email: i.is_multiple_of(3).then(|| format!("booking{i}@label.fr")),
        ..ArtistFields::default()
    }
}

struct Figure {
    median: Duration,
    p95: Duration,
}

fn measure(mut work: impl FnMut()) -> Figure {
    for _ in 0..10 {
        work();
    }
    let mut samples: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    samples.sort();
    Figure {
        median: samples[RUNS / 2],
        p95: samples[RUNS * 95 / 100],
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn main() {
    let folder = tempfile::tempdir().expect("temporary folder");
    // BENCH_KEEP_DATA=folder keeps the filled database there, for looking at query plans.
    let data = std::env::var_os("BENCH_KEEP_DATA").map(std::path::PathBuf::from);
    let db = Database::open(data.as_deref().unwrap_or(folder.path())).expect("open");
    let fill = Instant::now();
    for chunk in (0..ARTISTS).collect::<Vec<_>>().chunks(10_000) {
        artists::create_many(&db, chunk.iter().map(|i| card(*i)).collect()).expect("fill");
    }
    println!(
        "filled {ARTISTS} artists in {:.1} s",
        fill.elapsed().as_secs_f64()
    );

    let first = artists::list(
        &db,
        &ArtistQuery {
            limit: 1,
            ..ArtistQuery::default()
        },
    )
    .expect("list");
    let known_id = first.rows[0].id.clone();
    let baseline = measure(|| {
        artists::get(&db, &known_id).expect("get");
    });

    let db = &db;
    let page = |search: Option<&str>, sort: ArtistSortField, direction: SortDirection| {
        let query = ArtistQuery {
            search: search.map(str::to_owned),
            sort,
            direction,
            offset: 0,
            limit: 100,
        };
        move || {
            let page = artists::list(db, &query).expect("list");
            std::hint::black_box(page);
        }
    };
    type Case<'a> = (&'a str, Box<dyn FnMut() + 'a>);
    let cases: Vec<Case> = vec![
        (
            "first page, by name",
            Box::new(page(None, ArtistSortField::Name, SortDirection::Asc)),
        ),
        (
            "first page, by score",
            Box::new(page(None, ArtistSortField::Score, SortDirection::Desc)),
        ),
        (
            "search \"e\" (1 letter typed)",
            Box::new(page(Some("e"), ArtistSortField::Name, SortDirection::Asc)),
        ),
        (
            "search \"el\" (2 letters, ~15% match)",
            Box::new(page(Some("el"), ArtistSortField::Name, SortDirection::Asc)),
        ),
        (
            "search \"lyon\" by score",
            Box::new(page(
                Some("lyon"),
                ArtistSortField::Score,
                SortDirection::Desc,
            )),
        ),
        (
            "search \"elo\"",
            Box::new(page(Some("elo"), ArtistSortField::Name, SortDirection::Asc)),
        ),
        (
            "search \"elodie\"",
            Box::new(page(
                Some("elodie"),
                ArtistSortField::Name,
                SortDirection::Asc,
            )),
        ),
        (
            "search \"elodie mars\"",
            Box::new(page(
                Some("elodie mars"),
                ArtistSortField::Name,
                SortDirection::Asc,
            )),
        ),
        (
            "search \"lyon\"",
            Box::new(page(
                Some("lyon"),
                ArtistSortField::Name,
                SortDirection::Asc,
            )),
        ),
        (
            "search \"zzz\" (no match)",
            Box::new(page(Some("zzz"), ArtistSortField::Name, SortDirection::Asc)),
        ),
    ];

    println!();
    println!("| case (100 rows + total) | median ms | p95 ms | p95 / baseline p95 |");
    println!("|---|---:|---:|---:|");
    println!(
        "| baseline: one card by key | {:.3} | {:.3} | 1.0 |",
        ms(baseline.median),
        ms(baseline.p95)
    );
    for (name, mut work) in cases {
        let figure = measure(&mut work);
        println!(
            "| {name} | {:.3} | {:.3} | {:.1} |",
            ms(figure.median),
            ms(figure.p95),
            figure.p95.as_secs_f64() / baseline.p95.as_secs_f64()
        );
    }
}
