//! Change capture: every write to a synced table records which cell changed,
//! when (a hybrid logical clock) and on which device, in the same transaction.
//!
//! Why it exists: the team sync merges cell by cell and must know, for every
//! value, which version it is and which version it overwrote, also for writes
//! made offline for days. Recording that in SQLite triggers means no service
//! can forget to, and a crash can never separate a value from its version.
//!
//! Which tables are synced is decided by construction, not by a list to keep
//! up to date: every table is synced unless [`exclusion`] names why it is not
//! (device-local, derived, the sync's own bookkeeping). A synced table must
//! have an `id` primary key and a `deleted_at` column (rows are soft-deleted,
//! so a deletion is an edit that syncs like any other); opening a database
//! whose schema breaks that rule fails with [`CaptureError`]. The triggers are
//! derived from the schema each time the database opens and rewritten only
//! when they differ, so a table added by a later migration is captured from
//! its first row.
//!
//! Capture is switched off (see [`CAPTURING_FUNCTION`]) while migrations run (a
//! backfilled default is not an edit) and while the sync applies changes that
//! came from other devices (they are not this device's edits).

use std::collections::HashMap;

use rusqlite::Connection;

use crate::ids;

/// The SQL function the triggers ask whether this connection captures
/// (a [`crate::storage`] switch, off while migrating and for remote changes).
pub(crate) const CAPTURING_FUNCTION: &str = "mona_capturing";
/// The SQL function giving the wall clock in milliseconds (`storage`); the
/// capture triggers of files opened by earlier builds still name it.
pub(crate) const WALL_CLOCK_FUNCTION: &str = "mona_wall_ms";
/// The SQL function that advances the capture's clock and gives its new
/// value: later than every value issued or seen, and not behind the wall
/// clock (`storage::CaptureClock`).
pub(crate) const TICK_FUNCTION: &str = "mona_tick";
/// The SQL function giving the capture's clock as the last tick left it.
pub(crate) const CLOCK_FUNCTION: &str = "mona_clock";
/// The SQL function giving this device's number in `sync_sites`.
pub(crate) const SITE_FUNCTION: &str = "mona_site";

/// Why a table is not synced, or `None` when it is.
pub fn exclusion(table: &str) -> Option<&'static str> {
    if table.starts_with("sqlite_") || table == "refinery_schema_history" {
        Some("kept by SQLite or by the migration runner")
    } else if table.starts_with("device_") {
        Some("local to this device by naming convention")
    } else if table.starts_with("sync_") {
        Some("the sync's own bookkeeping")
    } else if table == "artist_list" || table.starts_with("artists_fts") {
        Some("derived from `artists` by triggers on every device")
    } else {
        None
    }
}

/// A schema the capture cannot cover.
#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    #[error(
        "table {table} is synced but has no {column} column; add it or name the table in `capture::exclusion`"
    )]
    MissingColumn { table: String, column: &'static str },
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

/// A synced table and the columns its triggers watch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncedTable {
    pub name: String,
    /// Every column but `id`, in schema order.
    pub columns: Vec<String>,
}

/// Every synced table of the schema, in name order.
///
/// The sync asks on every push, pull and conflict, so it is one cached
/// statement over the schema and its columns, not a statement per table.
pub fn synced_tables(connection: &Connection) -> Result<Vec<SyncedTable>, CaptureError> {
    let mut statement = connection.prepare_cached(
        "SELECT t.name, c.name FROM sqlite_schema t, pragma_table_info(t.name) c
         WHERE t.type = 'table' AND t.sql NOT LIKE 'CREATE VIRTUAL TABLE%'
         ORDER BY t.name, c.cid",
    )?;
    let mut rows = statement.query([])?;
    let mut all: Vec<(String, Vec<String>)> = Vec::new();
    while let Some(row) = rows.next()? {
        let (table, column): (String, String) = (row.get(0)?, row.get(1)?);
        match all.last_mut() {
            Some((name, columns)) if *name == table => columns.push(column),
            _ => all.push((table, vec![column])),
        }
    }
    let mut tables = Vec::new();
    for (name, columns) in all.into_iter().filter(|(n, _)| exclusion(n).is_none()) {
        for required in ["id", "deleted_at"] {
            if !columns.iter().any(|c| c == required) {
                return Err(CaptureError::MissingColumn {
                    table: name,
                    column: required,
                });
            }
        }
        let columns = columns.into_iter().filter(|c| c != "id").collect();
        tables.push(SyncedTable { name, columns });
    }
    Ok(tables)
}

