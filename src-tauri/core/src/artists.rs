//! Artist cards: the first records of the CRM.
//!
//! A card is validated here, stored in `artists` with its social accounts
//! (`accounts`), scored by [`crate::scoring`], and found again through the
//! accent-blind FTS5 index that the schema's triggers maintain.
//! Delete is a soft delete so that "Undo" (and, later, sync) can bring the
//! card back exactly as it was.

mod accounts;
mod contacts;
mod export;
pub mod import;
mod listing;
mod order_ranks;
mod search_hints;
pub mod search_index;
mod views;

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

pub use accounts::{Platform, SocialAccount};
pub(crate) use accounts::{load as accounts_of, move_retired_columns, record_figure};
pub use contacts::{ArtistContact, ContactRole};
pub use export::{ArtistColumn, CsvLayout, CsvSeparator, export_csv, export_csv_to_folder};
pub use import::{
    CsvEncoding, CsvProblem, CsvSheet, DuplicateChoice, ImportChoices, ImportField, ImportPreview,
    ImportProgress, ImportReport,
};
pub use listing::{genres, list, prepare_order};
pub(crate) use listing::{
    live_artists, rebuild_derived, rebuild_derived_with, with_list_indexes_dropped,
};
pub(crate) use order_ranks::{FIRST_IN_ORDER, OrderRanks};
pub use search_hints::SearchHint;
pub use views::{SavedView, remove_view, save_view, views};

use crate::pipeline;
use crate::scoring::{self, Score};
use crate::team::{self, Action};
use crate::validation::{
    FieldErrors, FieldProblem, check_length, is_plausible_email, is_plausible_phone, optional_text,
};
use crate::{Database, Entity, Error, clock, ids, text};

/// The fields a person edits on an artist card. Used as the input of create
/// and edit, and, once validated, as the stored content of the card.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct ArtistFields {
    /// Stage name, as the public knows the artist.
    pub name: String,
    pub legal_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2 code, e.g. "FR".
    pub country: Option<String>,
    pub genres: Vec<String>,
    /// The card's stage in the prospecting pipeline ([`crate::pipeline`]).
    /// A new card without one starts in the first open stage; an edit
    /// without one leaves the stage as it is.
    pub stage_id: Option<String>,
    /// Why the artist was lost: required in a lost stage, dropped elsewhere.
    pub lost_reason: Option<String>,
    /// Where the artist can be followed, with each account's latest audience.
    pub accounts: Vec<SocialAccount>,
    /// Keep in touch: how many days may pass without an exchange.
    pub contact_every_days: Option<u32>,
    /// The languages the artist works in, as ISO 639-1 codes ("fr", "en").
    pub languages: Vec<String>,
    /// The team member who follows the artist.
    pub owner_id: Option<String>,
    /// Manager, label, booker, press.
    pub contacts: Vec<ArtistContact>,
    /// The team's tags on the card ([`crate::tags`]), by id.
    pub tags: Vec<String>,
    /// Free notes, Markdown.
    pub notes: String,
}

/// A whole artist card, with its score explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Artist {
    pub id: String,
    pub fields: ArtistFields,
    pub score: Score,
    /// When to contact the artist next, if the card has a cadence.
    pub next_contact: Option<crate::keep_in_touch::NextContact>,
    /// Where the card stands in the pipeline: days in stage, next action.
    pub prospect: pipeline::Prospect,
    pub created_at: String,
    pub updated_at: String,
}

/// One line of the artist list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ArtistRow {
    pub id: String,
    pub name: String,
    pub city: Option<String>,
    pub stage_id: Option<String>,
    pub genres: Vec<String>,
    /// Followers on every account together (latest figures).
    pub audience: Option<u32>,
    pub score: u32,
    pub updated_at: String,
    pub country: Option<String>,
    pub owner_id: Option<String>,
    /// The names of the card's tags, by name.
    pub tags: Vec<String>,
    /// When the latest exchange with the artist took place.
    pub last_contact_at: Option<String>,
    /// In a search, where the words typed were found when not all in the
    /// card's name, legal name, city or genres.
    pub found_in: Option<SearchHint>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ArtistSortField {
    #[default]
    Name,
    Score,
    Stage,
    City,
    Audience,
    UpdatedAt,
    /// The latest exchange with the artist.
    LastContact,
}

