//! Artist search and first list page at 100,000 artists (docs/PERFORMANCE.md).
//!
//! Run: `cargo bench -p mona-core --bench artist_search`
//!
//! Fills a real SQLite file in a temporary folder with 100,000 realistic
//! French artist cards (tags, a note on one in three) and the exchanges of
//! the million that concern artists (900,500), then times what the CRM screen asks for: the first
//! page of the list, and the first page plus the count while someone types.
//! Each figure is given as a median and a 95th percentile over many runs,
//! and as a ratio to a baseline measured in the same run (loading one card by
//! its key), because this machine is shared and noisy.
//!
//! `MONA_BENCH_ONLY=text` runs only the cases whose name holds `text`, ten
//! times as long; `MONA_BENCH_PLAIN=1` fills the base without tags, notes
//! and exchanges (as before session 12), to compare with builds of that time;
//! `BENCH_KEEP_DATA=folder` keeps the filled database there, and a later
//! run with the same folder uses it again instead of filling a new one.

use std::time::{Duration, Instant};

use mona_core::artists::{
    self, ArtistFields, ArtistFilters, ArtistQuery, ArtistSortField, LastContact, Platform,
    SocialAccount, SortDirection,
};
use mona_core::interactions::{self, Direction, InteractionFields, InteractionKind, Party};
use mona_core::pipeline::StagePreset;
use mona_core::{Database, tags};

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

/// `MONA_BENCH_PLAIN=1`: the base without tags and exchanges, as before
/// session 12, to compare with builds of that time on the same kind of base.
fn plain() -> bool {
    std::env::var_os("MONA_BENCH_PLAIN").is_some()
}

/// The tags of the base: "Presse" on one card in ten, "Tournée 2027" on one in 25.
struct Tags {
    press: String,
    tour: String,
}

fn card(i: usize, tags: &Tags) -> ArtistFields {
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
        // Every stage but the last (lost, which needs a reason).
        stage_id: Some(StagePreset::ALL[i % 6].id().to_owned()),
        accounts: vec![SocialAccount {
            platform: Platform::Instagram,
            handle: Some(format!("artist{i}")),
            audience: Some(((i * 7919) % 900_000) as u32 + 100),
            ..SocialAccount::default()
        }],
        email: i.is_multiple_of(3).then(|| format!("booking{i}@label.fr")),
        notes: if plain() { String::new() } else { note(i) },
        tags: [(10, &tags.press), (25, &tags.tour)]
            .into_iter()
            .filter(|_| !plain())
            .filter(|(every, _)| i.is_multiple_of(*every))
            .map(|(_, tag)| tag.clone())
            .collect(),
        ..ArtistFields::default()
    }
}

/// What a manager writes on one card in three; the Vieilles Charrues on one in 500.
fn note(i: usize) -> String {
    const NOTES: [&str; 6] = [
        "Vu en concert, très à l'aise sur scène. Cherche un tourneur.",
        "Signé chez un petit label indépendant, contrat jusqu'en 2027.",
        "Recommandé par un autre artiste de MONA. Répond vite aux messages.",
        "Beaucoup de vues sur les shorts, peu de concerts pour l'instant.",
        "Prépare un premier album, veut un accompagnement sur la promo.",
        "Rencontré au festival des Vieilles Charrues, à recontacter après l'été.",
    ];
    match i {
        i if i.is_multiple_of(500) => NOTES[5].to_owned(),
        i if i.is_multiple_of(3) => NOTES[(i / 3) % 5].to_owned(),
        _ => String::new(),
    }
}

/// The `n`th of the base's million exchanges: a summary as a manager writes one.
fn summary(n: usize) -> String {
    const KINDS: [&str; 5] = ["Appel", "Mail", "DM Instagram", "Rendez-vous", "Message"];
    const TOPICS: [&str; 10] = [
        "l'EP",
        "le clip",
        "la tournée",
        "un featuring",
        "le contrat",
        "la release party",
        "un live Twitch",
        "la playlist",
        "le merch",
        "une session studio",
    ];
    const PLACES: [&str; 12] = [
        "Paris",
        "Lyon",
        "Marseille",
        "Bruxelles",
        "Genève",
        "Montréal",
        "Dakar",
        "Abidjan",
        "Lille",
        "Nantes",
        "Bordeaux",
        "Toulouse",
    ];
    const NEXT: [&str; 5] = [
        "à relancer la semaine prochaine",
        "réponse positive",
        "attend le retour du label",
        "budget à valider",
        "dates à caler",
    ];
    format!(
        "{} : point sur {} à {}, {}.",
        KINDS[n % 5],
        TOPICS[(n / 5) % 10],
        PLACES[(n / 50) % 12],
        NEXT[(n / 7) % 5]
    )
}

