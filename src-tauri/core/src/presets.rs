//! Settings the team can reshape (the pipeline's stages, the score's
//! criteria, the catalogue of campaign offers) ship as defaults in code,
//! with fixed ids, so that every computer shows the same ones before anyone
//! changes them and two computers never make two copies. At the team's first
//! change they become rows, once, in the order of the defaults.

use rusqlite::Connection;

use crate::{Error, positions};

/// Whether the team has made `table`'s defaults rows yet.
pub(crate) fn written(connection: &Connection, table: &str) -> Result<bool, Error> {
    Ok(connection
        .prepare_cached(&format!("SELECT EXISTS (SELECT 1 FROM {table})"))?
        .query_row([], |r| r.get(0))?)
}

/// Writes `defaults` as the rows of `table`, each with its position, unless
/// the table holds rows already.
pub(crate) fn write_once<T>(
    connection: &Connection,
    table: &str,
    defaults: &[T],
    mut insert: impl FnMut(&T, &str) -> Result<(), Error>,
) -> Result<(), Error> {
    if written(connection, table)? {
        return Ok(());
    }
    for (preset, position) in defaults.iter().zip(positions::sequence(defaults.len())) {
        insert(preset, &position)?;
    }
    Ok(())
}
