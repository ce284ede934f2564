//! This device's copy of the team's data, as the sync sees it: what it must
//! send ([`outbox`]), what the server answered ([`acknowledge`]) and what
//! other devices wrote ([`apply_pulled`], [`apply_snapshot`]).
//!
//! Why it exists: the sync crate speaks to PostgreSQL but never to SQLite;
//! every statement on the local file lives here, next to the change capture
//! that records the versions it reads.
//!
//! The rules that keep a device from losing anything:
//! - A row with edits not yet acknowledged by the server is never touched by
//!   remote data. The server merges those edits when they arrive and its
//!   answer brings the row up to date ([`acknowledge`]).
//! - Remote values are applied cell by cell, last writer wins by version
//!   (clock, then site), so applying the same change twice or in another
//!   order gives the same row.
//! - A page of remote changes is applied in one transaction together with the
//!   feed position that follows it: after a crash the page is either wholly
//!   applied with its position or not at all.
//! - Values for columns this version of the app does not know are parked, not
//!   dropped, and applied when the upgrade that adds them opens the file.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::capture::SyncedTable;
use crate::{Database, Error};

/// Which write of which device a value is. Versions are totally ordered:
/// by clock, then by site, so every device picks the same winner.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Version {
    /// Hybrid logical clock: wall milliseconds << 16 | counter.
    pub clock: i64,
    pub site: String,
}

impl Version {
    /// Milliseconds since 1970 of the clock's wall part.
    pub fn wall_ms(&self) -> i64 {
        self.clock >> 16
    }
}

/// One cell's value and version. Values are JSON: null, integer, real or text
/// (SQLite's types; blobs are not used by synced tables).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub value: Value,
    pub version: Version,
}

/// A row as the server holds it, or the part of it a change touched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemoteRow {
    pub table: String,
    pub id: String,
    pub birth: Version,
    pub cells: BTreeMap<String, Cell>,
}

/// A row the server purged, with the birth it had there: a device erases
/// it, and remembers that no copy of it born then or earlier may come back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Erased {
    pub table: String,
    pub id: String,
    pub birth: Version,
}

/// A cell written on this device and not yet acknowledged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CellEdit {
    pub value: Value,
    pub version: Version,
    /// The version this edit overwrote, as this device knew it; `None` for
    /// the cells of a row born here and sent with its birth.
    pub base: Option<Version>,
}

/// A row's local edits, as sent to the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutgoingRow {
    pub table: String,
    pub id: String,
    /// Set when the row was born here and the server has not acknowledged it.
    pub birth: Option<Version>,
    pub cells: BTreeMap<String, CellEdit>,
    /// Versions of cells this device did not edit, as it last saw them. For
    /// an edit, the `deleted_at` version (an edit of a row someone else
    /// deleted meanwhile is a delete/update conflict); for a deletion, every
    /// cell (a cell edited meanwhile by someone else is an update/delete
    /// conflict).
    pub seen: BTreeMap<String, Version>,
}

impl OutgoingRow {
    /// Whether this change deletes the row.
    pub fn deletes(&self) -> bool {
        self.cells
            .get("deleted_at")
            .is_some_and(|c| !c.value.is_null())
    }
}

/// Everything this device sends in one push.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    pub site: String,
    pub rows: Vec<OutgoingRow>,
    /// Every local write with a clock up to this one is in `rows`: the server
    /// remembers it as what it has acknowledged of this site.
    pub up_to: i64,
}

/// Where a device stands with its server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub server_epoch: Option<String>,
    pub workspace: Option<String>,
    pub cursor: FeedPosition,
    pub snapshot_done: bool,
    /// The last row copied by an unfinished first copy, as (table, id).
    pub snapshot_after: Option<(String, String)>,
    pub acked_clock: i64,
    /// The newest clock this file ever tried to push: with `acked_clock`,
    /// the most of this device the server can hold unless another copy of
    /// the file synced too.
    pub push_intent: i64,
}

/// A position in the server's change feed: (transaction id, sequence). The
/// transaction id is PostgreSQL's 64-bit `xid8`, kept as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedPosition {
    pub xid: String,
    pub seq: i64,
}

impl FeedPosition {
    /// Whether this position comes before `other` (transaction ids compare
    /// as numbers, not as text).
    pub fn is_before(&self, other: &FeedPosition) -> bool {
        let xid = |p: &FeedPosition| p.xid.parse::<u64>().unwrap_or(0);
        (xid(self), self.seq) < (xid(other), other.seq)
    }

    pub fn start() -> FeedPosition {
        FeedPosition {
            xid: "0".into(),
            seq: 0,
        }
    }
}

/// This device's site id.
pub fn site(db: &Database) -> Result<String, Error> {
    db.read(|c| {
        Ok(c.query_row(
            "SELECT s.site FROM sync_meta m JOIN sync_sites s ON s.num = m.site_num",
            [],
            |r| r.get(0),
        )?)
    })
}

/// How many rows hold edits not yet acknowledged by the server.
pub fn pending_rows(db: &Database) -> Result<i64, Error> {
    db.read(|c| {
        Ok(c.query_row(
            "SELECT count(*) FROM (SELECT tbl, id FROM sync_rows WHERE pending = 1
                                   UNION SELECT tbl, id FROM sync_cells WHERE pending = 1)",
            [],
            |r| r.get(0),
        )?)
    })
}

