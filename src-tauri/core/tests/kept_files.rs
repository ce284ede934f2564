//! Files a manager keeps with an artist's card: the signed contract, the
//! press kit, a photo. The bytes stay beside the database, whole; the card
//! lists them; a teammate's file that stayed on their computer says so.

mod support;

use mona_core::artists::{self, ArtistFields};
use mona_core::files::{self, FileError, FileKind};
use mona_core::team::{self, Action, Role};
use mona_core::validation::FieldProblem;
use mona_core::{Database, Error};
use support::{database, person};

fn lina(db: &Database) -> String {
    artists::create(
        db,
        ArtistFields {
            name: "Lina Rose".into(),
            ..ArtistFields::default()
        },
    )
    .expect("card")
    .id
}

const CONTRACT: &[u8] = b"%PDF-1.7 contrat de promotion, offre 390 euros";

#[test]
fn a_contract_attached_to_a_card_is_listed_and_opens_from_this_computer() {
    let (_folder, db) = database();
    let id = lina(&db);
    let kept = files::attach_to_artist(&db, &id, "Contrat signé.pdf", CONTRACT).expect("attach");
    assert_eq!(kept.name, "Contrat signé.pdf");
    assert_eq!(kept.kind, FileKind::Document);
    assert_eq!(kept.byte_size as usize, CONTRACT.len());

    let listed = files::of_artist(&db, &id).expect("list");
    assert_eq!(listed, vec![kept.clone()]);
    let path = files::path_of(&db, &kept.id).expect("on this computer");
    assert_eq!(std::fs::read(&path).expect("bytes"), CONTRACT);
    assert_eq!(
        path.extension().and_then(|e| e.to_str()),
        Some("pdf"),
        "the system opens it with a PDF reader"
    );
}

#[test]
fn the_same_file_on_two_cards_is_kept_once() {
    let (folder, db) = database();
    let first = lina(&db);
    let second = artists::create(
        &db,
        ArtistFields {
            name: "Théo Martin".into(),
            ..ArtistFields::default()
        },
    )
    .expect("card")
    .id;
    let a = files::attach_to_artist(&db, &first, "rider.pdf", CONTRACT).expect("first");
    let b = files::attach_to_artist(&db, &second, "fiche technique.pdf", CONTRACT).expect("second");
    assert_ne!(a.id, b.id, "one row per card");
    assert_eq!(
        files::path_of(&db, &a.id).expect("a"),
        files::path_of(&db, &b.id).expect("b")
    );
    let kept = std::fs::read_dir(folder.path().join("files"))
        .expect("files folder")
        .count();
    assert_eq!(kept, 1, "one copy of the bytes, no partial file left");
}

#[test]
fn a_file_taken_off_the_card_comes_back_with_undo() {
    let (_folder, db) = database();
    let id = lina(&db);
    let kept =
        files::attach_to_artist(&db, &id, "photo.jpg", b"\xff\xd8\xff jpeg").expect("attach");
    assert_eq!(kept.kind, FileKind::Image);
    files::remove(&db, &kept.id).expect("remove");
    assert!(files::of_artist(&db, &id).expect("list").is_empty());
    assert!(matches!(
        files::path_of(&db, &kept.id),
        Err(FileError::Database(Error::NotFound { .. }))
    ));
    files::restore(&db, &kept.id).expect("undo");
    assert_eq!(files::of_artist(&db, &id).expect("list").len(), 1);
    assert!(files::path_of(&db, &kept.id).is_ok(), "the bytes stayed");
}

#[test]
fn a_teammates_file_whose_bytes_are_elsewhere_says_so_instead_of_failing() {
    let (folder, db) = database();
    let id = lina(&db);
    let kept =
        files::attach_to_artist(&db, &id, "dossier de presse.pdf", CONTRACT).expect("attach");
    // As on a second computer: the row synced, the bytes did not.
    std::fs::remove_dir_all(folder.path().join("files")).expect("remove the bytes");
    let listed = files::of_artist(&db, &id).expect("list");
    assert!(!listed[0].on_this_device);
    match files::path_of(&db, &kept.id) {
        Err(FileError::NotOnThisDevice { name }) => assert_eq!(name, "dossier de presse.pdf"),
        other => panic!("expected not on this device, got {other:?}"),
    }
}

