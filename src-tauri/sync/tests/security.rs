//! What the team's sign-in may do on the server, and what no device may do:
//! push under another device's identity.

mod support;

use mona_core::artists::{self, ArtistFields};
use mona_core::replica;
use mona_sync::push::push;
use mona_sync::{Server, SyncError, sync_round};
use support::{Device, TestServer};
use tokio_postgres::error::SqlState;

fn card(name: &str) -> ArtistFields {
    ArtistFields {
        name: name.into(),
        city: Some("Paris".into()),
        ..ArtistFields::default()
    }
}

const SIGN_IN_PASSWORD: &str = "mot de passe de l'équipe";

/// The admin prepares the server (with its readable views) and makes the
/// team's sign-in; returns its user name.
async fn prepared_with_sign_in(server: &TestServer, device: &Device) -> String {
    let mut admin = server.connect().await;
    let schema = replica::synced_schema(&device.db).expect("schema");
    admin.publish_tables(&schema).await.expect("publish");
    let user = format!("{}_equipe", server.address.database);
    admin
        .create_device_login(&user, SIGN_IN_PASSWORD)
        .await
        .expect("sign-in");
    user
}

async fn as_sign_in(server: &TestServer, user: &str, device: &Device) -> Server {
    let mut address = server.address.clone();
    address.user = user.into();
    // With its password: a server that checks passwords (a fresh install)
    // would refuse it otherwise.
    let mut connection = Server::connect(&address, SIGN_IN_PASSWORD)
        .await
        .expect("sign in");
    connection.identify(device.secret.clone());
    connection
}

#[tokio::test]
async fn the_team_sign_in_syncs_and_reads_reports_but_cannot_touch_the_server_otherwise() {
    let server = TestServer::prepared().await;
    let (paris, lyon) = (Device::new("Paris"), Device::new("Lyon"));
    let user = prepared_with_sign_in(&server, &paris).await;

    let created = artists::create(&paris.db, card("Élodie Martin")).expect("create");
    sync_round(
        &paris.db,
        &mut as_sign_in(&server, &user, &paris).await,
        "Paris",
    )
    .await
    .expect("Paris syncs with the team's sign-in");
    sync_round(
        &lyon.db,
        &mut as_sign_in(&server, &user, &lyon).await,
        "Lyon",
    )
    .await
    .expect("Lyon too");
    artists::get(&lyon.db, &created.id).expect("the artist travelled");

    let client = server.client_as(&user, SIGN_IN_PASSWORD).await;
    let count: i64 = client
        .query_one("SELECT count(*) FROM team.artists", &[])
        .await
        .expect("reports read the team views")
        .get(0);
    assert_eq!(count, 1);
    for forbidden in [
        "UPDATE sync_state SET cells = '{}'",
        "DELETE FROM sync_changes",
        "INSERT INTO sync_devices (site, name) VALUES ('intrus', 'Intrus')",
        "UPDATE sync_server SET min_client_schema = 0",
        "SELECT secret_hash FROM sync_devices",
        "CREATE TABLE notes_pirates (id TEXT)",
        "DROP TABLE sync_state",
    ] {
        let refused = client.batch_execute(forbidden).await.err();
        let code = refused.as_ref().and_then(|e| e.code());
        assert!(
            code == Some(&SqlState::INSUFFICIENT_PRIVILEGE),
            "{forbidden}: {refused:?}"
        );
    }
}

#[tokio::test]
async fn a_device_cannot_push_or_join_under_another_device_s_identity() {
    let server = TestServer::prepared().await;
    let paris = Device::new("Paris");
    paris.sync(&server).await.expect("Paris joins");
    artists::create(&paris.db, card("Élodie Martin")).expect("create");
    let outbox = replica::outbox(&paris.db, 100).expect("outbox");
    let epoch = replica::link(&paris.db)
        .expect("link")
        .server_epoch
        .expect("bound");

    // Another computer holding Paris's file, but not Paris's secret.
    let mut impostor = server.connect().await;
    impostor.identify("pas le secret de Paris".into());
    let refused = push(&paris.db, &mut impostor, &epoch, &outbox)
        .await
        .expect_err("refused");
    assert!(matches!(refused, SyncError::IdentityRefused), "{refused:?}");
    let joined = impostor
        .join(&outbox.site, "Intrus")
        .await
        .expect_err("refused");
    assert!(matches!(joined, SyncError::IdentityRefused), "{joined:?}");
    let stored: i64 = server
        .client()
        .await
        .query_one("SELECT count(*) FROM sync_state WHERE tbl = 'artists'", &[])
        .await
        .expect("count")
        .get(0);
    assert_eq!(stored, 0, "nothing stored under Paris's name");

    // Paris itself still syncs.
    paris.sync(&server).await.expect("Paris syncs");
    assert_eq!(replica::pending_rows(&paris.db).expect("pending"), 0);
}

#[tokio::test]
async fn a_file_that_syncs_from_a_computer_without_its_secret_continues_as_a_new_device() {
    let server = TestServer::prepared().await;
    let paris = Device::new("Paris");
    let nadia = artists::create(&paris.db, card("Nadia K")).expect("create");
    paris.sync(&server).await.expect("sync");
    let (paris, mut moved) = paris.duplicate("Nouveau portable");
    moved.secret = "le trousseau de l'autre ordinateur".into();

    let lucas = artists::create(&moved.db, card("Lucas B")).expect("create");
    moved.sync(&server).await.expect("the moved file syncs");
    assert_ne!(
        replica::site(&moved.db).expect("site"),
        replica::site(&paris.db).expect("site")
    );
    paris.sync(&server).await.expect("the original still syncs");
    for id in [&nadia.id, &lucas.id] {
        artists::get(&paris.db, id).expect("every card on the original");
    }
}
