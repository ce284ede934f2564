//! Two desktops and one team server: what people see after they sync.

mod support;

use mona_core::artists::{self, ArtistFields};
use mona_core::replica;
use support::{Device, TestServer};

fn card(name: &str, city: &str) -> ArtistFields {
    ArtistFields {
        name: name.into(),
        city: Some(city.into()),
        ..ArtistFields::default()
    }
}

fn city_of(device: &Device, id: &str) -> Option<String> {
    artists::get(&device.db, id).expect("artist").fields.city
}

type Listed = (String, Option<String>, Option<String>, Option<String>);

/// Open conflicts as (kind, field, lost value, kept value), as the
/// Conflicts view lists them.
fn conflicts(device: &Device) -> Vec<Listed> {
    mona_core::conflicts::open(&device.db)
        .expect("conflicts")
        .into_iter()
        .map(|c| (c.kind, c.column, c.lost_value, c.kept_value))
        .collect()
}

#[tokio::test]
async fn an_artist_created_on_one_laptop_appears_on_the_other() {
    let server = TestServer::prepared().await;
    let (paris, lyon) = (Device::new("Paris"), Device::new("Lyon"));
    let created = artists::create(&paris.db, card("Élodie Martin", "Paris")).expect("create");
    assert_eq!(replica::pending_rows(&paris.db).expect("pending"), 1);

    paris.sync(&server).await.expect("sync Paris");
    assert_eq!(replica::pending_rows(&paris.db).expect("pending"), 0);
    lyon.sync(&server).await.expect("sync Lyon");

    let seen = artists::get(&lyon.db, &created.id).expect("the artist reached Lyon");
    assert_eq!(seen.fields.name, "Élodie Martin");
    assert_eq!(seen.score, created.score);
    let found = artists::list(
        &lyon.db,
        &artists::ArtistQuery {
            search: Some("elodie".into()),
            ..artists::ArtistQuery::default()
        },
    )
    .expect("search");
    assert_eq!(
        found.total, 1,
        "a synced artist is found by search like a local one"
    );
    assert_eq!(
        replica::pending_rows(&lyon.db).expect("pending"),
        0,
        "pulled rows are not sent back"
    );
}

#[tokio::test]
async fn edits_of_different_fields_on_two_laptops_both_survive() {
    let server = TestServer::prepared().await;
    let (paris, lyon) = (Device::new("Paris"), Device::new("Lyon"));
    let id = artists::create(&paris.db, card("Nadia K", "Paris"))
        .expect("create")
        .id;
    paris.sync(&server).await.expect("sync");
    lyon.sync(&server).await.expect("sync");

    let mut on_paris = artists::get(&paris.db, &id).expect("get").fields;
    on_paris.phone = Some("+33 6 12 34 56 78".into());
    artists::update(&paris.db, &id, on_paris).expect("edit phone");
    let mut on_lyon = artists::get(&lyon.db, &id).expect("get").fields;
    on_lyon.email = Some("nadia@example.fr".into());
    artists::update(&lyon.db, &id, on_lyon).expect("edit e-mail");

    paris.sync(&server).await.expect("sync");
    lyon.sync(&server).await.expect("sync");
    paris.sync(&server).await.expect("sync");

    for device in [&paris, &lyon] {
        let fields = artists::get(&device.db, &id).expect("get").fields;
        assert_eq!(
            fields.phone.as_deref(),
            Some("+33 6 12 34 56 78"),
            "{}",
            device.name
        );
        assert_eq!(
            fields.email.as_deref(),
            Some("nadia@example.fr"),
            "{}",
            device.name
        );
        assert!(
            conflicts(device).is_empty(),
            "different fields do not conflict"
        );
    }
}

#[tokio::test]
async fn concurrent_edits_of_one_field_keep_the_overwritten_city_as_a_conflict() {
    let server = TestServer::prepared().await;
    let (paris, lyon) = (Device::new("Paris"), Device::new("Lyon"));
    let id = artists::create(&paris.db, card("Nadia K", "Paris"))
        .expect("create")
        .id;
    paris.sync(&server).await.expect("sync");
    lyon.sync(&server).await.expect("sync");

    let mut fields = artists::get(&paris.db, &id).expect("get").fields;
    fields.city = Some("Marseille".into());
    artists::update(&paris.db, &id, fields.clone()).expect("edit on Paris");
    std::thread::sleep(std::time::Duration::from_millis(5));
    fields.city = Some("Lille".into());
    artists::update(&lyon.db, &id, fields).expect("edit on Lyon, later");

    paris.sync(&server).await.expect("sync");
    lyon.sync(&server).await.expect("sync");
    paris.sync(&server).await.expect("sync");

    assert_eq!(
        city_of(&paris, &id).as_deref(),
        Some("Lille"),
        "the later edit wins"
    );
    assert_eq!(city_of(&lyon, &id).as_deref(), Some("Lille"));
    for device in [&paris, &lyon] {
        assert_eq!(
            conflicts(device),
            vec![(
                "update_update".to_owned(),
                Some("city".to_owned()),
                Some("\"Marseille\"".to_owned()),
                Some("\"Lille\"".to_owned())
            )],
            "{} lists the overwritten value",
            device.name
        );
    }
}

