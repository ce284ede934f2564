//! Reaching the team's server safely: the password is checked, TLS is used
//! as the settings say, and each way it can fail is named precisely. Each
//! test runs a PostgreSQL cluster of its own (password checks, TLS with a
//! CA made for the test), since the shared test server trusts everybody.

mod support;

use mona_core::artists::{self, ArtistFields};
use mona_core::team_server::TlsMode;
use mona_sync::tls::TlsFailure;
use mona_sync::{Server, SyncError, sync_round};
use support::Device;
use support::cluster::{PASSWORD, PrivateCluster, certificates};

fn tls_failure(error: &SyncError) -> Option<TlsFailure> {
    match error {
        SyncError::Tls { failure, .. } => Some(*failure),
        _ => None,
    }
}

/// Whether the app's connection to `cluster` is encrypted, as the server
/// itself reports it.
async fn app_connection_encrypted(cluster: &PrivateCluster) -> bool {
    let (client, connection) = tokio_postgres::Config::new()
        .host("127.0.0.1")
        .port(cluster.port)
        .user("postgres")
        .password(PASSWORD)
        .dbname("postgres")
        .connect(tokio_postgres::NoTls)
        .await
        .expect("observer");
    tokio::spawn(connection);
    client
        .query_one(
            "SELECT bool_and(s.ssl) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
             WHERE a.application_name = 'mona-spark-desk'",
            &[],
        )
        .await
        .expect("pg_stat_ssl")
        .get::<_, Option<bool>>(0)
        .unwrap_or(false)
}

#[tokio::test]
async fn a_wrong_password_is_named_and_the_right_one_connects() {
    let cluster = PrivateCluster::start(None);
    let address = cluster.address(TlsMode::Disable, None);
    let refused = Server::connect(&address, "pas-le-bon")
        .await
        .err()
        .expect("wrong password");
    assert!(matches!(refused, SyncError::BadPassword), "{refused:?}");
    assert!(!refused.to_string().contains("pas-le-bon"));
    let missing = Server::connect(&address, "")
        .await
        .err()
        .expect("no password");
    assert!(matches!(missing, SyncError::BadPassword), "{missing:?}");

    let mut server = Server::connect(&address, PASSWORD)
        .await
        .expect("right password");
    let info = server.prepare("Équipe MONA").await.expect("prepare");
    assert_eq!(info.workspace, "Équipe MONA");

    // The admin makes the team's sign-in: its password is checked too.
    server
        .create_device_login("equipe", "le mot de passe de l'équipe")
        .await
        .expect("sign-in");
    let team = mona_sync::server::ServerAddress {
        user: "equipe".into(),
        ..address
    };
    let signed_in = Server::connect(&team, "le mot de passe de l'équipe")
        .await
        .expect("the team signs in");
    assert_eq!(
        signed_in.info().await.expect("info").workspace,
        "Équipe MONA"
    );
    let refused = Server::connect(&team, "autre").await.err().expect("wrong");
    assert!(matches!(refused, SyncError::BadPassword), "{refused:?}");
}

#[tokio::test]
async fn tls_required_by_the_settings_but_not_offered_by_the_server_is_refused() {
    let cluster = PrivateCluster::start(None);
    let refused = Server::connect(&cluster.address(TlsMode::Require, None), PASSWORD)
        .await
        .err()
        .expect("no TLS there");
    assert_eq!(
        tls_failure(&refused),
        Some(TlsFailure::NotOffered),
        "{refused:?}"
    );
}

#[tokio::test]
async fn a_server_certificate_signed_by_the_team_ca_is_verified_and_the_team_syncs() {
    let certs_folder = tempfile::tempdir().expect("folder");
    let certs = certificates(certs_folder.path(), &["127.0.0.1", "localhost"]);
    let cluster = PrivateCluster::start(Some(&certs));
    let address = cluster.address(TlsMode::VerifyFull, Some(&certs.ca));
    let mut server = Server::connect(&address, PASSWORD).await.expect("verified");
    server.prepare("Équipe MONA").await.expect("prepare");
    assert!(app_connection_encrypted(&cluster).await);

    let (paris, lyon) = (Device::new("Paris"), Device::new("Lyon"));
    let created = artists::create(
        &paris.db,
        ArtistFields {
            name: "Élodie Martin".into(),
            ..ArtistFields::default()
        },
    )
    .expect("create");
    sync_round(&paris.db, &mut server, "Paris")
        .await
        .expect("Paris syncs over TLS");
    let mut server = Server::connect(&address, PASSWORD).await.expect("verified");
    sync_round(&lyon.db, &mut server, "Lyon")
        .await
        .expect("Lyon syncs over TLS");
    assert_eq!(
        artists::get(&lyon.db, &created.id)
            .expect("arrived")
            .fields
            .name,
        "Élodie Martin"
    );
}

#[tokio::test]
async fn a_certificate_from_another_authority_or_for_another_host_is_refused() {
    let certs_folder = tempfile::tempdir().expect("folder");
    let certs = certificates(certs_folder.path(), &["sync.mona.fr"]);
    let stranger_folder = tempfile::tempdir().expect("folder");
    let stranger = certificates(stranger_folder.path(), &["127.0.0.1"]);
    let cluster = PrivateCluster::start(Some(&certs));

    let untrusted = Server::connect(
        &cluster.address(TlsMode::VerifyFull, Some(&stranger.ca)),
        PASSWORD,
    )
    .await
    .err()
    .expect("another CA");
    assert_eq!(
        tls_failure(&untrusted),
        Some(TlsFailure::Untrusted),
        "{untrusted:?}"
    );

    let wrong_name = Server::connect(
        &cluster.address(TlsMode::VerifyFull, Some(&certs.ca)),
        PASSWORD,
    )
    .await
    .err()
    .expect("certificate for sync.mona.fr, reached as 127.0.0.1");
    assert_eq!(
        tls_failure(&wrong_name),
        Some(TlsFailure::WrongName),
        "{wrong_name:?}"
    );

    // `require` encrypts without checking who signed the certificate.
    let _connected = Server::connect(&cluster.address(TlsMode::Require, None), PASSWORD)
        .await
        .expect("encrypted");
    assert!(app_connection_encrypted(&cluster).await);
}

#[tokio::test]
async fn a_ca_file_that_cannot_be_read_is_named() {
    let folder = tempfile::tempdir().expect("folder");
    let missing = folder.path().join("equipe-ca.pem");
    let address = mona_sync::server::ServerAddress {
        host: "127.0.0.1".into(),
        port: 1,
        database: "team".into(),
        user: "mona".into(),
        tls: TlsMode::VerifyFull,
        ca_file: Some(missing.clone()),
    };
    let refused = Server::connect(&address, "")
        .await
        .err()
        .expect("no CA file");
    assert_eq!(tls_failure(&refused), Some(TlsFailure::CaFile));
    assert!(refused.to_string().contains("equipe-ca.pem"), "{refused}");

    let not_a_certificate = folder.path().join("notes.pem");
    std::fs::write(&not_a_certificate, "pas un certificat").expect("write");
    let address = mona_sync::server::ServerAddress {
        ca_file: Some(not_a_certificate),
        ..address
    };
    let refused = Server::connect(&address, "")
        .await
        .err()
        .expect("no certificate");
    assert_eq!(
        tls_failure(&refused),
        Some(TlsFailure::CaFile),
        "{refused:?}"
    );
}
