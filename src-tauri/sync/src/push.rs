//! Sending this device's edits: one PostgreSQL transaction that merges them
//! into the server's state, appends what changed to the feed and records
//! the conflicts found.
//!
//! Why one transaction: the device counts its edits as sent only when the
//! server answered after committing. A push cut at any point either left
//! nothing on the server or everything; sending it again changes nothing
//! (see [`crate::merge`]).

use std::collections::{BTreeMap, HashMap, HashSet};

use std::sync::Arc;

use mona_core::Database;
use mona_core::replica::{self, Cell, Outbox, OutgoingRow, RemoteRow, Version};
use serde_json::Value;

use crate::merge::{Conflict, merge};
use crate::round::local;
use crate::wire::{cells_from_stored, cells_to_json};
use crate::{Server, SyncError};

/// How far ahead of the server's clock a device's clock may be before its
/// edits are held: beyond it, one wrong clock would win every concurrent
/// edit of the team.
pub const CLOCK_TOLERANCE_MS: i64 = 5 * 60 * 1000;

/// The site that signs the rows the server itself writes (conflicts).
pub const SERVER_SITE: &str = "server";

/// What the server made of a push.
#[derive(Debug, Clone, PartialEq)]
pub struct Pushed {
    /// The server's state of every pushed row after the merge.
    pub merged: Vec<RemoteRow>,
    pub conflicts: usize,
}

