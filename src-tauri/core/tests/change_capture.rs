//! Change capture, as the team sync relies on it: every edit made on this
//! device is recorded with its version, and nothing else is.

mod support;

use std::sync::atomic::AtomicBool;

use mona_core::artists::import;
use mona_core::artists::{self, ArtistFields, ImportChoices};
use mona_core::{Database, capture};
use support::database;

fn new_artist(db: &Database, name: &str) -> String {
    let card = ArtistFields {
        name: name.to_owned(),
        ..ArtistFields::default()
    };
    artists::create(db, card).expect("create").id
}

/// (clock, site number, pending) of a row's birth.
fn birth(db: &Database, table: &str, id: &str) -> (i64, i64, i64) {
    db.read(|c| {
        Ok(c.query_row(
            "SELECT clock, site_num, pending FROM sync_rows WHERE tbl = ?1 AND id = ?2",
            [table, id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    })
    .expect("birth version")
}

/// Columns with a version of their own, with (clock, base clock, pending).
fn cells(db: &Database, id: &str) -> Vec<(String, i64, i64, i64)> {
    db.read(|c| {
        let mut statement = c.prepare(
            "SELECT col, clock, base_clock, pending FROM sync_cells WHERE id = ?1 ORDER BY col",
        )?;
        let rows =
            statement.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    })
    .expect("cell versions")
}

fn this_site(db: &Database) -> i64 {
    db.read(|c| Ok(c.query_row("SELECT site_num FROM sync_meta", [], |r| r.get(0))?))
        .expect("site")
}

/// What the sync does once the server has stored this device's changes.
fn acknowledge_everything(db: &Database) {
    db.write_uncaptured(|t| {
        t.execute_batch("UPDATE sync_rows SET pending = 0; UPDATE sync_cells SET pending = 0;")?;
        Ok(())
    })
    .expect("acknowledge");
}

fn rename_city(db: &Database, id: &str, city: &str) {
    let mut fields = artists::get(db, id).expect("card").fields;
    fields.city = Some(city.to_owned());
    artists::update(db, id, fields).expect("edit");
}

#[test]
fn every_table_is_synced_or_excluded_with_a_reason() {
    let (_folder, db) = database();
    let (tables, triggers) = db
        .read(|c| {
            let names = |sql: &str| -> rusqlite::Result<Vec<String>> {
                c.prepare(sql)?.query_map([], |r| r.get(0))?.collect()
            };
            Ok((
                names("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?,
                names("SELECT name FROM sqlite_schema WHERE type = 'trigger'")?,
            ))
        })
        .expect("schema");
    let mut synced = Vec::new();
    for table in &tables {
        if capture::exclusion(table).is_some() {
            continue;
        }
        for action in ["insert", "update", "delete"] {
            let trigger = format!("{table}__capture_{action}");
            assert!(
                triggers.contains(&trigger),
                "{table} is neither synced nor excluded: no {trigger}"
            );
        }
        synced.push(table.as_str());
    }
    for expected in [
        "artists",
        "sponsors",
        "mona_campaigns",
        "spark_events",
        "tasks",
        "users",
        "notifications",
    ] {
        assert!(synced.contains(&expected), "{expected} must sync");
    }
}

/// Two laptops making the same link offline must make one row: every
/// synced table whose schema says a row is unique by what it holds takes
/// its id from that (`mona_core::links`).
#[test]
fn every_table_unique_by_its_content_is_a_link_keyed_by_that_content() {
    let (_folder, db) = database();
    let unique: Vec<(String, Vec<String>)> = db
        .read(|c| {
            let tables: Vec<String> = c
                .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut unique = Vec::new();
            for table in tables.into_iter().filter(|t| capture::exclusion(t).is_none()) {
                let indexes: Vec<String> = c
                    .prepare(
                        "SELECT name FROM pragma_index_list(?1) WHERE \"unique\" AND origin <> 'pk'",
                    )?
                    .query_map([&table], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for index in indexes {
                    let columns: Vec<String> = c
                        .prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")?
                        .query_map([&index], |r| r.get(0))?
                        .collect::<rusqlite::Result<_>>()?;
                    unique.push((table.clone(), columns));
                }
            }
            Ok(unique)
        })
        .expect("schema");
    assert!(!unique.is_empty());
    for (table, columns) in &unique {
        let listed = mona_core::links::LINK_TABLES
            .iter()
            .find(|(name, _)| name == table)
            .map(|(_, key)| key.to_vec());
        assert_eq!(
            listed,
            Some(columns.iter().map(String::as_str).collect()),
            "{table} is unique by {columns:?}: make it a `links::Link` keyed by those columns"
        );
    }
}

#[test]
fn a_new_artist_is_born_on_this_device_and_waits_to_be_pushed() {
    let (_folder, db) = database();
    let id = new_artist(&db, "Élodie Mars");
    let (clock, site, pending) = birth(&db, "artists", &id);
    assert!(clock > 0);
    assert_eq!(site, this_site(&db));
    assert_eq!(pending, 1);
    assert!(
        cells(&db, &id).is_empty(),
        "a new row is one version, not one per cell"
    );
}

#[test]
fn an_imported_card_with_its_account_and_figure_waits_to_be_pushed() {
    let (_folder, db) = database();
    let sheet = "Nom;Instagram;Abonnés Instagram\r\nNoé Ferrand;@noe.ferrand;12 500\r\n";
    let mapping = import::read(sheet.as_bytes()).expect("read").mapping;
    import::import(
        &db,
        sheet.as_bytes(),
        &mapping,
        &ImportChoices::default(),
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .expect("import");
    let (artist, account, figure): (String, String, String) = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT a.id, s.id, f.id FROM artists a
                 JOIN social_accounts s ON s.artist_id = a.id
                 JOIN audience_figures f ON f.account_id = s.id",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?)
        })
        .expect("imported rows");
    let site = this_site(&db);
    let mut clocks = Vec::new();
    for (table, id) in [
        ("artists", &artist),
        ("social_accounts", &account),
        ("audience_figures", &figure),
    ] {
        let (clock, born_on, pending) = birth(&db, table, id);
        assert_eq!((born_on, pending), (site, 1), "{table}");
        clocks.push(clock);
    }
    assert!(clocks.iter().all(|&clock| clock > 0));
}

#[test]
fn an_edit_records_only_the_changed_cells_and_the_version_they_overwrote() {
    let (_folder, db) = database();
    let id = new_artist(&db, "Élodie Mars");
    let (born, _, _) = birth(&db, "artists", &id);
    acknowledge_everything(&db);

    rename_city(&db, &id, "Lyon");
    let changed = cells(&db, &id);
    let columns: Vec<&str> = changed.iter().map(|(col, ..)| col.as_str()).collect();
    assert!(columns.contains(&"city"), "{columns:?}");
    assert!(
        !columns.contains(&"name"),
        "an unchanged cell gets no version: {columns:?}"
    );
    let city = changed
        .iter()
        .find(|(col, ..)| col == "city")
        .expect("city");
    assert!(city.1 > born, "a later edit has a later clock");
    assert_eq!(city.2, born, "it overwrote the birth version");
    assert_eq!(city.3, 1, "it waits to be pushed");
}

#[test]
fn two_edits_before_a_push_travel_as_one_made_on_top_of_what_was_last_seen() {
    let (_folder, db) = database();
    let id = new_artist(&db, "Noé Lacroix");
    acknowledge_everything(&db);
    rename_city(&db, &id, "Lyon");
    let first = cells(&db, &id)
        .into_iter()
        .find(|(c, ..)| c == "city")
        .expect("city");
    acknowledge_everything(&db);

    rename_city(&db, &id, "Lille");
    rename_city(&db, &id, "Nantes");
    let last = cells(&db, &id)
        .into_iter()
        .find(|(c, ..)| c == "city")
        .expect("city");
    assert!(last.1 > first.1);
    assert_eq!(
        last.2, first.1,
        "based on the pushed Lyon, not on the unpushed Lille"
    );
}

#[test]
fn clocks_only_move_forward() {
    let (_folder, db) = database();
    let ids: Vec<String> = (0..20)
        .map(|i| new_artist(&db, &format!("Artiste {i}")))
        .collect();
    let clocks: Vec<i64> = ids.iter().map(|id| birth(&db, "artists", id).0).collect();
    assert!(clocks.windows(2).all(|w| w[0] < w[1]), "{clocks:?}");
}

#[test]
fn a_synced_row_cannot_be_erased_only_marked_deleted() {
    let (_folder, db) = database();
    let id = new_artist(&db, "Elsa Roux");
    let error = db
        .write(|t| {
            t.execute("DELETE FROM artists WHERE id = ?1", [&id])?;
            Ok(())
        })
        .expect_err("a physical delete would never reach the other devices");
    assert!(error.to_string().contains("soft-deleted"), "{error}");

    acknowledge_everything(&db);
    artists::delete(&db, &id).expect("soft delete");
    let changed = cells(&db, &id);
    assert!(
        changed.iter().any(|(c, ..)| c == "deleted_at"),
        "{changed:?}"
    );
}

#[test]
fn changes_that_came_from_elsewhere_are_not_recorded_as_this_devices_edits() {
    let (_folder, db) = database();
    let id = new_artist(&db, "Elsa Roux");
    acknowledge_everything(&db);
    db.write_uncaptured(|t| {
        t.execute("UPDATE artists SET city = 'Brest' WHERE id = ?1", [&id])?;
        Ok(())
    })
    .expect("apply");
    assert!(cells(&db, &id).is_empty());

    rename_city(&db, &id, "Rennes");
    assert!(!cells(&db, &id).is_empty(), "capture is back on afterwards");
}

#[test]
fn the_device_keeps_its_identity_across_restarts() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let site = |db: &Database| -> String {
        db.read(|c| {
            Ok(c.query_row(
                "SELECT s.site FROM sync_meta m JOIN sync_sites s ON s.num = m.site_num",
                [],
                |r| r.get(0),
            )?)
        })
        .expect("site")
    };
    let db = Database::open(folder.path()).expect("open");
    let first = site(&db);
    drop(db);
    let db = Database::open(folder.path()).expect("reopen");
    assert_eq!(site(&db), first);
}
