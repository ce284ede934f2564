//! A realistic French data set so a newcomer sees a living app.
//!
//! The artists, sponsors and events are invented but plausible: French stage
//! names and cities, audiences of the sizes MONA really works with, lives and
//! release parties in the coming weeks on Paris time. Everything goes through
//! the same validation and scoring as a card typed by hand.

use jiff::{Timestamp, ToSpan, ZonedDateTime, civil::Time, tz::TimeZone};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::artists::{self, ArtistFields, Platform, SocialAccount};
use crate::campaigns::{self, Tier};
use crate::links::{self, Link};
use crate::pipeline::{self, StagePreset};
use crate::settings::{self, SettingsChange};
use crate::{Database, Error, clock, ids, positions, team};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DemoSummary {
    pub users: u32,
    pub artists: u32,
    pub sponsors: u32,
    pub events: u32,
    pub campaigns: u32,
}

const TEAM: [(&str, &str, &str); 4] = [
    ("Camille Morel", "camille@mona-spark.fr", "admin"),
    ("Yanis Belkacem", "yanis@mona-spark.fr", "manager"),
    ("Inès Laurent", "ines@mona-spark.fr", "streamer"),
    ("Hugo Marchand", "hugo@mona-spark.fr", "streamer"),
];

struct DemoArtist {
    name: &'static str,
    city: &'static str,
    genres: &'static [&'static str],
    followers: u32,
    listeners: u32,
    stage: StagePreset,
}

const fn artist(
    name: &'static str,
    city: &'static str,
    genres: &'static [&'static str],
    followers: u32,
    listeners: u32,
    stage: StagePreset,
) -> DemoArtist {
    DemoArtist {
        name,
        city,
        genres,
        followers,
        listeners,
        stage,
    }
}

const ARTISTS: [DemoArtist; 24] = [
    artist(
        "Élodie Mars",
        "Lyon",
        &["pop", "électro"],
        48_200,
        21_500,
        StagePreset::Signed,
    ),
    artist(
        "Noé Lacroix",
        "Marseille",
        &["rap"],
        152_000,
        88_000,
        StagePreset::InDiscussion,
    ),
    artist(
        "Maëlle Roux",
        "Nantes",
        &["folk"],
        9_800,
        4_100,
        StagePreset::Contacted,
    ),
    artist(
        "Kenza B.",
        "Paris",
        &["R&B", "soul"],
        310_000,
        190_000,
        StagePreset::Signed,
    ),
    artist(
        "Lou Garnier",
        "Bordeaux",
        &["indie pop"],
        3_400,
        1_200,
        StagePreset::Identified,
    ),
    artist(
        "Sacha Vidal",
        "Toulouse",
        &["électro", "house"],
        27_900,
        35_000,
        StagePreset::Contacted,
    ),
    artist(
        "Anaïs Fontaine",
        "Lille",
        &["chanson"],
        15_300,
        7_800,
        StagePreset::Identified,
    ),
    artist(
        "Théo Mercier",
        "Rennes",
        &["rock"],
        6_100,
        2_900,
        StagePreset::Lost,
    ),
    artist(
        "Zoé Marin",
        "Montpellier",
        &["pop urbaine"],
        72_400,
        41_000,
        StagePreset::InDiscussion,
    ),
    artist(
        "Rayan Chevalier",
        "Strasbourg",
        &["rap", "drill"],
        204_000,
        120_000,
        StagePreset::Contacted,
    ),
    artist(
        "Chloé Perrin",
        "Grenoble",
        &["jazz"],
        4_700,
        3_300,
        StagePreset::Identified,
    ),
    artist(
        "Mathis Dubois",
        "Nice",
        &["afro"],
        58_000,
        26_000,
        StagePreset::Signed,
    ),
    artist(
        "Léna Barbier",
        "Paris",
        &["hyperpop"],
        23_000,
        9_900,
        StagePreset::Identified,
    ),
    artist(
        "Ibrahim Koné",
        "Saint-Denis",
        &["afro", "rap"],
        410_000,
        260_000,
        StagePreset::InDiscussion,
    ),
    artist(
        "Jeanne Lefèvre",
        "Dijon",
        &["classique crossover"],
        12_600,
        5_400,
        StagePreset::Active,
    ),
    artist(
        "Nathan Rousseau",
        "Angers",
        &["lo-fi"],
        8_900,
        18_700,
        StagePreset::Contacted,
    ),
    artist(
        "Inaya Fabre",
        "Clermont-Ferrand",
        &["soul"],
        31_500,
        12_200,
        StagePreset::Identified,
    ),
    artist(
        "Bastien Caron",
        "Le Havre",
        &["punk"],
        2_300,
        900,
        StagePreset::Identified,
    ),
    artist(
        "Océane Girard",
        "Toulon",
        &["variété"],
        96_000,
        44_000,
        StagePreset::Signed,
    ),
    artist(
        "Djibril Sy",
        "Lyon",
        &["rap"],
        67_800,
        52_300,
        StagePreset::Contacted,
    ),
    artist(
        "Capucine Leroy",
        "Paris",
        &["électro", "techno"],
        19_400,
        27_100,
        StagePreset::InDiscussion,
    ),
    artist(
        "Gaspard Noël",
        "Brest",
        &["folk", "celtique"],
        5_600,
        2_100,
        StagePreset::Identified,
    ),
    artist(
        "Sofia Benali",
        "Marseille",
        &["pop", "raï"],
        138_000,
        73_500,
        StagePreset::Contacted,
    ),
    artist(
        "Elliot Faure",
        "Nancy",
        &["indie rock"],
        11_200,
        6_600,
        StagePreset::Active,
    ),
];

