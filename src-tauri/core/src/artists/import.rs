//! A spreadsheet of artists becomes cards: read as the file really is,
//! mapped column by column, previewed with its problems and duplicates,
//! then written in one transaction.
//!
//! Why it exists: every team arrives with years of prospects in Excel,
//! LibreOffice or Google Sheets. What those write varies: UTF-8 with or
//! without a byte-order mark, Windows-1252 from Excel on Windows, UTF-16
//! from Excel's "Unicode text", `;` where `,` is the decimal mark, newlines
//! inside quoted cells, "12 345" and "1,2 k" followers, "24/11/2026" dates.
//! [`read`] finds the encoding and the separator and suggests a field for
//! each column from its header, in French or English; [`preview`] says row
//! by row what would happen (created, a problem in a named column, or the
//! duplicate of a card found by e-mail, social handle or a name typed a
//! little differently); [`import`] does it, in one transaction that lands
//! completely or not at all, reporting progress and stopping when asked.
//!
//! Nothing in a file can make this module panic: it is fuzzed
//! (`tests/csv_import.rs`).

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::{ArtistFields, CsvSeparator, NewCard, Platform, SocialAccount};
use crate::pipeline::{self, Stage, StageKind, StagePreset};
use crate::scoring::{self, Listed, ListedFigures, NewCardScorer};
use crate::team::{self, Action};
use crate::validation::{FieldError, FieldProblem};
use crate::{Database, Error, clock, ids, text};

/// The largest file read (100,000 rows with notes weigh about 30 MB).
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// The most rows one import brings.
pub const MAX_ROWS: usize = 200_000;
/// Rows shown before the import, as the mapping reads them.
const SAMPLE_ROWS: usize = 5;
/// Rows listed with their problems or duplicates (the counts are exact).
const LISTED_MAX: usize = 1_000;
/// A name this long or longer also matches one typed with one letter off.
const FUZZY_NAME_MIN: usize = 6;

/// Why a file cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum CsvProblem {
    #[error("the file is larger than {max_megabytes} MB")]
    TooLarge { max_megabytes: u32 },
    #[error("the file holds no row")]
    Empty,
    #[error("an Excel workbook, not a CSV file")]
    Workbook,
    #[error("not a text file")]
    NotText,
    #[error("more than {max} rows")]
    TooManyRows { max: u32 },
    #[error("no column is mapped to the artist's name")]
    NoNameColumn,
    #[error("two columns are mapped to the same field (columns {first} and {second})")]
    MappedTwice { first: u32, second: u32 },
    #[error("column {column} holds followers of an account no column names")]
    FollowersWithoutAccount { column: u32 },
}

/// How the file's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum CsvEncoding {
    Utf8,
    Utf16,
    /// Excel's "CSV" on Windows in Western Europe.
    Windows1252,
}

/// What a column of the file fills on the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum ImportField {
    Name,
    LegalName,
    Email,
    Phone,
    City,
    Country,
    Genres,
    Languages,
    Notes,
    Stage,
    ContactEveryDays,
    Handle {
        platform: Platform,
    },
    Followers {
        platform: Platform,
    },
    /// The day the followers were counted (today when the file says none).
    FiguresDate,
}

/// The file as read: its shape, its first rows, and a suggested field for
/// each column (`None`: left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CsvSheet {
    pub encoding: CsvEncoding,
    pub separator: CsvSeparator,
    pub headers: Vec<String>,
    pub rows: u32,
    pub sample: Vec<Vec<String>>,
    pub mapping: Vec<Option<ImportField>>,
}

/// Why a row is the duplicate of a card (or of an earlier row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Match {
    Email,
    Handle {
        platform: Platform,
    },
    /// The same name without case, accents, spaces or punctuation, or one
    /// letter off for a long one.
    Name,
}

/// A row that names an artist already there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Duplicate {
    /// The row's line in the file (the header is line 1).
    pub line: u32,
    pub name: String,
    pub by: Match,
    /// The card it matches; `None` when it is an earlier row of the file.
    pub artist_id: Option<String>,
    pub existing_name: String,
    /// The earlier row it matches, when it is one.
    pub earlier_line: Option<u32>,
}

/// A row that cannot become a card as it is: its problems, by column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RowProblems {
    pub line: u32,
    pub name: String,
    pub problems: Vec<CellProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CellProblem {
    /// The column, from 0, as in [`CsvSheet::headers`].
    pub column: u32,
    pub problem: FieldProblem,
}

/// What the import would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub rows: u32,
    /// Rows that become new cards.
    pub new_cards: u32,
    pub duplicate_rows: u32,
    pub problem_rows: u32,
    /// The first duplicates (all of them up to a thousand).
    pub duplicates: Vec<Duplicate>,
    pub problems: Vec<RowProblems>,
}

/// What to do with a row that names an artist already there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateChoice {
    /// Fill what the card leaves empty, add what it lacks; nothing it holds
    /// is overwritten.
    #[default]
    Merge,
    Skip,
    /// A new card all the same.
    Create,
}

/// The person's choices for duplicates: one for all, and exceptions by line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct ImportChoices {
    pub duplicates: DuplicateChoice,
    pub by_line: Vec<(u32, DuplicateChoice)>,
}

/// What happened to a row that did not simply become a new card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum RowOutcome {
    Merged { artist_id: String, into: String },
    Skipped { duplicate_of: String },
    Failed { problems: Vec<CellProblem> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RowReport {
    pub line: u32,
    pub name: String,
    #[serde(flatten)]
    pub outcome: RowOutcome,
}

/// What the import did, row by row: every row not listed became a new card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub created: u32,
    pub merged: u32,
    pub skipped: u32,
    pub failed: u32,
    pub rows: Vec<RowReport>,
}

/// How far an import went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

/// Reads the file and suggests a mapping.
pub fn read(bytes: &[u8]) -> Result<CsvSheet, Error> {
    let table = Table::parse(bytes)?;
    let mapping = suggest(&table.headers);
    Ok(CsvSheet {
        encoding: table.encoding,
        separator: table.separator,
        rows: table.rows.len() as u32,
        sample: table
            .rows
            .iter()
            .take(SAMPLE_ROWS)
            .map(|r| r.cells.clone())
            .collect(),
        headers: table.headers,
        mapping,
    })
}

/// What [`import`] would do with `bytes` mapped by `mapping`; writes nothing.
pub fn preview(
    db: &Database,
    bytes: &[u8],
    mapping: &[Option<ImportField>],
) -> Result<ImportPreview, Error> {
    let table = Table::parse(bytes)?;
    let columns = Columns::new(mapping, table.headers.len())?;
    db.read(|c| {
        let context = Context::load(c)?;
        let mut preview = ImportPreview {
            rows: table.rows.len() as u32,
            new_cards: 0,
            duplicate_rows: 0,
            problem_rows: 0,
            duplicates: Vec::new(),
            problems: Vec::new(),
        };
        let mut known = context.known;
        for row in &table.rows {
            match columns.card(row, &context.stages) {
                Err(problems) => {
                    preview.problem_rows += 1;
                    if preview.problems.len() < LISTED_MAX {
                        preview.problems.push(RowProblems {
                            line: row.line,
                            name: columns.name(row),
                            problems,
                        });
                    }
                }
                Ok(card) => match known.find(&card.fields) {
                    Some(found) => {
                        preview.duplicate_rows += 1;
                        if preview.duplicates.len() < LISTED_MAX {
                            preview
                                .duplicates
                                .push(found.duplicate(row.line, &card.fields.name));
                        }
                    }
                    None => {
                        preview.new_cards += 1;
                        known.add(&card.fields, Source::Line(row.line));
                    }
                },
            }
        }
        Ok(preview)
    })
}