#[test]
fn empty_nameless_or_too_large_files_and_missing_cards_are_refused_and_nothing_is_written() {
    let (folder, db) = database();
    let id = lina(&db);
    let problem = |result: Result<files::KeptFile, FileError>| match result {
        Err(FileError::Database(Error::Invalid(errors))) => errors.0[0].problem.clone(),
        other => panic!("expected a field problem, got {other:?}"),
    };
    assert_eq!(
        problem(files::attach_to_artist(&db, &id, "  ", CONTRACT)),
        FieldProblem::Required
    );
    let huge = vec![0_u8; (files::MAX_MIB as usize) * 1024 * 1024 + 1];
    assert_eq!(
        problem(files::attach_to_artist(&db, &id, "film.mov", &huge)),
        FieldProblem::TooLarge {
            max: files::MAX_MIB
        }
    );
    assert!(matches!(
        files::attach_to_artist(&db, "no-such-card", "a.pdf", CONTRACT),
        Err(FileError::Database(Error::NotFound { .. }))
    ));
    assert!(
        !folder.path().join("files").exists(),
        "no byte written for a refused file"
    );
}

#[test]
fn a_guest_cannot_attach_or_remove_files() {
    let (_folder, db) = database();
    team::join(&db, person("Camille", Role::Admin)).expect("admin");
    let id = lina(&db);
    let kept = files::attach_to_artist(&db, &id, "rider.pdf", CONTRACT).expect("admin attaches");
    let guest = team::add_member(&db, person("Inès", Role::Guest)).expect("add");
    team::choose_me(&db, &guest.id).expect("Inès uses this computer");
    assert!(matches!(
        files::attach_to_artist(&db, &id, "autre.pdf", CONTRACT),
        Err(FileError::Database(Error::NotAllowed {
            action: Action::EditRecords,
            ..
        }))
    ));
    assert!(matches!(
        files::remove(&db, &kept.id),
        Err(Error::NotAllowed { .. })
    ));
    assert_eq!(files::of_artist(&db, &id).expect("she can look").len(), 1);
}

/// Makes `path` look written `hours` ago.
fn written_hours_ago(path: &std::path::Path, hours: u64) {
    let then = std::time::SystemTime::now() - std::time::Duration::from_secs(hours * 3600);
    std::fs::File::options()
        .append(true)
        .open(path)
        .and_then(|file| file.set_modified(then))
        .expect("set the time");
}

#[test]
fn bytes_no_card_names_are_cleared_but_a_file_taken_off_keeps_its_bytes_for_undo() {
    let (_folder, db) = database();
    let id = lina(&db);
    let kept = files::attach_to_artist(&db, &id, "Rider.pdf", CONTRACT).expect("attach");
    let path = files::path_of(&db, &kept.id).expect("path");
    let folder = path.parent().expect("files folder").to_owned();
    files::remove(&db, &kept.id).expect("take off");
    written_hours_ago(&path, 48);
    // Bytes whose row never came (an attach stopped midway), old and new,
    // and a write cut short.
    let stray = folder.join("0badc0de.jpg");
    let recent = folder.join("5eedf00d.png");
    let cut = folder.join("0badc0de.jpg.partial");
    for file in [&stray, &recent, &cut] {
        std::fs::write(file, b"...").expect("write");
    }
    written_hours_ago(&stray, 2);
    written_hours_ago(&cut, 2);

    assert_eq!(files::sweep(&db).expect("sweep"), 2);
    assert!(!stray.exists() && !cut.exists());
    assert!(
        recent.exists(),
        "an attach may be writing its row right now"
    );
    files::restore(&db, &kept.id).expect("undo");
    assert_eq!(
        std::fs::read(files::path_of(&db, &kept.id).expect("path")).expect("bytes"),
        CONTRACT
    );
}

#[test]
fn a_database_without_files_has_nothing_to_sweep() {
    let (_folder, db) = database();
    assert_eq!(files::sweep(&db).expect("sweep"), 0);
}