/// The device's link to its server.
pub fn link(db: &Database) -> Result<Link, Error> {
    db.read(read_link)
}

fn read_link(c: &Connection) -> Result<Link, Error> {
    Ok(c.query_row(
        "SELECT server_epoch, workspace, cursor_xid, cursor_seq, snapshot_done,
                snapshot_table, snapshot_id, acked_clock, push_intent FROM sync_link",
        [],
        |r| {
            let table: Option<String> = r.get(5)?;
            let id: Option<String> = r.get(6)?;
            Ok(Link {
                server_epoch: r.get(0)?,
                workspace: r.get(1)?,
                cursor: FeedPosition {
                    xid: r.get(2)?,
                    seq: r.get(3)?,
                },
                snapshot_done: r.get(4)?,
                snapshot_after: table.zip(id),
                acked_clock: r.get(7)?,
                push_intent: r.get(8)?,
            })
        },
    )?)
}

/// Binds this device to a server (epoch) and workspace. A device bound to
/// another epoch (the server was rebuilt or restored from a dump) starts
/// over: it copies the server's state again and sends everything it holds,
/// so nothing the new server lacks is lost.
pub fn bind(db: &Database, server_epoch: &str, workspace: &str) -> Result<(), Error> {
    db.write_uncaptured(|t| {
        let link = read_link(t)?;
        if link.server_epoch.as_deref() == Some(server_epoch) {
            return Ok(());
        }
        if link.server_epoch.is_some() {
            t.execute_batch(
                "UPDATE sync_rows SET pending = 1; UPDATE sync_cells SET pending = 1;",
            )?;
        }
        t.execute(
            "UPDATE sync_link SET server_epoch = ?1, workspace = ?2, cursor_xid = '0',
                cursor_seq = 0, snapshot_table = NULL, snapshot_id = NULL, snapshot_done = 0,
                acked_clock = 0, push_intent = 0",
            params![server_epoch, workspace],
        )?;
        Ok(())
    })
}

/// Sends everything this device holds again at the next push: for a server
/// that lost some of what it had acknowledged (restored from an older dump).
/// `server_acked_clock` is what the server still holds of this device.
pub fn resend_everything(db: &Database, server_acked_clock: i64) -> Result<(), Error> {
    db.write_uncaptured(|t| {
        mark_everything_pending(t)?;
        t.execute(
            "UPDATE sync_link SET acked_clock = ?1",
            [server_acked_clock],
        )?;
        Ok(())
    })
}

fn mark_everything_pending(t: &Connection) -> Result<(), Error> {
    t.execute_batch("UPDATE sync_rows SET pending = 1; UPDATE sync_cells SET pending = 1;")?;
    Ok(())
}

/// Makes the next round copy the server's state again: the server's feed
/// no longer starts early enough for this device (a purge dropped what it
/// had not read). Unsent writes stay and are pushed as usual.
pub fn copy_again(db: &Database) -> Result<(), Error> {
    db.write_uncaptured(|t| {
        t.execute(
            "UPDATE sync_link SET snapshot_done = 0, snapshot_table = NULL, snapshot_id = NULL",
            [],
        )?;
        Ok(())
    })
}

/// Erases rows the server purged, with their versions, unless they hold
/// writes not sent yet (those reach the server first, and come back erased)
/// or were born again after the birth the server names.
/// The key and its birth stay in `sync_purged`, so that an old copy of the
/// row arriving later is not applied (see [`apply_rows`]): the birth this
/// device held, or else the one the server names (`None` when this device
/// found out by itself, from a push, and so holds the row). A key is
/// remembered even when this device never held the row: a page it lost in
/// a crash, delivered again, must not bring the row back.
fn erase(
    t: &Transaction<'_>,
    synced: &[SyncedTable],
    keys: &[(String, String, Option<Version>)],
) -> Result<(), Error> {
    if keys.is_empty() {
        return Ok(());
    }
    let tables: HashSet<&str> = synced.iter().map(|t| t.name.as_str()).collect();
    for (table, id, named_birth) in keys {
        // Only tables of this schema: the name comes from the server.
        if !tables.contains(table.as_str()) {
            continue;
        }
        let pending: bool = t.query_row(
            "SELECT EXISTS (SELECT 1 FROM sync_rows WHERE tbl = ?1 AND id = ?2 AND pending = 1)
                 OR EXISTS (SELECT 1 FROM sync_cells WHERE tbl = ?1 AND id = ?2 AND pending = 1)",
            params![table, id],
            |r| r.get(0),
        )?;
        if pending {
            continue;
        }
        let held: Option<Version> = t
            .query_row(
                "SELECT r.clock, s.site FROM sync_rows r JOIN sync_sites s ON s.num = r.site_num
                 WHERE r.tbl = ?1 AND r.id = ?2",
                params![table, id],
                |r| {
                    Ok(Version {
                        clock: r.get(0)?,
                        site: r.get(1)?,
                    })
                },
            )
            .optional()?;
        if let (Some(held), Some(named)) = (&held, named_birth)
            && held > named
        {
            // Born again after the purge (this device already holds the new
            // row, from a push's answer or a copy): the purge was of the
            // old row only.
            continue;
        }
        if let Some(birth) = held.or_else(|| named_birth.clone()) {
            t.execute(
                "INSERT INTO sync_purged (tbl, id, birth_clock, birth_site) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (tbl, id) DO UPDATE SET birth_clock = excluded.birth_clock,
                     birth_site = excluded.birth_site",
                params![table, id, birth.clock, birth.site],
            )?;
        }
        t.execute(&format!("DELETE FROM \"{table}\" WHERE id = ?1"), [id])?;
        for versions in ["sync_rows", "sync_cells", "sync_parked"] {
            t.execute(
                &format!("DELETE FROM {versions} WHERE tbl = ?1 AND id = ?2"),
                params![table, id],
            )?;
        }
    }
    Ok(())
}