/// Gives the device its identity on first use, then makes every synced
/// table's triggers match the schema. A table whose triggers had to be
/// (re)made gets a birth version for the rows it already held, at clock 0 so
/// that any version from another device is newer. Returns the synced tables.
pub(crate) fn install(connection: &Connection) -> Result<Vec<SyncedTable>, CaptureError> {
    if !crate::storage::has_table(connection, "sync_meta")? {
        // A schema older than V3 (only the upgrade tests open one).
        return Ok(Vec::new());
    }
    let site_num: Option<i64> =
        connection.query_row("SELECT site_num FROM sync_meta", [], |r| r.get(0))?;
    if site_num.is_none() {
        connection.execute("INSERT INTO sync_sites (site) VALUES (?1)", [ids::new_id()])?;
        connection.execute("UPDATE sync_meta SET site_num = last_insert_rowid()", [])?;
    }
    let existing: HashMap<String, String> = connection
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let tables = synced_tables(connection)?;
    for table in &tables {
        let wanted = triggers(table);
        if wanted
            .iter()
            .all(|(name, sql)| existing.get(name) == Some(sql))
        {
            continue;
        }
        for (name, sql) in &wanted {
            connection.execute_batch(&format!("DROP TRIGGER IF EXISTS {name};"))?;
            connection.execute_batch(sql)?;
        }
        connection.execute(
            &format!(
                "INSERT INTO sync_rows (tbl, id, clock, site_num, pending)
                 SELECT ?1, t.id, 0, m.site_num, 1 FROM \"{table}\" t, sync_meta m
                 WHERE NOT EXISTS (SELECT 1 FROM sync_rows r WHERE r.tbl = ?1 AND r.id = t.id)",
                table = table.name
            ),
            [&table.name],
        )?;
    }
    Ok(tables)
}

/// The three triggers of a synced table, as (name, SQL) pairs.
fn triggers(table: &SyncedTable) -> [(String, String); 3] {
    let t = &table.name;
    // The clock ticks once per written row, in Rust: the tick was an UPDATE
    // of `sync_meta` per row, about 13 % of an import's time; the value is
    // loaded from and saved to `sync_meta` once per write (`storage`).
    let inserted = format!(
        "CREATE TRIGGER {t}__capture_insert AFTER INSERT ON \"{t}\" WHEN {CAPTURING_FUNCTION}() BEGIN
    INSERT INTO sync_rows (tbl, id, clock, site_num, pending)
    VALUES ('{t}', NEW.id, {TICK_FUNCTION}(), {SITE_FUNCTION}(), 1)
    ON CONFLICT (tbl, id) DO UPDATE SET clock = excluded.clock, site_num = excluded.site_num, pending = 1;
END"
    );
    // One statement for the whole edit: a row per changed column, from a
    // list of constant-false arms for the unchanged ones. A statement per
    // column made the schema (parsed by every connection the app opens)
    // ten times larger, and each edit ran one statement per column.
    let changed: String = table
        .columns
        .iter()
        .map(|c| format!("SELECT '{c}' AS col WHERE NEW.\"{c}\" IS NOT OLD.\"{c}\""))
        .collect::<Vec<_>>()
        .join("\n        UNION ALL ");
    // A cell's first version is based on the row's birth. A later one is
    // based on the version it replaces, unless that one was not pushed yet:
    // then it is replaced, not overwritten, and keeps its base, so others see
    // one edit made on top of what this device had last seen. (The upsert's
    // SET reads the stored row as it was, so reading `sync_cells` in the
    // SELECT, which made SQLite copy the rows aside first, is not needed.)
    // Every changed cell of the edit has the one tick of the edit.
    let updated = format!(
        "CREATE TRIGGER {t}__capture_update AFTER UPDATE ON \"{t}\" WHEN {CAPTURING_FUNCTION}() BEGIN
    SELECT {TICK_FUNCTION}();
    INSERT INTO sync_cells (tbl, id, col, clock, site_num, base_clock, base_site_num, pending)
    SELECT '{t}', NEW.id, x.col, {CLOCK_FUNCTION}(), {SITE_FUNCTION}(), coalesce(r.clock, 0), r.site_num, 1
    FROM ({changed}) x
    LEFT JOIN sync_rows r ON r.tbl = '{t}' AND r.id = NEW.id
    WHERE true
    ON CONFLICT (tbl, id, col) DO UPDATE SET clock = excluded.clock, site_num = excluded.site_num,
        base_clock = CASE WHEN pending = 1 THEN base_clock ELSE clock END,
        base_site_num = CASE WHEN pending = 1 THEN base_site_num ELSE site_num END,
        pending = 1;
END"
    );
    let deleted = format!(
        "CREATE TRIGGER {t}__capture_delete BEFORE DELETE ON \"{t}\" WHEN {CAPTURING_FUNCTION}() BEGIN
    SELECT RAISE(ABORT, 'rows of {t} are soft-deleted (set deleted_at), so that the deletion syncs');
END"
    );
    [
        (format!("{t}__capture_insert"), inserted),
        (format!("{t}__capture_update"), updated),
        (format!("{t}__capture_delete"), deleted),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_local_derived_and_bookkeeping_tables_are_not_synced() {
        for table in [
            "device_settings",
            "sync_cells",
            "artist_list",
            "artists_fts_data",
            "refinery_schema_history",
        ] {
            assert!(exclusion(table).is_some(), "{table} should not sync");
        }
        for table in ["artists", "tasks", "sponsors", "a_table_added_later"] {
            assert_eq!(exclusion(table), None, "{table} should sync");
        }
    }
}