/// Imports the rows: new cards, merges or skips for duplicates as chosen,
/// rows with problems left out and reported. One transaction: cancelled
/// (`cancel` set) or failed, nothing lands.
///
/// Two threads share the work: one reads each row into a card and decides
/// what becomes of it ([`decide`]), the other stores what was decided, in
/// the file's order, as it comes: reading a row costs about a quarter of
/// storing it, time the import no longer waits for (docs/PERFORMANCE.md).
///
/// A file that is large next to the cards already there is stored without
/// keeping the list, its search index and the scores row by row, and those
/// are made again once at the end, with the new cards' scores computed by
/// the reading thread; a small one keeps them as single edits do
/// ([`keeps_list_row_by_row`]).
pub fn import(
    db: &Database,
    bytes: &[u8],
    mapping: &[Option<ImportField>],
    choices: &ImportChoices,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &AtomicBool,
) -> Result<ImportReport, Error> {
    let table = Table::parse(bytes)?;
    let columns = Columns::new(mapping, table.headers.len())?;
    let total = table.rows.len() as u32;
    let now = clock::now();
    let today_date = clock::today();
    let today = today_date.to_string();
    let row_by_row = keeps_list_row_by_row(table.rows.len(), db.read(super::live_artists)?);
    let work = |t: &rusqlite::Transaction<'_>| {
        team::require(t, Action::Import)?;
        team::require(t, Action::EditRecords)?;
        let Context { stages, known } = Context::load(t)?;
        let first_stage = pipeline::first_stage(t)?;
        let (upkeep, scorer) = if row_by_row {
            (
                Upkeep::RowByRow {
                    written: Vec::new(),
                },
                None,
            )
        } else {
            let upkeep = Upkeep::Bulk {
                figures: scoring::all_listed_figures(t)?,
                merged: Vec::new(),
            };
            (upkeep, Some(NewCardScorer::load(t, today_date)?))
        };
        let (decisions, decided) = mpsc::sync_channel(DECISIONS_IN_FLIGHT);
        let (report, upkeep) = std::thread::scope(|scope| {
            let rows = Rows {
                table: &table,
                columns: &columns,
                stages: &stages,
                choices,
                scorer: scorer.as_ref(),
                today: &today,
            };
            // The sender goes with the reader: the writer's loop ends when
            // the reader is done.
            let reader = scope.spawn(move || decide(&rows, known, cancel, &decisions));
            let writer = Writer {
                first_stage: &first_stage,
                today: &today,
                now: &now,
                upkeep,
            };
            let stored = writer.store(t, &decided, progress, total);
            // The reader stops at its next batch once nothing receives it.
            drop(decided);
            let report = reader
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            let upkeep = stored?;
            Ok::<_, Error>((report?, upkeep))
        })?;
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Cancelled);
        }
        upkeep.finish(t)?;
        progress(ImportProgress { done: total, total });
        Ok(report)
    };
    if row_by_row {
        db.write(work)
    } else {
        db.write_many(work)
    }
}

/// Whether an import of `rows` rows into a base of `cards` live cards keeps
/// the list, its search index and the scores row by row, as single edits
/// do, rather than making them again for every card at the end. Per row,
/// keeping costs about three times what storing in bulk does; making them
/// again costs about half a bulk row per card of the base
/// (docs/PERFORMANCE.md, "CSV import"): below a quarter of the base,
/// keeping costs less.
fn keeps_list_row_by_row(rows: usize, cards: u32) -> bool {
    rows.saturating_mul(4) < cards as usize
}

/// Rows read between two reports of progress, and sent to the writer at once.
const ROWS_PER_DECISION_BATCH: usize = 500;
/// Batches read ahead of the writer.
const DECISIONS_IN_FLIGHT: usize = 8;

/// What becomes of a row that lands.
enum Decision {
    Create {
        id: String,
        card: Card,
        /// Its score and audience, when the list is made again at the end.
        listed: Option<Listed>,
    },
    Merge {
        artist_id: String,
        card: Card,
    },
}

/// How the list, its search index and the scores follow what an import
/// writes ([`keeps_list_row_by_row`]).
enum Upkeep {
    /// Kept by the triggers as single edits keep them; the scores of the
    /// cards written are refreshed at the end.
    RowByRow { written: Vec<String> },
    /// Made again once at the end, with the scores of the cards there
    /// before (computed before the first row was written), of the new cards
    /// (computed by the reader), and of the cards merged into (computed
    /// again from what they hold now).
    Bulk {
        figures: ListedFigures,
        merged: Vec<String>,
    },
}

impl Upkeep {
    fn finish(self, t: &Connection) -> Result<(), Error> {
        match self {
            Upkeep::RowByRow { written } => {
                for artist_id in &written {
                    scoring::refresh(t, artist_id)?;
                }
                Ok(())
            }
            Upkeep::Bulk {
                mut figures,
                merged,
            } => {
                scoring::rescore_listed(t, &mut figures, merged)?;
                super::rebuild_derived_with(t, figures)
            }
        }
    }
}

/// The rows read so far and what was decided for those that land.
struct DecisionBatch {
    rows_read: usize,
    decisions: Vec<Decision>,
}

/// What the reading side of an import works from.
struct Rows<'a> {
    table: &'a Table,
    columns: &'a Columns,
    stages: &'a [Stage],
    choices: &'a ImportChoices,
    /// Scores the new cards, when the list is made again at the end.
    scorer: Option<&'a NewCardScorer>,
    today: &'a str,
}