/// Records that writes up to `up_to` are about to be pushed, before they
/// are; returns the most of this device the server may hold if no other
/// copy of this file synced: what it acknowledged or was sent before.
pub fn intend_push(db: &Database, up_to: i64) -> Result<i64, Error> {
    db.write_uncaptured(|t| {
        let link = read_link(t)?;
        t.execute(
            "UPDATE sync_link SET push_intent = max(push_intent, ?1)",
            [up_to],
        )?;
        Ok(link.acked_clock.max(link.push_intent))
    })
}

/// Gives this file a new identity: it is a copy (or an older backup) of a
/// device that kept syncing under the same one. Its unsent writes move to
/// the new identity so that the server does not take them for writes it
/// already holds; what the server acknowledged stays under the old one.
/// Returns the new site id.
pub fn take_new_identity(db: &Database) -> Result<String, Error> {
    db.write_uncaptured(|t| {
        let site = crate::ids::new_id();
        t.execute("INSERT INTO sync_sites (site) VALUES (?1)", [&site])?;
        let new_num: i64 =
            t.query_row("SELECT num FROM sync_sites WHERE site = ?1", [&site], |r| {
                r.get(0)
            })?;
        let old_num: i64 = t.query_row("SELECT site_num FROM sync_meta", [], |r| r.get(0))?;
        t.execute("UPDATE sync_meta SET site_num = ?1", [new_num])?;
        for table in ["sync_rows", "sync_cells"] {
            t.execute(
                &format!("UPDATE {table} SET site_num = ?1 WHERE site_num = ?2 AND pending = 1"),
                [new_num, old_num],
            )?;
        }
        t.execute("UPDATE sync_link SET acked_clock = 0, push_intent = 0", [])?;
        Ok(site)
    })
}

/// The oldest local edits, at most `max_rows` rows of them (a row born here
/// travels with all its cells).
pub fn outbox(db: &Database, max_rows: usize) -> Result<Outbox, Error> {
    db.read(|c| {
        let site = c.query_row(
            "SELECT s.site FROM sync_meta m JOIN sync_sites s ON s.num = m.site_num",
            [],
            |r| r.get::<_, String>(0),
        )?;
        let limit = i64::try_from(max_rows.max(1)).unwrap_or(i64::MAX);
        // The clock below which everything is taken: the oldest pending
        // write of the `max_rows`-th row, in the order rows were first
        // written, or the newest pending write.
        let up_to: Option<i64> = c
            .prepare_cached(
                "SELECT max(clock) FROM (
                     SELECT min(clock) AS clock FROM (
                         SELECT tbl, id, clock FROM sync_rows WHERE pending = 1
                         UNION ALL SELECT tbl, id, clock FROM sync_cells WHERE pending = 1)
                     GROUP BY tbl, id ORDER BY 1 LIMIT ?1)",
            )?
            .query_row([limit], |r| r.get(0))?;
        let Some(up_to) = up_to else {
            return Ok(Outbox {
                site,
                rows: Vec::new(),
                up_to: 0,
            });
        };
        // Every pending write up to `up_to` must travel in this push (the
        // server then counts them all as stored); a row taken brings all its
        // pending writes, which may move `up_to` further.
        let mut up_to = up_to;
        let rows = loop {
            let keys: Vec<(String, String)> = c
                .prepare_cached(
                    "SELECT tbl, id FROM sync_rows WHERE pending = 1 AND clock <= ?1
                     UNION SELECT tbl, id FROM sync_cells WHERE pending = 1 AND clock <= ?1
                     ORDER BY 1, 2",
                )?
                .query_map([up_to], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut rows = Vec::with_capacity(keys.len());
            for (table, id) in keys {
                if let Some(row) = outgoing_row(c, &table, &id)? {
                    rows.push(row);
                }
            }
            let newest = rows
                .iter()
                .flat_map(|r: &OutgoingRow| {
                    r.cells
                        .values()
                        .map(|e| e.version.clock)
                        .chain(r.birth.iter().map(|b| b.clock))
                })
                .max()
                .unwrap_or(up_to);
            if newest <= up_to {
                break rows;
            }
            up_to = newest;
        };
        Ok(Outbox { site, rows, up_to })
    })
}

/// The birth and cell versions of one row as recorded here.
struct LocalVersions {
    birth: Version,
    birth_pending: bool,
    /// column → (version, base, pending)
    cells: HashMap<String, (Version, Option<Version>, bool)>,
}

