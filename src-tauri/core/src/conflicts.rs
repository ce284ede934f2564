//! The values concurrent edits overwrote, as people see and restore them.
//!
//! Why it exists: the team sync decides every cell by its latest version,
//! so that all devices agree; the value that lost must still be findable.
//! The server records each loss as a row of the synced `conflicts` table
//! (`mona_sync::merge`); this module lists them and turns "restore" into an
//! ordinary edit made after seeing the winner, which therefore wins
//! everywhere without creating a new conflict.

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::capture::SyncedTable;
use crate::replica::sql_value;
use crate::team::{self, Action};
use crate::{Database, Entity, Error, artists, clock};

/// A value a concurrent edit overwrote, with both sides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub id: String,
    /// update_update, update_delete, delete_update or insert_insert.
    pub kind: String,
    pub table: String,
    pub row_id: String,
    /// What the record is called (an artist's name...), when it has a name.
    pub record: Option<String>,
    /// The field, or `None` when the conflict is about the whole record.
    pub column: Option<String>,
    /// The value that lost, as JSON text.
    pub lost_value: Option<String>,
    pub lost_by: String,
    pub lost_at: String,
    pub kept_value: Option<String>,
    pub kept_by: Option<String>,
    pub kept_at: Option<String>,
    pub created_at: String,
}

