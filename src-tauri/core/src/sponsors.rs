//! SPARK's sponsors: the companies, the people there, the deals in
//! progress (opportunities) and what was promised to them (deliverables).
//!
//! Why it exists: a sponsor pays for mentions in lives, posts, logos and
//! videos, and wants proof. The team needs to see, per company, who to
//! call, what is being negotiated and how likely it is to close (the
//! weighted pipeline), and every promise with its due date and its proof: a
//! link, or a recording and the moment in it (which the streaming module
//! will fill in by itself).
//!
//! Amounts are integer cents with their currency; a weighted value is
//! `amount × probability / 100`, rounded to the cent.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::owned_rows::OwnedRows;
use crate::stored_enum::stored_enum;
use crate::team::{self, Action};
use crate::validation::{
    FieldErrors, FieldProblem, check_length, is_plausible_email, is_plausible_phone,
    is_plausible_url, optional_text,
};
use crate::{Database, Entity, Error, clock, ids, positions, text};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SponsorStatus {
    #[default]
    Prospect,
    Active,
    Paused,
    Former,
}

stored_enum!(SponsorStatus {
    Prospect => "prospect",
    Active => "active",
    Paused => "paused",
    Former => "former",
});

/// Where a deal stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DealStage {
    #[default]
    Lead,
    Proposal,
    Negotiation,
    Won,
    Lost,
}

stored_enum!(DealStage {
    Lead => "lead",
    Proposal => "proposal",
    Negotiation => "negotiation",
    Won => "won",
    Lost => "lost",
});