/// Reads every row into a card and decides its fate: left out with its
/// problems, skipped or merged as the duplicate of a card (one already kept,
/// or one of this file), or created. Sends the decisions by batches, in the
/// file's order, and returns the report. Stops when `cancel` is set or when
/// the writer hangs up.
fn decide(
    rows: &Rows<'_>,
    mut known: Known,
    cancel: &AtomicBool,
    decisions: &mpsc::SyncSender<DecisionBatch>,
) -> Result<ImportReport, Error> {
    let by_line: HashMap<u32, DuplicateChoice> = rows.choices.by_line.iter().copied().collect();
    let mut report = ImportReport {
        created: 0,
        merged: 0,
        skipped: 0,
        failed: 0,
        rows: Vec::new(),
    };
    for (batch, chunk) in rows.table.rows.chunks(ROWS_PER_DECISION_BATCH).enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Cancelled);
        }
        let mut decided = Vec::with_capacity(chunk.len());
        for row in chunk {
            let card = match rows.columns.card(row, rows.stages) {
                Ok(card) => card,
                Err(problems) => {
                    report.failed += 1;
                    report.rows.push(RowReport {
                        line: row.line,
                        name: rows.columns.name(row),
                        outcome: RowOutcome::Failed { problems },
                    });
                    continue;
                }
            };
            let found = known
                .find(&card.fields)
                .map(|f| (f.name.to_owned(), f.source.clone()));
            let choice = match &found {
                None => DuplicateChoice::Create,
                Some(_) => by_line
                    .get(&row.line)
                    .copied()
                    .unwrap_or(rows.choices.duplicates),
            };
            match (choice, found) {
                (DuplicateChoice::Skip, Some((name, _))) => {
                    report.skipped += 1;
                    report.rows.push(RowReport {
                        line: row.line,
                        name: card.fields.name.clone(),
                        outcome: RowOutcome::Skipped { duplicate_of: name },
                    });
                }
                (DuplicateChoice::Merge, Some((into, Source::Card(artist_id)))) => {
                    report.merged += 1;
                    report.rows.push(RowReport {
                        line: row.line,
                        name: card.fields.name.clone(),
                        outcome: RowOutcome::Merged {
                            artist_id: artist_id.clone(),
                            into,
                        },
                    });
                    decided.push(Decision::Merge { artist_id, card });
                }
                // No duplicate, a new card chosen, or (never here: every
                // row imported is a card) a row of the file not imported.
                _ => {
                    let id = ids::new_id();
                    known.add(&card.fields, Source::Card(id.clone()));
                    report.created += 1;
                    let listed = rows
                        .scorer
                        .map(|scorer| scorer.listed(&card.fields, card.figures_on(rows.today)));
                    decided.push(Decision::Create { id, card, listed });
                }
            }
        }
        let read = DecisionBatch {
            rows_read: batch * ROWS_PER_DECISION_BATCH + chunk.len(),
            decisions: decided,
        };
        if decisions.send(read).is_err() {
            // The writer failed; it reports why.
            break;
        }
    }
    Ok(report)
}

/// What the writing side of an import works with.
struct Writer<'a> {
    first_stage: &'a Stage,
    today: &'a str,
    now: &'a str,
    upkeep: Upkeep,
}

impl Writer<'_> {
    /// Stores what the reader decided, in its order: new cards by batches
    /// (`artists::insert_cards`), and before a merge, which may be into one
    /// of them. Returns what the list's upkeep needs to know of it.
    fn store(
        mut self,
        t: &Connection,
        decided: &mpsc::Receiver<DecisionBatch>,
        progress: &mut dyn FnMut(ImportProgress),
        total: u32,
    ) -> Result<Upkeep, Error> {
        let mut new_cards: Vec<(String, Card)> = Vec::new();
        for batch in decided {
            progress(ImportProgress {
                done: batch.rows_read as u32,
                total,
            });
            for decision in batch.decisions {
                match decision {
                    Decision::Create { id, card, listed } => {
                        if let (Upkeep::Bulk { figures, .. }, Some(listed)) =
                            (&mut self.upkeep, listed)
                        {
                            figures.insert(id.clone(), listed);
                        }
                        new_cards.push((id, card));
                        if new_cards.len() == CARDS_PER_BATCH {
                            self.store_new_cards(t, &mut new_cards)?;
                        }
                    }
                    Decision::Merge { artist_id, card } => {
                        self.store_new_cards(t, &mut new_cards)?;
                        merge(t, &artist_id, &card, self.now, self.today)?;
                        match &mut self.upkeep {
                            Upkeep::RowByRow { written } => written.push(artist_id),
                            Upkeep::Bulk { merged, .. } => merged.push(artist_id),
                        }
                    }
                }
            }
        }
        self.store_new_cards(t, &mut new_cards)?;
        Ok(self.upkeep)
    }

    /// Writes the new cards gathered so far (and forgets them); the
    /// followers are dated as the file says, or today.
    fn store_new_cards(
        &mut self,
        t: &Connection,
        new_cards: &mut Vec<(String, Card)>,
    ) -> Result<(), Error> {
        let cards: Vec<NewCard<'_>> = new_cards
            .iter()
            .map(|(id, card)| NewCard {
                id: id.clone(),
                fields: &card.fields,
                // The stage was checked against the pipeline when the row was read.
                stage_id: card
                    .fields
                    .stage_id
                    .as_deref()
                    .unwrap_or(&self.first_stage.id)
                    .into(),
                lost_reason: None,
                figures_on: card.figures_on(self.today),
            })
            .collect();
        super::insert_cards(t, &cards, self.now)?;
        if let Upkeep::RowByRow { written } = &mut self.upkeep {
            written.extend(cards.into_iter().map(|card| card.id));
        }
        new_cards.clear();
        Ok(())
    }
}

/// The file as rows of cells, with the line each row starts on.
struct Table {
    encoding: CsvEncoding,
    separator: CsvSeparator,
    headers: Vec<String>,
    rows: Vec<TableRow>,
}

struct TableRow {
    line: u32,
    cells: Vec<String>,
}

impl Table {
    fn parse(bytes: &[u8]) -> Result<Table, CsvProblem> {
        if bytes.len() > MAX_BYTES {
            return Err(CsvProblem::TooLarge {
                max_megabytes: (MAX_BYTES / (1024 * 1024)) as u32,
            });
        }
        // An .xlsx is a zip archive; an .xls starts with the OLE signature.
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(CsvProblem::Workbook);
        }
        let (text, encoding) = decode(bytes)?;
        let separator = sniff_separator(&text);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(match separator {
                CsvSeparator::Comma => b',',
                CsvSeparator::Semicolon => b';',
                CsvSeparator::Tab => b'\t',
            })
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut headers: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        // Lines counted from the records' byte offsets: the reader's own
        // count is one short after a CRLF, which is what Excel writes.
        let (mut counted_to, mut line) = (0usize, 1u32);
        for record in reader.records() {
            // The reader only fails on invalid UTF-8, which `decode` rules out.
            let Ok(record) = record else { continue };
            let bytes = text.as_bytes();
            let mut start = record
                .position()
                .map_or(counted_to, |p| p.byte() as usize)
                .clamp(counted_to, bytes.len());
            // The reader may place a record at the end of the line before
            // (or of a blank line): it starts at its first other byte.
            while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
                start += 1;
            }
            // A line ends at CR, LF or CRLF (counted at its CR).
            line += (counted_to..start)
                .filter(|&i| {
                    bytes[i] == b'\r' || (bytes[i] == b'\n' && (i == 0 || bytes[i - 1] != b'\r'))
                })
                .count() as u32;
            counted_to = start;
            let cells: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
            if cells.iter().all(String::is_empty) {
                continue;
            }
            if headers.is_none() {
                headers = Some(cells);
                continue;
            }
            if rows.len() == MAX_ROWS {
                return Err(CsvProblem::TooManyRows {
                    max: MAX_ROWS as u32,
                });
            }
            rows.push(TableRow { line, cells });
        }
        let headers = headers.ok_or(CsvProblem::Empty)?;
        if rows.is_empty() {
            return Err(CsvProblem::Empty);
        }
        let width = rows
            .iter()
            .map(|r| r.cells.len())
            .max()
            .unwrap_or(0)
            .max(headers.len());
        let headers = (0..width)
            .map(|i| match headers.get(i) {
                Some(h) if !h.is_empty() => h.clone(),
                _ => format!("#{}", i + 1),
            })
            .collect();
        Ok(Table {
            encoding,
            separator,
            headers,
            rows,
        })
    }
}

