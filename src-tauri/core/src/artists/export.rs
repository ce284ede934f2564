//! The artist list as a CSV file: the rows the list shows (same search,
//! same order), the columns it shows, headed as the person reads them.
//!
//! Why it exists: managers take lists to a spreadsheet or a mailing tool.
//! The file opens as typed in Excel and LibreOffice alike: UTF-8 with a
//! byte-order mark (Excel reads accents right only with it), and the
//! separator of the person's language (`;` in French, where `,` is the
//! decimal mark).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{ArtistQuery, ArtistRow, MAX_PAGE, list};
use crate::Database;
use crate::exports::{self, ExportError};

/// A column of the artist list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ArtistColumn {
    Name,
    City,
    Stage,
    Genres,
    Audience,
    Score,
    UpdatedAt,
    Country,
    /// Who follows the artist in the team.
    Owner,
    Tags,
    LastContact,
}

/// Which columns, headed how, separated by what; the stages' names as the
/// reader knows them, as (stage id, name); and the reader's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CsvLayout {
    pub columns: Vec<(ArtistColumn, String)>,
    pub separator: CsvSeparator,
    pub stage_names: Vec<(String, String)>,
    /// The IANA zone ("Europe/Paris") whose days the dates are written in,
    /// the days the list shows its reader; UTC when absent or unknown.
    pub time_zone: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum CsvSeparator {
    Comma,
    Semicolon,
    /// What Excel writes as "Unicode text"; read, not written.
    Tab,
}

const BYTE_ORDER_MARK: &[u8] = "\u{feff}".as_bytes();

/// The CSV text of every artist `query` finds, in its order (its offset
/// and limit are ignored: the whole list goes out).
pub fn export_csv(
    db: &Database,
    query: &ArtistQuery,
    layout: &CsvLayout,
) -> Result<Vec<u8>, ExportError> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(match layout.separator {
            CsvSeparator::Comma => b',',
            CsvSeparator::Semicolon => b';',
            CsvSeparator::Tab => b'\t',
        })
        .from_writer(BYTE_ORDER_MARK.to_vec());
    let record_error = |e: csv::Error| ExportError::Encoding(e.to_string());
    writer
        .write_record(layout.columns.iter().map(|(_, header)| header.as_str()))
        .map_err(record_error)?;
    let members: Vec<(String, String)> = crate::team::members(db)
        .map_err(ExportError::Database)?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect();
    let zone = layout
        .time_zone
        .as_deref()
        .and_then(|name| jiff::tz::TimeZone::get(name).ok())
        .unwrap_or(jiff::tz::TimeZone::UTC);
    let mut offset = 0;
    loop {
        let page = list(
            db,
            &ArtistQuery {
                offset,
                limit: MAX_PAGE,
                ..query.clone()
            },
        )
        .map_err(ExportError::Database)?;
        for row in &page.rows {
            let cells: Vec<String> = layout
                .columns
                .iter()
                .map(|(column, _)| cell(row, *column, layout, &members, &zone))
                .collect();
            writer.write_record(&cells).map_err(record_error)?;
        }
        offset += page.rows.len() as u32;
        if page.rows.is_empty() || offset >= page.total {
            break;
        }
    }
    writer
        .into_inner()
        .map_err(|e| ExportError::Encoding(e.to_string()))
}

fn cell(
    row: &ArtistRow,
    column: ArtistColumn,
    layout: &CsvLayout,
    members: &[(String, String)],
    zone: &jiff::tz::TimeZone,
) -> String {
    // The day an instant falls on where the reader is, as the list shows it.
    let day = |instant: &str| match instant.parse::<jiff::Timestamp>() {
        Ok(at) => at.to_zoned_datetime(zone.clone()).date().to_string(),
        Err(_) => instant.chars().take(10).collect(),
    };
    match column {
        ArtistColumn::Name => row.name.clone(),
        ArtistColumn::City => row.city.clone().unwrap_or_default(),
        ArtistColumn::Stage => layout
            .stage_names
            .iter()
            .find(|(id, _)| row.stage_id.as_ref() == Some(id))
            .map(|(_, name)| name.clone())
            .unwrap_or_default(),
        ArtistColumn::Genres => row.genres.join(", "),
        ArtistColumn::Audience => row.audience.map(|a| a.to_string()).unwrap_or_default(),
        ArtistColumn::Score => row.score.to_string(),
        ArtistColumn::UpdatedAt => day(&row.updated_at),
        ArtistColumn::Country => row.country.clone().unwrap_or_default(),
        ArtistColumn::Owner => members
            .iter()
            .find(|(id, _)| row.owner_id.as_ref() == Some(id))
            .map(|(_, name)| name.clone())
            .unwrap_or_default(),
        ArtistColumn::Tags => row.tags.join(", "),
        ArtistColumn::LastContact => row.last_contact_at.as_deref().map(day).unwrap_or_default(),
    }
}

/// Writes [`export_csv`] as a new file in `folder` and returns its path.
pub fn export_csv_to_folder(
    db: &Database,
    query: &ArtistQuery,
    layout: &CsvLayout,
    folder: &Path,
) -> Result<PathBuf, ExportError> {
    let bytes = export_csv(db, query, layout)?;
    exports::write_new_file(folder, "mona-spark-artistes", "csv", &bytes)
}
