//! The artist list taken to a spreadsheet: the rows and the order the list
//! shows, the columns it shows, a file Excel opens with its accents.

mod support;

use mona_core::artists::{
    self, ArtistColumn, ArtistFields, ArtistQuery, ArtistSortField, CsvLayout, CsvSeparator,
    SortDirection,
};
use mona_core::interactions::{self, Direction, InteractionFields, InteractionKind, Party};
use mona_core::pipeline::StagePreset;
use support::{database, followed, person};

fn layout(separator: CsvSeparator) -> CsvLayout {
    CsvLayout {
        columns: vec![
            (ArtistColumn::Name, "Nom".into()),
            (ArtistColumn::Stage, "Étape".into()),
            (ArtistColumn::Genres, "Genres".into()),
            (ArtistColumn::Audience, "Audience".into()),
        ],
        separator,
        stage_names: [
            (StagePreset::Identified, "Repéré"),
            (StagePreset::Contacted, "Contacté"),
            (StagePreset::Signed, "Signé"),
        ]
        .map(|(stage, name)| (stage.id().to_owned(), name.to_owned()))
        .to_vec(),
        time_zone: Some("Europe/Paris".into()),
    }
}

#[test]
fn the_french_export_is_the_list_as_shown_with_semicolons_and_accents_excel_reads() {
    let (_folder, db) = database();
    for (name, genres, audience, stage) in [
        (
            "Élodie Mars",
            vec!["pop", "électro"],
            48_200,
            StagePreset::Signed,
        ),
        ("Noé Lacroix", vec!["rap"], 152_000, StagePreset::Contacted),
        (
            "Zoé \"Z\" Martin",
            vec!["folk"],
            900,
            StagePreset::Identified,
        ),
    ] {
        artists::create(
            &db,
            ArtistFields {
                name: name.into(),
                genres: genres.into_iter().map(String::from).collect(),
                stage_id: Some(stage.id().to_owned()),
                accounts: followed(Some(audience)),
                ..ArtistFields::default()
            },
        )
        .expect("artist");
    }
    let query = ArtistQuery {
        sort: ArtistSortField::Audience,
        direction: SortDirection::Desc,
        limit: 10,
        ..ArtistQuery::default()
    };
    let bytes = artists::export_csv(&db, &query, &layout(CsvSeparator::Semicolon)).expect("export");
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "UTF-8 byte-order mark"
    );
    let text = String::from_utf8(bytes).expect("utf-8");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(
        reader.headers().expect("headers"),
        vec!["Nom", "Étape", "Genres", "Audience"]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("row").iter().map(String::from).collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["Noé Lacroix", "Contacté", "rap", "152000"],
            ["Élodie Mars", "Signé", "pop, électro", "48200"],
            ["Zoé \"Z\" Martin", "Repéré", "folk", "900"],
        ]
    );
}

#[test]
fn a_search_exports_only_what_it_found_however_long_the_list() {
    let (_folder, db) = database();
    let cards: Vec<ArtistFields> = (0..1_200)
        .map(|i| ArtistFields {
            name: format!("{} {i}", if i % 3 == 0 { "Maëlle" } else { "Noé" }),
            ..ArtistFields::default()
        })
        .collect();
    artists::create_many(&db, cards).expect("artists");
    let query = ArtistQuery {
        search: Some("maelle".into()),
        ..ArtistQuery::default()
    };
    let bytes = artists::export_csv(&db, &query, &layout(CsvSeparator::Comma)).expect("export");
    let text = String::from_utf8(bytes).expect("utf-8");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let names: Vec<String> = reader
        .records()
        .map(|r| r.expect("row")[0].to_owned())
        .collect();
    assert_eq!(names.len(), 400, "past one page of the list");
    assert!(names.iter().all(|n| n.starts_with("Maëlle")));
}

#[test]
fn the_chosen_columns_export_tags_the_follower_and_the_last_contact_by_name_and_day() {
    use mona_core::tags;
    use mona_core::team::{self, Role};
    let (_folder, db) = database();
    let ines = team::add_member(&db, person("Inès Laurent", Role::Manager)).expect("member");
    let press = tags::create(&db, "Presse").expect("tag");
    let tour = tags::create(&db, "Tournée 2027").expect("tag");
    let elodie = artists::create(
        &db,
        ArtistFields {
            name: "Élodie Mars".into(),
            country: Some("FR".into()),
            owner_id: Some(ines.id.clone()),
            tags: vec![tour.id, press.id],
            ..ArtistFields::default()
        },
    )
    .expect("artist");
    interactions::log(
        &db,
        InteractionFields {
            party: Party::Artist(elodie.id),
            kind: InteractionKind::Meeting,
            direction: Direction::None,
            summary: "Rendez-vous au studio".into(),
            occurred_at: "2026-11-20T15:00:00+01:00".into(),
        },
    )
    .expect("meeting");
    let layout = CsvLayout {
        columns: vec![
            (ArtistColumn::Name, "Name".into()),
            (ArtistColumn::Country, "Country".into()),
            (ArtistColumn::Owner, "Followed by".into()),
            (ArtistColumn::Tags, "Tags".into()),
            (ArtistColumn::LastContact, "Last contact".into()),
        ],
        separator: CsvSeparator::Comma,
        stage_names: Vec::new(),
        time_zone: Some("Europe/London".into()),
    };
    let bytes = artists::export_csv(&db, &ArtistQuery::default(), &layout).expect("export");
    let text = String::from_utf8(bytes).expect("utf-8");
    assert_eq!(
        text.trim_start_matches('\u{feff}')
            .lines()
            .collect::<Vec<_>>(),
        [
            "Name,Country,Followed by,Tags,Last contact",
            "Élodie Mars,FR,Inès Laurent,\"Presse, Tournée 2027\",2026-11-20",
        ]
    );
}

#[test]
fn a_late_evening_exchange_is_exported_on_the_day_the_reader_lived_it() {
    let (_folder, db) = database();
    let nadia = artists::create(
        &db,
        ArtistFields {
            name: "Nadia K".into(),
            ..ArtistFields::default()
        },
    )
    .expect("artist");
    // 00:30 in Paris on 3 December is still 2 December in UTC.
    interactions::log(
        &db,
        InteractionFields {
            party: Party::Artist(nadia.id),
            kind: InteractionKind::Call,
            direction: Direction::Outbound,
            summary: "Appel après son concert".into(),
            occurred_at: "2026-12-03T00:30:00+01:00".into(),
        },
    )
    .expect("call");
    let in_zone = |zone: Option<&str>| {
        let layout = CsvLayout {
            columns: vec![(ArtistColumn::LastContact, "Dernier contact".into())],
            separator: CsvSeparator::Semicolon,
            stage_names: Vec::new(),
            time_zone: zone.map(str::to_owned),
        };
        let bytes = artists::export_csv(&db, &ArtistQuery::default(), &layout).expect("export");
        String::from_utf8(bytes)
            .expect("utf-8")
            .lines()
            .nth(1)
            .map(str::to_owned)
    };
    assert_eq!(in_zone(Some("Europe/Paris")).as_deref(), Some("2026-12-03"));
    assert_eq!(
        in_zone(Some("America/Montreal")).as_deref(),
        Some("2026-12-02")
    );
    assert_eq!(in_zone(None).as_deref(), Some("2026-12-02"), "UTC");
    assert_eq!(
        in_zone(Some("Mars/Olympus")).as_deref(),
        Some("2026-12-02"),
        "an unknown zone reads as UTC"
    );
}