/// The artists' share (nine in ten) of the rest of the million
/// exchanges, older than the last 60 days, written as a sync writes what it
/// pulls: in large transactions (100,000 here), the list and its search index
/// kept by the triggers. The sponsors' tenth is left out: it does not touch
/// the artist list.
fn log_a_million_exchanges(db: &Database, ids: &[String], already: usize) {
    let start = Instant::now();
    let total = 1_000_000 - already;
    for chunk in (0..total).collect::<Vec<_>>().chunks(100_000) {
        db.write_uncaptured(|t| {
            let mut insert = t.prepare(
                "INSERT INTO interactions (id, kind, direction, summary, occurred_at, artist_id, created_at, updated_at)
                 VALUES (?1, 'call', 'outbound', ?2, ?3, ?4, ?3, ?3)",
            )?;
            for &n in chunk.iter().filter(|n| *n % 10 != 9) {
                let days = 100 + (n * 31) % 300;
                let at = (jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * days as i64)).to_string();
                let artist = &ids[(n * 7_919) % ids.len()];
                insert.execute(rusqlite::params![mona_core::ids::new_id(), summary(n), at, artist])?;
            }
            Ok(())
        })
        .expect("exchanges");
    }
    println!(
        "logged {} more exchanges with artists in {:.1} s",
        total - total / 10,
        start.elapsed().as_secs_f64()
    );
}

struct Figure {
    median: Duration,
    p95: Duration,
}

/// `MONA_BENCH_ONLY=text`: only the cases whose name holds `text`, each
/// measured ten times as long (for a profiler).
fn chosen(name: &str) -> bool {
    std::env::var("MONA_BENCH_ONLY").map_or(true, |only| name.contains(only.as_str()))
}

fn runs() -> usize {
    if std::env::var_os("MONA_BENCH_ONLY").is_some() {
        RUNS * 10
    } else {
        RUNS
    }
}

