//! How a row's cells are stored on the server: one JSON object per row,
//! `{"values": {"column": value, ...}, "versions": {"column": [clock, site]}}`,
//! where `versions` only names the cells written after the row's birth (the
//! others have the birth version, kept in their own columns). Most rows are
//! never edited field by field, so this halves what a new device reads.

use std::collections::BTreeMap;

use mona_core::replica::{Cell, Version};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Serialize, Deserialize)]
pub(crate) struct StoredRow {
    #[serde(default)]
    values: BTreeMap<String, Value>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    versions: BTreeMap<String, (i64, String)>,
}

/// The cells column as read from the server, parsed in one pass.
pub(crate) type StoredCells = tokio_postgres::types::Json<StoredRow>;

pub(crate) fn cells_to_json(birth: &Version, cells: &BTreeMap<String, Cell>) -> Value {
    let stored = StoredRow {
        values: cells
            .iter()
            .map(|(column, cell)| (column.clone(), cell.value.clone()))
            .collect(),
        versions: cells
            .iter()
            .filter(|(_, cell)| cell.version != *birth)
            .map(|(column, cell)| {
                (
                    column.clone(),
                    (cell.version.clock, cell.version.site.clone()),
                )
            })
            .collect(),
    };
    serde_json::to_value(stored).unwrap_or(Value::Null)
}

pub(crate) fn cells_from_stored(birth: &Version, stored: StoredCells) -> BTreeMap<String, Cell> {
    let StoredRow {
        values,
        mut versions,
    } = stored.0;
    values
        .into_iter()
        .map(|(column, value)| {
            let version = versions
                .remove(&column)
                .map_or_else(|| birth.clone(), |(clock, site)| Version { clock, site });
            (column, Cell { value, version })
        })
        .collect()
}
