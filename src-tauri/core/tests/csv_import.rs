//! Spreadsheets of prospects becoming cards: files as Excel, Google Sheets
//! and a person typing by hand really write them, duplicates of cards the
//! team has, and an import that lands completely or not at all.

mod support;

use std::sync::atomic::AtomicBool;

use mona_core::Error;
use mona_core::artists::import::{self, Match, RowOutcome};
use mona_core::artists::{
    self, ArtistFields, ArtistQuery, CsvEncoding, CsvProblem, CsvSeparator, DuplicateChoice,
    ImportChoices, ImportField, Platform, SocialAccount,
};
use mona_core::interactions::{self, Direction};
use mona_core::pipeline::{self, StagePreset};
use mona_core::validation::FieldProblem;
use proptest::prelude::*;
use support::{database, exchange, fixture_bytes, followed};

fn run(
    db: &mona_core::Database,
    bytes: &[u8],
    choices: &ImportChoices,
) -> Result<import::ImportReport, Error> {
    let mapping = import::read(bytes)?.mapping;
    import::import(
        db,
        bytes,
        &mapping,
        choices,
        &mut |_| {},
        &AtomicBool::new(false),
    )
}

/// The first page of what a person finds typing `words`, of one genre if
/// given.
fn found(db: &mona_core::Database, words: &str, genre: Option<&str>) -> artists::ArtistPage {
    artists::list(
        db,
        &ArtistQuery {
            search: Some(words.into()),
            filters: artists::ArtistFilters {
                genre: genre.map(str::to_owned),
                ..artists::ArtistFilters::default()
            },
            limit: 50,
            ..ArtistQuery::default()
        },
    )
    .expect("search")
}

fn card_named(db: &mona_core::Database, name: &str) -> artists::Artist {
    // The first word: what a person types.
    let page = found(db, name.split(' ').next().unwrap_or_default(), None);
    let row = page
        .rows
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("{name} is in the list"));
    artists::get(db, &row.id).expect("card")
}

fn count(db: &mona_core::Database) -> u32 {
    let everything = ArtistQuery {
        limit: 1,
        ..ArtistQuery::default()
    };
    artists::list(db, &everything).expect("list").total
}

#[test]
fn an_excel_file_in_windows_1252_keeps_its_accents_numbers_and_dates() {
    let (_folder, db) = database();
    let bytes = fixture_bytes("excel-windows-1252.csv");
    let sheet = import::read(&bytes).expect("read");
    assert_eq!(sheet.encoding, CsvEncoding::Windows1252);
    assert_eq!(sheet.separator, CsvSeparator::Semicolon);
    assert_eq!(sheet.headers[0], "Nom de scène");
    assert_eq!(sheet.rows, 4, "the blank line is not a row");
    assert_eq!(sheet.mapping[0], Some(ImportField::Name));
    assert_eq!(sheet.mapping[1], Some(ImportField::LegalName));
    assert_eq!(
        sheet.mapping[7],
        Some(ImportField::Followers {
            platform: Platform::Instagram
        })
    );
    assert_eq!(sheet.mapping[8], Some(ImportField::FiguresDate));

    let report = run(&db, &bytes, &ImportChoices::default()).expect("import");
    assert_eq!((report.created, report.failed), (4, 0), "{report:?}");

    let elodie = card_named(&db, "Élodie Nova");
    assert_eq!(elodie.fields.legal_name.as_deref(), Some("Élodie Marchand"));
    assert_eq!(elodie.fields.country.as_deref(), Some("FR"));
    assert_eq!(elodie.fields.genres, ["pop", "électro"]);
    assert_eq!(
        elodie.fields.notes,
        "Vue au Transbordeur.\r\nTrès bonne présence scénique."
    );
    let instagram = &elodie.fields.accounts[0];
    assert_eq!(instagram.handle.as_deref(), Some("elodie.nova"));
    assert_eq!(instagram.audience, Some(12_345));
    assert_eq!(instagram.measured_on.as_deref(), Some("2026-11-24"));
    let stages = pipeline::stages(&db).expect("stages");
    let stage_of = |artist: &artists::Artist| {
        stages
            .iter()
            .find(|s| Some(&s.id) == artist.fields.stage_id.as_ref())
            .and_then(|s| s.preset)
    };
    assert_eq!(stage_of(&elodie), Some(StagePreset::Contacted));

    let maelys = card_named(&db, "Maëlys Lune");
    assert_eq!(
        maelys.fields.accounts[0].handle.as_deref(),
        Some("maelys.lune")
    );
    assert_eq!(maelys.fields.accounts[0].audience, Some(1_500));
    let theo = card_named(&db, "Théo Garçon");
    assert_eq!(theo.fields.country.as_deref(), Some("BE"));
    assert_eq!(stage_of(&theo), Some(StagePreset::InDiscussion));
    assert_eq!(theo.fields.notes, "« À relancer après l'été »");
    let ines = card_named(&db, "Inès Œuvre");
    assert_eq!(
        stage_of(&ines),
        Some(StagePreset::Identified),
        "no stage: the first one"
    );
}