#[tokio::test]
async fn an_overwritten_city_restored_in_one_click_comes_back_on_every_laptop() {
    let server = TestServer::prepared().await;
    let (paris, lyon) = (Device::new("Paris"), Device::new("Lyon"));
    let id = artists::create(&paris.db, card("Nadia K", "Paris"))
        .expect("create")
        .id;
    paris.sync(&server).await.expect("sync");
    lyon.sync(&server).await.expect("sync");
    let mut fields = artists::get(&paris.db, &id).expect("get").fields;
    fields.city = Some("Marseille".into());
    artists::update(&paris.db, &id, fields.clone()).expect("edit on Paris");
    std::thread::sleep(std::time::Duration::from_millis(5));
    fields.city = Some("Lille".into());
    artists::update(&lyon.db, &id, fields).expect("edit on Lyon");
    paris.sync(&server).await.expect("sync");
    lyon.sync(&server).await.expect("sync");
    paris.sync(&server).await.expect("sync");

    let listed = mona_core::conflicts::open(&paris.db).expect("conflicts");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].record.as_deref(), Some("Nadia K"));
    assert_eq!(
        (listed[0].lost_by.as_str(), listed[0].kept_by.as_deref()),
        ("Paris", Some("Lyon"))
    );
    mona_core::conflicts::restore(&paris.db, &listed[0].id).expect("restore");
    paris.sync(&server).await.expect("sync");
    lyon.sync(&server).await.expect("sync");

    for device in [&paris, &lyon] {
        assert_eq!(
            city_of(device, &id).as_deref(),
            Some("Marseille"),
            "{}",
            device.name
        );
        assert!(
            conflicts(device).is_empty(),
            "{}: the restored conflict is closed",
            device.name
        );
    }
}

#[tokio::test]
async fn an_edit_made_after_seeing_another_wins_without_conflict() {
    let server = TestServer::prepared().await;
    let (paris, lyon) = (Device::new("Paris"), Device::new("Lyon"));
    let id = artists::create(&paris.db, card("Nadia K", "Paris"))
        .expect("create")
        .id;
    paris.sync(&server).await.expect("sync");
    lyon.sync(&server).await.expect("sync");

    let mut fields = artists::get(&lyon.db, &id).expect("get").fields;
    fields.city = Some("Lille".into());
    artists::update(&lyon.db, &id, fields).expect("edit on Lyon");
    lyon.sync(&server).await.expect("sync");
    paris.sync(&server).await.expect("sync");
    let mut fields = artists::get(&paris.db, &id).expect("get").fields;
    fields.city = Some("Nantes".into());
    artists::update(&paris.db, &id, fields).expect("edit on Paris after seeing Lille");
    paris.sync(&server).await.expect("sync");
    lyon.sync(&server).await.expect("sync");

    assert_eq!(city_of(&lyon, &id).as_deref(), Some("Nantes"));
    assert!(conflicts(&lyon).is_empty());
}

#[tokio::test]
async fn an_edit_of_an_artist_deleted_elsewhere_is_listed_and_the_artist_keeps_it() {
    let server = TestServer::prepared().await;
    let (paris, lyon) = (Device::new("Paris"), Device::new("Lyon"));
    let id = artists::create(&paris.db, card("Nadia K", "Paris"))
        .expect("create")
        .id;
    paris.sync(&server).await.expect("sync");
    lyon.sync(&server).await.expect("sync");

    artists::delete(&paris.db, &id).expect("delete on Paris");
    let mut fields = artists::get(&lyon.db, &id).expect("get").fields;
    fields.city = Some("Lille".into());
    artists::update(&lyon.db, &id, fields).expect("edit on Lyon");
    paris.sync(&server).await.expect("sync");
    lyon.sync(&server).await.expect("sync");
    paris.sync(&server).await.expect("sync");

    for device in [&paris, &lyon] {
        assert!(
            artists::get(&device.db, &id).is_err(),
            "the artist stays deleted"
        );
        let kinds: Vec<String> = conflicts(device).into_iter().map(|c| c.0).collect();
        assert_eq!(kinds, vec!["delete_update".to_owned()], "{}", device.name);
    }
    let restored = artists::restore(&lyon.db, &id).expect("restore with its content");
    assert_eq!(restored.fields.city.as_deref(), Some("Lille"));
}