/// A demo task: title, column, priority, assignees, due in days, and what
/// it is linked to: [artist, sponsor, event, content].
type DemoTask = (
    &'static str,
    usize,
    &'static str,
    &'static [usize],
    i32,
    [Option<usize>; 4],
);

const SPONSORS: [(&str, &str, &str); 5] = [
    ("Studio Lumière", "https://studio-lumiere.fr", "active"),
    (
        "Boissons Pétillantes du Sud",
        "https://petillantes-sud.fr",
        "active",
    ),
    ("Casques Onde", "https://casques-onde.fr", "prospect"),
    (
        "Librairie Le Marque-Page",
        "https://marque-page.fr",
        "paused",
    ),
    (
        "Vélo Urbain Lyon",
        "https://velo-urbain-lyon.fr",
        "prospect",
    ),
];

/// Loads the demo data set into an empty database. Returns `None`,
/// changing nothing, when artists exist. The first-run screen then asks who
/// uses this computer among the demo team.
pub fn load_if_empty(db: &Database) -> Result<Option<DemoSummary>, Error> {
    let paris = TimeZone::get("Europe/Paris").unwrap_or(TimeZone::UTC);
    let today = ZonedDateTime::new(Timestamp::now(), paris.clone()).date();
    let summary = db.write(|tx| {
        let existing: u32 = tx.query_row("SELECT count(*) FROM artists", [], |r| r.get(0))?;
        if existing > 0 {
            return Ok(None);
        }
        let now = clock::now();
        let mut team = Vec::new();
        for (name, email, role) in TEAM {
            let id = ids::new_id();
            tx.execute(
                "INSERT INTO users (id, display_name, email, role, time_zone, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, 'Europe/Paris', ?5, ?5)",
                params![id, name, email, role, now],
            )?;
            team.push(id);
        }

        let mut artist_ids = Vec::new();
        for (index, DemoArtist { name, city, genres, followers, listeners, stage }) in ARTISTS.into_iter().enumerate() {
            let handle: String = crate::text::fold(name).chars().filter(char::is_ascii_alphanumeric).collect();
            let account = |platform, audience| SocialAccount {
                platform,
                handle: (platform != Platform::Spotify).then(|| handle.clone()),
                url: (platform == Platform::Spotify).then(|| format!("https://open.spotify.com/artist/{handle}")),
                audience,
                // Smaller audiences engage more, as on real accounts.
                engagement_bp: (platform == Platform::Instagram).then_some(900 - (followers / 100).min(700)),
                ..SocialAccount::default()
            };
            let mut accounts = vec![account(Platform::Instagram, Some(followers)), account(Platform::Spotify, Some(listeners))];
            if index % 2 == 0 {
                accounts.push(account(Platform::Tiktok, Some(followers / 3)));
            }
            if index % 3 == 0 {
                accounts.push(account(Platform::Twitch, Some(followers / 10)));
            }
            let fields = artists::validate(ArtistFields {
                name: name.to_owned(),
                city: Some(city.to_owned()),
                country: Some("FR".to_owned()),
                genres: genres.iter().map(|g| (*g).to_owned()).collect(),
                accounts,
                email: (index % 4 != 3).then(|| format!("booking@{handle}.fr")),
                notes: format!("Repéré·e sur la scène de {city}."),
                languages: if index % 3 == 0 { vec!["fr".into(), "en".into()] } else { vec!["fr".into()] },
                ..ArtistFields::default()
            })
            .map_err(Error::Invalid)?;
            // The way through the pipeline up to today's stage, a stage every two to three weeks.
            let path: &[StagePreset] = match stage {
                StagePreset::Lost => &[StagePreset::Identified, StagePreset::Contacted, StagePreset::Lost],
                reached => &StagePreset::ALL[..=StagePreset::ALL.iter().position(|p| *p == reached).unwrap_or(0)],
            };
            let entered = |step: usize| -> Result<String, Error> {
                let days_ago = (path.len() - 1 - step) as i64 * 17 + [2, 5, 9, 20, 40][index % 5];
                let at = jiff::Timestamp::now().checked_sub((days_ago * 24).hours()).map_err(|_| Error::Corrupt)?;
                Ok(clock::format_instant(at))
            };
            let id = ids::new_id();
            // The card was created when it was spotted, in the first stage.
            artists::insert(tx, &id, &fields, &entered(0)?)?;
            let stages = pipeline::load_stages(tx)?;
            for (step, preset) in path.iter().enumerate().skip(1) {
                let Some(stage) = stages.iter().find(|s| s.preset == Some(*preset)) else { continue };
                let reason = (*preset == StagePreset::Lost).then_some("Pas disponible avant l'automne (tournée)");
                pipeline::write_stage(tx, &id, stage, reason, Some(&team[index % 2]), &entered(step)?)?;
            }
            tx.execute("UPDATE artists SET owner_id = ?2 WHERE id = ?1", params![id, team[index % 2]])?;
            // Where the audience stood one and three months ago: some grow fast, a few decline.
            let growth_percent = [18, 6, 35, -8, 12, 2][index % 6];
            for (days_ago, part) in [(30, 1), (90, 3)] {
                let day = today.checked_sub(days_ago.days()).map_err(|_| Error::Corrupt)?.to_string();
                for account in artists::accounts_of(tx, &id)? {
                    let (Some(account_id), Some(audience)) = (account.id, account.audience) else { continue };
                    let then = i64::from(audience) * 100 / (100 + i64::from(growth_percent) * part / 3).max(1);
                    artists::record_figure(tx, &account_id, &day, then as u32, account.engagement_bp, &now)?;
                }
            }
            artist_ids.push(id);
        }
        // The history of the first artists: messages sent, answers, a meeting.
        let at_days_ago = |days: i64, hour: i8| -> Result<String, Error> {
            let zoned = today
                .checked_sub(days.days())
                .map_err(|_| Error::Corrupt)?
                .to_datetime(Time::constant(hour, 0, 0, 0))
                .to_zoned_datetime(paris.clone())
                .map_err(|_| Error::Corrupt)?;
            Ok(clock::format_instant(zoned.timestamp()))
        };
        let exchanges: [(usize, &str, &str, i64, &str, usize); 8] = [
            (0, "email", "outbound", 40, "Proposition de campagne Boost envoyée", 1),
            (0, "email", "inbound", 39, "Réponse : intéressée, demande un appel", 1),
            (0, "call", "outbound", 35, "Appel de présentation de l'offre", 1),
            (0, "meeting", "none", 20, "Rendez-vous au studio pour caler le planning", 1),
            (3, "message", "outbound", 25, "DM Instagram après son dernier clip", 0),
            (3, "message", "outbound", 12, "Relance par DM", 0),
            (1, "email", "outbound", 15, "Premier contact par e-mail", 1),
            (1, "email", "inbound", 14, "Réponse : à recontacter après sa tournée", 1),
        ];
        for (artist, kind, direction, days_ago, summary, person) in exchanges {
            tx.execute(
                "INSERT INTO interactions (id, kind, direction, summary, occurred_at, artist_id, user_id, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![ids::new_id(), kind, direction, summary, at_days_ago(days_ago, 11)?, artist_ids[artist], team[person], now],
            )?;
        }

        let mut sponsor_ids = Vec::new();
        for (name, website, status) in SPONSORS {
            let id = ids::new_id();
            tx.execute(
                "INSERT INTO sponsors (id, name, website, status, owner_id, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![id, name, website, status, team[1], now],
            )?;
            sponsor_ids.push(id);
        }
        // The people at the first sponsors, their deals and what SPARK promised them.
        for (sponsor, name, role, email) in [
            (0, "Claire Fontaine", "Responsable marketing", "claire@studio-lumiere.fr"),
            (0, "Marc Petit", "Chargé de partenariats", "marc@studio-lumiere.fr"),
            (1, "Sofia Benali", "Brand manager", "sofia@petillantes-sud.fr"),
            (2, "Hugo Lemoine", "Directeur commercial", "hugo@casques-onde.fr"),
        ] {
            tx.execute(
                "INSERT INTO sponsor_contacts (id, sponsor_id, name, role, email, position, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![ids::new_id(), sponsor_ids[sponsor], name, role, email, positions::between(None, None), now],
            )?;
        }
        for (sponsor, title, stage, amount, close_in_days) in [
            (0, "Live de rentrée sponsorisé", "negotiation", 250_000, 20),
            (1, "Série de 6 posts Instagram", "proposal", 120_000, 35),
            (1, "Logo sur les lives de l'été", "won", 90_000, -30),
            (2, "Test casque en live", "lead", 60_000, 60),
        ] {
            let close = today.checked_add(close_in_days.days()).map_err(|_| Error::Corrupt)?;
            tx.execute(
                "INSERT INTO sponsor_opportunities (id, sponsor_id, title, stage, amount_minor, currency, \
                 expected_close_on, owner_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'EUR', ?6, ?7, ?8, ?8)",
                params![ids::new_id(), sponsor_ids[sponsor], title, stage, amount, close.to_string(), team[1], now],
            )?;
        }
        for (sponsor, title, kind, due_in_days, status) in [
            (1, "Logo à l'écran pendant le live caritatif", "banner", 20, "planned"),
            (1, "Mention dans le live studio d'Élodie Mars", "mention", 3, "planned"),
            (0, "Post de remerciement", "post", -2, "planned"),
        ] {
            let due = today.checked_add(due_in_days.days()).map_err(|_| Error::Corrupt)?;
            tx.execute(
                "INSERT INTO sponsor_deliverables (id, sponsor_id, title, kind, status, due_at, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![ids::new_id(), sponsor_ids[sponsor], title, kind, status, format!("{due}T18:00:00.000Z"), now],
            )?;
        }

        let events = [
            ("Live Twitch : session studio avec Élodie Mars", "live", 3, 20, 2, Some(0), Some(0)),
            ("Release party de Kenza B.", "release", 9, 19, 4, Some(3), Some(1)),
            ("Tournage clip — Noé Lacroix", "shoot", 12, 9, 8, Some(1), None),
            ("Réunion d'équipe SPARK", "meeting", 1, 10, 1, None, None),
            ("Live caritatif du collectif", "live", 20, 18, 5, None, Some(0)),
        ];
        // `hour`:00 in Paris, `in_days` from today.
        let local = |in_days: i32, hour: i8| -> Result<ZonedDateTime, Error> {
            today
                .checked_add(in_days.days())
                .map_err(|_| Error::Corrupt)?
                .to_datetime(Time::constant(hour, 0, 0, 0))
                .to_zoned_datetime(paris.clone())
                .map_err(|_| Error::Corrupt)
        };
        let mut event_ids = Vec::new();
        for (title, kind, in_days, hour, hours, artist, sponsor) in events {
            let start = local(in_days, hour)?;
            let end = start.checked_add(hours.hours()).map_err(|_| Error::Corrupt)?;
            let id = ids::new_id();
            event_ids.push(id.clone());
            tx.execute(
                "INSERT INTO spark_events (id, title, kind, starts_at, ends_at, time_zone, status, artist_id, \
                 sponsor_id, owner_id, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, 'Europe/Paris', 'confirmed', ?6, ?7, ?8, ?9, ?9)",
                params![
                    id,
                    title,
                    kind,
                    clock::format_instant(start.timestamp()),
                    clock::format_instant(end.timestamp()),
                    artist.map(|i: usize| artist_ids[i].clone()),
                    sponsor.map(|i: usize| sponsor_ids[i].clone()),
                    team[2],
                    now
                ],
            )?;
        }

        // The posts that announce the lives, planned in the content planner.
        let content = [
            ("Teaser de la release party de Kenza B.", "short", "tiktok", 7, 18, Some(3), Some(1)),
            ("Annonce du live studio d'Élodie Mars", "post", "instagram", 2, 12, Some(0), Some(0)),
            ("Aftermovie du live caritatif", "video", "youtube", 22, 17, None, Some(4)),
        ];
        let mut content_ids = Vec::new();
        for (title, kind, platform, in_days, hour, artist, event) in content {
            let id = ids::new_id();
            tx.execute(
                "INSERT INTO spark_content (id, title, kind, platform, status, scheduled_at, time_zone, \
                 event_id, artist_id, owner_id, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, 'scheduled', ?5, 'Europe/Paris', ?6, ?7, ?8, ?9, ?9)",
                params![
                    id,
                    title,
                    kind,
                    platform,
                    clock::format_instant(local(in_days, hour)?.timestamp()),
                    event.map(|i: usize| event_ids[i].clone()),
                    artist.map(|i: usize| artist_ids[i].clone()),
                    team[2],
                    now
                ],
            )?;
            content_ids.push(id);
        }

        // Each member's colour on the calendar.
        for (id, color) in team.iter().zip(["#e11d48", "#2563eb", "#16a34a", "#d97706"]) {
            tx.execute("UPDATE users SET color = ?2 WHERE id = ?1", params![id, color])?;
        }
        // A board of the month's tasks, and a weekly live on the calendar.
        let board = ids::new_id();
        tx.execute(
            "INSERT INTO boards (id, name, position, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![board, "Lancements de décembre", positions::between(None, None), now],
        )?;
        let mut columns = Vec::new();
        for ((name, status), position) in [("À faire", "todo"), ("En cours", "in_progress"), ("Terminé", "done")]
            .into_iter()
            .zip(positions::sequence(3))
        {
            let id = ids::new_id();
            tx.execute(
                "INSERT INTO board_columns (id, board_id, name, position, status, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![id, board, name, position, status, now],
            )?;
            columns.push(id);
        }
        let at = |in_days: i32, hour: i8| -> Result<String, Error> {
            Ok(clock::format_instant(local(in_days, hour)?.timestamp()))
        };
        let tasks: [DemoTask; 4] = [
            ("Monter le teaser de Kenza B.", 0, "high", &[2], 2, [Some(3), None, Some(1), Some(0)]),
            ("Brief du sponsor Vélo Urbain Lyon", 0, "medium", &[1], 4, [None, Some(4), None, None]),
            ("Valider le visuel du single de Noé Lacroix", 1, "none", &[1, 3], 1, [Some(1), None, None, None]),
            ("Envoyer le récap du live caritatif", 2, "low", &[2], -1, [None, Some(0), Some(4), None]),
        ];
        // The weekly live comes last in "À faire".
        let mut positions = positions::sequence(tasks.len() + 1);
        let live_position = positions.pop().unwrap_or_default();
        for ((title, column, priority, people, due_in, [artist, sponsor, event, content]), position) in
            tasks.into_iter().zip(positions)
        {
            let id = ids::new_id();
            let status = if column == 2 { "done" } else if column == 1 { "in_progress" } else { "todo" };
            tx.execute(
                "INSERT INTO tasks (id, title, status, priority, due_at, time_zone, column_id, position, \
                 created_by, created_at, updated_at, artist_id, sponsor_id, event_id, content_id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, 'Europe/Paris', ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12, ?13)",
                params![
                    id,
                    title,
                    status,
                    priority,
                    at(due_in, 18)?,
                    columns[column],
                    position,
                    team[0],
                    now,
                    artist.map(|i| artist_ids[i].clone()),
                    sponsor.map(|i| sponsor_ids[i].clone()),
                    event.map(|i| event_ids[i].clone()),
                    content.map(|i| content_ids[i].clone())
                ],
            )?;
            for &person in people {
                links::add(tx, Link::TaskAssignee { task_id: &id, user_id: &team[person] })?;
            }
        }
        let live = ids::new_id();
        let first_tuesday = (0..7)
            .find(|d| today.checked_add(d.days()).is_ok_and(|day| day.weekday() == jiff::civil::Weekday::Tuesday))
            .unwrap_or(0);
        tx.execute(
            "INSERT INTO tasks (id, title, status, starts_at, ends_at, time_zone, recurrence, remind_minutes, \
             column_id, position, created_by, created_at, updated_at) \
             VALUES (?1, 'Live du mardi', 'todo', ?2, ?3, 'Europe/Paris', 'FREQ=WEEKLY;BYDAY=TU', 15, ?4, ?5, ?6, ?7, ?7)",
            params![live, at(first_tuesday, 20)?, at(first_tuesday, 22)?, columns[0], live_position, team[0], now],
        )?;
        for person in [2, 3] {
            links::add(tx, Link::TaskAssignee { task_id: &live, user_id: &team[person] })?;
        }
        // Who follows the first artists: a manager responsible, a streamer helping.
        for (artist, person, part) in [(0, 1, "responsible"), (0, 2, "helper"), (3, 1, "responsible"), (3, 0, "informed")] {
            links::add(
                tx,
                Link::Responsibility { entity_type: "artist", entity_id: &artist_ids[artist], user_id: &team[person], part },
            )?;
        }

        // Sold over the last months, so the revenue chart has a history.
        let campaigns = [
            (0, Tier::Essential290, 29_000, "running", 0, "deposit"),
            (3, Tier::Premium490, 69_000, "sold", 0, "unpaid"),
            (11, Tier::Boost390, 39_000, "completed", 2, "paid"),
            (4, Tier::Boost390, 39_000, "completed", 3, "paid"),
            (15, Tier::Essential290, 29_000, "completed", 4, "paid"),
        ];
        for (artist, tier, price, status, months_ago, payment) in campaigns {
            let sold = today.checked_sub(months_ago.months()).map_err(|_| Error::Corrupt)?;
            let sold_at = format!("{sold}T10:00:00.000Z");
            tx.execute(
                "INSERT INTO mona_campaigns (id, artist_id, offer, offer_id, price_minor, currency, status, owner_id, \
                 starts_on, sold_at, payment_status, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, 'EUR', ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
                params![
                    ids::new_id(), artist_ids[artist], tier, campaigns::default_offer_id(tier), price, status,
                    team[1], sold.to_string(), sold_at, payment, now
                ],
            )?;
        }

        crate::scoring::refresh_all(tx)?;
        Ok(Some(DemoSummary {
            users: TEAM.len() as u32,
            artists: ARTISTS.len() as u32,
            sponsors: SPONSORS.len() as u32,
            events: events.len() as u32,
            campaigns: campaigns.len() as u32,
        }))
    })?;
    Ok(summary)
}

/// The app started with `--demo` (screenshots, benchmarks, a quick look):
/// the demo data, the first run done, and this computer used by the demo
/// team's admin.
pub fn start_with_demo(db: &Database) -> Result<(), Error> {
    if load_if_empty(db)?.is_none() {
        return Ok(());
    }
    settings::update(
        db,
        SettingsChange {
            onboarded: Some(true),
            ..SettingsChange::default()
        },
    )?;
    let admin = team::members(db)?
        .into_iter()
        .find(|m| m.role == team::Role::Admin);
    if let Some(admin) = admin {
        team::choose_me(db, &admin.id)?;
    }
    Ok(())
}