/// Pushes `outbox`, read from `db`, to the server whose epoch is `epoch`.
/// The device first records what it is about to send: a server holding more
/// of this device than the file ever sent was fed by another copy of the
/// file ([`SyncError::CopiedDatabase`]).
pub async fn push(
    db: &Arc<Database>,
    server: &mut Server,
    epoch: &str,
    outbox: &Outbox,
) -> Result<Pushed, SyncError> {
    if outbox.rows.is_empty() {
        return Ok(Pushed {
            merged: Vec::new(),
            conflicts: 0,
        });
    }
    let up_to = outbox.up_to;
    let sent_before = local(db, move |db| replica::intend_push(db, up_to)).await?;
    let transaction = server.client.transaction().await?;
    let row = transaction
        .query_one(
            "SELECT epoch::text, (extract(epoch FROM clock_timestamp()) * 1000)::bigint FROM sync_server",
            &[],
        )
        .await?;
    if row.get::<_, String>(0) != epoch {
        return Err(SyncError::ServerReplaced);
    }
    let server_ms: i64 = row.get(1);
    let newest = outbox
        .rows
        .iter()
        .flat_map(|r| {
            r.cells
                .values()
                .map(|c| c.version.clock)
                .chain(r.birth.iter().map(|b| b.clock))
        })
        .max()
        .unwrap_or(0);
    let acked_clock: i64 = transaction
        .query_one(
            "SELECT sync_lock_device($1, $2)",
            &[&outbox.site, &server.device_secret],
        )
        .await?
        .get::<_, Option<i64>>(0)
        .ok_or(SyncError::NotJoined)?;
    if acked_clock > sent_before {
        return Err(SyncError::CopiedDatabase);
    }
    let ahead_ms = (newest >> 16) - server_ms;
    if ahead_ms > CLOCK_TOLERANCE_MS {
        return Err(SyncError::ClockAhead {
            ahead_ms,
            server_ms,
            acked_clock,
        });
    }

    let tables: Vec<&str> = outbox.rows.iter().map(|r| r.table.as_str()).collect();
    let ids: Vec<&str> = outbox.rows.iter().map(|r| r.id.as_str()).collect();
    let mut current: HashMap<(String, String), RemoteRow> = HashMap::new();
    for row in transaction
        .query(
            "SELECT tbl, pk, birth_clock, birth_site, cells FROM sync_lock_rows($1, $2)",
            &[&tables, &ids],
        )
        .await?
    {
        let birth = Version {
            clock: row.get(2),
            site: row.get(3),
        };
        let state = RemoteRow {
            table: row.get(0),
            id: row.get(1),
            cells: cells_from_stored(&birth, row.try_get(4)?),
            birth,
        };
        current.insert((state.table.clone(), state.id.clone()), state);
    }

    let purged = purged_births(&transaction, outbox, &current).await?;

    let mut writes = Vec::new();
    let mut feed = Vec::new();
    let mut conflicts = Vec::new();
    let mut merged_rows = Vec::with_capacity(outbox.rows.len());
    for outgoing in &outbox.rows {
        let key = (outgoing.table.clone(), outgoing.id.clone());
        // A late write to a purged row: its birth is the purged row's (or
        // older), so it is an edit of a deleted row, kept as a conflict.
        let late;
        let outgoing = match (purged.get(&key), &outgoing.birth) {
            (Some(gone), Some(birth)) if birth <= gone => {
                late = OutgoingRow {
                    birth: None,
                    ..outgoing.clone()
                };
                &late
            }
            _ => outgoing,
        };
        let merged = merge(current.get(&key), outgoing, &outbox.site, acked_clock);
        conflicts.extend(merged.conflicts);
        let Some(row) = merged.row else { continue };
        if !merged.changed.is_empty() || merged.birth_changed {
            writes.push(row.clone());
            feed.push(RemoteRow {
                cells: merged.changed,
                ..row.clone()
            });
        }
        merged_rows.push(row);
    }
    // A row the server no longer holds (purged once every device had seen
    // it deleted): the conflict keeps the whole row as this device has it,
    // so that it can be brought back with its content.
    let gone: Vec<(String, String)> = conflicts
        .iter()
        .filter(|c| c.kept.is_none())
        .map(|c| (c.table.clone(), c.row_id.clone()))
        .collect();
    if !gone.is_empty() {
        let contents = local(db, move |db| replica::contents(db, &gone)).await?;
        for conflict in conflicts.iter_mut().filter(|c| c.kept.is_none()) {
            let key = (conflict.table.clone(), conflict.row_id.clone());
            if let Some(content) = contents.get(&key) {
                conflict.lost.value = Value::Object(content.clone());
            }
        }
    }
    let conflict_count = conflicts.len();
    if !conflicts.is_empty() {
        let names = device_names(&transaction, &conflicts).await?;
        let first_clock = newest.max(server_ms << 16) + 1;
        for (n, conflict) in conflicts.into_iter().enumerate() {
            let row = conflict_row(conflict, first_clock + n as i64, server_ms, &names);
            writes.push(row.clone());
            feed.push(row);
        }
    }

    let (s_tables, s_ids, s_clocks, s_sites, s_cells) = columns(&writes);
    let (f_tables, f_ids, f_clocks, f_sites, f_cells) = columns(&feed);
    transaction
        .execute(
            "SELECT sync_store($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            &[
                &outbox.site,
                &server.device_secret,
                &outbox.up_to,
                &s_tables,
                &s_ids,
                &s_clocks,
                &s_sites,
                &s_cells,
                &f_tables,
                &f_ids,
                &f_clocks,
                &f_sites,
                &f_cells,
            ],
        )
        .await?;
    transaction.commit().await?;
    Ok(Pushed {
        merged: merged_rows,
        conflicts: conflict_count,
    })
}

/// The birth versions of the purged rows among the pushed rows the server
/// does not hold.
async fn purged_births(
    transaction: &tokio_postgres::Transaction<'_>,
    outbox: &Outbox,
    current: &HashMap<(String, String), RemoteRow>,
) -> Result<HashMap<(String, String), Version>, SyncError> {
    let (tables, ids): (Vec<&str>, Vec<&str>) = outbox
        .rows
        .iter()
        .filter(|r| !current.contains_key(&(r.table.clone(), r.id.clone())))
        .map(|r| (r.table.as_str(), r.id.as_str()))
        .unzip();
    if tables.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(transaction
        .query(
            "SELECT p.tbl, p.pk, p.birth_clock, p.birth_site
             FROM sync_purged p JOIN unnest($1::text[], $2::text[]) AS k (tbl, pk)
               ON p.tbl = k.tbl AND p.pk = k.pk",
            &[&tables, &ids],
        )
        .await?
        .into_iter()
        .map(|row| {
            (
                (row.get(0), row.get(1)),
                Version {
                    clock: row.get(2),
                    site: row.get(3),
                },
            )
        })
        .collect())
}

