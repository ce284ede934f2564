//! How a row's cells are stored on the server: one JSON object per row,
//! `{"column": [value, clock, site], ...}`.

use std::collections::BTreeMap;

use mona_core::replica::{Cell, Version};
use serde_json::{Value, json};

use crate::SyncError;

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

pub(crate) fn cells_from_json(value: Value) -> Result<BTreeMap<String, Cell>, SyncError> {
    let Value::Object(map) = value else {
        return Err(SyncError::Server(
            "a stored row is not a JSON object".into(),
        ));
    };
    map.into_iter()
        .map(|(column, cell)| {
            let parsed = match cell {
                Value::Array(mut parts) if parts.len() == 3 => {
                    let site = parts.pop().and_then(|s| s.as_str().map(str::to_owned));
                    let clock = parts.pop().and_then(|c| c.as_i64());
                    let value = parts.pop().unwrap_or(Value::Null);
                    site.zip(clock).map(|(site, clock)| Cell {
                        value,
                        version: Version { clock, site },
                    })
                }
                _ => None,
            };
            parsed
                .map(|cell| (column.clone(), cell))
                .ok_or_else(|| SyncError::Server(format!("the stored cell {column} is malformed")))
        })
        .collect()
}