fn local_versions(c: &Connection, table: &str, id: &str) -> Result<Option<LocalVersions>, Error> {
    let birth = c
        .prepare_cached(
            "SELECT r.clock, s.site, r.pending FROM sync_rows r JOIN sync_sites s ON s.num = r.site_num
             WHERE r.tbl = ?1 AND r.id = ?2",
        )?
        .query_row([table, id],
            |r| {
                Ok((
                    Version {
                        clock: r.get(0)?,
                        site: r.get(1)?,
                    },
                    r.get::<_, bool>(2)?,
                ))
            },
        )
        .optional()?;
    let Some((birth, birth_pending)) = birth else {
        return Ok(None);
    };
    let mut statement = c.prepare_cached(
        "SELECT c.col, c.clock, s.site, c.base_clock, b.site, c.pending
         FROM sync_cells c JOIN sync_sites s ON s.num = c.site_num
         LEFT JOIN sync_sites b ON b.num = c.base_site_num
         WHERE c.tbl = ?1 AND c.id = ?2",
    )?;
    let cells = statement
        .query_map([table, id], |r| {
            let base_site: Option<String> = r.get(4)?;
            Ok((
                r.get::<_, String>(0)?,
                (
                    Version {
                        clock: r.get(1)?,
                        site: r.get(2)?,
                    },
                    base_site.map(|site| Version {
                        clock: r.get(3).unwrap_or(0),
                        site,
                    }),
                    r.get::<_, bool>(5)?,
                ),
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(LocalVersions {
        birth,
        birth_pending,
        cells,
    }))
}

fn outgoing_row(c: &Connection, table: &str, id: &str) -> Result<Option<OutgoingRow>, Error> {
    let Some(versions) = local_versions(c, table, id)? else {
        return Ok(None);
    };
    let Some(values) = row_values(c, table, id)? else {
        return Ok(None);
    };
    let mut cells = BTreeMap::new();
    let mut seen = BTreeMap::new();
    for (column, value) in values {
        match versions.cells.get(&column) {
            Some((version, base, true)) => {
                let base = if versions.birth_pending {
                    None
                } else {
                    base.clone()
                };
                cells.insert(
                    column,
                    CellEdit {
                        value,
                        version: version.clone(),
                        base,
                    },
                );
            }
            known => {
                let version = known.map_or(&versions.birth, |(v, _, _)| v).clone();
                if versions.birth_pending {
                    cells.insert(
                        column,
                        CellEdit {
                            value,
                            version,
                            base: None,
                        },
                    );
                } else {
                    seen.insert(column, version);
                }
            }
        }
    }
    let mut row = OutgoingRow {
        table: table.to_owned(),
        id: id.to_owned(),
        birth: versions.birth_pending.then_some(versions.birth),
        cells,
        seen,
    };
    if row.deletes() {
        // Values of columns this version of the app does not have were
        // deleted with the row too, as they were held here.
        let mut statement = c.prepare_cached(
            "SELECT col, clock, site FROM sync_parked WHERE tbl = ?1 AND id = ?2",
        )?;
        let parked = statement.query_map([table, id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Version {
                    clock: r.get(1)?,
                    site: r.get(2)?,
                },
            ))
        })?;
        for cell in parked {
            let (column, version) = cell?;
            row.seen.entry(column).or_insert(version);
        }
    } else {
        row.seen.retain(|column, _| column == "deleted_at");
    }
    Ok(Some(row))
}

/// Rows' values by column, by (table, id).
pub type Contents = HashMap<(String, String), serde_json::Map<String, Value>>;

/// The whole content (every column but `id`) of the rows of `keys` this
/// device holds: what a conflict about a row gone from the server keeps, so
/// that the row can be brought back with its content.
pub fn contents(db: &Database, keys: &[(String, String)]) -> Result<Contents, Error> {
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    db.read(|c| {
        let tables: HashSet<&str> = db.synced_tables().iter().map(|t| t.name.as_str()).collect();
        let mut found = HashMap::new();
        for (table, id) in keys
            .iter()
            .filter(|(table, _)| tables.contains(table.as_str()))
        {
            if let Some(values) = row_values(c, table, id)? {
                found.insert((table.clone(), id.clone()), values.into_iter().collect());
            }
        }
        Ok(found)
    })
}

/// A row's values by column name (without `id`), or `None` when it is gone.
fn row_values(
    c: &Connection,
    table: &str,
    id: &str,
) -> Result<Option<Vec<(String, Value)>>, Error> {
    let mut statement = c.prepare_cached(&format!("SELECT * FROM \"{table}\" WHERE id = ?1"))?;
    let names: Vec<String> = statement
        .column_names()
        .into_iter()
        .map(str::to_owned)
        .collect();
    let mut rows = statement.query([id])?;
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    let mut values = Vec::with_capacity(names.len());
    for (index, name) in names.into_iter().enumerate() {
        if name != "id" {
            values.push((name, json_value(row.get::<_, SqlValue>(index)?)));
        }
    }
    Ok(Some(values))
}

fn json_value(value: SqlValue) -> Value {
    match value {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => Value::from(i),
        SqlValue::Real(f) => Value::from(f),
        SqlValue::Text(s) => Value::String(s),
        SqlValue::Blob(bytes) => Value::from(bytes),
    }
}

/// A JSON cell value as the SQLite value it stands for.
pub(crate) fn sql_value(value: &Value) -> SqlValue {
    match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(SqlValue::Integer)
            .or_else(|| n.as_f64().map(SqlValue::Real))
            .unwrap_or(SqlValue::Null),
        Value::String(s) => SqlValue::Text(s.clone()),
        Value::Array(items) => SqlValue::Blob(
            items
                .iter()
                .filter_map(|i| i.as_u64().and_then(|b| u8::try_from(b).ok()))
                .collect(),
        ),
        Value::Object(_) => SqlValue::Text(value.to_string()),
    }
}