impl ArtistSortField {
    /// Every order the list offers.
    pub const ALL: [ArtistSortField; 7] = [
        ArtistSortField::Name,
        ArtistSortField::Score,
        ArtistSortField::Stage,
        ArtistSortField::City,
        ArtistSortField::Audience,
        ArtistSortField::UpdatedAt,
        ArtistSortField::LastContact,
    ];
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SortDirection {
    #[default]
    Asc,
    Desc,
}

/// Which slice of the artist list to show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct ArtistQuery {
    /// What was typed in the search box; accents and case do not matter.
    pub search: Option<String>,
    pub sort: ArtistSortField,
    pub direction: SortDirection,
    pub offset: u32,
    /// Rows wanted, at most [`MAX_PAGE`].
    pub limit: u32,
    /// Which cards qualify, besides what was typed.
    pub filters: ArtistFilters,
}

/// The list's filters; an empty one lets every card through.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct ArtistFilters {
    /// Cards in any of these stages.
    pub stage_ids: Vec<String>,
    /// Cards this team member follows.
    pub owner_id: Option<String>,
    /// Scores within these bounds (both included).
    pub min_score: Option<u32>,
    pub max_score: Option<u32>,
    /// Cards with this genre (case and accents aside).
    pub genre: Option<String>,
    /// Cards carrying this tag.
    pub tag_id: Option<String>,
    /// Cards by the date of their latest exchange.
    pub last_contact: Option<LastContact>,
}

impl ArtistFilters {
    pub fn is_empty(&self) -> bool {
        self.stage_ids.is_empty()
            && self.owner_id.is_none()
            && self.min_score.is_none()
            && self.max_score.is_none()
            && self.genre.is_none()
            && self.tag_id.is_none()
            && self.last_contact.is_none()
    }
}

/// The artist list's filter on the latest exchange with each artist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LastContact {
    /// Something was exchanged within the last `days` days.
    Within { days: u32 },
    /// Nothing exchanged for `days` days or more (or ever): who to call back.
    NotFor { days: u32 },
    /// Never anything exchanged.
    Never,
}

/// A genre of the team's cards, and how many live cards have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct GenreCount {
    /// As typed on one of the cards.
    pub name: String,
    pub cards: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ArtistPage {
    pub rows: Vec<ArtistRow>,
    /// How many artists match, over all pages.
    pub total: u32,
    pub offset: u32,
}

/// The largest page one call returns.
pub const MAX_PAGE: u32 = 500;
const NAME_MAX: u32 = 120;
const SHORT_TEXT_MAX: u32 = 200;
const GENRE_MAX: u32 = 40;
const GENRES_MAX: usize = 12;
const NOTES_MAX: u32 = 20_000;
const CADENCE_MAX_DAYS: u32 = 365;

const CARD_COLUMNS: &str = "id, name, legal_name, email, phone, city, country, genres, stage_id, \
    lost_reason, notes, contact_every_days, languages, owner_id, created_at, updated_at";
const LANGUAGES_MAX: usize = 10;
/// A list row's columns (its tags are read for the whole page at once), then
/// its key in `artist_list`.
const ROW_COLUMNS: &str = "a.id, a.name, a.city, a.stage_id, a.genres, l.audience, l.score, \
    a.updated_at, a.country, a.owner_id, l.last_contact_at, l.fts_rowid";