/// The file's text: UTF-16 or UTF-8 when a byte-order mark says so, UTF-8
/// when the bytes are valid UTF-8, else Windows-1252 (every byte is a
/// character there, so any file reads).
fn decode(bytes: &[u8]) -> Result<(String, CsvEncoding), CsvProblem> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let kind = if encoding == encoding_rs::UTF_8 {
            CsvEncoding::Utf8
        } else {
            CsvEncoding::Utf16
        };
        return checked_text(text.into_owned(), kind);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => checked_text(text.to_owned(), CsvEncoding::Utf8),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            checked_text(text.into_owned(), CsvEncoding::Windows1252)
        }
    }
}

/// Refuses what is clearly not text (an image, an archive): NUL characters.
fn checked_text(text: String, encoding: CsvEncoding) -> Result<(String, CsvEncoding), CsvProblem> {
    if text.contains('\0') {
        Err(CsvProblem::NotText)
    } else {
        Ok((text, encoding))
    }
}

/// The separator that splits the first lines into the most columns, the
/// same number on each line (quotes respected).
fn sniff_separator(text: &str) -> CsvSeparator {
    let head: String = text.chars().take(64 * 1024).collect();
    let mut best = (CsvSeparator::Comma, 0usize, 0usize);
    for (separator, byte) in [
        (CsvSeparator::Semicolon, b';'),
        (CsvSeparator::Comma, b','),
        (CsvSeparator::Tab, b'\t'),
    ] {
        let widths: Vec<usize> = csv::ReaderBuilder::new()
            .delimiter(byte)
            .has_headers(false)
            .flexible(true)
            .from_reader(head.as_bytes())
            .records()
            .take(20)
            .filter_map(Result::ok)
            .map(|r| r.len())
            .collect();
        let Some(&first) = widths.first() else {
            continue;
        };
        let steady = widths.iter().filter(|&&w| w == first).count();
        if first > 1 && (steady, first) > (best.1, best.2) {
            best = (separator, steady, first);
        }
    }
    best.0
}