/// Conflicts nobody has restored or dismissed yet, newest first.
pub fn open(db: &Database) -> Result<Vec<Conflict>, Error> {
    db.read(|c| {
        let mut statement = c.prepare(
            "SELECT id, kind, tbl, row_id, col, lost_value, lost_by, lost_at, kept_value, kept_by,
                    kept_at, created_at
             FROM conflicts WHERE resolved_at IS NULL AND deleted_at IS NULL
             ORDER BY created_at DESC, id",
        )?;
        let mut conflicts = statement
            .query_map([], |r| {
                Ok(Conflict {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    table: r.get(2)?,
                    row_id: r.get(3)?,
                    record: None,
                    column: r.get(4)?,
                    lost_value: r.get(5)?,
                    lost_by: r.get(6)?,
                    lost_at: r.get(7)?,
                    kept_value: r.get(8)?,
                    kept_by: r.get(9)?,
                    kept_at: r.get(10)?,
                    created_at: r.get(11)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for conflict in &mut conflicts {
            conflict.record = record_name(c, conflict)?;
        }
        Ok(conflicts)
    })
}

/// How many conflicts are open (for the sync status).
pub fn open_count(db: &Database) -> Result<i64, Error> {
    db.read(|c| {
        Ok(c.query_row(
            "SELECT count(*) FROM conflicts WHERE resolved_at IS NULL AND deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?)
    })
}

/// What the record is called: its name as this device holds it, or as the
/// conflict kept it when the record is gone.
fn record_name(c: &Connection, conflict: &Conflict) -> Result<Option<String>, Error> {
    let column = match conflict.table.as_str() {
        "artists" | "sponsors" | "tags" => "name",
        "users" => "display_name",
        "tasks" | "spark_events" | "spark_content" | "notifications" => "title",
        _ => return Ok(None),
    };
    let held: Option<String> = c
        .query_row(
            &format!(
                "SELECT \"{column}\" FROM \"{}\" WHERE id = ?1",
                conflict.table
            ),
            [&conflict.row_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(held.or_else(|| {
        let kept: Value = serde_json::from_str(conflict.lost_value.as_deref()?).ok()?;
        kept.get(column)?.as_str().map(str::to_owned)
    }))
}

/// Puts the lost value back (or brings the deleted record back) as a new
/// edit, and marks the conflict restored.
pub fn restore(db: &Database, conflict_id: &str) -> Result<(), Error> {
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let conflict = load(t, conflict_id)?;
        let now = clock::now();
        // Names come from a synced row: only a synced table and one of its
        // columns may be written.
        let tables = db.synced_tables();
        let Some(table) = tables
            .iter()
            .find(|s| s.name == conflict.table && s.name != "conflicts")
        else {
            return Err(not_found(conflict_id));
        };
        let written = match &conflict.column {
            Some(column) if table.columns.contains(column) => {
                let value: Value = conflict
                    .lost_value
                    .as_deref()
                    .and_then(|v| serde_json::from_str(v).ok())
                    .unwrap_or(Value::Null);
                t.execute(
                    &format!(
                        "UPDATE \"{}\" SET \"{column}\" = ?2, updated_at = ?3 WHERE id = ?1",
                        table.name
                    ),
                    params![conflict.row_id, sql_value(&value), now],
                )?
            }
            None => t.execute(
                &format!(
                    "UPDATE \"{}\" SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1",
                    table.name
                ),
                params![conflict.row_id, now],
            )?,
            _ => return Err(not_found(conflict_id)),
        };
        let written = match (written, &conflict.column) {
            // The record itself is gone (purged from the team's server once
            // everybody had seen it deleted): it is made again from the
            // content the conflict kept, as a new record under its old id.
            (0, None) => recreate(t, table, &conflict, &now)?,
            _ => written,
        };
        if written == 0 {
            // Nothing to bring it back from (a conflict recorded before
            // conflicts kept whole records): the conflict stays listed with
            // the lost values, and says so instead of claiming a restore.
            return Err(Error::NotFound {
                entity: if table.name == "artists" {
                    Entity::Artist
                } else {
                    Entity::Conflict
                },
                id: conflict.row_id,
            });
        }
        if table.name == "artists" {
            artists::refresh_derived(t, &conflict.row_id)?;
        }
        let touched = [(table.name.as_str(), conflict.row_id.as_str())];
        crate::pipeline::refresh_for_rows(t, touched)?;
        crate::scoring::refresh_for_rows(t, touched)?;
        resolve(t, conflict_id, "restored", &now)
    })
}

/// Inserts the row a conflict kept whole, not deleted; returns 0 when the
/// kept values cannot make a row (some required value is missing).
fn recreate(
    t: &Connection,
    table: &SyncedTable,
    conflict: &Stored,
    now: &str,
) -> Result<usize, Error> {
    let Some(Value::Object(content)) = conflict
        .lost_value
        .as_deref()
        .and_then(|v| serde_json::from_str(v).ok())
    else {
        return Ok(0);
    };
    let mut columns = vec!["id".to_owned()];
    let mut values = vec![SqlValue::Text(conflict.row_id.clone())];
    for column in &table.columns {
        let value = match column.as_str() {
            "deleted_at" => continue,
            "updated_at" => SqlValue::Text(now.to_owned()),
            _ => match content.get(column) {
                Some(value) => sql_value(value),
                None => continue,
            },
        };
        columns.push(format!("\"{column}\""));
        values.push(value);
    }
    let marks = vec!["?"; values.len()].join(", ");
    let inserted = t.execute(
        &format!(
            "INSERT INTO \"{}\" ({}) VALUES ({marks})",
            table.name,
            columns.join(", ")
        ),
        rusqlite::params_from_iter(values),
    );
    match inserted {
        Ok(count) => Ok(count),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Ok(0)
        }
        Err(e) => Err(e.into()),
    }
}

/// Marks the conflict as seen and kept as it is.
pub fn dismiss(db: &Database, conflict_id: &str) -> Result<(), Error> {
    db.write(|t| {
        load(t, conflict_id)?;
        resolve(t, conflict_id, "dismissed", &clock::now())
    })
}

struct Stored {
    table: String,
    row_id: String,
    column: Option<String>,
    lost_value: Option<String>,
}

fn load(c: &Connection, id: &str) -> Result<Stored, Error> {
    c.query_row(
        "SELECT tbl, row_id, col, lost_value FROM conflicts
         WHERE id = ?1 AND resolved_at IS NULL AND deleted_at IS NULL",
        [id],
        |r| {
            Ok(Stored {
                table: r.get(0)?,
                row_id: r.get(1)?,
                column: r.get(2)?,
                lost_value: r.get(3)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| not_found(id))
}

fn resolve(c: &Connection, id: &str, resolution: &str, now: &str) -> Result<(), Error> {
    c.execute(
        "UPDATE conflicts SET resolved_at = ?2, resolution = ?3, updated_at = ?2 WHERE id = ?1",
        params![id, now, resolution],
    )?;
    Ok(())
}

fn not_found(id: &str) -> Error {
    Error::NotFound {
        entity: Entity::Conflict,
        id: id.to_owned(),
    }
}