/// Checks and tidies what was typed: trims, drops blank optionals, strips
/// `@` from handles, upper-cases the country. Returns every invalid field.
pub fn validate(fields: ArtistFields) -> Result<ArtistFields, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = fields.name.trim().to_owned();
    if name.is_empty() {
        errors.add("name", FieldProblem::Required);
    }
    check_length(&mut errors, "name", &name, NAME_MAX);

    let legal_name = optional_text(fields.legal_name.as_deref());
    let city = optional_text(fields.city.as_deref());
    for (field, value) in [("legalName", &legal_name), ("city", &city)] {
        if let Some(value) = value {
            check_length(&mut errors, field, value, SHORT_TEXT_MAX);
        }
    }

    let email = optional_text(fields.email.as_deref());
    if email.as_deref().is_some_and(|e| !is_plausible_email(e)) {
        errors.add("email", FieldProblem::InvalidEmail);
    }
    let phone = optional_text(fields.phone.as_deref());
    if phone.as_deref().is_some_and(|p| !is_plausible_phone(p)) {
        errors.add("phone", FieldProblem::InvalidPhone);
    }
    let country = optional_text(fields.country.as_deref()).map(|c| c.to_uppercase());
    if country
        .as_deref()
        .is_some_and(|c| c.len() != 2 || !c.chars().all(|ch| ch.is_ascii_uppercase()))
    {
        errors.add("country", FieldProblem::InvalidCountry);
    }
    let accounts = accounts::validate(&fields.accounts, &mut errors);
    if fields
        .contact_every_days
        .is_some_and(|days| !(1..=CADENCE_MAX_DAYS).contains(&days))
    {
        errors.add(
            "contactEveryDays",
            FieldProblem::TooLarge {
                max: CADENCE_MAX_DAYS,
            },
        );
    }

    let mut languages: Vec<String> = Vec::new();
    for language in fields
        .languages
        .iter()
        .map(|l| l.trim().to_lowercase())
        .filter(|l| !l.is_empty())
    {
        if language.len() != 2 || !language.chars().all(|c| c.is_ascii_lowercase()) {
            errors.add("languages", FieldProblem::InvalidLanguage);
        } else if !languages.contains(&language) {
            languages.push(language);
        }
    }
    if languages.len() > LANGUAGES_MAX {
        errors.add(
            "languages",
            FieldProblem::TooLong {
                max: LANGUAGES_MAX as u32,
            },
        );
    }
    let contacts = contacts::validate(&fields.contacts, &mut errors);

    let mut genres: Vec<String> = Vec::new();
    for genre in fields
        .genres
        .iter()
        .map(|g| g.trim())
        .filter(|g| !g.is_empty())
    {
        check_length(&mut errors, "genres", genre, GENRE_MAX);
        if !genres
            .iter()
            .any(|known| text::fold(known) == text::fold(genre))
        {
            genres.push(genre.to_owned());
        }
    }
    if genres.len() > GENRES_MAX {
        errors.add(
            "genres",
            FieldProblem::TooLong {
                max: GENRES_MAX as u32,
            },
        );
    }
    check_length(&mut errors, "notes", &fields.notes, NOTES_MAX);

    errors.into_result(ArtistFields {
        name,
        legal_name,
        email,
        phone,
        city,
        country,
        genres,
        stage_id: optional_text(fields.stage_id.as_deref()),
        lost_reason: optional_text(fields.lost_reason.as_deref()),
        accounts,
        contact_every_days: fields.contact_every_days,
        languages,
        owner_id: optional_text(fields.owner_id.as_deref()),
        contacts,
        tags: fields.tags,
        notes: fields.notes,
    })
}

/// The whole card of one live (not deleted) artist.
pub fn get(db: &Database, id: &str) -> Result<Artist, Error> {
    db.read(|connection| load(connection, id))
}

/// Validates and saves a new card.
pub fn create(db: &Database, fields: ArtistFields) -> Result<Artist, Error> {
    let fields = validate(fields)?;
    let id = ids::new_id();
    db.write(|tx| {
        team::require(tx, Action::EditRecords)?;
        insert(tx, &id, &fields, &clock::now())?;
        scoring::refresh(tx, &id)?;
        load(tx, &id)
    })
}