/// A header without case, accents, spaces or punctuation.
fn compact(text: &str) -> String {
    text::fold(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

const PLATFORM_WORDS: &[(Platform, &[&str])] = &[
    (Platform::Instagram, &["instagram", "insta"]),
    (Platform::Tiktok, &["tiktok"]),
    (Platform::Youtube, &["youtube"]),
    (Platform::Twitch, &["twitch"]),
    (Platform::Spotify, &["spotify"]),
    (Platform::Soundcloud, &["soundcloud"]),
    (Platform::Facebook, &["facebook"]),
    (Platform::X, &["twitter"]),
];

const AUDIENCE_WORDS: &[&str] = &[
    "abonne",
    "follower",
    "audience",
    "fans",
    "auditeur",
    "listener",
    "subscriber",
];

const FIELD_WORDS: &[(ImportField, &[&str])] = &[
    (
        ImportField::Name,
        &[
            "nom",
            "name",
            "nomdescene",
            "nomdartiste",
            "artiste",
            "artist",
            "artistname",
            "stagename",
            "pseudo",
        ],
    ),
    (
        ImportField::LegalName,
        &[
            "nomlegal",
            "nomcivil",
            "vrainom",
            "nometprenom",
            "legalname",
            "realname",
            "fullname",
        ],
    ),
    (
        ImportField::Email,
        &[
            "email",
            "mail",
            "courriel",
            "adressemail",
            "adresseemail",
            "emailaddress",
        ],
    ),
    (
        ImportField::Phone,
        &["telephone", "tel", "phone", "mobile", "portable", "numero"],
    ),
    (ImportField::City, &["ville", "city", "localite"]),
    (ImportField::Country, &["pays", "country"]),
    (
        ImportField::Genres,
        &["genre", "genres", "style", "styles", "genremusical"],
    ),
    (
        ImportField::Languages,
        &["langue", "langues", "language", "languages"],
    ),
    (
        ImportField::Notes,
        &[
            "notes",
            "note",
            "commentaire",
            "commentaires",
            "comments",
            "remarques",
        ],
    ),
    (
        ImportField::Stage,
        &["etape", "statut", "status", "stage", "pipeline"],
    ),
    (
        ImportField::ContactEveryDays,
        &["relance", "relancerjours", "cadence", "contactevery"],
    ),
    (
        ImportField::FiguresDate,
        &[
            "datedeschiffres",
            "datechiffres",
            "dateaudience",
            "mesurele",
            "measuredon",
            "date",
        ],
    ),
];

/// A field for each header, when one reads like it; each field once.
fn suggest(headers: &[String]) -> Vec<Option<ImportField>> {
    let mut taken = HashSet::new();
    headers
        .iter()
        .map(|header| {
            let key = compact(header);
            let platform = PLATFORM_WORDS
                .iter()
                .find(|(_, words)| words.iter().any(|w| key.contains(w)))
                .map(|(p, _)| *p);
            let field = match platform {
                Some(platform) if AUDIENCE_WORDS.iter().any(|w| key.contains(w)) => {
                    Some(ImportField::Followers { platform })
                }
                Some(platform) => Some(ImportField::Handle { platform }),
                None => FIELD_WORDS
                    .iter()
                    .find(|(_, words)| words.contains(&key.as_str()))
                    .map(|(f, _)| *f),
            };
            field.filter(|f| taken.insert(*f))
        })
        .collect()
}

/// The mapping, checked: a name column, no field twice.
struct Columns {
    fields: Vec<(usize, ImportField)>,
    name: usize,
}

impl Columns {
    fn new(mapping: &[Option<ImportField>], width: usize) -> Result<Columns, CsvProblem> {
        let fields: Vec<(usize, ImportField)> = mapping
            .iter()
            .take(width)
            .enumerate()
            .filter_map(|(i, f)| f.map(|f| (i, f)))
            .collect();
        for (n, (column, field)) in fields.iter().enumerate() {
            if let Some((first, _)) = fields[..n].iter().find(|(_, f)| f == field) {
                return Err(CsvProblem::MappedTwice {
                    first: *first as u32,
                    second: *column as u32,
                });
            }
        }
        // Followers belong to an account, which a handle or link names.
        for (column, field) in &fields {
            if let ImportField::Followers { platform } = field
                && !fields.iter().any(|(_, f)| {
                    *f == ImportField::Handle {
                        platform: *platform,
                    }
                })
            {
                return Err(CsvProblem::FollowersWithoutAccount {
                    column: *column as u32,
                });
            }
        }
        let name = fields
            .iter()
            .find(|(_, f)| *f == ImportField::Name)
            .map(|(i, _)| *i)
            .ok_or(CsvProblem::NoNameColumn)?;
        Ok(Columns { fields, name })
    }

    fn name(&self, row: &TableRow) -> String {
        row.cells.get(self.name).cloned().unwrap_or_default()
    }

    /// The card a row makes, checked like a card typed in the app, or its
    /// problems by column.
    fn card(&self, row: &TableRow, stages: &[Stage]) -> Result<Card, Vec<CellProblem>> {
        let mut fields = ArtistFields::default();
        let mut problems = Vec::new();
        let mut figures_day = None;
        // Accounts in the order their columns first appear.
        let mut accounts: Vec<SocialAccount> = Vec::new();
        let problem = |problems: &mut Vec<CellProblem>, column: usize, problem: FieldProblem| {
            problems.push(CellProblem {
                column: column as u32,
                problem,
            });
        };
        for &(column, field) in &self.fields {
            let cell = row.cells.get(column).map_or("", String::as_str);
            if cell.is_empty() {
                continue;
            }
            let text = Some(cell.to_owned());
            match field {
                ImportField::Name => fields.name = cell.to_owned(),
                ImportField::LegalName => fields.legal_name = text,
                ImportField::Email => fields.email = text,
                ImportField::Phone => fields.phone = text,
                ImportField::City => fields.city = text,
                ImportField::Country => fields.country = Some(country_code(cell)),
                ImportField::Genres => fields.genres = list(cell),
                ImportField::Languages => {
                    fields.languages = list(cell).iter().map(|l| language_code(l)).collect();
                }
                ImportField::Notes => fields.notes = cell.to_owned(),
                ImportField::Stage => match stage_named(stages, cell) {
                    Some(id) => fields.stage_id = Some(id),
                    None => problem(&mut problems, column, FieldProblem::UnknownStage),
                },
                ImportField::ContactEveryDays => match count(cell) {
                    Ok(days) => fields.contact_every_days = Some(days),
                    Err(p) => problem(&mut problems, column, p),
                },
                ImportField::FiguresDate => match day(cell) {
                    Some(day) => figures_day = Some(day),
                    None => problem(&mut problems, column, FieldProblem::InvalidDay),
                },
                ImportField::Handle { platform } => {
                    let (handle, url) = handle_and_url(cell);
                    let at = account_for(&mut accounts, platform);
                    (accounts[at].handle, accounts[at].url) = (handle, url);
                }
                ImportField::Followers { platform } => match count(cell) {
                    Ok(audience) => {
                        let at = account_for(&mut accounts, platform);
                        accounts[at].audience = Some(audience);
                    }
                    Err(p) => problem(&mut problems, column, p),
                },
            }
        }
        let platforms: Vec<Platform> = accounts.iter().map(|a| a.platform).collect();
        fields.accounts = accounts;
        match super::validate(fields) {
            Ok(fields) if problems.is_empty() => Ok(Card {
                fields,
                figures_day,
            }),
            Ok(_) => Err(problems),
            Err(errors) => {
                for FieldError { field, problem: p } in errors.0 {
                    let column = self.column_of(&field, &platforms);
                    problem(&mut problems, column, p);
                }
                Err(problems)
            }
        }
    }

    /// The column a validation problem belongs to ("email", "accounts.1.handle":
    /// the column naming that account).
    fn column_of(&self, field: &str, accounts: &[Platform]) -> usize {
        let account = field
            .strip_prefix("accounts.")
            .and_then(|rest| rest.split('.').next())
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| accounts.get(i));
        let wanted = account
            .map(|&platform| ImportField::Handle { platform })
            .or(match field {
                "legalName" => Some(ImportField::LegalName),
                "email" => Some(ImportField::Email),
                "phone" => Some(ImportField::Phone),
                "city" => Some(ImportField::City),
                "country" => Some(ImportField::Country),
                "notes" => Some(ImportField::Notes),
                "contactEveryDays" => Some(ImportField::ContactEveryDays),
                "stageId" | "lostReason" => Some(ImportField::Stage),
                f if f.starts_with("genres") => Some(ImportField::Genres),
                f if f.starts_with("languages") => Some(ImportField::Languages),
                _ => None,
            });
        wanted
            .and_then(|w| self.fields.iter().find(|(_, f)| *f == w))
            .map_or(self.name, |(c, _)| *c)
    }
}

/// Where the row's account on `platform` is, added when it is the first
/// column to name it.
fn account_for(accounts: &mut Vec<SocialAccount>, platform: Platform) -> usize {
    match accounts.iter().position(|a| a.platform == platform) {
        Some(at) => at,
        None => {
            accounts.push(SocialAccount {
                platform,
                ..SocialAccount::default()
            });
            accounts.len() - 1
        }
    }
}

/// A row made into a card.
struct Card {
    fields: ArtistFields,
    figures_day: Option<String>,
}

impl Card {
    /// The day its followers were counted: as the file says, or `today`.
    fn figures_on<'a>(&'a self, today: &'a str) -> &'a str {
        self.figures_day.as_deref().unwrap_or(today)
    }
}

/// "rap, afro / pop" → ["rap", "afro", "pop"].
fn list(cell: &str) -> Vec<String> {
    cell.split([',', ';', '/', '|'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A country as its ISO code, from a code or a common name in French or
/// English; anything else is left for validation to refuse.
fn country_code(cell: &str) -> String {
    const NAMES: &[(&str, &[&str])] = &[
        ("FR", &["france"]),
        ("BE", &["belgique", "belgium"]),
        ("CH", &["suisse", "switzerland"]),
        ("CA", &["canada"]),
        ("LU", &["luxembourg"]),
        ("MC", &["monaco"]),
        ("MA", &["maroc", "morocco"]),
        ("DZ", &["algerie", "algeria"]),
        ("TN", &["tunisie", "tunisia"]),
        ("SN", &["senegal"]),
        ("CI", &["cotedivoire", "ivorycoast"]),
        ("CM", &["cameroun", "cameroon"]),
        (
            "GB",
            &["royaumeuni", "unitedkingdom", "uk", "angleterre", "england"],
        ),
        ("US", &["etatsunis", "unitedstates", "usa"]),
        ("ES", &["espagne", "spain"]),
        ("IT", &["italie", "italy"]),
        ("DE", &["allemagne", "germany"]),
        ("PT", &["portugal"]),
        ("NL", &["paysbas", "netherlands"]),
    ];
    let key = compact(cell);
    NAMES
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map_or_else(|| cell.to_owned(), |(code, _)| (*code).to_owned())
}

/// A language as its ISO 639-1 code, from a code or a common name.
fn language_code(cell: &str) -> String {
    const NAMES: &[(&str, &[&str])] = &[
        ("fr", &["francais", "french"]),
        ("en", &["anglais", "english"]),
        ("es", &["espagnol", "spanish"]),
        ("it", &["italien", "italian"]),
        ("de", &["allemand", "german"]),
        ("pt", &["portugais", "portuguese"]),
        ("ar", &["arabe", "arabic"]),
        ("nl", &["neerlandais", "dutch"]),
    ];
    let key = compact(cell);
    NAMES
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map_or_else(|| cell.to_lowercase(), |(code, _)| (*code).to_owned())
}

/// The stage a cell names: its label or, for a default stage, its name in
/// French or English. A lost stage is not offered (losing needs a reason,
/// given on the card).
fn stage_named(stages: &[Stage], cell: &str) -> Option<String> {
    let key = compact(cell);
    stages
        .iter()
        .filter(|s| s.kind != StageKind::Lost)
        .find(|s| {
            s.label.as_deref().map(compact).as_deref() == Some(key.as_str())
                || (s.label.is_none()
                    && s.preset
                        .is_some_and(|p| preset_names(p).contains(&key.as_str())))
        })
        .map(|s| s.id.clone())
}

fn preset_names(preset: StagePreset) -> &'static [&'static str] {
    match preset {
        StagePreset::Identified => &["repere", "identifie", "identified", "prospect"],
        StagePreset::Contacted => &["contacte", "contacted"],
        StagePreset::InDiscussion => &["endiscussion", "indiscussion"],
        StagePreset::ProposalSent => &["propositionenvoyee", "proposalsent", "proposition"],
        StagePreset::Signed => &["signe", "signed"],
        StagePreset::Active => &["actif", "active"],
        StagePreset::Lost => &["perdu", "lost"],
    }
}

/// A handle and, when the cell is a link, the link: "@nadia.k",
/// "instagram.com/nadia.k/" and "https://www.instagram.com/nadia.k" all
/// give "nadia.k".
fn handle_and_url(cell: &str) -> (Option<String>, Option<String>) {
    let lower = cell.to_lowercase();
    let is_link =
        lower.starts_with("http://") || lower.starts_with("https://") || lower.contains(".com/");
    if !is_link {
        let handle = cell.trim_start_matches('@').trim();
        return ((!handle.is_empty()).then(|| handle.to_owned()), None);
    }
    let url = if lower.starts_with("http") {
        cell.to_owned()
    } else {
        format!("https://{cell}")
    };
    let path = cell.split_once(".com/").map_or("", |(_, path)| path);
    let handle = path
        .split(['/', '?', '#'])
        .find(|segment| !segment.is_empty() && *segment != "channel" && *segment != "user")
        .map(|segment| segment.trim_start_matches('@').to_owned());
    (handle, Some(url))
}

/// A whole number as spreadsheets write it: "12 345", "12.345" (thousands
/// in French), "1,5 k", "1.2M", "15000 abonnés".
fn count(cell: &str) -> Result<u32, FieldProblem> {
    let lower = text::fold(cell);
    let lower = lower.trim();
    if lower.starts_with('-') {
        return Err(FieldProblem::TooSmall { min: 0 });
    }
    let mut digits = String::new();
    let mut rest = lower;
    for (i, c) in lower.char_indices() {
        match c {
            '0'..='9' | '.' | ',' => digits.push(c),
            ' ' | '\u{a0}' | '\u{202f}' | '\'' => {}
            _ => {
                rest = &lower[i..];
                break;
            }
        }
        rest = &lower[i + c.len_utf8()..];
    }
    let multiplier: f64 = match rest.trim().chars().next() {
        Some('k') => 1_000.0,
        Some('m') => 1_000_000.0,
        _ => 1.0,
    };
    if digits.is_empty() {
        return Err(FieldProblem::NotANumber);
    }
    // A mark followed by exactly three digits, with no k/M, groups
    // thousands ("12.345", "12,345"); otherwise it is the decimal mark.
    let marks: Vec<usize> = digits.match_indices(['.', ',']).map(|(i, _)| i).collect();
    let grouped = multiplier == 1.0
        && !marks.is_empty()
        && marks.iter().all(|&i| {
            digits[i + 1..]
                .split(['.', ','])
                .next()
                .is_some_and(|group| group.len() == 3)
        });
    let number: f64 = if grouped {
        digits
            .replace(['.', ','], "")
            .parse()
            .map_err(|_| FieldProblem::NotANumber)?
    } else if marks.len() > 1 {
        return Err(FieldProblem::NotANumber);
    } else {
        digits
            .replace(',', ".")
            .parse()
            .map_err(|_| FieldProblem::NotANumber)?
    };
    let value = (number * multiplier).round();
    if value > f64::from(u32::MAX) {
        return Err(FieldProblem::TooLarge { max: u32::MAX });
    }
    Ok(value as u32)
}

/// A day as spreadsheets write it: "24/11/2026", "24/11/26", "24.11.2026",
/// "2026-11-24", "24 novembre 2026", "24 nov. 2026", with or without a time.
fn day(cell: &str) -> Option<String> {
    const MONTHS: &[(&str, i8)] = &[
        ("janv", 1),
        ("jan", 1),
        ("fev", 2),
        ("feb", 2),
        ("mars", 3),
        ("mar", 3),
        ("avr", 4),
        ("apr", 4),
        ("mai", 5),
        ("may", 5),
        ("juin", 6),
        ("jun", 6),
        ("juil", 7),
        ("jul", 7),
        ("aout", 8),
        ("aug", 8),
        ("sept", 9),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ];
    let folded = text::fold(cell);
    let date_part = folded.split([' ', 'T']).next().unwrap_or("");
    let numbers: Vec<&str> = date_part.split(['/', '-', '.']).collect();
    let (year, month, day): (i32, i8, i8) = if numbers.len() == 3
        && numbers
            .iter()
            .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    {
        if numbers[0].len() == 4 {
            (
                numbers[0].parse().ok()?,
                numbers[1].parse().ok()?,
                numbers[2].parse().ok()?,
            )
        } else {
            let year: i32 = numbers[2].parse().ok()?;
            let year = if numbers[2].len() == 2 {
                2000 + year
            } else {
                year
            };
            (year, numbers[1].parse().ok()?, numbers[0].parse().ok()?)
        }
    } else {
        let words: Vec<&str> = folded
            .split(|c: char| c.is_whitespace() || c == '.' || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        let [d, m, y, ..] = words.as_slice() else {
            return None;
        };
        let month = MONTHS
            .iter()
            .find(|(prefix, _)| m.starts_with(prefix))
            .map(|(_, n)| *n)?;
        (
            y.parse().ok()?,
            month,
            d.trim_end_matches("er").parse().ok()?,
        )
    };
    let date = jiff::civil::Date::new(i16::try_from(year).ok()?, month, day).ok()?;
    Some(date.to_string())
}

/// What the import needs to know before the first row: the stages, and
/// every card it could duplicate.
struct Context {
    stages: Vec<Stage>,
    known: Known,
}

impl Context {
    fn load(c: &Connection) -> Result<Context, Error> {
        let stages = pipeline::load_stages(c)?;
        let mut known = Known::default();
        let mut statement =
            c.prepare("SELECT id, name, email FROM artists WHERE deleted_at IS NULL")?;
        let mut rows = statement.query([])?;
        let mut position: HashMap<String, usize> = HashMap::new();
        while let Some(row) = rows.next()? {
            let (id, name, email): (String, String, Option<String>) =
                (row.get(0)?, row.get(1)?, row.get(2)?);
            position.insert(id.clone(), known.entries.len());
            known.index(&name, email.as_deref(), &[], Source::Card(id));
        }
        let mut statement = c.prepare(
            "SELECT artist_id, platform, handle FROM social_accounts
             WHERE deleted_at IS NULL AND handle IS NOT NULL",
        )?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let (artist, platform, handle): (String, String, String) =
                (row.get(0)?, row.get(1)?, row.get(2)?);
            let platform = Platform::parse(&platform);
            if let Some(&at) = position.get(&artist) {
                known.handles.insert((platform, handle_key(&handle)), at);
            }
        }
        Ok(Context { stages, known })
    }
}

/// Where a known artist is: a card, or a row of this file not imported
/// (in a preview).
#[derive(Debug, Clone)]
enum Source {
    Card(String),
    Line(u32),
}

struct Entry {
    name: String,
    /// The name without case, accents, spaces or punctuation.
    key: String,
    source: Source,
}

/// The artists a row could duplicate, indexed by e-mail, handle and name.
#[derive(Default)]
struct Known {
    entries: Vec<Entry>,
    emails: HashMap<String, usize>,
    handles: HashMap<(Platform, String), usize>,
    /// Hashes of each name key and of the key with one letter taken out
    /// (names of at least [`FUZZY_NAME_MIN`] letters), to the entries.
    names: NameIndex,
}

/// Entries by the hashes of their names' variants, in the order they were
/// added: for each hash a chain of links, all links in one vector (a vector
/// per hash cost a dozen allocations per card of the base).
#[derive(Default)]
struct NameIndex {
    /// The first and the last link of each hash.
    chains: HashMap<u64, (usize, usize)>,
    /// An entry, and the next link of the same hash.
    links: Vec<(usize, Option<usize>)>,
}

impl NameIndex {
    fn insert(&mut self, hash: u64, entry: usize) {
        let link = self.links.len();
        match self.chains.get_mut(&hash) {
            // Two variants of one name can be the same text ("aab" without
            // either "a"): the entry is in the chain once.
            Some((_, last)) if self.links[*last].0 == entry => return,
            Some((_, last)) => {
                self.links[*last].1 = Some(link);
                *last = link;
            }
            None => {
                self.chains.insert(hash, (link, link));
            }
        }
        self.links.push((entry, None));
    }

    fn entries(&self, hash: u64) -> impl Iterator<Item = usize> + '_ {
        let first = self.chains.get(&hash).map(|(first, _)| *first);
        std::iter::successors(first, |&link| self.links[link].1).map(|link| self.links[link].0)
    }
}

struct Found<'a> {
    name: &'a str,
    source: &'a Source,
    by: Match,
}

impl Found<'_> {
    fn duplicate(&self, line: u32, name: &str) -> Duplicate {
        let (artist_id, earlier_line) = match self.source {
            Source::Card(id) => (Some(id.clone()), None),
            Source::Line(line) => (None, Some(*line)),
        };
        Duplicate {
            line,
            name: name.to_owned(),
            by: self.by.clone(),
            artist_id,
            existing_name: self.name.to_owned(),
            earlier_line,
        }
    }
}