/// Records that the server stored `sent`, then brings the sent rows up to
/// date with the server's merged state (`merged`). A cell edited again since
/// `sent` was read stays pending, now based on the version the server has.
pub fn acknowledge(db: &Database, sent: &Outbox, merged: &[RemoteRow]) -> Result<(), Error> {
    db.write_uncaptured(|t| {
        let mut sites = Sites::default();
        for row in &sent.rows {
            if let Some(birth) = &row.birth {
                let site = sites.num(t, &birth.site)?;
                t.execute(
                    "UPDATE sync_rows SET pending = 0
                     WHERE tbl = ?1 AND id = ?2 AND clock = ?3 AND site_num = ?4",
                    params![row.table, row.id, birth.clock, site],
                )?;
            }
            for (column, edit) in &row.cells {
                let site = sites.num(t, &edit.version.site)?;
                t.execute(
                    "UPDATE sync_cells SET
                        pending = NOT (clock = ?4 AND site_num = ?5),
                        base_clock = CASE WHEN clock = ?4 AND site_num = ?5 THEN base_clock ELSE ?4 END,
                        base_site_num = CASE WHEN clock = ?4 AND site_num = ?5 THEN base_site_num ELSE ?5 END
                     WHERE tbl = ?1 AND id = ?2 AND col = ?3 AND pending = 1",
                    params![row.table, row.id, column, edit.version.clock, site],
                )?;
            }
        }
        t.execute(
            "UPDATE sync_link SET acked_clock = max(acked_clock, ?1)",
            [sent.up_to],
        )?;
        apply_rows(t, db.synced_tables(), &mut sites, merged)?;
        // A sent row the server does not hold was purged there: the edit is
        // kept as a conflict, and the row leaves this device too.
        let held: HashSet<(&str, &str)> = merged
            .iter()
            .map(|r| (r.table.as_str(), r.id.as_str()))
            .collect();
        let gone: Vec<(String, String, Option<Version>)> = sent
            .rows
            .iter()
            .filter(|r| !held.contains(&(r.table.as_str(), r.id.as_str())))
            .map(|r| (r.table.clone(), r.id.clone(), None))
            .collect();
        erase(t, db.synced_tables(), &gone)?;
        Ok(())
    })
}

fn named<'a>(
    erased: impl IntoIterator<Item = &'a Erased>,
) -> Vec<(String, String, Option<Version>)> {
    erased
        .into_iter()
        .map(|e| (e.table.clone(), e.id.clone(), Some(e.birth.clone())))
        .collect()
}

/// Applies one page of the server's change feed and moves the cursor past
/// it, in one transaction.
/// `erased` are rows the server purged (a purge only follows every change of
/// its rows, so they are erased before the page's rows are applied).
pub fn apply_pulled(
    db: &Database,
    rows: &[RemoteRow],
    erased: &[Erased],
    next: &FeedPosition,
) -> Result<(), Error> {
    db.write_uncaptured(|t| {
        erase(t, db.synced_tables(), &named(erased))?;
        apply_rows(t, db.synced_tables(), &mut Sites::default(), rows)?;
        let touched = || rows.iter().map(|row| (row.table.as_str(), row.id.as_str()));
        crate::pipeline::refresh_for_rows(t, touched())?;
        crate::scoring::refresh_for_rows(t, touched())?;
        t.execute(
            "UPDATE sync_link SET cursor_xid = ?1, cursor_seq = ?2",
            params![next.xid, next.seq],
        )?;
        Ok(())
    })
}

/// Applies one page of a first copy of the server's state and records how
/// far the copy went; `start` is the feed position the copy is consistent
/// with, `done` says this was the last page. `erased` are the rows the
/// server purged (the same list with every page): a device copying again
/// erases them, those in a page before applying it, the rest with the last
/// page.
pub fn apply_snapshot(
    db: &Database,
    rows: &[RemoteRow],
    erased: &[Erased],
    start: &FeedPosition,
    done: bool,
) -> Result<(), Error> {
    // The derived tables are rebuilt once, with the last page (and at the
    // next open if the copy was interrupted: `finish_interrupted_copy`).
    db.write_bulk(|t| {
        // A row of this page the server purged and then got back (a conflict
        // restored) is a new row: the old one this device may still hold
        // goes first, so nothing of it outlives the purge.
        let in_page: HashSet<(&str, &str)> = rows
            .iter()
            .map(|r| (r.table.as_str(), r.id.as_str()))
            .collect();
        let born_again = erased
            .iter()
            .filter(|e| in_page.contains(&(e.table.as_str(), e.id.as_str())));
        erase(t, db.synced_tables(), &named(born_again))?;
        apply_rows(t, db.synced_tables(), &mut Sites::default(), rows)?;
        let last = rows.last();
        t.execute(
            "UPDATE sync_link SET
                snapshot_table = coalesce(?1, snapshot_table), snapshot_id = coalesce(?2, snapshot_id),
                snapshot_done = ?3,
                cursor_xid = CASE WHEN snapshot_table IS NULL THEN ?4 ELSE cursor_xid END,
                cursor_seq = CASE WHEN snapshot_table IS NULL THEN ?5 ELSE cursor_seq END",
            params![
                last.map(|r| &r.table),
                last.map(|r| &r.id),
                done,
                start.xid,
                start.seq
            ],
        )?;
        if done {
            erase(t, db.synced_tables(), &named(erased))?;
            crate::artists::rebuild_derived(t)?;
        }
        Ok(())
    })
}

