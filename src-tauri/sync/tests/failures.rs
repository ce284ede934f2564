//! What happens when the network, the server or a clock lets the team down:
//! the app keeps working and no change is lost or doubled.

mod support;

use mona_core::artists::{self, ArtistFields};
use mona_core::replica;
use mona_sync::push::push;
use mona_sync::server::ServerAddress;
use mona_sync::{Server, SyncError, sync_round};
use support::{CutRelay, Device, TestServer};

fn card(name: &str) -> ArtistFields {
    ArtistFields {
        name: name.into(),
        city: Some("Paris".into()),
        ..ArtistFields::default()
    }
}

/// Rows of the server's state, as a laptop holds them.
async fn server_rows(server: &TestServer) -> Vec<replica::RemoteRow> {
    let mut connection = server.connect().await;
    let copy = mona_sync::pull::Copy::begin(&mut connection)
        .await
        .expect("copy");
    copy.page(None, i64::MAX).await.expect("state")
}

#[tokio::test]
async fn with_the_server_down_the_app_works_and_changes_wait() {
    let laptop = Device::new("Paris");
    let nowhere = ServerAddress {
        host: "127.0.0.1".into(),
        port: 1,
        database: "team".into(),
        user: "mona".into(),
        tls: mona_core::team_server::TlsMode::Disable,
        ca_file: None,
    };
    let refused = Server::connect(&nowhere, "")
        .await
        .err()
        .expect("no server there");
    assert!(matches!(refused, SyncError::Unreachable(_)), "{refused:?}");

    artists::create(&laptop.db, card("Élodie Martin")).expect("the app still saves");
    artists::create(&laptop.db, card("Nadia K")).expect("the app still saves");
    assert_eq!(replica::pending_rows(&laptop.db).expect("pending"), 2);

    let server = TestServer::prepared().await;
    laptop
        .sync(&server)
        .await
        .expect("sync once the server is back");
    assert_eq!(replica::pending_rows(&laptop.db).expect("pending"), 0);
    let cards = server_rows(&server)
        .await
        .into_iter()
        .filter(|row| row.table == "artists")
        .count();
    assert_eq!(cards, 2);
}

#[tokio::test]
async fn a_sync_cut_off_at_any_point_loses_and_doubles_nothing() {
    let server = TestServer::prepared().await;
    let paris = Device::new("Paris");
    let lyon = Device::new("Lyon");
    artists::create(&lyon.db, card("Déjà là")).expect("create");
    lyon.sync(&server).await.expect("sync");
    paris.sync(&server).await.expect("first sync");

    // How many bytes a round with work to do sends, to cut it everywhere.
    let measure = Device::new("Lille");
    measure.sync(&server).await.expect("first sync");
    artists::create(&measure.db, card("Mesure")).expect("create");
    let relay = CutRelay::start(&server, usize::MAX).await;
    let mut connection = Server::connect(&relay.address, &support::password())
        .await
        .expect("connect");
    connection.identify(measure.secret.clone());
    sync_round(&measure.db, &mut connection, "Lille")
        .await
        .expect("round");
    let total = relay.bytes_sent();
    assert!(total > 0);

    for step in 0..24 {
        let cut_after = total * step / 23;
        let name = format!("Artiste coupé {step}");
        artists::create(&paris.db, card(&name)).expect("create");
        let mut fields = card(&format!("Déjà là {step}"));
        fields.city = Some(format!("Ville {step}"));
        artists::create(&lyon.db, fields).expect("create on Lyon");
        lyon.sync(&server).await.expect("Lyon syncs");

        let relay = CutRelay::start(&server, cut_after).await;
        if let Ok(mut connection) = Server::connect(&relay.address, &support::password()).await {
            connection.identify(paris.secret.clone());
            // Fails somewhere in the push or the pull, or completes.
            let _ = sync_round(&paris.db, &mut connection, "Paris").await;
        }
        paris.sync(&server).await.expect("sync after the cut");
        lyon.sync(&server).await.expect("sync after the cut");

        let on_server = server_rows(&server).await;
        assert_eq!(
            replica::state(&paris.db).expect("state"),
            on_server,
            "cut after {cut_after} bytes"
        );
        assert_eq!(
            replica::state(&lyon.db).expect("state"),
            on_server,
            "cut after {cut_after} bytes"
        );
        assert_eq!(replica::pending_rows(&paris.db).expect("pending"), 0);
        assert!(
            on_server.iter().all(|r| r.table != "conflicts"),
            "a retried push makes no conflict"
        );
    }
    let names = artists::list(&paris.db, &artists::ArtistQuery::default()).expect("list");
    // "Déjà là", "Mesure", and two per cut.
    assert_eq!(names.total, 2 + 24 * 2, "every artist once");
}