/// Validates and saves many new cards in one transaction: all or none.
/// Returns how many were created.
pub fn create_many(db: &Database, cards: Vec<ArtistFields>) -> Result<u32, Error> {
    let mut valid = Vec::with_capacity(cards.len());
    for (index, card) in cards.into_iter().enumerate() {
        valid.push(validate(card).map_err(|errors| {
            let mut located = FieldErrors::default();
            for e in errors.0 {
                located.add(&format!("{index}.{}", e.field), e.problem);
            }
            located
        })?);
    }
    let now = clock::now();
    let today = clock::today().to_string();
    db.write(|tx| {
        let cards = valid
            .iter()
            .map(|fields| placed(tx, ids::new_id(), fields, &today))
            .collect::<Result<Vec<_>, Error>>()?;
        insert_cards(tx, &cards, &now)?;
        scoring::refresh_all(tx)?;
        Ok(valid.len() as u32)
    })
}

/// Validates and saves the new content of an existing card.
pub fn update(db: &Database, id: &str, fields: ArtistFields) -> Result<Artist, Error> {
    let fields = validate(fields)?;
    db.write(|tx| {
        team::require(tx, Action::EditRecords)?;
        let now = clock::now();
        rewrite(tx, id, &fields, &now)?;
        if let Some(stage_id) = &fields.stage_id {
            let (stage, reason) =
                pipeline::check_stage(tx, stage_id, fields.lost_reason.as_deref())?;
            let me = team::my_id(tx)?;
            pipeline::write_stage(tx, id, &stage, reason.as_deref(), me.as_deref(), &now)?;
        }
        scoring::refresh(tx, id)?;
        load(tx, id)
    })
}

/// Moves a card to the bin. [`restore`] brings it back as it was.
pub fn delete(db: &Database, id: &str) -> Result<(), Error> {
    db.write(|tx| {
        team::require(tx, Action::DeleteRecords)?;
        let now = clock::now();
        let changed = tx.execute(
            "UPDATE artists SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, now],
        )?;
        if changed == 0 { Err(not_found(id)) } else { Ok(()) }
    })
}

/// Brings a deleted card back, with everything it held.
pub fn restore(db: &Database, id: &str) -> Result<Artist, Error> {
    db.write(|tx| {
        team::require(tx, Action::DeleteRecords)?;
        let changed = tx.execute(
            "UPDATE artists SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NOT NULL",
            params![id, clock::now()],
        )?;
        if changed == 0 {
            return Err(not_found(id));
        }
        scoring::refresh(tx, id)?;
        load(tx, id)
    })
}

/// Recomputes what a card derives from its own fields (the sort key) after
/// one of its cells was written directly, as when a conflict is restored;
/// the score is the caller's (`scoring::refresh_for_rows`, for every table).
pub(crate) fn refresh_derived(connection: &Connection, id: &str) -> Result<(), Error> {
    match load(connection, id) {
        Ok(card) => {
            write_card(connection, id, &card.fields, &clock::now())?;
            Ok(())
        }
        // A deleted card is refreshed when it is restored.
        Err(Error::NotFound { .. }) => Ok(()),
        Err(other) => Err(other),
    }
}

/// Refuses an owner who is not (or no longer) a member of the team.
fn check_owner(connection: &Connection, fields: &ArtistFields) -> Result<(), Error> {
    let Some(owner) = &fields.owner_id else {
        return Ok(());
    };
    let known: bool = connection
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM users WHERE id = ?1 AND deleted_at IS NULL)")?
        .query_row([owner], |r| r.get(0))?;
    if known {
        Ok(())
    } else {
        let mut errors = FieldErrors::default();
        errors.add("ownerId", FieldProblem::UnknownMember);
        Err(errors.into())
    }
}

