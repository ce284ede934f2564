//! Saved views of the artist list: a search, an order and filters under a
//! name, shared by the team, so "Rap à Lyon, score ≥ 60" is one click away
//! for everyone.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::ArtistQuery;
use crate::team::{self, Action};
use crate::validation::{FieldErrors, FieldProblem, check_length};
use crate::{Database, Entity, Error, clock, ids, positions};

/// A named list query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SavedView {
    pub id: String,
    pub name: String,
    /// The list's query; its page (offset, limit) is not kept.
    pub query: ArtistQuery,
}

const NAME_MAX: u32 = 80;

/// The team's views of the artist list, in the order they were made.
pub fn views(db: &Database) -> Result<Vec<SavedView>, Error> {
    db.read(|c| {
        let rows: Vec<(String, String, String)> = c
            .prepare_cached(
                "SELECT id, name, query FROM saved_views
                 WHERE list = 'artists' AND deleted_at IS NULL ORDER BY position, id",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows
            .into_iter()
            .map(|(id, name, query)| SavedView {
                id,
                name,
                // A query a newer app version wrote reads as far as it can.
                query: serde_json::from_str(&query).unwrap_or_default(),
            })
            .collect())
    })
}

/// Saves the list's query under `name`: a new view, or the view of that
/// name made again (same name, case aside: the view is replaced).
pub fn save_view(db: &Database, name: &str, query: &ArtistQuery) -> Result<Vec<SavedView>, Error> {
    let name = name.trim();
    let mut errors = FieldErrors::default();
    if name.is_empty() {
        errors.add("name", FieldProblem::Required);
    }
    check_length(&mut errors, "name", name, NAME_MAX);
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let stored = ArtistQuery {
        offset: 0,
        limit: 0,
        ..query.clone()
    };
    let json = serde_json::to_string(&stored).unwrap_or_else(|_| "{}".into());
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let now = clock::now();
        let changed = t.execute(
            "UPDATE saved_views SET query = ?2, name = ?3, updated_at = ?4
             WHERE list = 'artists' AND deleted_at IS NULL AND lower(name) = lower(?1)",
            params![name, json, name, now],
        )?;
        if changed == 0 {
            let last: Option<String> = t.query_row(
                "SELECT max(position) FROM saved_views WHERE list = 'artists' AND deleted_at IS NULL",
                [],
                |r| r.get(0),
            )?;
            t.execute(
                "INSERT INTO saved_views (id, list, name, query, position, created_by, created_at, updated_at)
                 VALUES (?1, 'artists', ?2, ?3, ?4, ?5, ?6, ?6)",
                params![
                    ids::new_id(),
                    name,
                    json,
                    positions::between(last.as_deref(), None),
                    team::my_id(t)?,
                    now
                ],
            )?;
        }
        Ok(())
    })?;
    views(db)
}

/// Removes a view (a soft delete, which syncs).
pub fn remove_view(db: &Database, id: &str) -> Result<Vec<SavedView>, Error> {
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let now = clock::now();
        let changed = t.execute(
            "UPDATE saved_views SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, now],
        )?;
        if changed == 0 {
            return Err(Error::NotFound {
                entity: Entity::View,
                id: id.to_owned(),
            });
        }
        Ok(())
    })?;
    views(db)
}
