//! Which OBS this computer drives: the address is a device setting, the
//! password goes to the keychain and nowhere else.

use mona_core::Database;
use mona_core::obs_connection::ObsConnection;
use mona_core::validation::FieldProblem;
use mona_streaming::obs::setup::{self, SetupError};

const PASSWORD: &str = "mot-de-passe-obs-7f3a";

fn database() -> (tempfile::TempDir, Database) {
    keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
    let folder = tempfile::tempdir().expect("a folder");
    let db = Database::open(folder.path()).expect("a database");
    (folder, db)
}

#[test]
fn the_obs_password_never_reaches_the_database_file_nor_an_error() {
    let (folder, db) = database();
    let connection = ObsConnection {
        host: "127.0.0.1".into(),
        port: 4455,
    };
    let (saved, endpoint) =
        setup::configure(&db, connection.clone(), Some(PASSWORD.into())).expect("saved");
    assert_eq!(saved.connection, connection);
    let endpoint = endpoint.expect("an address to connect to");
    assert!(!format!("{endpoint:?}").contains(PASSWORD));
    db.checkpoint().expect("the log copied into the file");
    drop(db);

    for entry in std::fs::read_dir(folder.path()).expect("the data folder") {
        let path = entry.expect("an entry").path();
        if path.is_file() {
            let bytes = std::fs::read(&path).expect("readable");
            assert!(
                !bytes
                    .windows(PASSWORD.len())
                    .any(|w| w == PASSWORD.as_bytes()),
                "the password is in {}",
                path.display()
            );
        }
    }
}

#[test]
fn an_address_with_its_scheme_is_refused_and_the_saved_one_stays() {
    let (_folder, db) = database();
    let good = ObsConnection {
        host: "studio.local".into(),
        port: 4455,
    };
    setup::configure(&db, good.clone(), None).expect("saved");
    let refused = setup::configure(
        &db,
        ObsConnection {
            host: "ws://studio.local:4455".into(),
            port: 4455,
        },
        None,
    );
    let Err(SetupError::Invalid(fields)) = refused else {
        panic!("refused as invalid: {refused:?}");
    };
    assert_eq!(fields.0[0].problem, FieldProblem::InvalidHost);
    let kept = setup::setup(&db).expect("read").expect("still set");
    assert_eq!(kept.connection, good);
}

#[test]
fn forgetting_obs_leaves_no_address_to_connect_to() {
    let (_folder, db) = database();
    setup::configure(
        &db,
        ObsConnection {
            host: "127.0.0.1".into(),
            port: 4455,
        },
        Some(PASSWORD.into()),
    )
    .expect("saved");
    setup::forget(&db).expect("forgotten");
    assert_eq!(setup::setup(&db).expect("read"), None);
    assert!(setup::endpoint(&db).expect("read").is_none());
}