#[test]
fn a_google_sheets_export_with_a_byte_order_mark_reads_links_and_k_figures() {
    let (_folder, db) = database();
    let bytes = fixture_bytes("google-sheets-bom.csv");
    let sheet = import::read(&bytes).expect("read");
    assert_eq!(
        (sheet.encoding, sheet.separator),
        (CsvEncoding::Utf8, CsvSeparator::Comma)
    );
    assert_eq!(
        sheet.headers[0], "Artist name",
        "the mark is not part of the header"
    );
    let report = run(&db, &bytes, &ImportChoices::default()).expect("import");
    assert_eq!(report.created, 2, "{report:?}");
    let nadia = card_named(&db, "Nadia K");
    assert_eq!(nadia.fields.genres, ["rap", "drill"]);
    assert_eq!(nadia.fields.languages, ["fr"]);
    let by_platform = |platform| {
        nadia
            .fields
            .accounts
            .iter()
            .find(|a| a.platform == platform)
            .expect("account")
    };
    assert_eq!(
        by_platform(Platform::Instagram).handle.as_deref(),
        Some("nadiak.music")
    );
    assert_eq!(by_platform(Platform::Instagram).audience, Some(48_200));
    assert_eq!(by_platform(Platform::Tiktok).audience, Some(1_200_000));
    let jules = card_named(&db, "Jules Rivière");
    assert_eq!(jules.fields.languages, ["en", "fr"]);
    assert_eq!(jules.fields.accounts[0].audience, Some(2_300));
}