async fn device_names(
    transaction: &tokio_postgres::Transaction<'_>,
    conflicts: &[Conflict],
) -> Result<HashMap<String, String>, SyncError> {
    let sites: HashSet<&str> = conflicts
        .iter()
        .flat_map(|c| {
            [Some(&c.lost), c.kept.as_ref()]
                .into_iter()
                .flatten()
                .map(|cell| cell.version.site.as_str())
        })
        .collect();
    let sites: Vec<&str> = sites.into_iter().collect();
    Ok(transaction
        .query(
            "SELECT site, name FROM sync_devices WHERE site = ANY($1)",
            &[&sites],
        )
        .await?
        .into_iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect())
}

/// A conflict as a row of the synced `conflicts` table, written by the
/// server so every device lists it.
fn conflict_row(
    conflict: Conflict,
    clock: i64,
    server_ms: i64,
    names: &HashMap<String, String>,
) -> RemoteRow {
    let birth = Version {
        clock,
        site: SERVER_SITE.into(),
    };
    let who = |cell: &Cell| {
        Value::String(
            names
                .get(&cell.version.site)
                .cloned()
                .unwrap_or_else(|| cell.version.site.clone()),
        )
    };
    let when = |cell: &Cell| Value::String(instant(cell.version.wall_ms()));
    let now = Value::String(instant(server_ms));
    let kept = conflict.kept.as_ref();
    let values: [(&str, Value); 15] = [
        ("kind", conflict.kind.as_str().into()),
        ("tbl", conflict.table.clone().into()),
        ("row_id", conflict.row_id.clone().into()),
        (
            "col",
            conflict.column.clone().map_or(Value::Null, Value::from),
        ),
        ("lost_value", conflict.lost.value.to_string().into()),
        ("lost_by", who(&conflict.lost)),
        ("lost_at", when(&conflict.lost)),
        (
            "kept_value",
            kept.map_or(Value::Null, |k| k.value.to_string().into()),
        ),
        ("kept_by", kept.map_or(Value::Null, who)),
        ("kept_at", kept.map_or(Value::Null, when)),
        ("resolved_at", Value::Null),
        ("resolution", Value::Null),
        ("created_at", now.clone()),
        ("updated_at", now),
        ("deleted_at", Value::Null),
    ];
    RemoteRow {
        table: "conflicts".into(),
        id: mona_core::ids::new_id(),
        cells: values
            .into_iter()
            .map(|(column, value)| {
                (
                    column.to_owned(),
                    Cell {
                        value,
                        version: birth.clone(),
                    },
                )
            })
            .collect::<BTreeMap<_, _>>(),
        birth,
    }
}

fn instant(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(mona_core::clock::format_instant)
        .unwrap_or_default()
}

type Columns<'a> = (
    Vec<&'a str>,
    Vec<&'a str>,
    Vec<i64>,
    Vec<&'a str>,
    Vec<Value>,
);

fn columns(rows: &[RemoteRow]) -> Columns<'_> {
    (
        rows.iter().map(|r| r.table.as_str()).collect(),
        rows.iter().map(|r| r.id.as_str()).collect(),
        rows.iter().map(|r| r.birth.clock).collect(),
        rows.iter().map(|r| r.birth.site.as_str()).collect(),
        rows.iter()
            .map(|r| cells_to_json(&r.birth, &r.cells))
            .collect(),
    )
}