/// Stores a new card, in the stage its fields name or else the first open
/// stage, its audience figures dated today.
pub(crate) fn insert(
    connection: &Connection,
    id: &str,
    fields: &ArtistFields,
    now: &str,
) -> Result<(), Error> {
    let today = clock::today().to_string();
    let card = placed(connection, id.to_owned(), fields, &today)?;
    insert_cards(connection, &[card], now)
}

/// A new card checked against the team and the pipeline: born in the stage
/// its fields name or else the first open stage, its audience figures dated
/// `figures_on`. Refuses an owner who is not (or no longer) a member.
fn placed<'a>(
    connection: &Connection,
    id: String,
    fields: &'a ArtistFields,
    figures_on: &'a str,
) -> Result<NewCard<'a>, Error> {
    check_owner(connection, fields)?;
    let (stage, reason) = match &fields.stage_id {
        Some(stage_id) => {
            pipeline::check_stage(connection, stage_id, fields.lost_reason.as_deref())?
        }
        None => (pipeline::first_stage(connection)?, None),
    };
    Ok(NewCard {
        id,
        fields,
        stage_id: stage.id.into(),
        lost_reason: reason.map(Into::into),
        figures_on,
    })
}

/// A validated card about to be stored for the first time, in a stage the
/// caller checked, its audience figures dated `figures_on`. The first stage
/// is read from the card itself (its stage, since it was created); its
/// history gets rows from the first move on.
pub(crate) struct NewCard<'a> {
    pub id: String,
    pub fields: &'a ArtistFields,
    pub stage_id: std::borrow::Cow<'a, str>,
    pub lost_reason: Option<std::borrow::Cow<'a, str>>,
    pub figures_on: &'a str,
}

/// How many rows one statement stores (cards, accounts, figures): the cards
/// of a spreadsheet go in by hundreds, so each statement's fixed costs (its
/// undo copy of the pages it touches, its start and end) are paid once per
/// batch, not per row. Far below SQLite's 32,766 bound values.
pub(crate) const ROWS_PER_STATEMENT: usize = 400;

/// Stores new cards with their contacts, tags, social accounts and first
/// audience figures, a statement per table for each batch of cards.
pub(crate) fn insert_cards(
    connection: &Connection,
    cards: &[NewCard<'_>],
    now: &str,
) -> Result<(), Error> {
    for batch in cards.chunks(ROWS_PER_STATEMENT) {
        let columns: Vec<DerivedColumns> =
            batch.iter().map(|c| DerivedColumns::of(c.fields)).collect();
        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(batch.len() * 17);
        for (card, derived) in batch.iter().zip(&columns) {
            values.extend(card_values(&card.id, card.fields, derived));
            values.extend([
                &now as &dyn rusqlite::ToSql,
                &now,
                &card.stage_id,
                &card.lost_reason,
            ]);
        }
        insert_rows(
            connection,
            &format!(
                "INSERT INTO artists (id, {STORED_COLUMNS}, created_at, updated_at, stage_id, lost_reason) VALUES"
            ),
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            "",
            batch.len(),
            &values,
        )?;
    }
    for card in cards {
        // A new card has nothing to take off: one without contacts or tags
        // (every imported card) costs no query.
        if !card.fields.contacts.is_empty() {
            contacts::save(connection, &card.id, &card.fields.contacts, now)?;
        }
        if !card.fields.tags.is_empty() {
            crate::tags::set_on(connection, "artist", &card.id, &card.fields.tags, "tags")?;
        }
    }
    let accounts: Vec<accounts::NewAccount<'_>> = cards
        .iter()
        .flat_map(|card| {
            card.fields
                .accounts
                .iter()
                .map(|account| accounts::NewAccount {
                    id: ids::new_id(),
                    artist_id: &card.id,
                    account,
                    figures_on: card.figures_on,
                })
        })
        .collect();
    accounts::insert_many(connection, &accounts, now)
}

/// Runs `head`, then `rows` copies of `row` comma separated, then `tail`,
/// with `values` bound in order: one statement for many rows. The text is
/// the same for every full batch, so the prepared statement is reused.
pub(crate) fn insert_rows(
    connection: &Connection,
    head: &str,
    row: &str,
    tail: &str,
    rows: usize,
    values: &[&dyn rusqlite::ToSql],
) -> Result<(), Error> {
    let mut sql = String::with_capacity(head.len() + rows * (row.len() + 2) + tail.len());
    sql.push_str(head);
    for n in 0..rows {
        sql.push_str(if n == 0 { " " } else { ", " });
        sql.push_str(row);
    }
    sql.push_str(tail);
    connection
        .prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values.iter().copied()))?;
    Ok(())
}