#[tokio::test]
async fn edits_stamped_by_a_clock_days_ahead_are_held_by_the_server() {
    let server = TestServer::prepared().await;
    let laptop = Device::new("Paris");
    laptop.sync(&server).await.expect("join");
    artists::create(&laptop.db, card("Élodie Martin")).expect("create");
    let three_days_ahead = (jiff::Timestamp::now().as_millisecond() + 3 * 86_400_000) << 16;
    let outbox = replica::outbox(&laptop.db, 100).expect("outbox");
    let mut ahead = outbox.clone();
    for row in &mut ahead.rows {
        row.birth.as_mut().expect("birth").clock = three_days_ahead;
        for edit in row.cells.values_mut() {
            edit.version.clock = three_days_ahead;
        }
    }
    let epoch = replica::link(&laptop.db)
        .expect("link")
        .server_epoch
        .expect("bound");
    let held = push(
        &laptop.db,
        &mut laptop.connect(&server).await,
        &epoch,
        &ahead,
    )
    .await;
    match held {
        Err(SyncError::ClockAhead { ahead_ms, .. }) => {
            assert!(ahead_ms > 2 * 86_400_000, "{ahead_ms}");
        }
        other => panic!("expected the clock guard, got {other:?}"),
    }
    assert!(server_rows(&server).await.is_empty(), "nothing stored");
    assert_eq!(
        replica::pending_rows(&laptop.db).expect("pending"),
        1,
        "the change waits"
    );
}

#[tokio::test]
async fn once_the_clock_is_right_again_held_edits_sync_and_still_win_what_they_saw() {
    let server = TestServer::prepared().await;
    let (paris, lyon) = (Device::new("Paris"), Device::new("Lyon"));
    let id = artists::create(&lyon.db, card("Nadia K"))
        .expect("create")
        .id;
    lyon.sync(&server).await.expect("sync");
    paris.sync(&server).await.expect("sync");

    // Paris's clock ran three days ahead while it edited the city.
    let ahead = (jiff::Timestamp::now().as_millisecond() + 3 * 86_400_000) << 16;
    {
        let raw = rusqlite::Connection::open(paris.db.path()).expect("raw connection");
        raw.execute("UPDATE sync_meta SET clock = ?1", [ahead])
            .expect("clock ahead");
    }
    let mut fields = artists::get(&paris.db, &id).expect("get").fields;
    fields.city = Some("Marseille".into());
    artists::update(&paris.db, &id, fields).expect("edit while the clock is ahead");

    // Now the clock is right: the edit is restamped and accepted.
    paris.sync(&server).await.expect("sync");
    lyon.sync(&server).await.expect("sync");
    assert_eq!(
        artists::get(&lyon.db, &id)
            .expect("get")
            .fields
            .city
            .as_deref(),
        Some("Marseille")
    );
    let newest = replica::state(&lyon.db)
        .expect("state")
        .iter()
        .flat_map(|r| r.cells.values().map(|c| c.version.clock))
        .max()
        .unwrap_or(0);
    assert!(newest < ahead, "no clock from the future reached the team");

    // Lyon's later edit still wins: the team's clocks are sane again.
    let mut fields = artists::get(&lyon.db, &id).expect("get").fields;
    fields.city = Some("Lille".into());
    artists::update(&lyon.db, &id, fields).expect("edit on Lyon");
    lyon.sync(&server).await.expect("sync");
    paris.sync(&server).await.expect("sync");
    assert_eq!(
        artists::get(&paris.db, &id)
            .expect("get")
            .fields
            .city
            .as_deref(),
        Some("Lille")
    );
}

#[tokio::test]
async fn a_server_restored_from_an_older_backup_gets_back_what_it_lost() {
    let server = TestServer::prepared().await;
    let paris = Device::new("Paris");
    let first = artists::create(&paris.db, card("Avant la sauvegarde"))
        .expect("create")
        .id;
    paris.sync(&server).await.expect("sync");
    let backup = server.dump();
    let second = artists::create(&paris.db, card("Après la sauvegarde"))
        .expect("create")
        .id;
    paris.sync(&server).await.expect("sync");

    server.restore(&backup).await;
    paris
        .sync(&server)
        .await
        .expect("sync with the restored server");

    let newcomer = Device::new("Lyon");
    newcomer.sync(&server).await.expect("join");
    for id in [&first, &second] {
        assert!(
            artists::get(&newcomer.db, id).is_ok(),
            "{id} is on the server again"
        );
    }
    assert_eq!(
        replica::state(&newcomer.db).expect("state"),
        replica::state(&paris.db).expect("state")
    );
}