fn handle_key(handle: &str) -> String {
    handle.trim_start_matches('@').to_lowercase()
}

fn hash(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// The hashes of a name's key, and of its variants with one letter taken
/// out when it is long enough: two names one letter apart share a variant.
/// Digits are not taken out: "Artiste 1" and "Artiste 10" are two artists.
/// The variants are made one after the other in one buffer: an import reads
/// every card's name before its first row, a dozen variants each.
fn name_variant_hashes(key: &str) -> impl Iterator<Item = u64> + '_ {
    let fuzzy = key.chars().count() >= FUZZY_NAME_MIN;
    let mut variant = String::with_capacity(key.len());
    let variants = key
        .char_indices()
        .filter(move |(_, letter)| fuzzy && !letter.is_ascii_digit())
        .map(move |(at, letter)| {
            variant.clear();
            variant.push_str(&key[..at]);
            variant.push_str(&key[at + letter.len_utf8()..]);
            hash(&variant)
        });
    std::iter::once(hash(key)).chain(variants)
}

impl Known {
    fn index(
        &mut self,
        name: &str,
        email: Option<&str>,
        accounts: &[SocialAccount],
        source: Source,
    ) {
        let at = self.entries.len();
        let key = compact(name);
        for variant in name_variant_hashes(&key) {
            self.names.insert(variant, at);
        }
        self.entries.push(Entry {
            name: name.to_owned(),
            key,
            source,
        });
        if let Some(email) = email {
            self.emails.entry(email.to_lowercase()).or_insert(at);
        }
        for account in accounts {
            if let Some(handle) = &account.handle {
                self.handles
                    .entry((account.platform, handle_key(handle)))
                    .or_insert(at);
            }
        }
    }