fn measure(mut work: impl FnMut()) -> Figure {
    for _ in 0..10 {
        work();
    }
    let runs = runs();
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    samples.sort();
    Figure {
        median: samples[runs / 2],
        p95: samples[runs * 95 / 100],
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Fills the base: the cards, then the exchanges.
fn fill(db: &Database) -> Tags {
    let fill = Instant::now();
    let tags = Tags {
        press: tags::create(db, "Presse").expect("tag").id,
        tour: tags::create(db, "Tournée 2027").expect("tag").id,
    };
    for chunk in (0..ARTISTS).collect::<Vec<_>>().chunks(10_000) {
        artists::create_many(db, chunk.iter().map(|i| card(*i, &tags)).collect()).expect("fill");
    }
    println!(
        "filled {ARTISTS} artists in {:.1} s",
        fill.elapsed().as_secs_f64()
    );

    // Ten exchanges within the last 60 days with each of the first 500 cards.
    let ids: Vec<String> = artists::list(
        db,
        &ArtistQuery {
            limit: 500,
            ..ArtistQuery::default()
        },
    )
    .expect("list")
    .rows
    .into_iter()
    .map(|r| r.id)
    .collect();
    let logging = Instant::now();
    for (n, id) in ids.iter().enumerate().filter(|_| !plain()) {
        for k in 0..10 {
            let span = jiff::SignedDuration::from_hours(24 * ((n * 7 + k * 13) % 60) as i64);
            interactions::log(
                db,
                InteractionFields {
                    party: Party::Artist(id.clone()),
                    kind: InteractionKind::Call,
                    direction: Direction::Outbound,
                    summary: "Appel".into(),
                    occurred_at: (jiff::Timestamp::now() - span).to_string(),
                },
            )
            .expect("log");
        }
    }
    println!(
        "logged {} exchanges in {:.1} s",
        ids.len() * 10,
        logging.elapsed().as_secs_f64()
    );
    if !plain() {
        let every_card: Vec<String> = db
            .read(|c| {
                let mut statement = c.prepare("SELECT id FROM artists")?;
                let ids = statement
                    .query_map([], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                Ok(ids)
            })
            .expect("ids");
        log_a_million_exchanges(db, &every_card, ids.len() * 10);
    }
    tags
}

fn main() {
    let folder = tempfile::tempdir().expect("temporary folder");
    // BENCH_KEEP_DATA=folder keeps the filled database there, for looking at query plans.
    let data = std::env::var_os("BENCH_KEEP_DATA").map(std::path::PathBuf::from);
    let db = Database::open(data.as_deref().unwrap_or(folder.path())).expect("open");
    // A base kept by an earlier run is used again as it is (filling takes minutes).
    let known = tags::all(&db).expect("tags");
    let kept = |name: &str| known.iter().find(|t| t.name == name).map(|t| t.id.clone());
    let tags = match (kept("Presse"), kept("Tournée 2027")) {
        (Some(press), Some(tour)) => {
            println!(
                "using the base kept in {}",
                data.as_deref().unwrap_or(folder.path()).display()
            );
            Tags { press, tour }
        }
        _ => fill(&db),
    };
    let known_id = artists::list(
        &db,
        &ArtistQuery {
            limit: 1,
            ..ArtistQuery::default()
        },
    )
    .expect("list")
    .rows[0]
        .id
        .clone();
    let baseline = measure(|| {
        artists::get(&db, &known_id).expect("get");
    });

    use ArtistSortField::{Audience, City, Name, Score, Stage, UpdatedAt};
    use SortDirection::{Asc, Desc};
    // (what the row says, typed, sort, direction, offset)
    let cases: [(&str, Option<&str>, ArtistSortField, SortDirection, u32); 29] = [
        ("first page, by name", None, Name, Asc, 0),
        ("first page, by name Z to A", None, Name, Desc, 0),
        ("first page, by score", None, Score, Desc, 0),
        ("first page, by score, lowest first", None, Score, Asc, 0),
        ("first page, by stage", None, Stage, Asc, 0),
        ("first page, by city", None, City, Asc, 0),
        ("first page, by audience", None, Audience, Desc, 0),
        ("first page, by last change", None, UpdatedAt, Desc, 0),
        ("page 100 (offset 10,000), by name", None, Name, Asc, 10_000),
        ("search \"e\" (1 letter typed)", Some("e"), Name, Asc, 0),
        ("search \"e\" by score", Some("e"), Score, Desc, 0),
        (
            "search \"el\" (2 letters, ~15% match)",
            Some("el"),
            Name,
            Asc,
            0,
        ),
        ("search \"el\" by audience", Some("el"), Audience, Desc, 0),
        ("search \"el\" by city", Some("el"), City, Asc, 0),
        (
            "search \"el\", page 20 (offset 2,000)",
            Some("el"),
            Name,
            Asc,
            2_000,
        ),
        (
            "search \"ma\" (2 letters, ~30% match)",
            Some("ma"),
            Name,
            Asc,
            0,
        ),
        ("search \"elo\"", Some("elo"), Name, Asc, 0),
        ("search \"elodie\"", Some("elodie"), Name, Asc, 0),
        ("search \"elodie mars\"", Some("elodie mars"), Name, Asc, 0),
        ("search \"lyon\"", Some("lyon"), Name, Asc, 0),
        ("search \"lyon\" by score", Some("lyon"), Score, Desc, 0),
        (
            "search \"ya\" (names late in the order)",
            Some("ya"),
            Name,
            Asc,
            0,
        ),
        (
            "search \"zoe\" (the last names in the order)",
            Some("zoe"),
            Name,
            Asc,
            0,
        ),
        ("search \"zzz\" (no match)", Some("zzz"), Name, Asc, 0),
        // What is written about the artists (V20), with why each row was found.
        (
            "search a handle \"artist4242\"",
            Some("artist4242"),
            Name,
            Asc,
            0,
        ),
        (
            "search notes \"charrues\" (1 card in 500)",
            Some("charrues"),
            Name,
            Asc,
            0,
        ),
        (
            "search exchanges \"montreal\"",
            Some("montreal"),
            Name,
            Asc,
            0,
        ),
        (
            "search exchanges \"tournee\", by score",
            Some("tournee"),
            Score,
            Desc,
            0,
        ),
        (
            "search \"lyon budget\" (city or exchange)",
            Some("lyon budget"),
            Name,
            Asc,
            0,
        ),
    ];

    println!();
    println!("| case (100 rows + total) | matches | median ms | p95 ms | p95 / baseline p95 |");
    println!("|---|---:|---:|---:|---:|");
    println!(
        "| baseline: one card by key | 1 | {:.3} | {:.3} | 1.0 |",
        ms(baseline.median),
        ms(baseline.p95)
    );
    for (name, search, sort, direction, offset) in cases {
        if !chosen(name) {
            continue;
        }
        let query = ArtistQuery {
            search: search.map(str::to_owned),
            sort,
            direction,
            offset,
            limit: 100,
            ..ArtistQuery::default()
        };
        let matches = artists::list(&db, &query).expect("list").total;
        let figure = measure(|| {
            std::hint::black_box(artists::list(&db, &query).expect("list"));
        });
        println!(
            "| {name} | {matches} | {:.3} | {:.3} | {:.1} |",
            ms(figure.median),
            ms(figure.p95),
            figure.p95.as_secs_f64() / baseline.p95.as_secs_f64()
        );
    }

    // Filtered pages: the list's filters alone, and with what was typed.
    let stages = |presets: &[StagePreset]| presets.iter().map(|p| p.id().to_owned()).collect();
    let filtered: [(&str, Option<&str>, ArtistSortField, ArtistFilters); 12] = [
        (
            "first page, by last contact",
            None,
            ArtistSortField::LastContact,
            ArtistFilters::default(),
        ),
        (
            "filter: genre \"rap\" (about 1 in 8), by name",
            None,
            Name,
            ArtistFilters {
                genre: Some("rap".into()),
                ..ArtistFilters::default()
            },
        ),
        (
            "filter: tag \"Presse\" (1 in 10), by score",
            None,
            Score,
            ArtistFilters {
                tag_id: Some(tags.press.clone()),
                ..ArtistFilters::default()
            },
        ),
        (
            "filter: genre \"rap\" + tag \"Tournée 2027\", by name",
            None,
            Name,
            ArtistFilters {
                genre: Some("rap".into()),
                tag_id: Some(tags.tour.clone()),
                ..ArtistFilters::default()
            },
        ),
        (
            "filter: genre \"électro\" + search \"el\", by name",
            Some("el"),
            Name,
            ArtistFilters {
                genre: Some("electro".into()),
                ..ArtistFilters::default()
            },
        ),
        (
            "filter: not contacted for 30 days (most cards), by score",
            None,
            Score,
            ArtistFilters {
                last_contact: Some(LastContact::NotFor { days: 30 }),
                ..ArtistFilters::default()
            },
        ),
        (
            "filter: contacted within 30 days, by last contact",
            None,
            ArtistSortField::LastContact,
            ArtistFilters {
                last_contact: Some(LastContact::Within { days: 30 }),
                ..ArtistFilters::default()
            },
        ),
        (
            "filter: stage \"contacted\" (1 in 6), by score",
            None,
            Score,
            ArtistFilters {
                stage_ids: stages(&[StagePreset::Contacted]),
                ..ArtistFilters::default()
            },
        ),
        (
            "filter: three open stages (1 in 2), by name",
            None,
            Name,
            ArtistFilters {
                stage_ids: stages(&[
                    StagePreset::Identified,
                    StagePreset::Contacted,
                    StagePreset::InDiscussion,
                ]),
                ..ArtistFilters::default()
            },
        ),
        (
            "filter: score 40 to 60, by score",
            None,
            Score,
            ArtistFilters {
                min_score: Some(40),
                max_score: Some(60),
                ..ArtistFilters::default()
            },
        ),
        (
            "filter: stage \"signed\" and score ≥ 30, by audience",
            None,
            Audience,
            ArtistFilters {
                stage_ids: stages(&[StagePreset::Signed]),
                min_score: Some(30),
                ..ArtistFilters::default()
            },
        ),
        (
            "filter: stage \"contacted\" + search \"el\", by name",
            Some("el"),
            Name,
            ArtistFilters {
                stage_ids: stages(&[StagePreset::Contacted]),
                ..ArtistFilters::default()
            },
        ),
    ];
    for (name, search, sort, filters) in filtered {
        if !chosen(name) {
            continue;
        }
        let query = ArtistQuery {
            search: search.map(str::to_owned),
            sort,
            direction: if sort == Name { Asc } else { Desc },
            limit: 100,
            filters,
            ..ArtistQuery::default()
        };
        let matches = artists::list(&db, &query).expect("list").total;
        let figure = measure(|| {
            std::hint::black_box(artists::list(&db, &query).expect("list"));
        });
        println!(
            "| {name} | {matches} | {:.3} | {:.3} | {:.1} |",
            ms(figure.median),
            ms(figure.p95),
            figure.p95.as_secs_f64() / baseline.p95.as_secs_f64()
        );
    }
}