#[tokio::test]
async fn an_app_older_than_the_team_requires_refuses_to_sync_and_keeps_its_changes() {
    let server = TestServer::prepared().await;
    let laptop = Device::new("Paris");
    laptop.sync(&server).await.expect("first sync");
    artists::create(&laptop.db, card("Élodie Martin")).expect("create");
    let required = i32::try_from(mona_core::Database::schema_version()).expect("version") + 1;
    server
        .client()
        .await
        .execute(
            "UPDATE sync_server SET min_client_schema = $1",
            &[&required],
        )
        .await
        .expect("the team moves to a newer app");

    let refused = laptop.sync(&server).await.expect_err("too old");
    assert!(
        matches!(refused, SyncError::DeviceTooOld { required: r, .. } if r == required),
        "{refused:?}"
    );
    assert!(refused.to_string().contains("update the app"), "{refused}");
    assert_eq!(replica::pending_rows(&laptop.db).expect("pending"), 1);
    assert!(server_rows(&server).await.is_empty());
}

#[tokio::test]
async fn a_server_nobody_prepared_is_named_as_such() {
    let server = TestServer::empty().await;
    let laptop = Device::new("Paris");
    artists::create(&laptop.db, card("Élodie Martin")).expect("create");
    let refused = laptop.sync(&server).await.expect_err("not prepared");
    assert!(matches!(refused, SyncError::NotPrepared), "{refused:?}");
    assert_eq!(replica::pending_rows(&laptop.db).expect("pending"), 1);
}

fn city(device: &Device, id: &str) -> Option<String> {
    artists::get(&device.db, id).expect("artist").fields.city
}

fn move_to(device: &Device, id: &str, city: &str) {
    let mut fields = artists::get(&device.db, id).expect("artist").fields;
    fields.city = Some(city.into());
    artists::update(&device.db, id, fields).expect("edit");
}

#[tokio::test]
async fn a_data_folder_copied_to_a_second_laptop_takes_its_own_identity_and_loses_nothing() {
    let server = TestServer::prepared().await;
    let paris = Device::new("Paris");
    let nadia = artists::create(&paris.db, card("Nadia K")).expect("create");
    paris.sync(&server).await.expect("sync");
    let (paris, copy) = paris.duplicate("Portable copié");
    assert_eq!(
        replica::site(&paris.db).expect("site"),
        replica::site(&copy.db).expect("site"),
        "a copied file starts as the same device"
    );

    // Both keep working: the copy offline first, then the original, which
    // syncs first. The copy's edits are older than what the server now
    // holds of "their" device, yet none of them may be taken as already sent.
    let lucas = artists::create(&copy.db, card("Lucas B")).expect("create");
    move_to(&copy, &nadia.id, "Marseille");
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let elodie = artists::create(&paris.db, card("Élodie Martin")).expect("create");
    paris.sync(&server).await.expect("sync Paris");
    copy.sync(&server).await.expect("sync the copy");

    assert_eq!(replica::pending_rows(&copy.db).expect("pending"), 0);
    paris.sync(&server).await.expect("sync Paris");
    for device in [&paris, &copy] {
        for id in [&nadia.id, &elodie.id, &lucas.id] {
            artists::get(&device.db, id).expect("every card everywhere");
        }
        assert_eq!(city(device, &nadia.id).as_deref(), Some("Marseille"));
    }
    assert_ne!(
        replica::site(&paris.db).expect("site"),
        replica::site(&copy.db).expect("site")
    );
}

#[tokio::test]
async fn a_laptop_put_back_from_an_older_backup_keeps_what_is_written_after() {
    let server = TestServer::prepared().await;
    let paris = Device::new("Paris");
    let nadia = artists::create(&paris.db, card("Nadia K")).expect("create");
    paris.sync(&server).await.expect("sync");
    let (paris, backup) = paris.duplicate("Paris");
    let elodie = artists::create(&paris.db, card("Élodie Martin")).expect("create");
    paris.sync(&server).await.expect("sync");
    drop(paris); // the laptop dies; last week's backup is put back

    let restored = backup;
    move_to(&restored, &nadia.id, "Lille");
    let lucas = artists::create(&restored.db, card("Lucas B")).expect("create");
    restored
        .sync(&server)
        .await
        .expect("sync after the restore");

    assert_eq!(replica::pending_rows(&restored.db).expect("pending"), 0);
    assert_eq!(city(&restored, &nadia.id).as_deref(), Some("Lille"));
    artists::get(&restored.db, &elodie.id).expect("what the lost laptop had sent comes back");
    let on_server: Vec<String> = server_rows(&server)
        .await
        .into_iter()
        .filter(|row| row.table == "artists")
        .map(|row| row.id)
        .collect();
    assert!(
        on_server.contains(&lucas.id),
        "written after the restore, kept"
    );
}