/// What the replica finishes when the database opens: the derived tables of
/// a first copy that stopped halfway (its pages are applied without them),
/// and the parked values of columns an upgrade just added.
pub(crate) fn resume_at_open(db: &Database) -> Result<(), Error> {
    db.write_uncaptured(|t| {
        if !crate::storage::has_table(t, "sync_link")? {
            // A schema older than V4 (only the upgrade tests open one).
            return Ok(());
        }
        let interrupted: bool = t.query_row(
            "SELECT snapshot_done = 0 AND snapshot_table IS NOT NULL FROM sync_link",
            [],
            |r| r.get(0),
        )?;
        if interrupted {
            crate::artists::rebuild_derived(t)?;
        }
        unpark(t, db.synced_tables())
    })
}

/// Site ids to their local numbers, remembered for one transaction.
#[derive(Default)]
struct Sites(HashMap<String, i64>);

impl Sites {
    fn num(&mut self, t: &Connection, site: &str) -> Result<i64, Error> {
        if let Some(num) = self.0.get(site) {
            return Ok(*num);
        }
        t.execute(
            "INSERT INTO sync_sites (site) VALUES (?1) ON CONFLICT (site) DO NOTHING",
            [site],
        )?;
        let num = t.query_row("SELECT num FROM sync_sites WHERE site = ?1", [site], |r| {
            r.get(0)
        })?;
        self.0.insert(site.to_owned(), num);
        Ok(num)
    }
}

