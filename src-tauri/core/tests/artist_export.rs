//! The artist list taken to a spreadsheet: the rows and the order the list
//! shows, the columns it shows, a file Excel opens with its accents.

mod support;

use mona_core::artists::{
    self, ArtistColumn, ArtistFields, ArtistQuery, ArtistSortField, CsvLayout, CsvSeparator,
    SortDirection,
};
use mona_core::pipeline::StagePreset;
use support::{database, followed};

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