#[tokio::test]
async fn deleting_an_artist_edited_elsewhere_is_listed() {
    let server = TestServer::prepared().await;
    let (paris, lyon) = (Device::new("Paris"), Device::new("Lyon"));
    let id = artists::create(&paris.db, card("Nadia K", "Paris"))
        .expect("create")
        .id;
    paris.sync(&server).await.expect("sync");
    lyon.sync(&server).await.expect("sync");

    let mut fields = artists::get(&lyon.db, &id).expect("get").fields;
    fields.city = Some("Lille".into());
    artists::update(&lyon.db, &id, fields).expect("edit on Lyon");
    lyon.sync(&server).await.expect("sync");
    artists::delete(&paris.db, &id).expect("delete on Paris, without having seen Lille");
    paris.sync(&server).await.expect("sync");
    lyon.sync(&server).await.expect("sync");

    for device in [&paris, &lyon] {
        let kinds: Vec<String> = conflicts(device).into_iter().map(|c| c.0).collect();
        assert_eq!(kinds, vec!["update_delete".to_owned()], "{}", device.name);
    }
}

#[tokio::test]
async fn a_new_laptop_copies_everything_then_follows_new_changes() {
    let server = TestServer::prepared().await;
    let paris = Device::new("Paris");
    let cards: Vec<ArtistFields> = (0..120)
        .map(|n| card(&format!("Artiste {n:03}"), "Paris"))
        .collect();
    artists::create_many(&paris.db, cards).expect("create");
    paris.sync(&server).await.expect("sync");

    let newcomer = Device::new("Bordeaux");
    let report = newcomer.sync(&server).await.expect("first sync");
    assert_eq!(report.copied, 120);
    assert_eq!(
        replica::state(&newcomer.db).expect("state"),
        replica::state(&paris.db).expect("state")
    );

    let later = artists::create(&paris.db, card("Arrivée tardive", "Lyon")).expect("create");
    paris.sync(&server).await.expect("sync");
    let report = newcomer.sync(&server).await.expect("next sync");
    assert_eq!((report.copied, report.pulled), (0, 1));
    assert_eq!(
        artists::get(&newcomer.db, &later.id)
            .expect("arrived")
            .fields
            .name,
        "Arrivée tardive"
    );
}

#[tokio::test]
async fn a_sync_with_nothing_to_do_changes_nothing() {
    let server = TestServer::prepared().await;
    let paris = Device::new("Paris");
    artists::create(&paris.db, card("Nadia K", "Paris")).expect("create");
    paris.sync(&server).await.expect("sync");
    let before = replica::state(&paris.db).expect("state");
    let report = paris.sync(&server).await.expect("sync again");
    assert_eq!((report.pushed, report.conflicts), (0, 0));
    assert_eq!(replica::state(&paris.db).expect("state"), before);
}

#[tokio::test]
async fn a_reporting_tool_reads_the_team_s_artists_as_a_plain_table() {
    let server = TestServer::prepared().await;
    let (paris, lyon) = (Device::new("Paris"), Device::new("Lyon"));
    let schema = replica::synced_schema(&paris.db).expect("schema");
    server
        .connect()
        .await
        .publish_tables(&schema)
        .await
        .expect("publish");

    let created = artists::create(&paris.db, card("Élodie Martin", "Paris")).expect("create");
    paris.sync(&server).await.expect("sync Paris");
    lyon.sync(&server).await.expect("sync Lyon");
    let mut moved = artists::get(&lyon.db, &created.id).expect("artist").fields;
    moved.city = Some("Lyon".into());
    artists::update(&lyon.db, &created.id, moved).expect("edit in Lyon");
    lyon.sync(&server).await.expect("sync Lyon");

    let report = server.client().await;
    let row = report
        .query_one(
            "SELECT name, city, score, deleted_at FROM team.artists WHERE id = $1",
            &[&created.id],
        )
        .await
        .expect("a plain SQL query");
    assert_eq!(row.get::<_, String>(0), "Élodie Martin");
    assert_eq!(row.get::<_, Option<String>>(1).as_deref(), Some("Lyon"));
    assert_eq!(row.get::<_, i64>(2), i64::from(created.score.total));
    assert_eq!(row.get::<_, Option<String>>(3), None);
    let published: i64 = report
        .query_one(
            "SELECT count(*) FROM information_schema.views WHERE table_schema = 'team'",
            &[],
        )
        .await
        .expect("views")
        .get(0);
    assert_eq!(published, i64::try_from(schema.len()).expect("count"));
}
