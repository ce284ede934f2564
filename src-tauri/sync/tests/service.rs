//! The sync running by itself, as the app starts it: it syncs shortly after
//! a local change and shows where it stands.

mod support;

use std::time::Duration;

use mona_core::artists::{self, ArtistFields};
use mona_core::team_server::{self, TeamServer, TlsMode};
use mona_sync::{SyncService, SyncState, SyncStatus};
use support::{Device, TestServer};

fn settings(server: &TestServer, device: &str) -> TeamServer {
    TeamServer {
        host: server.address.host.clone(),
        port: server.address.port,
        database: server.address.database.clone(),
        user: server.address.user.clone(),
        tls: TlsMode::Disable,
        ca_file: None,
        device_name: device.into(),
    }
}

/// Waits (at most 20 s) until the status satisfies `wanted`.
async fn until(service: &SyncService, wanted: impl Fn(&SyncStatus) -> bool) -> SyncStatus {
    for _ in 0..400 {
        let status = service.status().await;
        if wanted(&status) {
            return status;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the status never got there: {:?}", service.status().await);
}

#[tokio::test]
async fn a_new_artist_reaches_the_team_without_pressing_anything() {
    keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
    let server = TestServer::prepared().await;
    let (paris, lyon) = (Device::new("Paris"), Device::new("Lyon"));
    let (service, running) = SyncService::new(paris.db.clone());
    tokio::spawn(running);
    assert_eq!(
        until(&service, |s| s.state == SyncState::Off)
            .await
            .pending_rows,
        0
    );

    team_server::save(&paris.db, settings(&server, "Laptop de Nadia")).expect("settings");
    service.sync_now();
    let joined = until(&service, |s| s.state == SyncState::Synced).await;

    let created = artists::create(
        &paris.db,
        ArtistFields {
            name: "Élodie Martin".into(),
            ..ArtistFields::default()
        },
    )
    .expect("create");
    let status = until(&service, |s| {
        s.state == SyncState::Synced
            && s.pending_rows == 0
            && s.last_synced_at != joined.last_synced_at
    })
    .await;
    assert!(status.problem.is_none());

    lyon.sync(&server).await.expect("Lyon syncs");
    assert!(artists::get(&lyon.db, &created.id).is_ok());
}

#[tokio::test]
async fn with_the_server_unreachable_the_status_says_offline_since_and_changes_wait() {
    keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
    let paris = Device::new("Paris");
    let nowhere = TeamServer {
        host: "127.0.0.1".into(),
        port: 1,
        database: "equipe".into(),
        user: "nadia".into(),
        tls: TlsMode::Disable,
        ca_file: None,
        device_name: "Laptop".into(),
    };
    team_server::save(&paris.db, nowhere).expect("settings");
    artists::create(
        &paris.db,
        ArtistFields {
            name: "Nadia K".into(),
            ..ArtistFields::default()
        },
    )
    .expect("create");
    let (service, running) = SyncService::new(paris.db.clone());
    tokio::spawn(running);
    let status = until(&service, |s| s.state == SyncState::Offline).await;
    assert!(status.offline_since.is_some());
    assert_eq!(status.pending_rows, 1);
}