fn apply_rows(
    t: &Transaction<'_>,
    synced: &[SyncedTable],
    sites: &mut Sites,
    rows: &[RemoteRow],
) -> Result<(), Error> {
    let columns: HashMap<&str, HashSet<&str>> = synced
        .iter()
        .map(|table| {
            let columns = table.columns.iter().map(String::as_str).collect();
            (table.name.as_str(), columns)
        })
        .collect();
    // Which of these rows this device already holds, in one query per
    // table: a first copy then inserts the others without looking each up.
    let mut keys: HashMap<&str, Vec<SqlValue>> = HashMap::new();
    for row in rows {
        keys.entry(row.table.as_str())
            .or_default()
            .push(SqlValue::Text(row.id.clone()));
    }
    let mut held: HashSet<(String, String)> = HashSet::new();
    let mut purged: HashMap<(String, String), Version> = HashMap::new();
    for (table, ids) in keys {
        let ids = Rc::new(ids);
        let mut statement =
            t.prepare_cached("SELECT tbl, id FROM sync_rows WHERE tbl = ?1 AND id IN rarray(?2)")?;
        let found = statement.query_map(params![table, Rc::clone(&ids)], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        for key in found {
            held.insert(key?);
        }
        let mut statement = t.prepare_cached(
            "SELECT tbl, id, birth_clock, birth_site FROM sync_purged
             WHERE tbl = ?1 AND id IN rarray(?2)",
        )?;
        let found = statement.query_map(params![table, ids], |r| {
            Ok((
                (r.get(0)?, r.get(1)?),
                Version {
                    clock: r.get(2)?,
                    site: r.get(3)?,
                },
            ))
        })?;
        for entry in found {
            let (key, birth) = entry?;
            purged.insert(key, birth);
        }
    }
    let mut inserts = InsertStatements::default();
    let mut newest = 0;
    for row in rows {
        newest = row
            .cells
            .values()
            .map(|c| c.version.clock)
            .chain([row.birth.clock, newest])
            .max()
            .unwrap_or(newest);
        let key = (row.table.clone(), row.id.clone());
        if let Some(gone) = purged.get(&key) {
            if row.birth <= *gone {
                // An old copy of a row this device erased when it was purged.
                continue;
            }
            t.execute(
                "DELETE FROM sync_purged WHERE tbl = ?1 AND id = ?2",
                params![row.table, row.id],
            )?;
            purged.remove(&key);
        }
        // A page may hold a row twice (born, then edited): only the first
        // time is it new.
        let new = held.insert(key);
        apply_row(
            t,
            sites,
            &mut inserts,
            columns.get(row.table.as_str()),
            row,
            new,
        )?;
    }
    // Whatever is written here after this has seen these changes.
    t.execute("UPDATE sync_meta SET clock = max(clock, ?1)", [newest])?;
    Ok(())
}

/// The INSERT of a table's rows, made once per column list.
#[derive(Default)]
struct InsertStatements(HashMap<String, (Vec<String>, String)>);

impl InsertStatements {
    fn sql(&mut self, table: &str, columns: &[&String]) -> &str {
        let same = self.0.get(table).is_some_and(|(known, _)| {
            known.len() == columns.len() && known.iter().zip(columns).all(|(a, b)| a == *b)
        });
        if !same {
            let names: String = columns.iter().map(|c| format!(", \"{c}\"")).collect();
            let marks: String = (2..=columns.len() + 1).map(|i| format!(", ?{i}")).collect();
            let sql = format!("INSERT INTO \"{table}\" (id{names}) VALUES (?1{marks})");
            self.0.insert(
                table.to_owned(),
                (columns.iter().map(|c| (*c).clone()).collect(), sql),
            );
        }
        self.0.get(table).map_or("", |(_, sql)| sql.as_str())
    }
}

fn apply_row(
    t: &Transaction<'_>,
    sites: &mut Sites,
    inserts: &mut InsertStatements,
    known_columns: Option<&HashSet<&str>>,
    row: &RemoteRow,
    new: bool,
) -> Result<(), Error> {
    let local = if new {
        None
    } else {
        local_versions(t, &row.table, &row.id)?
    };
    if let Some(local) = &local
        && (local.birth_pending || local.cells.values().any(|(_, _, pending)| *pending))
    {
        // Its next push brings it up to date.
        return Ok(());
    }
    let mut known = Vec::new();
    for (column, cell) in &row.cells {
        if known_columns.is_some_and(|columns| columns.contains(column.as_str())) {
            known.push((column, cell));
        } else {
            park(t, row, column, cell)?;
        }
    }
    if known_columns.is_none() {
        return Ok(());
    }
    let birth_site = sites.num(t, &row.birth.site)?;
    let Some(local) = local else {
        // A row this device has never seen.
        let columns: Vec<&String> = known.iter().map(|(c, _)| *c).collect();
        let mut values = vec![SqlValue::Text(row.id.clone())];
        values.extend(known.iter().map(|(_, cell)| sql_value(&cell.value)));
        t.prepare_cached(inserts.sql(&row.table, &columns))?
            .execute(rusqlite::params_from_iter(values))?;
        t.prepare_cached(
            "INSERT INTO sync_rows (tbl, id, clock, site_num, pending) VALUES (?1, ?2, ?3, ?4, 0)
             ON CONFLICT (tbl, id) DO UPDATE SET clock = excluded.clock, site_num = excluded.site_num, pending = 0",
        )?
        .execute(params![row.table, row.id, row.birth.clock, birth_site])?;
        for (column, cell) in known {
            if cell.version != row.birth {
                record_cell(t, sites, row, column, &cell.version, &row.birth)?;
            }
        }
        return Ok(());
    };
    // Two devices made a row with the same key: every cell gets an explicit
    // version before the birth takes the winner's.
    if local.birth != row.birth {
        let winner = (&local.birth).max(&row.birth).clone();
        for column in known_columns.into_iter().flatten() {
            if !local.cells.contains_key(*column) {
                record_cell(t, sites, row, column, &local.birth, &local.birth)?;
            }
        }
        let winner_site = sites.num(t, &winner.site)?;
        t.execute(
            "UPDATE sync_rows SET clock = ?3, site_num = ?4 WHERE tbl = ?1 AND id = ?2",
            params![row.table, row.id, winner.clock, winner_site],
        )?;
    }
    let mut changed = Vec::new();
    for (column, cell) in known {
        let current = local
            .cells
            .get(column.as_str())
            .map_or(&local.birth, |(v, _, _)| v);
        if cell.version > *current {
            record_cell(t, sites, row, column, &cell.version, current)?;
            changed.push((column, cell));
        }
    }
    if changed.is_empty() {
        return Ok(());
    }
    let sets: Vec<String> = changed
        .iter()
        .enumerate()
        .map(|(i, (c, _))| format!("\"{c}\" = ?{}", i + 2))
        .collect();
    let sql = format!(
        "UPDATE \"{}\" SET {} WHERE id = ?1",
        row.table,
        sets.join(", ")
    );
    let mut values = vec![SqlValue::Text(row.id.clone())];
    values.extend(changed.iter().map(|(_, cell)| sql_value(&cell.value)));
    t.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

fn record_cell(
    t: &Transaction<'_>,
    sites: &mut Sites,
    row: &RemoteRow,
    column: &str,
    version: &Version,
    base: &Version,
) -> Result<(), Error> {
    let site = sites.num(t, &version.site)?;
    let base_site = sites.num(t, &base.site)?;
    t.prepare_cached(
        "INSERT INTO sync_cells (tbl, id, col, clock, site_num, base_clock, base_site_num, pending)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0)
         ON CONFLICT (tbl, id, col) DO UPDATE SET clock = excluded.clock, site_num = excluded.site_num,
             base_clock = excluded.base_clock, base_site_num = excluded.base_site_num, pending = 0",
    )?
    .execute(params![
        row.table,
        row.id,
        column,
        version.clock,
        site,
        base.clock,
        base_site
    ])?;
    Ok(())
}

fn park(t: &Transaction<'_>, row: &RemoteRow, column: &str, cell: &Cell) -> Result<(), Error> {
    t.prepare_cached(
        "INSERT INTO sync_parked (tbl, id, col, value, clock, site) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (tbl, id, col) DO UPDATE SET value = excluded.value, clock = excluded.clock,
             site = excluded.site
         WHERE (excluded.clock, excluded.site) > (sync_parked.clock, sync_parked.site)",
    )?
    .execute(params![
        row.table,
        row.id,
        column,
        cell.value.to_string(),
        cell.version.clock,
        cell.version.site
    ])?;
    Ok(())
}

/// Gives this device's unsent writes new clocks, in their order, after every
/// version it holds from the server, after `after_clock` (the newest of its
/// writes the server already stored) and not before `now_ms`. For writes
/// stamped by a clock that ran ahead (the server holds them): once the
/// clock is right again they still come after everything their author had
/// seen, so they keep winning what they overwrote knowingly.
pub fn restamp_pending(db: &Database, now_ms: i64, after_clock: i64) -> Result<usize, Error> {
    db.write_uncaptured(|t| {
        let seen: i64 = t.query_row(
            "SELECT max(coalesce((SELECT max(clock) FROM sync_rows WHERE pending = 0), 0),
                        coalesce((SELECT max(clock) FROM sync_cells WHERE pending = 0), 0))",
            [],
            |r| r.get(0),
        )?;
        let start = (seen + 1).max(after_clock + 1).max(now_ms << 16);
        let pending: Vec<(bool, String, String, Option<String>, i64)> = t
            .prepare(
                "SELECT 1, tbl, id, NULL, clock FROM sync_rows WHERE pending = 1
                 UNION ALL SELECT 0, tbl, id, col, clock FROM sync_cells WHERE pending = 1
                 ORDER BY 5, 1 DESC",
            )?
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut clock = start;
        for (birth, table, id, column, _) in &pending {
            if *birth {
                t.execute(
                    "UPDATE sync_rows SET clock = ?3 WHERE tbl = ?1 AND id = ?2",
                    params![table, id, clock],
                )?;
            } else {
                t.execute(
                    "UPDATE sync_cells SET clock = ?4 WHERE tbl = ?1 AND id = ?2 AND col = ?3",
                    params![table, id, column, clock],
                )?;
            }
            clock += 1;
        }
        t.execute("UPDATE sync_meta SET clock = ?1", [clock])?;
        Ok(pending.len())
    })
}

/// Applies the parked values whose column now exists (after an upgrade).
fn unpark(t: &Transaction<'_>, synced: &[SyncedTable]) -> Result<(), Error> {
    let parked: Vec<(String, String, String, String, i64, String)> = t
        .prepare("SELECT tbl, id, col, value, clock, site FROM sync_parked")?
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let columns: HashMap<&str, &[String]> = synced
        .iter()
        .map(|table| (table.name.as_str(), table.columns.as_slice()))
        .collect();
    let mut rows: Vec<RemoteRow> = Vec::new();
    for (table, id, column, value, clock, site) in parked {
        if !columns
            .get(table.as_str())
            .is_some_and(|c| c.contains(&column))
        {
            continue;
        }
        let Some(birth) = local_versions(t, &table, &id)?.map(|v| v.birth) else {
            continue;
        };
        let mut cells = BTreeMap::new();
        cells.insert(
            column.clone(),
            Cell {
                value: serde_json::from_str(&value).unwrap_or(Value::Null),
                version: Version { clock, site },
            },
        );
        rows.push(RemoteRow {
            table: table.clone(),
            id: id.clone(),
            birth,
            cells,
        });
        t.execute(
            "DELETE FROM sync_parked WHERE tbl = ?1 AND id = ?2 AND col = ?3",
            params![table, id, column],
        )?;
    }
    apply_rows(t, synced, &mut Sites::default(), &rows)
}

/// The SQLite storage class a synced column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Integer,
    Real,
    Text,
    Blob,
}