    fn add(&mut self, fields: &ArtistFields, source: Source) {
        self.index(
            &fields.name,
            fields.email.as_deref(),
            &fields.accounts,
            source,
        );
    }

    /// The artist `fields` names, by e-mail, then handle, then name.
    fn find(&self, fields: &ArtistFields) -> Option<Found<'_>> {
        let found = |at: usize, by: Match| {
            let entry = &self.entries[at];
            Found {
                name: &entry.name,
                source: &entry.source,
                by,
            }
        };
        if let Some(&at) = fields
            .email
            .as_deref()
            .and_then(|e| self.emails.get(&e.to_lowercase()))
        {
            return Some(found(at, Match::Email));
        }
        for account in &fields.accounts {
            if let Some(&at) = account
                .handle
                .as_deref()
                .and_then(|h| self.handles.get(&(account.platform, handle_key(h))))
            {
                return Some(found(
                    at,
                    Match::Handle {
                        platform: account.platform,
                    },
                ));
            }
        }
        let key = compact(&fields.name);
        for variant in name_variant_hashes(&key) {
            for at in self.names.entries(variant) {
                // A hash can collide; the names must really be one letter
                // apart at most.
                if within_one_letter(&key, &self.entries[at].key) {
                    return Some(found(at, Match::Name));
                }
            }
        }
        None
    }
}