/// Saves the new content of a card inside a caller's transaction (the
/// stage is left as it is).
pub(crate) fn rewrite(
    connection: &Connection,
    id: &str,
    fields: &ArtistFields,
    now: &str,
) -> Result<(), Error> {
    check_owner(connection, fields)?;
    if write_card(connection, id, fields, now)? == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

/// The card's columns a person writes, in the order of [`card_values`].
const STORED_COLUMNS: &str = "name, sort_key, legal_name, email, phone, city, country, genres, notes, \
    contact_every_days, languages, owner_id";

/// What a card's columns hold besides its fields as typed.
struct DerivedColumns {
    sort_key: String,
    genres: String,
    languages: String,
}

impl DerivedColumns {
    fn of(fields: &ArtistFields) -> DerivedColumns {
        DerivedColumns {
            sort_key: text::fold(&fields.name),
            genres: genres_json(&fields.genres),
            languages: genres_json(&fields.languages),
        }
    }
}

/// The one place that maps a card's fields to columns, for a new card and
/// for an edit alike: its id then [`STORED_COLUMNS`].
fn card_values<'a>(
    id: &'a dyn rusqlite::ToSql,
    fields: &'a ArtistFields,
    derived: &'a DerivedColumns,
) -> [&'a dyn rusqlite::ToSql; 13] {
    [
        id,
        &fields.name,
        &derived.sort_key,
        &fields.legal_name,
        &fields.email,
        &fields.phone,
        &fields.city,
        &fields.country,
        &derived.genres,
        &fields.notes,
        &fields.contact_every_days,
        &derived.languages,
        &fields.owner_id,
    ]
}