/// A synced table as a reporting tool would read it: its columns (`id`
/// first) and their kinds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSchema {
    pub name: String,
    pub columns: Vec<(String, ColumnKind)>,
}

/// Every synced table of this app's schema: what the team server publishes
/// as readable tables.
pub fn synced_schema(db: &Database) -> Result<Vec<TableSchema>, Error> {
    db.read(|c| {
        let mut tables = Vec::new();
        for table in db.synced_tables() {
            let columns = c
                .prepare("SELECT name, upper(type) FROM pragma_table_info(?1) ORDER BY cid")?
                .query_map([&table.name], |r| {
                    let declared: String = r.get(1)?;
                    // SQLite's type affinity rules, for the types a STRICT
                    // table allows.
                    let kind = if declared.contains("INT") {
                        ColumnKind::Integer
                    } else if declared.contains("REAL") || declared.contains("FLOA") {
                        ColumnKind::Real
                    } else if declared.contains("BLOB") {
                        ColumnKind::Blob
                    } else {
                        ColumnKind::Text
                    };
                    Ok((r.get(0)?, kind))
                })?
                .collect::<rusqlite::Result<_>>()?;
            tables.push(TableSchema {
                name: table.name.clone(),
                columns,
            });
        }
        Ok(tables)
    })
}

/// Every synced row of this device with its cells' values and versions, in
/// (table, id) order: what the simulation compares with the server's state.
pub fn state(db: &Database) -> Result<Vec<RemoteRow>, Error> {
    db.read(|c| {
        let mut rows = Vec::new();
        for table in db.synced_tables() {
            let ids: Vec<String> = c
                .prepare(&format!("SELECT id FROM \"{}\" ORDER BY id", table.name))?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in ids {
                let Some(versions) = local_versions(c, &table.name, &id)? else {
                    continue;
                };
                let values = row_values(c, &table.name, &id)?.unwrap_or_default();
                let cells = values
                    .into_iter()
                    .map(|(column, value)| {
                        let version = versions
                            .cells
                            .get(&column)
                            .map_or(&versions.birth, |(v, _, _)| v)
                            .clone();
                        (column, Cell { value, version })
                    })
                    .collect();
                rows.push(RemoteRow {
                    table: table.name.clone(),
                    id,
                    birth: versions.birth,
                    cells,
                });
            }
        }
        Ok(rows)
    })
}