/// Whether two keys are equal, or one letter apart (one added, removed,
/// replaced, or two neighbours swapped) when both are long enough.
fn within_one_letter(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().min(b.len()) < FUZZY_NAME_MIN - 1 || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let end = a[start..]
        .iter()
        .rev()
        .zip(b[start..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (rest_a, rest_b) = (a.len() - start - end, b.len() - start - end);
    let swapped =
        rest_a == 2 && rest_b == 2 && a[start] == b[start + 1] && a[start + 1] == b[start];
    // "Artiste 1" and "Artiste 10" are two artists: a digit is not a typo.
    let differing = a[start..a.len() - end]
        .iter()
        .chain(&b[start..b.len() - end]);
    ((rest_a <= 1 && rest_b <= 1) || swapped) && differing.into_iter().all(|c| !c.is_ascii_digit())
}

/// How many new cards are written together.
const CARDS_PER_BATCH: usize = 2_000;

/// Adds what a row knows and the card lacks; what the card holds stays.
fn merge(t: &Connection, id: &str, card: &Card, now: &str, today: &str) -> Result<(), Error> {
    let mut merged = super::load_fields(t, id)?.0;
    let row = &card.fields;
    let fill = |held: &mut Option<String>, new: &Option<String>| {
        if held.is_none() {
            held.clone_from(new);
        }
    };
    fill(&mut merged.legal_name, &row.legal_name);
    fill(&mut merged.email, &row.email);
    fill(&mut merged.phone, &row.phone);
    fill(&mut merged.city, &row.city);
    fill(&mut merged.country, &row.country);
    if merged.contact_every_days.is_none() {
        merged.contact_every_days = row.contact_every_days;
    }
    for (held, new) in [
        (&mut merged.genres, &row.genres),
        (&mut merged.languages, &row.languages),
    ] {
        for value in new {
            if !held.iter().any(|h| text::fold(h) == text::fold(value)) {
                held.push(value.clone());
            }
        }
    }
    if !row.notes.is_empty() && !merged.notes.contains(&row.notes) {
        merged.notes = if merged.notes.is_empty() {
            row.notes.clone()
        } else {
            format!("{}\n\n{}", merged.notes, row.notes)
        };
    }
    let mut figures = Vec::new();
    for account in &row.accounts {
        match merged
            .accounts
            .iter_mut()
            .find(|a| a.platform == account.platform)
        {
            Some(held) => {
                if held.handle.is_none() {
                    held.handle.clone_from(&account.handle);
                }
                if held.url.is_none() {
                    held.url.clone_from(&account.url);
                }
            }
            None => merged.accounts.push(SocialAccount {
                audience: None,
                ..account.clone()
            }),
        }
        if let Some(audience) = account.audience {
            figures.push((account.platform, audience));
        }
    }
    // The card's own figures are already stored: none is written again.
    for account in &mut merged.accounts {
        account.audience = None;
        account.engagement_bp = None;
    }
    let merged = super::validate(merged)?;
    super::rewrite(t, id, &merged, now)?;
    record_figures(
        t,
        id,
        &figures,
        card.figures_day.as_deref().unwrap_or(today),
        now,
    )
}

fn record_figures(
    t: &Connection,
    artist_id: &str,
    figures: &[(Platform, u32)],
    day: &str,
    now: &str,
) -> Result<(), Error> {
    if figures.is_empty() {
        return Ok(());
    }
    let accounts = super::accounts_of(t, artist_id)?;
    for (platform, audience) in figures {
        if let Some(id) = accounts
            .iter()
            .find(|a| a.platform == *platform)
            .and_then(|a| a.id.as_deref())
        {
            super::record_figure(t, id, day, *audience, None, now)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_numbered_as_the_spreadsheet_shows_them() {
        for text in [
            "Nom;Ville\nÉlodie;Lyon\nThéo;\"Bordeaux\nGironde\"\nInès;Lille\n",
            "Nom;Ville\r\nÉlodie;Lyon\r\nThéo;\"Bordeaux\r\nGironde\"\r\nInès;Lille\r\n",
            "Nom;Ville\r\n\r\nÉlodie;Lyon\r\nThéo;\"Bordeaux\r\nGironde\"\r\nInès;Lille",
        ] {
            let table = Table::parse(text.as_bytes()).expect("read");
            let lines: Vec<u32> = table.rows.iter().map(|r| r.line).collect();
            let expected = if text.contains("\r\n\r\n") {
                [3, 4, 6]
            } else {
                [2, 3, 5]
            };
            assert_eq!(lines, expected, "{text:?}");
        }
    }

    #[test]
    fn followers_read_as_spreadsheets_write_them() {
        for (cell, expected) in [
            ("12 345", 12_345),
            ("12\u{202f}345", 12_345),
            ("12.345", 12_345),
            ("12,345", 12_345),
            ("1,5 k", 1_500),
            ("1.2M", 1_200_000),
            ("15000 abonnés", 15_000),
            ("980", 980),
            ("2,5", 3),
        ] {
            assert_eq!(count(cell), Ok(expected), "{cell}");
        }
        assert_eq!(count("-4"), Err(FieldProblem::TooSmall { min: 0 }));
        assert_eq!(count("beaucoup"), Err(FieldProblem::NotANumber));
        assert_eq!(count("1.234.567,5"), Err(FieldProblem::NotANumber));
    }

    #[test]
    fn days_read_in_french_and_iso_forms() {
        for (cell, expected) in [
            ("24/11/2026", "2026-11-24"),
            ("24/11/26", "2026-11-24"),
            ("24.11.2026", "2026-11-24"),
            ("2026-11-24", "2026-11-24"),
            ("24/11/2026 14:30", "2026-11-24"),
            ("24 novembre 2026", "2026-11-24"),
            ("1er déc. 2026", "2026-12-01"),
            ("3 févr. 2027", "2027-02-03"),
        ] {
            assert_eq!(day(cell).as_deref(), Some(expected), "{cell}");
        }
        assert_eq!(day("31/02/2026"), None);
        assert_eq!(day("bientôt"), None);
    }

    #[test]
    fn handles_come_out_of_links() {
        assert_eq!(handle_and_url("@nadia.k").0.as_deref(), Some("nadia.k"));
        let (handle, url) = handle_and_url("https://www.instagram.com/nadia.k/?hl=fr");
        assert_eq!(handle.as_deref(), Some("nadia.k"));
        assert_eq!(
            url.as_deref(),
            Some("https://www.instagram.com/nadia.k/?hl=fr")
        );
        assert_eq!(
            handle_and_url("youtube.com/@ElodieMusic").0.as_deref(),
            Some("ElodieMusic")
        );
    }

    #[test]
    fn names_one_letter_apart_match_only_when_long_enough() {
        assert!(within_one_letter("maelyslune", "maelysllune"));
        assert!(within_one_letter("nadiakarim", "nadiakraim"));
        assert!(within_one_letter("nadiakarim", "nadiakarin"));
        assert!(!within_one_letter("theo", "thea"));
        assert!(!within_one_letter("nadiakarim", "nadiakarimou"));
        assert!(!within_one_letter("artiste1", "artiste10"));
    }

    #[test]
    fn the_earliest_of_two_cards_with_one_name_is_found_first_and_each_once() {
        let mut known = Known::default();
        let card = |name: &str| ArtistFields {
            name: name.into(),
            ..ArtistFields::default()
        };
        // "Aaliyah" without either of its first two letters is one variant.
        known.add(&card("Aaliyah Rose"), Source::Card("first".into()));
        known.add(&card("Aaliyah Rose"), Source::Card("second".into()));
        known.add(&card("Nadia Karim"), Source::Card("other".into()));
        let found = known.find(&card("Aliyah Rose")).map(|f| f.source.clone());
        assert!(matches!(found, Some(Source::Card(id)) if id == "first"));
        let variant = name_variant_hashes("aaliyahrose")
            .nth(1)
            .expect("a variant");
        assert_eq!(known.names.entries(variant).collect::<Vec<_>>(), [0, 1]);
        assert!(known.find(&card("Artiste Inconnu")).is_none());
    }

    #[test]
    fn headers_in_french_and_english_suggest_their_fields() {
        let headers: Vec<String> = [
            "Nom de scène",
            "E-mail",
            "Ville",
            "Instagram",
            "Abonnés Instagram",
            "TikTok followers",
            "Statut",
            "Colonne inconnue",
            "Nom",
        ]
        .map(str::to_owned)
        .to_vec();
        assert_eq!(
            suggest(&headers),
            vec![
                Some(ImportField::Name),
                Some(ImportField::Email),
                Some(ImportField::City),
                Some(ImportField::Handle {
                    platform: Platform::Instagram
                }),
                Some(ImportField::Followers {
                    platform: Platform::Instagram
                }),
                Some(ImportField::Followers {
                    platform: Platform::Tiktok
                }),
                Some(ImportField::Stage),
                None,
                // The name is already mapped.
                None,
            ]
        );
    }
}