#[test]
fn cells_a_person_must_fix_are_named_by_column_and_the_other_rows_land() {
    let (_folder, db) = database();
    let bytes = fixture_bytes("hand-typed-problems.csv");
    let sheet = import::read(&bytes).expect("read");
    let preview = import::preview(&db, &bytes, &sheet.mapping).expect("preview");
    assert_eq!(
        (preview.rows, preview.new_cards, preview.problem_rows),
        (7, 1, 6)
    );
    let problems = |line: u32| {
        preview
            .problems
            .iter()
            .find(|p| p.line == line)
            .map(|p| {
                p.problems
                    .iter()
                    .map(|c| (sheet.headers[c.column as usize].as_str(), c.problem.clone()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    assert_eq!(problems(2), [("E-mail", FieldProblem::InvalidEmail)]);
    assert_eq!(
        problems(3),
        [("Abonnés TikTok", FieldProblem::TooSmall { min: 0 })]
    );
    assert_eq!(problems(4), [("Statut", FieldProblem::UnknownStage)]);
    assert_eq!(problems(5), [("Nom", FieldProblem::Required)]);
    // A card is not imported as lost: losing needs a reason.
    assert!(problems(6).contains(&("Statut", FieldProblem::UnknownStage)));
    assert!(problems(6).contains(&("Pays", FieldProblem::InvalidCountry)));
    // Followers with no account to hold them: the account's column says so.
    assert_eq!(problems(7), [("TikTok", FieldProblem::Required)]);

    let report = run(&db, &bytes, &ImportChoices::default()).expect("import");
    assert_eq!((report.created, report.failed), (1, 6));
    assert!(
        report
            .rows
            .iter()
            .all(|r| matches!(r.outcome, RowOutcome::Failed { .. }))
    );
    assert_eq!(count(&db), 1);
    card_named(&db, "Bonne Ligne");
}

fn existing_nadia(db: &mona_core::Database) -> String {
    artists::create(
        db,
        ArtistFields {
            name: "Nadia Karim".into(),
            email: Some("contact@nadia.example".into()),
            city: Some("Paris".into()),
            genres: vec!["rap".into()],
            notes: "Rencontrée aux Francos.".into(),
            accounts: vec![SocialAccount {
                platform: Platform::Tiktok,
                handle: Some("nadia.karim".into()),
                audience: Some(10_000),
                ..SocialAccount::default()
            }],
            ..ArtistFields::default()
        },
    )
    .expect("create")
    .id
}

const DUPLICATES: &str = "Nom;E-mail;Ville;Genres;TikTok;Notes
Nadia Karim Bis;CONTACT@nadia.example;Lyon;drill;;Par e-mail
Nadia Officiel;;;;@Nadia.Karim;Par handle
Nadya Karim;;Lille;;;Par le nom, une lettre de différence
Zoé Nouvelle;zoe@example.fr;;;;
Zoe nouvelle;;;;;La même, deux lignes plus haut
";

#[test]
fn duplicates_are_found_by_email_handle_and_a_name_typed_a_little_differently() {
    let (_folder, db) = database();
    let id = existing_nadia(&db);
    let bytes = DUPLICATES.as_bytes();
    let mapping = import::read(bytes).expect("read").mapping;
    let preview = import::preview(&db, bytes, &mapping).expect("preview");
    let by: Vec<(u32, Match, Option<&str>, Option<u32>)> = preview
        .duplicates
        .iter()
        .map(|d| (d.line, d.by.clone(), d.artist_id.as_deref(), d.earlier_line))
        .collect();
    assert_eq!(
        by,
        [
            (2, Match::Email, Some(id.as_str()), None),
            (
                3,
                Match::Handle {
                    platform: Platform::Tiktok
                },
                Some(id.as_str()),
                None
            ),
            (4, Match::Name, Some(id.as_str()), None),
            (6, Match::Name, None, Some(5)),
        ]
    );
    assert_eq!(preview.new_cards, 1);
}

#[test]
fn a_merge_fills_what_the_card_lacks_and_overwrites_nothing() {
    let (_folder, db) = database();
    let id = existing_nadia(&db);
    let choices = ImportChoices {
        duplicates: DuplicateChoice::Merge,
        // Line 3 is left out, line 6 (Zoé again) becomes a second card.
        by_line: vec![(3, DuplicateChoice::Skip), (6, DuplicateChoice::Create)],
    };
    let report = run(&db, DUPLICATES.as_bytes(), &choices).expect("import");
    assert_eq!(
        (report.created, report.merged, report.skipped),
        (2, 2, 1),
        "{report:?}"
    );
    let nadia = artists::get(&db, &id).expect("card");
    assert_eq!(
        nadia.fields.name, "Nadia Karim",
        "the name the team typed stays"
    );
    assert_eq!(
        nadia.fields.city.as_deref(),
        Some("Paris"),
        "a held value stays"
    );
    assert_eq!(nadia.fields.genres, ["rap", "drill"]);
    assert_eq!(
        nadia.fields.notes,
        "Rencontrée aux Francos.\n\nPar e-mail\n\nPar le nom, une lettre de différence"
    );
    assert_eq!(
        nadia.fields.accounts[0].audience,
        Some(10_000),
        "figures kept"
    );
    let skipped = report
        .rows
        .iter()
        .find(|r| r.line == 3)
        .expect("line 3 reported");
    assert_eq!(
        skipped.outcome,
        RowOutcome::Skipped {
            duplicate_of: "Nadia Karim".into()
        }
    );
    assert_eq!(count(&db), 3);
}

#[test]
fn a_long_file_repeating_an_early_row_merges_it_into_the_card_that_row_made() {
    let (_folder, db) = database();
    // Enough rows that the cards are stored in several batches: the repeat
    // comes after the first card was written, with other new cards pending.
    let mut file = String::from("Nom de scène;E-mail;Ville;Instagram;Abonnés Instagram;Notes\n");
    file.push_str("Lina Rose;lina.rose@example.fr;;@lina.rose;12 000;Vue à Lyon\n");
    for n in 1..2_500 {
        file.push_str(&format!(
            "Zed{n} Artiste;artiste{n}@example.fr;Nantes;@artiste.{n};{n};\n"
        ));
    }
    file.push_str("Lina R.;lina.rose@example.fr;Lyon;;;Rappelée en décembre\n");
    let choices = ImportChoices {
        duplicates: DuplicateChoice::Merge,
        by_line: Vec::new(),
    };
    let report = run(&db, file.as_bytes(), &choices).expect("import");
    assert_eq!((report.created, report.merged), (2_500, 1), "{report:?}");
    assert_eq!(count(&db), 2_500);
    let lina = card_named(&db, "Lina Rose");
    assert_eq!(
        lina.fields.city.as_deref(),
        Some("Lyon"),
        "the repeat fills the city"
    );
    assert_eq!(lina.fields.notes, "Vue à Lyon\n\nRappelée en décembre");
    assert_eq!(lina.fields.accounts[0].audience, Some(12_000));
    let last = card_named(&db, "Zed2499 Artiste");
    assert_eq!(
        last.fields.accounts[0].handle.as_deref(),
        Some("artiste.2499")
    );
    assert_eq!(last.fields.accounts[0].audience, Some(2_499));
}

#[test]
fn a_cancelled_import_leaves_nothing_behind() {
    let (_folder, db) = database();
    let mut file = String::from("Nom;Ville\n");
    for n in 0..2_000 {
        file.push_str(&format!("Artiste {n};Lyon\n"));
    }
    let mapping = import::read(file.as_bytes()).expect("read").mapping;
    let stop = AtomicBool::new(false);
    let mut seen = Vec::new();
    let result = import::import(
        &db,
        file.as_bytes(),
        &mapping,
        &ImportChoices::default(),
        &mut |progress| {
            seen.push(progress.done);
            if progress.done >= 1_000 {
                stop.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        },
        &stop,
    );
    assert!(matches!(result, Err(Error::Cancelled)), "{result:?}");
    assert!(seen.contains(&500), "progress was reported: {seen:?}");
    assert_eq!(count(&db), 0, "nothing of a cancelled import stays");
}

#[test]
fn a_big_import_is_copied_into_the_file_after_the_wait_and_survives_a_restart() {
    let (folder, db) = database();
    let mut file = String::from("Nom;Ville;Notes\n");
    for n in 0..5_000 {
        file.push_str(&format!("Artiste {n};Lyon;Vu au festival {n}\n"));
    }
    run(&db, file.as_bytes(), &ImportChoices::default()).expect("import");
    // The import's commit left its pages in the log (the app copies them
    // in the background once the import has answered), where a usual
    // commit copies a log past 1,000 pages into the file at once.
    let file_size = || std::fs::metadata(db.path()).expect("database file").len();
    let before = file_size();
    assert!(db.checkpoint().expect("checkpoint") > 1_000);
    assert!(
        file_size() > before + 4_000_000,
        "{before} then {}",
        file_size()
    );
    artists::create(
        &db,
        ArtistFields {
            name: "Après l'import".into(),
            ..ArtistFields::default()
        },
    )
    .expect("a card saved right after");
    drop(db);
    let db = mona_core::Database::open(folder.path()).expect("open again");
    assert_eq!(count(&db), 5_001);
}

#[test]
fn a_few_rows_into_a_large_base_are_listed_found_and_scored_as_cards_typed_by_hand() {
    let (_folder, db) = database();
    let base = (0..40)
        .map(|n| ArtistFields {
            name: format!("Artiste de la base {n}"),
            genres: vec!["rap".into()],
            ..ArtistFields::default()
        })
        .collect();
    artists::create_many(&db, base).expect("the team's cards");
    let nadia = existing_nadia(&db);
    let nadia_before = artists::get(&db, &nadia).expect("Nadia").score.total;
    let file = "Nom;E-mail;Ville;Genres;Instagram;Abonnés Instagram;Notes
Nadia Karim Bis;CONTACT@nadia.example;Lyon;drill;@nadia.insta;250 000;Vue en showcase
Léa Voltaire;lea@example.fr;Nantes;électro, pop;@lea.volt;12 500;Découverte au Printemps de Bourges
Sami Roux;;Lille;rap;;;Maquette reçue
Mauvaise ligne;pas-un-email;;;;;
";
    let merge = ImportChoices {
        duplicates: DuplicateChoice::Merge,
        ..ImportChoices::default()
    };
    let report = run(&db, file.as_bytes(), &merge).expect("import");
    assert_eq!(
        (report.created, report.merged, report.failed),
        (2, 1, 1),
        "{:?}",
        report.rows
    );
    assert_eq!(count(&db), 43);
    let search = |words: &str, genre: Option<&str>| found(&db, words, genre).rows;
    let names =
        |rows: Vec<artists::ArtistRow>| rows.into_iter().map(|r| r.name).collect::<Vec<_>>();
    assert_eq!(names(search("bourges", None)), ["Léa Voltaire"]);
    assert_eq!(names(search("showcase", None)), ["Nadia Karim"]);
    assert_eq!(names(search("", Some("electro"))), ["Léa Voltaire"]);
    assert_eq!(names(search("maquette", Some("rap"))), ["Sami Roux"]);
    // Each listed score is the one the card explains, the merged followers
    // counted in Nadia's.
    for name in ["Léa Voltaire", "Sami Roux", "Nadia Karim"] {
        let row = search(name, None)
            .into_iter()
            .find(|r| r.name == name)
            .unwrap_or_else(|| panic!("{name} is listed"));
        assert_eq!(
            row.score,
            artists::get(&db, &row.id).expect(name).score.total,
            "{name}"
        );
    }
    let nadia_row = search("nadia", None).remove(0);
    assert_eq!(nadia_row.audience, Some(260_000));
    assert!(
        nadia_row.score > nadia_before,
        "{} then {}",
        nadia_before,
        nadia_row.score
    );
}

#[test]
fn a_large_file_lists_each_card_with_the_score_and_audience_its_card_explains() {
    // A file large next to the base: the list is made again at the end,
    // with the new cards scored as the file is read.
    let (_folder, db) = database();
    let nadia = existing_nadia(&db);
    interactions::log(&db, exchange(&nadia, Direction::Outbound, 9, "Relance")).expect("log");
    interactions::log(&db, exchange(&nadia, Direction::Inbound, 8, "Réponse")).expect("log");
    // A card of the team the file does not name keeps its score.
    let mila = artists::create(
        &db,
        ArtistFields {
            name: "Mila Roche".into(),
            genres: vec!["pop".into()],
            accounts: followed(Some(80_000)),
            ..ArtistFields::default()
        },
    )
    .expect("create")
    .id;
    interactions::log(
        &db,
        exchange(&mila, Direction::Outbound, 30, "Premier appel"),
    )
    .expect("log");
    let mut file = String::from(
        "Nom;E-mail;Genres;Instagram;Abonnés Instagram;TikTok;Abonnés TikTok;Date des chiffres\n",
    );
    // The team's card merged into: its figures and its answers counted.
    file.push_str("Nadia K.;contact@nadia.example;drill;@nadia.insta;250 000;;;\n");
    for n in 0..40 {
        let genres = ["rap, pop", "électro", "jazz", ""][n % 4];
        let instagram = if n % 3 == 0 {
            String::new()
        } else {
            format!("{} 000", n * 7)
        };
        let tiktok = if n % 5 == 0 {
            String::new()
        } else {
            format!("{}k", n)
        };
        let day = if n % 2 == 0 { "" } else { "03/10/2026" };
        file.push_str(&format!(
            "Nouvelle {n};nouvelle{n}@example.fr;{genres};@nouvelle.{n};{instagram};@nouvelle.tk{n};{tiktok};{day}\n"
        ));
    }
    // A later row of the file merged into a card this file made.
    file.push_str("Nouvelle 7 bis;nouvelle7@example.fr;;;;@autre.7;90 000;\n");
    let merge = ImportChoices {
        duplicates: DuplicateChoice::Merge,
        ..ImportChoices::default()
    };
    let report = run(&db, file.as_bytes(), &merge).expect("import");
    assert_eq!(
        (report.created, report.merged),
        (40, 2),
        "{:?}",
        report.rows
    );
    let rows = found(&db, "", None).rows;
    assert_eq!(rows.len(), 42);
    let mut scores = std::collections::BTreeSet::new();
    for row in &rows {
        let card = artists::get(&db, &row.id).expect(&row.name);
        assert_eq!(row.score, card.score.total, "{}", row.name);
        let accounts = &card.fields.accounts;
        let followers: u32 = accounts.iter().filter_map(|a| a.audience).sum();
        let expected = accounts.iter().any(|a| a.audience.is_some());
        assert_eq!(row.audience, expected.then_some(followers), "{}", row.name);
        scores.insert(row.score);
    }
    // Genres, followers and answers set the cards apart.
    assert!(scores.len() > 5, "{scores:?}");
}

#[test]
fn every_card_of_a_big_import_is_found_by_the_words_of_its_row() {
    // Enough rows that the search index holds more words at once than
    // SQLite keeps by default before writing them out.
    let (_folder, db) = database();
    let mut file = String::from("Nom;Ville;Notes\n");
    for n in 0..12_000 {
        file.push_str(&format!("Artiste {n};Lyon;Rencontrée au festival Zik{n}\n"));
    }
    run(&db, file.as_bytes(), &ImportChoices::default()).expect("import");
    let found = |words: &str| found(&db, words, None);
    assert_eq!(found("festival").total, 12_000);
    for n in [0, 5_999, 11_999] {
        let page = found(&format!("zik{n}"));
        assert_eq!(page.total, 1, "zik{n}");
        assert_eq!(page.rows[0].name, format!("Artiste {n}"));
    }
    // The index goes on taking words one card at a time after the import.
    artists::create(
        &db,
        ArtistFields {
            name: "Nouvelle venue".into(),
            notes: "Rencontrée au festival Zik12000".into(),
            ..ArtistFields::default()
        },
    )
    .expect("a card typed after the import");
    assert_eq!(found("festival").total, 12_001);
    assert_eq!(found("zik12000").rows[0].name, "Nouvelle venue");
    // And as SQLite's default had it: the import's larger room for words
    // was for the import only.
    let file = rusqlite::Connection::open(db.path()).expect("the database file");
    let room: Option<i64> = file
        .query_row(
            "SELECT v FROM artists_fts_config WHERE k = 'hashsize'",
            [],
            |row| row.get(0),
        )
        .ok();
    assert!(matches!(room, None | Some(1_048_576)), "{room:?}");
}

#[test]
fn files_that_are_not_spreadsheets_of_artists_are_refused_with_the_reason() {
    let refused = |bytes: &[u8]| match import::read(bytes) {
        Err(Error::Csv(problem)) => problem,
        other => panic!("refused, not {other:?}"),
    };
    assert_eq!(refused(b""), CsvProblem::Empty);
    assert_eq!(refused(b"Nom;Ville\n"), CsvProblem::Empty);
    assert_eq!(
        refused(b"PK\x03\x04rest of a workbook"),
        CsvProblem::Workbook
    );
    assert_eq!(refused(b"\x89PNG\r\n\x1a\n\0\0\0"), CsvProblem::NotText);

    let (_folder, db) = database();
    let bytes = b"Ville;Pays\nLyon;FR\n";
    let mapping = import::read(bytes).expect("read").mapping;
    assert!(matches!(
        import::preview(&db, bytes, &mapping),
        Err(Error::Csv(CsvProblem::NoNameColumn))
    ));
    let twice = vec![Some(ImportField::Name), Some(ImportField::Name)];
    assert!(matches!(
        import::preview(&db, bytes, &twice),
        Err(Error::Csv(CsvProblem::MappedTwice {
            first: 0,
            second: 1
        }))
    ));
    let followers_alone = vec![
        Some(ImportField::Name),
        Some(ImportField::Followers {
            platform: Platform::Twitch,
        }),
    ];
    assert!(matches!(
        import::preview(&db, bytes, &followers_alone),
        Err(Error::Csv(CsvProblem::FollowersWithoutAccount {
            column: 1
        }))
    ));
}

#[test]
fn excel_unicode_text_in_utf_16_with_tabs_reads() {
    let text = "Nom\tVille\r\nÉlodie Nova\tLyon\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let sheet = import::read(&bytes).expect("read");
    assert_eq!(
        (sheet.encoding, sheet.separator),
        (CsvEncoding::Utf16, CsvSeparator::Tab)
    );
    assert_eq!(sheet.sample[0], ["Élodie Nova", "Lyon"]);
}

/// One database for every fuzzed case: what earlier cases imported is
/// there to be duplicated by later ones.
fn shared_database() -> &'static mona_core::Database {
    static SHARED: std::sync::OnceLock<(tempfile::TempDir, mona_core::Database)> =
        std::sync::OnceLock::new();
    &SHARED.get_or_init(database).1
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any bytes: read, previewed and imported without a panic; what fails
    /// fails with a reason.
    #[test]
    fn any_bytes_are_read_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let db = shared_database();
        if let Ok(sheet) = import::read(&bytes) {
            let _ = import::preview(db, &bytes, &sheet.mapping);
            let _ = import::import(db, &bytes, &sheet.mapping, &ImportChoices::default(), &mut |_| {}, &AtomicBool::new(false));
        }
    }

    /// Text shaped like a spreadsheet (separators, quotes, numbers, dates,
    /// accents, links) with any mapping.
    #[test]
    fn spreadsheet_like_text_with_any_mapping_never_panics(
        cells in proptest::collection::vec("[a-zA-Zéèà0-9 ;,\"'@/.:\\-\n\t]{0,12}", 1..40),
        fields in proptest::collection::vec(0usize..16, 1..8),
    ) {
        let db = shared_database();
        let text = format!("Nom;Email;Abonnés Instagram;Date\n{}", cells.join(";"));
        let all = [
            ImportField::Name, ImportField::LegalName, ImportField::Email, ImportField::Phone,
            ImportField::City, ImportField::Country, ImportField::Genres, ImportField::Languages,
            ImportField::Notes, ImportField::Stage, ImportField::ContactEveryDays,
            ImportField::Handle { platform: Platform::Instagram },
            ImportField::Followers { platform: Platform::Instagram },
            ImportField::FiguresDate, ImportField::Handle { platform: Platform::Youtube },
            ImportField::Followers { platform: Platform::Tiktok },
        ];
        let mapping: Vec<Option<ImportField>> = fields.iter().map(|&f| Some(all[f])).collect();
        let _ = import::preview(db, text.as_bytes(), &mapping);
        let _ = import::import(db, text.as_bytes(), &mapping, &ImportChoices::default(), &mut |_| {}, &AtomicBool::new(false));
    }
}
