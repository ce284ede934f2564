//! What happens to the user's database file in every bad state we can think
//! of: each must end in a clear error and an untouched file.

use std::fs;

use mona_core::artists::ArtistColumn;
use mona_core::storage::{APPLICATION_ID, DATABASE_FILE};
use mona_core::{Database, OpenError, settings};

fn fresh_folder() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary folder")
}

#[test]
fn first_open_creates_the_database_and_later_opens_find_the_same_data() {
    let folder = fresh_folder();
    assert!(!folder.path().join(DATABASE_FILE).exists());
    let db = Database::open(folder.path()).expect("create");
    assert!(folder.path().join(DATABASE_FILE).exists());
    settings::update(
        &db,
        settings::SettingsChange {
            onboarded: Some(true),
            artist_columns: Some(vec![ArtistColumn::Name, ArtistColumn::Tags]),
            ..Default::default()
        },
    )
    .expect("save");
    drop(db);

    let db = Database::open(folder.path()).expect("reopen");
    let kept = settings::get(&db).expect("read");
    assert!(kept.onboarded);
    assert_eq!(
        kept.artist_columns,
        Some(vec![ArtistColumn::Name, ArtistColumn::Tags]),
        "the list's columns as chosen"
    );
}

#[test]
fn the_data_folder_is_created_when_missing() {
    let folder = fresh_folder();
    let nested = folder.path().join("profil").join("MONA x SPARK");
    let db = Database::open(&nested).expect("open");
    assert!(nested.join(DATABASE_FILE).exists());
    drop(db);
}

#[test]
fn a_second_app_on_the_same_folder_is_refused_while_the_first_runs() {
    let folder = fresh_folder();
    let first = Database::open(folder.path()).expect("first");
    let second = Database::open(folder.path()).expect_err("second must be refused");
    assert!(
        matches!(second, OpenError::AlreadyOpen { .. }),
        "{second:?}"
    );
    drop(first);
    Database::open(folder.path()).expect("free again once the first closed");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let folder = fresh_folder();
    let path = folder.path().join(DATABASE_FILE);
    let garbage = b"Ceci n'est pas une base de donnees. ".repeat(200);
    fs::write(&path, &garbage).expect("write");
    let error = Database::open(folder.path()).expect_err("refused");
    assert!(matches!(error, OpenError::NotADatabase { .. }), "{error:?}");
    assert_eq!(fs::read(&path).expect("read"), garbage);
}

#[test]
fn a_damaged_header_is_reported_as_damage_not_replaced() {
    let folder = fresh_folder();
    drop(Database::open(folder.path()).expect("create"));
    let path = folder.path().join(DATABASE_FILE);
    let mut bytes = fs::read(&path).expect("read");
    bytes[0..16].copy_from_slice(b"corrupted-header");
    fs::write(&path, &bytes).expect("write");
    let error = Database::open(folder.path()).expect_err("refused");
    assert!(matches!(error, OpenError::NotADatabase { .. }), "{error:?}");
    assert_eq!(fs::read(&path).expect("read"), bytes);
}

#[test]
fn another_applications_sqlite_file_is_refused_and_left_untouched() {
    let folder = fresh_folder();
    let path = folder.path().join(DATABASE_FILE);
    let other = rusqlite::Connection::open(&path).expect("other app");
    other
        .execute_batch(
            "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('ratatouille');",
        )
        .expect("fill");
    drop(other);
    let before = fs::read(&path).expect("read");
    let error = Database::open(folder.path()).expect_err("refused");
    assert!(
        matches!(
            error,
            OpenError::ForeignDatabase {
                application_id: 0,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(fs::read(&path).expect("read"), before);
}

#[test]
fn a_file_from_a_newer_app_version_is_refused_and_left_untouched() {
    let folder = fresh_folder();
    drop(Database::open(folder.path()).expect("create"));
    let path = folder.path().join(DATABASE_FILE);
    let newer = rusqlite::Connection::open(&path).expect("open");
    newer
        .execute(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (999, 'future', '2030-01-01', '0')",
            [],
        )
        .expect("pretend a newer version migrated it");
    newer
        .pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .expect("checkpoint");
    drop(newer);
    let before = fs::read(&path).expect("read");

    let error = Database::open(folder.path()).expect_err("refused");
    match error {
        OpenError::NewerSchema {
            found, supported, ..
        } => {
            assert_eq!(found, 999);
            assert!(supported < 999);
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    assert_eq!(fs::read(&path).expect("read"), before);
}

#[test]
fn a_folder_where_the_file_should_be_is_reported_as_unreadable() {
    let folder = fresh_folder();
    fs::create_dir(folder.path().join(DATABASE_FILE)).expect("folder in the way");
    let error = Database::open(folder.path()).expect_err("refused");
    assert!(
        matches!(
            error,
            OpenError::Unreadable { .. } | OpenError::Sqlite { .. }
        ),
        "{error:?}"
    );
    assert!(
        folder.path().join(DATABASE_FILE).is_dir(),
        "the folder must still be there"
    );
}

#[test]
fn our_files_carry_the_application_id() {
    let folder = fresh_folder();
    drop(Database::open(folder.path()).expect("create"));
    let raw = rusqlite::Connection::open(folder.path().join(DATABASE_FILE)).expect("open");
    let id: i32 = raw
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .expect("pragma");
    assert_eq!(id, APPLICATION_ID);
    let mode: String = raw
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("pragma");
    assert_eq!(mode, "wal");
}

#[test]
fn a_file_locked_by_another_program_is_reported_as_locked_and_left_untouched() {
    let folder = fresh_folder();
    drop(Database::open(folder.path()).expect("create"));
    let path = folder.path().join(DATABASE_FILE);
    let other = rusqlite::Connection::open(&path).expect("another program");
    other
        .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
        .expect("take the lock");
    let error = Database::open(folder.path()).expect_err("refused while locked");
    assert!(matches!(error, OpenError::Locked { .. }), "{error:?}");
    other.execute_batch("ROLLBACK").expect("release");
    drop(other);
    Database::open(folder.path()).expect("opens once the other program let go");
}
