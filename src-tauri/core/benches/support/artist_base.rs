//! The CRM base, written into a database: 100,000 realistic French
//! artist cards (tags, a note on one in three, an Instagram account each)
//! and the exchanges of the million that concern artists (900,500).
//! Shared by the search benchmark and the app window's scroll benchmark
//! (the `seed_artist_base` example), so both measure the same base.
//!
//! `MONA_BENCH_PLAIN=1` fills it without tags, notes and exchanges (as
//! before session 12), to compare with builds of that time.

use std::time::Instant;

use mona_core::artists::{self, ArtistFields, ArtistQuery, Platform, SocialAccount};
use mona_core::interactions::{self, Direction, InteractionFields, InteractionKind, Party};
use mona_core::pipeline::StagePreset;
use mona_core::{Database, tags};

pub const ARTISTS: usize = 100_000;

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
pub struct Tags {
    pub press: String,
    pub tour: String,
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

/// Fills the base: the cards, then the exchanges.
pub fn fill(db: &Database) -> Tags {
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

/// The tags of a base an earlier run kept in `db`, or `None` when it holds
/// no base (filling one takes minutes, so a kept one is used again).
pub fn kept(db: &Database) -> Option<Tags> {
    let known = tags::all(db).expect("tags");
    let kept = |name: &str| known.iter().find(|t| t.name == name).map(|t| t.id.clone());
    Some(Tags {
        press: kept("Presse")?,
        tour: kept("Tournée 2027")?,
    })
}