/// Stores the new content of an existing card; the stage moves through
/// [`pipeline::write_stage`] only. Returns how many rows changed.
fn write_card(
    connection: &Connection,
    id: &str,
    fields: &ArtistFields,
    now: &str,
) -> Result<usize, Error> {
    let derived = DerivedColumns::of(fields);
    let mut values = card_values(&id, fields, &derived).to_vec();
    values.push(&now);
    let changed = connection
        .prepare_cached(&format!(
            "UPDATE artists SET ({STORED_COLUMNS}, updated_at) =
                 (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
             WHERE id = ?1 AND deleted_at IS NULL"
        ))?
        .execute(values.as_slice())?;
    if changed > 0 {
        contacts::save(connection, id, &fields.contacts, now)?;
        crate::tags::set_on(connection, "artist", id, &fields.tags, "tags")?;
        accounts::save(
            connection,
            id,
            &fields.accounts,
            now,
            &clock::today().to_string(),
        )?;
    }
    Ok(changed)
}

/// The live card `id`; a deleted one is reported as not found.
pub(crate) fn load(connection: &Connection, id: &str) -> Result<Artist, Error> {
    let (fields, created_at, updated_at) = load_fields(connection, id)?;
    Ok(Artist {
        id: id.to_owned(),
        score: scoring::explain_with(connection, id)?,
        next_contact: crate::keep_in_touch::next_contact(connection, id, clock::today())?,
        prospect: pipeline::prospect(connection, id)?,
        fields,
        created_at,
        updated_at,
    })
}

/// What a person typed on the live card `id`, with its creation and last
/// edit: read from the card's own rows only (not from the derived list,
/// which a bulk write rebuilds at its end).
pub(crate) fn load_fields(
    connection: &Connection,
    id: &str,
) -> Result<(ArtistFields, String, String), Error> {
    let sql = format!("SELECT {CARD_COLUMNS} FROM artists WHERE id = ?1 AND deleted_at IS NULL");
    let card = connection
        .query_row(&sql, [id], |row| {
            let fields = ArtistFields {
                name: row.get("name")?,
                legal_name: row.get("legal_name")?,
                email: row.get("email")?,
                phone: row.get("phone")?,
                city: row.get("city")?,
                country: row.get("country")?,
                genres: parse_genres(&row.get::<_, String>("genres")?),
                stage_id: row.get("stage_id")?,
                lost_reason: row.get("lost_reason")?,
                accounts: Vec::new(),
                contact_every_days: row.get("contact_every_days")?,
                languages: parse_genres(&row.get::<_, String>("languages")?),
                owner_id: row.get("owner_id")?,
                contacts: Vec::new(),
                tags: Vec::new(),
                notes: row.get("notes")?,
            };
            Ok((
                fields,
                row.get::<_, String>("created_at")?,
                row.get::<_, String>("updated_at")?,
            ))
        })
        .optional()?;
    let (mut fields, created_at, updated_at) = card.ok_or_else(|| not_found(id))?;
    fields.accounts = accounts::load(connection, id)?;
    fields.contacts = contacts::load(connection, id)?;
    fields.tags = crate::tags::on(connection, "artist", id)?;
    Ok((fields, created_at, updated_at))
}

/// A list row without its tags, and its key.
fn list_row(row: &Row<'_>) -> rusqlite::Result<(i64, ArtistRow)> {
    let key = row.get(11)?;
    Ok((
        key,
        ArtistRow {
            id: row.get(0)?,
            name: row.get(1)?,
            city: row.get(2)?,
            stage_id: row.get(3)?,
            genres: parse_genres(&row.get::<_, String>(4)?),
            audience: row.get(5)?,
            score: row.get(6)?,
            updated_at: row.get(7)?,
            country: row.get(8)?,
            owner_id: row.get(9)?,
            last_contact_at: row.get(10)?,
            tags: Vec::new(),
            found_in: None,
        },
    ))
}

fn genres_json(genres: &[String]) -> String {
    serde_json::to_string(genres).unwrap_or_else(|_| "[]".to_owned())
}

fn parse_genres(stored: &str) -> Vec<String> {
    serde_json::from_str(stored).unwrap_or_default()
}

fn not_found(id: &str) -> Error {
    Error::NotFound {
        entity: Entity::Artist,
        id: id.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_name_and_malformed_contacts_are_reported_field_by_field() {
        let errors = validate(ArtistFields {
            name: "   ".into(),
            email: Some("pas-un-mail".into()),
            phone: Some("appelle-moi".into()),
            country: Some("France".into()),
            accounts: vec![SocialAccount {
                platform: Platform::Instagram,
                handle: Some("@nom avec espace".into()),
                ..SocialAccount::default()
            }],
            ..ArtistFields::default()
        })
        .expect_err("invalid");
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["name", "email", "phone", "country", "accounts.0.handle"]
        );
        assert_eq!(errors.0[0].problem, FieldProblem::Required);
    }

    #[test]
    fn typed_values_are_tidied_before_saving() {
        let fields = validate(ArtistFields {
            name: "  Élodie Mars ".into(),
            city: Some("   ".into()),
            country: Some("fr".into()),
            genres: vec!["Pop".into(), " pop ".into(), "".into(), "Électro".into()],
            ..ArtistFields::default()
        })
        .expect("valid");
        assert_eq!(fields.name, "Élodie Mars");
        assert_eq!(fields.city, None);
        assert_eq!(fields.country.as_deref(), Some("FR"));
        assert_eq!(fields.genres, ["Pop", "Électro"]);
    }
}
