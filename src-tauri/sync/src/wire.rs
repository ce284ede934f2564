//! How a row's cells are stored on the server: one JSON object per row,
//! `{"column": [value, clock, site], ...}`.

use std::collections::BTreeMap;

use mona_core::replica::{Cell, Version};
use serde_json::{Value, json};

pub(crate) fn cells_to_json(cells: &BTreeMap<String, Cell>) -> Value {
    Value::Object(
        cells
            .iter()
            .map(|(column, cell)| {
                (
                    column.clone(),
                    json!([cell.value, cell.version.clock, cell.version.site]),
                )
            })
            .collect(),
    )
}

/// A stored cell as it is read: `[value, clock, site]`.
#[derive(serde::Deserialize)]
pub(crate) struct StoredCell(Value, i64, String);

/// The cells column as read from the server, parsed straight into cells.
pub(crate) type StoredCells = tokio_postgres::types::Json<BTreeMap<String, StoredCell>>;

pub(crate) fn cells_from_stored(stored: StoredCells) -> BTreeMap<String, Cell> {
    stored
        .0
        .into_iter()
        .map(|(column, StoredCell(value, clock, site))| {
            (
                column,
                Cell {
                    value,
                    version: Version { clock, site },
                },
            )
        })
        .collect()
}
