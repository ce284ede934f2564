//! The ordered rows one record owns (an offer's template lines, a sponsor's
//! contacts, an artist's contacts), saved as the whole list a person edited.
//!
//! Why it exists: a form edits such a list at once, and saving it must do
//! three things every time, the same way: keep each row's id (so an edit of
//! that row made offline on another laptop merges with this one cell by
//! cell), remove the rows left out (a soft delete, which the sync carries),
//! and store the order as positions. A row whose id belongs to another
//! record is left alone rather than moved.

use rusqlite::{Connection, ToSql, params};

use crate::{Error, ids, positions};

/// A table of rows owned by one record, and the columns a form edits.
pub(crate) struct OwnedRows {
    pub table: &'static str,
    /// The column naming the owner (`sponsor_id`).
    pub owner_column: &'static str,
    /// The edited columns, in the order each row's values are given.
    pub columns: &'static [&'static str],
}

impl OwnedRows {
    /// Makes `owner_id`'s rows exactly `rows` (each an optional id and its
    /// values in [`OwnedRows::columns`] order), in that order.
    pub(crate) fn replace(
        &self,
        connection: &Connection,
        owner_id: &str,
        rows: &[(Option<&str>, Vec<&dyn ToSql>)],
        now: &str,
    ) -> Result<(), Error> {
        let (table, owner) = (self.table, self.owner_column);
        let kept: Vec<&str> = rows.iter().filter_map(|(id, _)| *id).collect();
        let stored: Vec<String> = connection
            .prepare_cached(&format!(
                "SELECT id FROM {table} WHERE {owner} = ?1 AND deleted_at IS NULL"
            ))?
            .query_map([owner_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut remove = connection.prepare_cached(&format!(
            "UPDATE {table} SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1"
        ))?;
        for gone in stored.iter().filter(|id| !kept.contains(&id.as_str())) {
            remove.execute(params![gone, now])?;
        }
        let count = self.columns.len();
        let names = self.columns.join(", ");
        let slots: Vec<String> = (3..3 + count).map(|n| format!("?{n}")).collect();
        let updates: String = self
            .columns
            .iter()
            .map(|c| format!("{c} = excluded.{c}, "))
            .collect();
        let sql = format!(
            "INSERT INTO {table} (id, {owner}, {names}, position, created_at, updated_at)
             VALUES (?1, ?2, {slots}, ?{p}, ?{n}, ?{n})
             ON CONFLICT (id) DO UPDATE SET {updates}position = excluded.position,
                 deleted_at = NULL, updated_at = excluded.updated_at
             WHERE {table}.{owner} = excluded.{owner}",
            slots = slots.join(", "),
            p = 3 + count,
            n = 4 + count,
        );
        let mut upsert = connection.prepare_cached(&sql)?;
        for ((id, values), position) in rows.iter().zip(positions::sequence(rows.len())) {
            let id = id.map_or_else(ids::new_id, str::to_owned);
            let mut bound: Vec<&dyn ToSql> = vec![&id, &owner_id];
            bound.extend(values.iter().copied());
            bound.push(&position);
            bound.push(&now);
            upsert.execute(bound.as_slice())?;
        }
        Ok(())
    }
}