impl DealStage {
    /// The chance a deal at this stage closes, when nobody said otherwise.
    pub fn usual_probability(self) -> u32 {
        match self {
            DealStage::Lead => 10,
            DealStage::Proposal => 40,
            DealStage::Negotiation => 70,
            DealStage::Won => 100,
            DealStage::Lost => 0,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DeliverableKind {
    /// Said out loud in a live.
    #[default]
    Mention,
    /// A segment of a live given to the sponsor.
    Segment,
    Post,
    Video,
    /// A logo or banner on screen.
    Banner,
    Other,
}

stored_enum!(DeliverableKind {
    Mention => "mention",
    Segment => "segment",
    Post => "post",
    Video => "video",
    Banner => "banner",
    Other => "other",
});

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DeliverableStatus {
    #[default]
    Planned,
    Delivered,
    /// The sponsor accepted the proof.
    Approved,
    Missed,
}

stored_enum!(DeliverableStatus {
    Planned => "planned",
    Delivered => "delivered",
    Approved => "approved",
    Missed => "missed",
});

/// A person at the sponsor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct SponsorContact {
    pub id: Option<String>,
    pub name: String,
    /// What they do there ("Responsable marketing").
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// What a person edits on a sponsor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct SponsorFields {
    pub name: String,
    pub website: Option<String>,
    pub status: SponsorStatus,
    /// Markdown.
    pub notes: String,
    pub owner_id: Option<String>,
    pub contacts: Vec<SponsorContact>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct OpportunityFields {
    pub title: String,
    pub stage: DealStage,
    /// Cents.
    pub amount_minor: Option<i32>,
    pub currency: String,
    /// Percent; the stage's usual chance when absent.
    pub probability: Option<u32>,
    /// `2027-01-31`.
    pub expected_close_on: Option<String>,
    pub owner_id: Option<String>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Opportunity {
    pub id: String,
    pub fields: OpportunityFields,
    /// The chance used: the one typed, or the stage's usual one.
    pub probability: u32,
    /// `amount × probability`, in cents.
    pub weighted_minor: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct DeliverableFields {
    pub title: String,
    pub kind: DeliverableKind,
    /// An instant (`2026-12-12T19:00:00.000Z`).
    pub due_at: Option<String>,
    /// The deal it belongs to, if any.
    pub opportunity_id: Option<String>,
    /// The live or event it happens in, if any.
    pub event_id: Option<String>,
}

/// How a deliverable is proved: a link, or a recording and the moment in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct Proof {
    pub url: Option<String>,
    pub asset_id: Option<String>,
    /// Milliseconds into the recording.
    pub offset_ms: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SponsorDeliverable {
    pub id: String,
    pub fields: DeliverableFields,
    pub status: DeliverableStatus,
    pub delivered_at: Option<String>,
    pub proof: Proof,
    /// Still planned and its due time passed.
    pub overdue: bool,
}

/// A whole sponsor: the company, its people, its deals, its promises.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Sponsor {
    pub id: String,
    pub fields: SponsorFields,
    pub opportunities: Vec<Opportunity>,
    pub deliverables: Vec<SponsorDeliverable>,
    /// The open deals (not won, not lost), in cents: as asked, and weighted.
    pub open_minor: u32,
    pub weighted_minor: u32,
    pub created_at: String,
    pub updated_at: String,
}

/// One line of the sponsor list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SponsorRow {
    pub id: String,
    pub name: String,
    pub status: SponsorStatus,
    pub open_deals: u32,
    pub weighted_minor: u32,
    /// The next planned deliverable's due time.
    pub next_due_at: Option<String>,
    pub overdue_deliverables: u32,
}

const NAME_MAX: u32 = 120;
const TEXT_MAX: u32 = 200;
const NOTES_MAX: u32 = 20_000;
const CONTACTS_MAX: usize = 30;
const AMOUNT_MAX: i32 = 100_000_000;
/// The most sponsors one list returns (the search narrows it).
pub const LIST_MAX: u32 = 500;

fn validate(fields: SponsorFields) -> Result<SponsorFields, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = fields.name.trim().to_owned();
    if name.is_empty() {
        errors.add("name", FieldProblem::Required);
    }
    check_length(&mut errors, "name", &name, NAME_MAX);
    let website = optional_text(fields.website.as_deref());
    if website.as_deref().is_some_and(|w| !is_plausible_url(w)) {
        errors.add("website", FieldProblem::InvalidUrl);
    }
    check_length(&mut errors, "notes", &fields.notes, NOTES_MAX);
    if fields.contacts.len() > CONTACTS_MAX {
        errors.add(
            "contacts",
            FieldProblem::TooLong {
                max: CONTACTS_MAX as u32,
            },
        );
    }
    let mut contacts = Vec::new();
    for (at, contact) in fields.contacts.into_iter().enumerate() {
        let field = |name: &str| format!("contacts.{at}.{name}");
        let name = contact.name.trim().to_owned();
        if name.is_empty() {
            errors.add(&field("name"), FieldProblem::Required);
        }
        check_length(&mut errors, &field("name"), &name, TEXT_MAX);
        let role = optional_text(contact.role.as_deref());
        if let Some(role) = &role {
            check_length(&mut errors, &field("role"), role, TEXT_MAX);
        }
        let email = optional_text(contact.email.as_deref());
        if email.as_deref().is_some_and(|e| !is_plausible_email(e)) {
            errors.add(&field("email"), FieldProblem::InvalidEmail);
        }
        let phone = optional_text(contact.phone.as_deref());
        if phone.as_deref().is_some_and(|p| !is_plausible_phone(p)) {
            errors.add(&field("phone"), FieldProblem::InvalidPhone);
        }
        contacts.push(SponsorContact {
            id: contact.id,
            name,
            role,
            email,
            phone,
        });
    }
    errors.into_result(SponsorFields {
        name,
        website,
        contacts,
        ..fields
    })
}

/// The live sponsors whose name has words starting with each typed word
/// (accents and case ignored), by name, at most [`LIST_MAX`].
pub fn list(db: &Database, search: Option<&str>) -> Result<Vec<SponsorRow>, Error> {
    let words = text::fold(search.unwrap_or("")).trim().to_owned();
    db.read(|c| {
        let now = clock::now();
        let rows = c
            .prepare_cached(
                "SELECT s.id, s.name, s.status,
                     (SELECT count(*) FROM sponsor_opportunities o WHERE o.sponsor_id = s.id
                         AND o.deleted_at IS NULL AND o.stage NOT IN ('won', 'lost')),
                     (SELECT coalesce(sum((coalesce(o.amount_minor, 0) * coalesce(o.probability,
                          CASE o.stage WHEN 'lead' THEN 10 WHEN 'proposal' THEN 40
                                       WHEN 'negotiation' THEN 70 ELSE 0 END) + 50) / 100), 0)
                      FROM sponsor_opportunities o WHERE o.sponsor_id = s.id
                         AND o.deleted_at IS NULL AND o.stage NOT IN ('won', 'lost')),
                     (SELECT min(d.due_at) FROM sponsor_deliverables d WHERE d.sponsor_id = s.id
                         AND d.deleted_at IS NULL AND d.status = 'planned' AND d.due_at >= ?2),
                     (SELECT count(*) FROM sponsor_deliverables d WHERE d.sponsor_id = s.id
                         AND d.deleted_at IS NULL AND d.status = 'planned' AND d.due_at < ?2)
                 FROM sponsors s
                 WHERE s.deleted_at IS NULL AND (?1 = '' OR mona_words_match(s.name, ?1))
                 ORDER BY s.name COLLATE NOCASE, s.id LIMIT ?3",
            )?
            .query_map(params![words, now, LIST_MAX], |r| {
                Ok(SponsorRow {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    status: SponsorStatus::parse(&r.get::<_, String>(2)?),
                    open_deals: r.get(3)?,
                    weighted_minor: u32::try_from(r.get::<_, i64>(4)?).unwrap_or(u32::MAX),
                    next_due_at: r.get(5)?,
                    overdue_deliverables: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    })
}

pub fn get(db: &Database, id: &str) -> Result<Sponsor, Error> {
    db.read(|c| load(c, id))
}

pub fn create(db: &Database, fields: SponsorFields) -> Result<Sponsor, Error> {
    let fields = validate(fields)?;
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let id = ids::new_id();
        let now = clock::now();
        t.execute(
            "INSERT INTO sponsors (id, name, website, status, notes, owner_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![id, fields.name, fields.website, fields.status, fields.notes, fields.owner_id, now],
        )?;
        write_contacts(t, &id, &fields.contacts, &now)?;
        load(t, &id)
    })
}

pub fn update(db: &Database, id: &str, fields: SponsorFields) -> Result<Sponsor, Error> {
    let fields = validate(fields)?;
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let now = clock::now();
        let changed = t.execute(
            "UPDATE sponsors SET name = ?2, website = ?3, status = ?4, notes = ?5, owner_id = ?6,
             updated_at = ?7 WHERE id = ?1 AND deleted_at IS NULL",
            params![
                id,
                fields.name,
                fields.website,
                fields.status,
                fields.notes,
                fields.owner_id,
                now
            ],
        )?;
        if changed == 0 {
            return Err(not_found(id));
        }
        write_contacts(t, id, &fields.contacts, &now)?;
        load(t, id)
    })
}

/// Moves a sponsor to the bin; [`restore`] brings it back with everything.
pub fn delete(db: &Database, id: &str) -> Result<(), Error> {
    db.write(|t| {
        team::require(t, Action::DeleteRecords)?;
        let now = clock::now();
        let changed = t.execute(
            "UPDATE sponsors SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, now],
        )?;
        if changed == 0 { Err(not_found(id)) } else { Ok(()) }
    })
}

pub fn restore(db: &Database, id: &str) -> Result<Sponsor, Error> {
    db.write(|t| {
        team::require(t, Action::DeleteRecords)?;
        let changed = t.execute(
            "UPDATE sponsors SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NOT NULL",
            params![id, clock::now()],
        )?;
        if changed == 0 {
            return Err(not_found(id));
        }
        load(t, id)
    })
}

/// A sponsor's contacts, in order.
const CONTACTS: OwnedRows = OwnedRows {
    table: "sponsor_contacts",
    owner_column: "sponsor_id",
    columns: &["name", "role", "email", "phone"],
};

/// Makes the sponsor's contacts the given ones, in order.
fn write_contacts(
    connection: &Connection,
    sponsor_id: &str,
    contacts: &[SponsorContact],
    now: &str,
) -> Result<(), Error> {
    let rows: Vec<(Option<&str>, Vec<&dyn rusqlite::ToSql>)> = contacts
        .iter()
        .map(|c| {
            let values: Vec<&dyn rusqlite::ToSql> = vec![&c.name, &c.role, &c.email, &c.phone];
            (c.id.as_deref(), values)
        })
        .collect();
    CONTACTS.replace(connection, sponsor_id, &rows, now)
}

fn load(connection: &Connection, id: &str) -> Result<Sponsor, Error> {
    let row = connection
        .query_row(
            "SELECT name, website, status, notes, owner_id, created_at, updated_at FROM sponsors
             WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| {
                Ok((
                    SponsorFields {
                        name: r.get(0)?,
                        website: r.get(1)?,
                        status: SponsorStatus::parse(&r.get::<_, String>(2)?),
                        notes: r.get(3)?,
                        owner_id: r.get(4)?,
                        contacts: Vec::new(),
                    },
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ))
            },
        )
        .optional()?;
    let (mut fields, created_at, updated_at) = row.ok_or_else(|| not_found(id))?;
    fields.contacts = connection
        .prepare_cached(
            "SELECT id, name, role, email, phone FROM sponsor_contacts
             WHERE sponsor_id = ?1 AND deleted_at IS NULL ORDER BY position, id",
        )?
        .query_map([id], |r| {
            Ok(SponsorContact {
                id: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
                email: r.get(3)?,
                phone: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let opportunities = opportunities_of(connection, id)?;
    let open = || {
        opportunities
            .iter()
            .filter(|o| !matches!(o.fields.stage, DealStage::Won | DealStage::Lost))
    };
    let open_minor = open()
        .map(|o| u64::from(o.fields.amount_minor.unwrap_or(0).max(0).unsigned_abs()))
        .sum::<u64>();
    let weighted_minor = open().map(|o| u64::from(o.weighted_minor)).sum::<u64>();
    Ok(Sponsor {
        id: id.to_owned(),
        fields,
        deliverables: deliverables_of(connection, id)?,
        open_minor: u32::try_from(open_minor).unwrap_or(u32::MAX),
        weighted_minor: u32::try_from(weighted_minor).unwrap_or(u32::MAX),
        opportunities,
        created_at,
        updated_at,
    })
}

/// `amount × probability / 100`, rounded to the cent.
pub fn weighted(amount_minor: i32, probability: u32) -> u32 {
    let amount = u64::from(amount_minor.max(0).unsigned_abs());
    u32::try_from((amount * u64::from(probability.min(100)) + 50) / 100).unwrap_or(u32::MAX)
}

fn opportunities_of(connection: &Connection, sponsor_id: &str) -> Result<Vec<Opportunity>, Error> {
    Ok(connection
        .prepare_cached(
            "SELECT id, title, stage, amount_minor, currency, probability, expected_close_on,
                    owner_id, notes
             FROM sponsor_opportunities WHERE sponsor_id = ?1 AND deleted_at IS NULL
             ORDER BY CASE stage WHEN 'won' THEN 1 WHEN 'lost' THEN 2 ELSE 0 END,
                      expected_close_on IS NULL, expected_close_on, created_at",
        )?
        .query_map([sponsor_id], |r| {
            let fields = OpportunityFields {
                title: r.get(1)?,
                stage: DealStage::parse(&r.get::<_, String>(2)?),
                amount_minor: r.get(3)?,
                currency: r.get(4)?,
                probability: r.get(5)?,
                expected_close_on: r.get(6)?,
                owner_id: r.get(7)?,
                notes: r.get(8)?,
            };
            let probability = fields
                .probability
                .unwrap_or_else(|| fields.stage.usual_probability());
            Ok(Opportunity {
                id: r.get(0)?,
                weighted_minor: weighted(fields.amount_minor.unwrap_or(0), probability),
                probability,
                fields,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

fn deliverables_of(
    connection: &Connection,
    sponsor_id: &str,
) -> Result<Vec<SponsorDeliverable>, Error> {
    let now = clock::now();
    Ok(connection
        .prepare_cached(
            "SELECT id, title, kind, due_at, opportunity_id, event_id, status, delivered_at,
                    proof_url, proof_asset_id, proof_offset_ms
             FROM sponsor_deliverables WHERE sponsor_id = ?1 AND deleted_at IS NULL
             ORDER BY due_at IS NULL, due_at, created_at",
        )?
        .query_map([sponsor_id], |r| {
            let status = DeliverableStatus::parse(&r.get::<_, String>(6)?);
            let due_at: Option<String> = r.get(3)?;
            Ok(SponsorDeliverable {
                id: r.get(0)?,
                overdue: status == DeliverableStatus::Planned
                    && due_at.as_deref().is_some_and(|due| due < now.as_str()),
                fields: DeliverableFields {
                    title: r.get(1)?,
                    kind: DeliverableKind::parse(&r.get::<_, String>(2)?),
                    due_at,
                    opportunity_id: r.get(4)?,
                    event_id: r.get(5)?,
                },
                status,
                delivered_at: r.get(7)?,
                proof: Proof {
                    url: r.get(8)?,
                    asset_id: r.get(9)?,
                    offset_ms: r.get(10)?,
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

fn validate_opportunity(fields: OpportunityFields) -> Result<OpportunityFields, FieldErrors> {
    let mut errors = FieldErrors::default();
    let title = fields.title.trim().to_owned();
    if title.is_empty() {
        errors.add("title", FieldProblem::Required);
    }
    check_length(&mut errors, "title", &title, TEXT_MAX);
    if let Some(amount) = fields.amount_minor {
        if amount < 0 {
            errors.add("amountMinor", FieldProblem::TooSmall { min: 0 });
        } else if amount > AMOUNT_MAX {
            errors.add(
                "amountMinor",
                FieldProblem::TooLarge {
                    max: AMOUNT_MAX as u32,
                },
            );
        }
    }
    let currency = match fields.currency.trim() {
        "" => "EUR".to_owned(),
        typed => typed.to_uppercase(),
    };
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
        errors.add("currency", FieldProblem::InvalidCurrency);
    }
    if fields.probability.is_some_and(|p| p > 100) {
        errors.add("probability", FieldProblem::TooLarge { max: 100 });
    }
    let expected_close_on = optional_text(fields.expected_close_on.as_deref());
    if expected_close_on
        .as_deref()
        .is_some_and(|d| d.parse::<jiff::civil::Date>().is_err())
    {
        errors.add("expectedCloseOn", FieldProblem::InvalidDay);
    }
    check_length(&mut errors, "notes", &fields.notes, NOTES_MAX);
    errors.into_result(OpportunityFields {
        title,
        currency,
        expected_close_on,
        ..fields
    })
}

/// Adds a deal to a sponsor (`id` absent) or changes one. Returns the sponsor.
pub fn save_opportunity(
    db: &Database,
    sponsor_id: &str,
    id: Option<&str>,
    fields: OpportunityFields,
) -> Result<Sponsor, Error> {
    let fields = validate_opportunity(fields)?;
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        load(t, sponsor_id)?;
        let now = clock::now();
        let values = params![
            id.map_or_else(ids::new_id, str::to_owned),
            sponsor_id,
            fields.title,
            fields.stage,
            fields.amount_minor,
            fields.currency,
            fields.probability,
            fields.expected_close_on,
            fields.owner_id,
            fields.notes,
            now
        ];
        let sql = if id.is_some() {
            "UPDATE sponsor_opportunities SET title = ?3, stage = ?4, amount_minor = ?5,
                 currency = ?6, probability = ?7, expected_close_on = ?8, owner_id = ?9,
                 notes = ?10, updated_at = ?11
             WHERE id = ?1 AND sponsor_id = ?2 AND deleted_at IS NULL"
        } else {
            "INSERT INTO sponsor_opportunities
                 (id, sponsor_id, title, stage, amount_minor, currency, probability,
                  expected_close_on, owner_id, notes, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)"
        };
        if t.execute(sql, values)? == 0 {
            return Err(Error::NotFound {
                entity: Entity::Opportunity,
                id: id.unwrap_or_default().to_owned(),
            });
        }
        load(t, sponsor_id)
    })
}

/// Removes a deal (a soft delete). Returns the sponsor.
pub fn remove_opportunity(db: &Database, id: &str) -> Result<Sponsor, Error> {
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let now = clock::now();
        let sponsor: Option<String> = t
            .query_row(
                "UPDATE sponsor_opportunities SET deleted_at = ?2, updated_at = ?2
                 WHERE id = ?1 AND deleted_at IS NULL RETURNING sponsor_id",
                params![id, now],
                |r| r.get(0),
            )
            .optional()?;
        let sponsor = sponsor.ok_or_else(|| Error::NotFound {
            entity: Entity::Opportunity,
            id: id.to_owned(),
        })?;
        load(t, &sponsor)
    })
}

fn validate_deliverable(fields: DeliverableFields) -> Result<DeliverableFields, FieldErrors> {
    let mut errors = FieldErrors::default();
    let title = fields.title.trim().to_owned();
    if title.is_empty() {
        errors.add("title", FieldProblem::Required);
    }
    check_length(&mut errors, "title", &title, TEXT_MAX);
    let due_at = match optional_text(fields.due_at.as_deref()) {
        Some(text) => {
            crate::validation::instant(&mut errors, "dueAt", &text).map(clock::format_instant)
        }
        None => None,
    };
    errors.into_result(DeliverableFields {
        title,
        due_at,
        opportunity_id: optional_text(fields.opportunity_id.as_deref()),
        event_id: optional_text(fields.event_id.as_deref()),
        ..fields
    })
}

/// Promises something to a sponsor (`id` absent) or changes the promise.
pub fn save_deliverable(
    db: &Database,
    sponsor_id: &str,
    id: Option<&str>,
    fields: DeliverableFields,
) -> Result<Sponsor, Error> {
    let fields = validate_deliverable(fields)?;
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        load(t, sponsor_id)?;
        let now = clock::now();
        let values = params![
            id.map_or_else(ids::new_id, str::to_owned),
            sponsor_id,
            fields.title,
            fields.kind,
            fields.due_at,
            fields.opportunity_id,
            fields.event_id,
            now
        ];
        let sql = if id.is_some() {
            "UPDATE sponsor_deliverables SET title = ?3, kind = ?4, due_at = ?5,
                 opportunity_id = ?6, event_id = ?7, updated_at = ?8
             WHERE id = ?1 AND sponsor_id = ?2 AND deleted_at IS NULL"
        } else {
            "INSERT INTO sponsor_deliverables
                 (id, sponsor_id, title, kind, due_at, opportunity_id, event_id, status,
                  created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'planned', ?8, ?8)"
        };
        if t.execute(sql, values)? == 0 {
            return Err(deliverable_not_found(id.unwrap_or_default()));
        }
        load(t, sponsor_id)
    })
}

/// Says where a promise stands; delivering it takes a proof (a link, or a
/// recording and the moment in it). Returns the sponsor.
pub fn set_deliverable_status(
    db: &Database,
    id: &str,
    status: DeliverableStatus,
    proof: Proof,
) -> Result<Sponsor, Error> {
    let mut errors = FieldErrors::default();
    let url = optional_text(proof.url.as_deref());
    if url.as_deref().is_some_and(|u| !is_plausible_url(u)) {
        errors.add("proofUrl", FieldProblem::InvalidUrl);
    }
    let asset_id = optional_text(proof.asset_id.as_deref());
    let delivered = matches!(
        status,
        DeliverableStatus::Delivered | DeliverableStatus::Approved
    );
    if delivered && url.is_none() && asset_id.is_none() {
        errors.add("proofUrl", FieldProblem::Required);
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let now = clock::now();
        let sponsor: Option<String> = t
            .query_row(
                "UPDATE sponsor_deliverables SET status = ?2,
                     delivered_at = CASE WHEN ?3 THEN coalesce(delivered_at, ?4) END,
                     proof_url = ?5, proof_asset_id = ?6, proof_offset_ms = ?7, updated_at = ?4
                 WHERE id = ?1 AND deleted_at IS NULL RETURNING sponsor_id",
                params![
                    id,
                    status,
                    delivered,
                    now,
                    url.as_deref().filter(|_| delivered),
                    asset_id.as_deref().filter(|_| delivered),
                    proof.offset_ms.filter(|_| delivered && asset_id.is_some())
                ],
                |r| r.get(0),
            )
            .optional()?;
        let sponsor = sponsor.ok_or_else(|| deliverable_not_found(id))?;
        load(t, &sponsor)
    })
}

/// What the sponsors need when the database opens: the contact an older
/// app version kept on a sponsor's row moved to where it is read now.
pub(crate) fn bring_up_to_date(db: &Database) -> Result<(), Error> {
    db.write(|t| move_retired_contacts(t).map(|_| ()))
}

/// Moves the contact V1 kept on the sponsor's row into `sponsor_contacts`,
/// then empties those columns: an edit, which syncs, with an id made from
/// the sponsor so two computers make the same row.
fn move_retired_contacts(connection: &Connection) -> Result<usize, Error> {
    if !crate::storage::has_table(connection, "sponsor_contacts")? {
        return Ok(0);
    }
    let sponsors: Vec<(String, Option<String>, Option<String>, String)> = connection
        .prepare(
            "SELECT id, contact_name, contact_email, updated_at FROM sponsors
             WHERE coalesce(contact_name, contact_email) IS NOT NULL",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (sponsor, name, email, updated_at) in &sponsors {
        let name = name.clone().or_else(|| email.clone()).unwrap_or_default();
        connection.execute(
            "INSERT INTO sponsor_contacts (id, sponsor_id, name, email, position, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) ON CONFLICT (id) DO NOTHING",
            params![
                ids::link_id("sponsor_contacts", &[sponsor]),
                sponsor,
                name,
                email,
                positions::between(None, None),
                updated_at
            ],
        )?;
        connection.execute(
            "UPDATE sponsors SET contact_name = NULL, contact_email = NULL WHERE id = ?1",
            [sponsor],
        )?;
    }
    Ok(sponsors.len())
}

/// The open deals of every sponsor, stage by stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DealStageTotal {
    pub stage: DealStage,
    pub deals: u32,
    pub amount_minor: u32,
    pub weighted_minor: u32,
}

/// The sponsors' pipeline: each stage's deals, amount and weighted value.
pub fn deal_pipeline(db: &Database) -> Result<Vec<DealStageTotal>, Error> {
    db.read(|c| {
        let mut totals: Vec<DealStageTotal> = DealStage::ALL
            .iter()
            .map(|stage| DealStageTotal {
                stage: *stage,
                deals: 0,
                amount_minor: 0,
                weighted_minor: 0,
            })
            .collect();
        let mut statement = c.prepare_cached(
            "SELECT o.stage, o.amount_minor, o.probability FROM sponsor_opportunities o
             JOIN sponsors s ON s.id = o.sponsor_id
             WHERE o.deleted_at IS NULL AND s.deleted_at IS NULL",
        )?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let stage = DealStage::parse(&row.get::<_, String>(0)?);
            let amount: i32 = row.get::<_, Option<i32>>(1)?.unwrap_or(0);
            let probability = row
                .get::<_, Option<u32>>(2)?
                .unwrap_or_else(|| stage.usual_probability());
            if let Some(total) = totals.iter_mut().find(|t| t.stage == stage) {
                total.deals += 1;
                total.amount_minor = total
                    .amount_minor
                    .saturating_add(amount.max(0).unsigned_abs());
                total.weighted_minor = total
                    .weighted_minor
                    .saturating_add(weighted(amount, probability));
            }
        }
        Ok(totals)
    })
}

fn not_found(id: &str) -> Error {
    Error::NotFound {
        entity: Entity::Sponsor,
        id: id.to_owned(),
    }
}

fn deliverable_not_found(id: &str) -> Error {
    Error::NotFound {
        entity: Entity::Deliverable,
        id: id.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_weighted_value_is_rounded_to_the_cent_and_never_negative() {
        assert_eq!(weighted(1_000_000, 40), 400_000);
        assert_eq!(weighted(333, 50), 167, "166.5 cents round up");
        assert_eq!(weighted(-500, 50), 0);
        assert_eq!(weighted(100, 250), 100, "a chance is at most 100 %");
    }

    #[test]
    fn a_negative_amount_and_an_impossible_date_are_refused_field_by_field() {
        let errors = validate_opportunity(OpportunityFields {
            title: "Live de rentrée".into(),
            amount_minor: Some(-1),
            expected_close_on: Some("2026-02-30".into()),
            probability: Some(120),
            ..OpportunityFields::default()
        })
        .expect_err("invalid");
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["amountMinor", "probability", "expectedCloseOn"]);
    }
}
