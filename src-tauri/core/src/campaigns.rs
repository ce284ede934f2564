//! MONA's campaigns: the catalogue of offers (290 €, 390 €, 490 € and up),
//! each with a template, and the campaigns sold to artists.
//!
//! Why it exists: selling a campaign is where MONA earns its living, and a
//! sold campaign is work for the whole team: a brief, playlists to pitch, a
//! live to prepare, posts to publish, results to report. Selling an offer
//! makes all of it at once from the offer's template, in one transaction:
//! the tasks appear in Planning (due so many days after the start, given to
//! the seller, the artist's responsible or the streamers), the content to
//! publish appears in the content plan, and what MONA promised the artist
//! is listed as deliverables to prove.
//!
//! Amounts are integer minor units (cents) with their currency; nothing here
//! ever holds money as a float. The catalogue is the core's defaults
//! ([`DEFAULT_OFFERS`], fixed ids) until the team first changes it, like
//! the score's criteria and the pipeline's stages.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use crate::owned_rows::OwnedRows;
use crate::records::{self, RecordKind};
use crate::stored_enum::stored_enum;
use crate::tasks::{self, TaskFields};
use crate::team::{self, Action, Role};
use crate::validation::{FieldErrors, FieldProblem, check_length, optional_text};
use crate::{Database, Entity, Error, clock, ids, positions};

/// MONA's three tiers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    #[default]
    #[serde(rename = "essential_290")]
    Essential290,
    #[serde(rename = "boost_390")]
    Boost390,
    #[serde(rename = "premium_490")]
    Premium490,
}

stored_enum!(Tier {
    Essential290 => "essential_290",
    Boost390 => "boost_390",
    Premium490 => "premium_490",
});

/// What a line of a template makes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum TemplatePart {
    /// A task in Planning.
    #[default]
    Task,
    /// Something promised to the artist, to prove once delivered.
    Deliverable,
    /// A piece of content in the content plan.
    Content,
}

stored_enum!(TemplatePart {
    Task => "task",
    Deliverable => "deliverable",
    Content => "content",
});

/// Who gets a template's task.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum AssignTo {
    /// The person who sold the campaign.
    #[default]
    Seller,
    /// Whoever is responsible for the artist (the seller when nobody is).
    Responsible,
    /// Every streamer of the team.
    Streamers,
}

stored_enum!(AssignTo {
    Seller => "seller",
    Responsible => "responsible",
    Streamers => "streamers",
});

/// The kind of content a template's content line plans.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ContentKind {
    #[default]
    Post,
    Short,
    Video,
    Story,
    Clip,
    Other,
}

stored_enum!(ContentKind {
    Post => "post",
    Short => "short",
    Video => "video",
    Story => "story",
    Clip => "clip",
    Other => "other",
});

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum CampaignStatus {
    Draft,
    #[default]
    Sold,
    Running,
    Completed,
    Cancelled,
}

stored_enum!(CampaignStatus {
    Draft => "draft",
    Sold => "sold",
    Running => "running",
    Completed => "completed",
    Cancelled => "cancelled",
});

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    #[default]
    Unpaid,
    /// A deposit was paid; the rest is due.
    Deposit,
    Paid,
    Refunded,
}

stored_enum!(PaymentStatus {
    Unpaid => "unpaid",
    Deposit => "deposit",
    Paid => "paid",
    Refunded => "refunded",
});

/// One line of an offer's template.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct TemplateItem {
    pub id: Option<String>,
    pub part: TemplatePart,
    pub title: String,
    /// Due this many days after the campaign starts.
    pub due_after_days: u32,
    /// Tasks only.
    pub assign_to: AssignTo,
    /// Content only.
    pub content_kind: Option<ContentKind>,
}

/// An offer of the catalogue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct Offer {
    pub id: Option<String>,
    pub tier: Tier,
    pub name: String,
    /// Cents.
    pub price_minor: i32,
    /// ISO 4217 ("EUR").
    pub currency: String,
    /// "490 € and up": a sale may ask more, never less.
    pub price_is_minimum: bool,
    pub description: String,
    pub items: Vec<TemplateItem>,
}

type DefaultItem = (
    TemplatePart,
    &'static str,
    u32,
    AssignTo,
    Option<ContentKind>,
);
/// (id, tier, name, price in cents, price is a minimum, template).
type DefaultOffer = (
    &'static str,
    Tier,
    &'static str,
    i32,
    bool,
    &'static [DefaultItem],
);

/// The catalogue a team starts with: (id, tier, name, price in cents,
/// minimum, template). The template's lines get ids made from the offer's
/// and their place, so two computers writing the defaults write one set.
const DEFAULT_OFFERS: [DefaultOffer; 3] = [
    (
        "0193a002-0000-7000-8000-000000000001",
        Tier::Essential290,
        "Essentiel",
        29_000,
        false,
        &[
            (
                TemplatePart::Task,
                "Brief de campagne avec l'artiste",
                0,
                AssignTo::Seller,
                None,
            ),
            (
                TemplatePart::Content,
                "Post d'annonce",
                3,
                AssignTo::Seller,
                Some(ContentKind::Post),
            ),
            (
                TemplatePart::Task,
                "Pitch playlists",
                7,
                AssignTo::Seller,
                None,
            ),
            (
                TemplatePart::Deliverable,
                "2 posts sponsorisés Instagram",
                14,
                AssignTo::Seller,
                None,
            ),
            (
                TemplatePart::Task,
                "Bilan de campagne avec l'artiste",
                28,
                AssignTo::Seller,
                None,
            ),
            (
                TemplatePart::Deliverable,
                "Rapport de résultats",
                30,
                AssignTo::Seller,
                None,
            ),
        ],
    ),
    (
        "0193a002-0000-7000-8000-000000000002",
        Tier::Boost390,
        "Boost",
        39_000,
        false,
        &[
            (
                TemplatePart::Task,
                "Brief de campagne avec l'artiste",
                0,
                AssignTo::Seller,
                None,
            ),
            (
                TemplatePart::Content,
                "Teaser vidéo",
                3,
                AssignTo::Seller,
                Some(ContentKind::Short),
            ),
            (
                TemplatePart::Task,
                "Préparer le live de présentation",
                5,
                AssignTo::Streamers,
                None,
            ),
            (
                TemplatePart::Task,
                "Pitch playlists",
                7,
                AssignTo::Seller,
                None,
            ),
            (
                TemplatePart::Deliverable,
                "Live Twitch de présentation",
                10,
                AssignTo::Seller,
                None,
            ),
            (
                TemplatePart::Content,
                "Clip du live",
                12,
                AssignTo::Seller,
                Some(ContentKind::Clip),
            ),
            (
                TemplatePart::Task,
                "Relance presse",
                14,
                AssignTo::Responsible,
                None,
            ),
            (
                TemplatePart::Deliverable,
                "3 posts sponsorisés",
                21,
                AssignTo::Seller,
                None,
            ),
            (
                TemplatePart::Task,
                "Bilan de campagne avec l'artiste",
                30,
                AssignTo::Seller,
                None,
            ),
            (
                TemplatePart::Deliverable,
                "Rapport de résultats",
                35,
                AssignTo::Seller,
                None,
            ),
        ],
    ),
    (
        "0193a002-0000-7000-8000-000000000003",
        Tier::Premium490,
        "Premium",
        49_000,
        true,
        &[
            (
                TemplatePart::Task,
                "Brief de campagne avec l'artiste",
                0,
                AssignTo::Seller,
                None,
            ),
            (
                TemplatePart::Task,
                "Planifier le tournage",
                3,
                AssignTo::Streamers,
                None,
            ),
            (
                TemplatePart::Content,
                "Teaser",
                3,
                AssignTo::Seller,
                Some(ContentKind::Short),
            ),
            (
                TemplatePart::Task,
                "Pitch playlists et presse",
                7,
                AssignTo::Responsible,
                None,
            ),
            (
                TemplatePart::Task,
                "Live de sortie",
                14,
                AssignTo::Streamers,
                None,
            ),
            (
                TemplatePart::Deliverable,
                "Vidéo tournée par SPARK",
                21,
                AssignTo::Seller,
                None,
            ),
            (
                TemplatePart::Content,
                "Vidéo",
                21,
                AssignTo::Seller,
                Some(ContentKind::Video),
            ),
            (
                TemplatePart::Deliverable,
                "2 lives Twitch",
                30,
                AssignTo::Seller,
                None,
            ),
            (
                TemplatePart::Content,
                "Clip",
                30,
                AssignTo::Seller,
                Some(ContentKind::Clip),
            ),
            (
                TemplatePart::Deliverable,
                "Campagne publicitaire de 4 semaines",
                35,
                AssignTo::Seller,
                None,
            ),
            (
                TemplatePart::Task,
                "Bilan de campagne avec l'artiste",
                45,
                AssignTo::Seller,
                None,
            ),
            (
                TemplatePart::Deliverable,
                "Rapport de résultats",
                50,
                AssignTo::Seller,
                None,
            ),
        ],
    ),
];

/// The default offer of a tier (the demo's campaigns name it).
pub(crate) fn default_offer_id(tier: Tier) -> &'static str {
    DEFAULT_OFFERS
        .iter()
        .find(|offer| offer.1 == tier)
        .map_or(DEFAULT_OFFERS[0].0, |offer| offer.0)
}

fn default_offers() -> Vec<Offer> {
    DEFAULT_OFFERS
        .iter()
        .map(|(id, tier, name, price, minimum, items)| Offer {
            id: Some((*id).to_owned()),
            tier: *tier,
            name: (*name).to_owned(),
            price_minor: *price,
            currency: "EUR".to_owned(),
            price_is_minimum: *minimum,
            description: String::new(),
            items: items
                .iter()
                .enumerate()
                .map(|(at, (part, title, days, assign_to, kind))| TemplateItem {
                    id: Some(ids::link_id("offer_template_items", &[id, &at.to_string()])),
                    part: *part,
                    title: (*title).to_owned(),
                    due_after_days: *days,
                    assign_to: *assign_to,
                    content_kind: *kind,
                })
                .collect(),
        })
        .collect()
}

const NAME_MAX: u32 = 80;
const TITLE_MAX: u32 = 200;
const DESCRIPTION_MAX: u32 = 2_000;
const NOTES_MAX: u32 = 5_000;
const DAYS_MAX: u32 = 365;
const ITEMS_MAX: usize = 60;
/// The dearest price the app takes (a typing error beyond): 1,000,000.00.
const PRICE_MAX: i32 = 100_000_000;

/// The catalogue, in the team's order; the defaults while the team changed none.
pub fn catalogue(db: &Database) -> Result<Vec<Offer>, Error> {
    db.read(load_catalogue)
}

fn written(connection: &Connection) -> Result<bool, Error> {
    crate::presets::written(connection, "campaign_offers")
}

fn load_catalogue(connection: &Connection) -> Result<Vec<Offer>, Error> {
    if !written(connection)? {
        return Ok(default_offers());
    }
    let mut offers: Vec<Offer> = connection
        .prepare_cached(
            "SELECT id, tier, name, price_minor, currency, price_is_minimum, description
             FROM campaign_offers WHERE deleted_at IS NULL ORDER BY position, id",
        )?
        .query_map([], |r| {
            Ok(Offer {
                id: r.get(0)?,
                tier: Tier::parse(&r.get::<_, String>(1)?),
                name: r.get(2)?,
                price_minor: r.get(3)?,
                currency: r.get(4)?,
                price_is_minimum: r.get(5)?,
                description: r.get(6)?,
                items: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut items = connection.prepare_cached(
        "SELECT id, part, title, due_after_days, assign_to, content_kind FROM offer_template_items
         WHERE offer_id = ?1 AND deleted_at IS NULL ORDER BY position, id",
    )?;
    for offer in &mut offers {
        offer.items = items
            .query_map([&offer.id], |r| {
                Ok(TemplateItem {
                    id: r.get(0)?,
                    part: TemplatePart::parse(&r.get::<_, String>(1)?),
                    title: r.get(2)?,
                    due_after_days: r.get(3)?,
                    assign_to: AssignTo::parse(&r.get::<_, String>(4)?),
                    content_kind: r
                        .get::<_, Option<String>>(5)?
                        .map(|k| ContentKind::parse(&k)),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(offers)
}

/// Writes the default catalogue as rows, before the team's first change.
fn write_defaults(connection: &Connection, now: &str) -> Result<(), Error> {
    crate::presets::write_once(
        connection,
        "campaign_offers",
        &default_offers(),
        |offer, position| {
            connection.execute(
                "INSERT INTO campaign_offers
                 (id, tier, name, price_minor, currency, price_is_minimum, description, position,
                  created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) ON CONFLICT (id) DO NOTHING",
                params![
                    offer.id,
                    offer.tier,
                    offer.name,
                    offer.price_minor,
                    offer.currency,
                    offer.price_is_minimum,
                    offer.description,
                    position,
                    now
                ],
            )?;
            write_items(
                connection,
                offer.id.as_deref().unwrap_or_default(),
                &offer.items,
                now,
            )
        },
    )
}

/// An offer's template lines, in order.
const TEMPLATE_LINES: OwnedRows = OwnedRows {
    table: "offer_template_items",
    owner_column: "offer_id",
    columns: &[
        "part",
        "title",
        "due_after_days",
        "assign_to",
        "content_kind",
    ],
};

/// Makes the offer's template lines the given ones, in order.
fn write_items(
    connection: &Connection,
    offer_id: &str,
    items: &[TemplateItem],
    now: &str,
) -> Result<(), Error> {
    let rows: Vec<(Option<&str>, Vec<&dyn rusqlite::ToSql>)> = items
        .iter()
        .map(|item| {
            let values: Vec<&dyn rusqlite::ToSql> = vec![
                &item.part,
                &item.title,
                &item.due_after_days,
                &item.assign_to,
                &item.content_kind,
            ];
            (item.id.as_deref(), values)
        })
        .collect();
    TEMPLATE_LINES.replace(connection, offer_id, &rows, now)
}

fn validate_offer(offer: Offer) -> Result<Offer, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = offer.name.trim().to_owned();
    if name.is_empty() {
        errors.add("name", FieldProblem::Required);
    }
    check_length(&mut errors, "name", &name, NAME_MAX);
    check_price(&mut errors, "priceMinor", offer.price_minor, 0);
    let currency = offer.currency.trim().to_uppercase();
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
        errors.add("currency", FieldProblem::InvalidCurrency);
    }
    check_length(
        &mut errors,
        "description",
        &offer.description,
        DESCRIPTION_MAX,
    );
    if offer.items.len() > ITEMS_MAX {
        errors.add(
            "items",
            FieldProblem::TooLong {
                max: ITEMS_MAX as u32,
            },
        );
    }
    let mut items = Vec::with_capacity(offer.items.len());
    for (at, item) in offer.items.into_iter().enumerate() {
        let title = item.title.trim().to_owned();
        if title.is_empty() {
            errors.add(&format!("items.{at}.title"), FieldProblem::Required);
        }
        check_length(&mut errors, &format!("items.{at}.title"), &title, TITLE_MAX);
        if item.due_after_days > DAYS_MAX {
            errors.add(
                &format!("items.{at}.dueAfterDays"),
                FieldProblem::TooLarge { max: DAYS_MAX },
            );
        }
        items.push(TemplateItem {
            title,
            content_kind: match item.part {
                TemplatePart::Content => Some(item.content_kind.unwrap_or_default()),
                _ => None,
            },
            ..item
        });
    }
    errors.into_result(Offer {
        name,
        currency,
        items,
        ..offer
    })
}

/// A price typed for an offer or a sale: cents, at least `min`, not absurd.
fn check_price(errors: &mut FieldErrors, field: &str, price: i32, min: i32) {
    if price < min {
        errors.add(
            field,
            FieldProblem::TooSmall {
                min: u32::try_from(min).unwrap_or(0),
            },
        );
    } else if price > PRICE_MAX {
        errors.add(
            field,
            FieldProblem::TooLarge {
                max: PRICE_MAX as u32,
            },
        );
    }
}

/// Adds an offer (at the end) or changes one with its template. Returns the catalogue.
pub fn save_offer(db: &Database, offer: Offer) -> Result<Vec<Offer>, Error> {
    let offer = validate_offer(offer)?;
    db.write(|t| {
        team::require(t, Action::ConfigureOffers)?;
        let now = clock::now();
        write_defaults(t, &now)?;
        let id = match &offer.id {
            Some(id) => {
                let changed = t.execute(
                    "UPDATE campaign_offers SET tier = ?2, name = ?3, price_minor = ?4, currency = ?5,
                     price_is_minimum = ?6, description = ?7, updated_at = ?8
                     WHERE id = ?1 AND deleted_at IS NULL",
                    params![
                        id,
                        offer.tier,
                        offer.name,
                        offer.price_minor,
                        offer.currency,
                        offer.price_is_minimum,
                        offer.description,
                        now
                    ],
                )?;
                if changed == 0 {
                    return Err(offer_not_found(id));
                }
                id.clone()
            }
            None => {
                let last: Option<String> = t.query_row(
                    "SELECT max(position) FROM campaign_offers WHERE deleted_at IS NULL",
                    [],
                    |r| r.get(0),
                )?;
                let id = ids::new_id();
                t.execute(
                    "INSERT INTO campaign_offers
                         (id, tier, name, price_minor, currency, price_is_minimum, description,
                          position, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                    params![
                        id,
                        offer.tier,
                        offer.name,
                        offer.price_minor,
                        offer.currency,
                        offer.price_is_minimum,
                        offer.description,
                        positions::between(last.as_deref(), None),
                        now
                    ],
                )?;
                id
            }
        };
        write_items(t, &id, &offer.items, &now)?;
        load_catalogue(t)
    })
}

/// Takes an offer out of the catalogue; campaigns sold with it keep it.
pub fn remove_offer(db: &Database, id: &str) -> Result<Vec<Offer>, Error> {
    db.write(|t| {
        team::require(t, Action::ConfigureOffers)?;
        let now = clock::now();
        write_defaults(t, &now)?;
        let changed = t.execute(
            "UPDATE campaign_offers SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, now],
        )?;
        if changed == 0 {
            return Err(offer_not_found(id));
        }
        load_catalogue(t)
    })
}

/// What a person fills in to sell an offer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct Sale {
    pub artist_id: String,
    pub offer_id: String,
    /// Cents; the offer's price when absent.
    pub price_minor: Option<i32>,
    /// The day the campaign starts (`2026-12-07`); the template counts from it.
    pub starts_on: String,
    pub notes: String,
}

/// Something promised to the artist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Deliverable {
    pub id: String,
    pub title: String,
    pub due_on: Option<String>,
    pub delivered: bool,
    pub delivered_at: Option<String>,
    pub proof_url: Option<String>,
}

/// A campaign sold to an artist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Campaign {
    pub id: String,
    pub artist_id: String,
    pub artist_name: String,
    pub offer_id: Option<String>,
    pub tier: Tier,
    /// The offer's name when it was sold ("Boost").
    pub offer_name: String,
    pub price_minor: i32,
    pub currency: String,
    pub status: CampaignStatus,
    pub payment_status: PaymentStatus,
    pub paid_on: Option<String>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub sold_at: Option<String>,
    pub owner_id: Option<String>,
    pub notes: String,
    /// Its tasks in Planning still to do, and all of them.
    pub open_tasks: u32,
    pub tasks: u32,
    pub deliverables: Vec<Deliverable>,
}

fn parse_day(errors: &mut FieldErrors, field: &str, text: &str) -> Option<jiff::civil::Date> {
    match text.trim().parse::<jiff::civil::Date>() {
        Ok(day) => Some(day),
        Err(_) => {
            errors.add(
                field,
                if text.trim().is_empty() {
                    FieldProblem::Required
                } else {
                    FieldProblem::InvalidDay
                },
            );
            None
        }
    }
}

/// Sells an offer to an artist as the person at this computer: the
/// campaign, its tasks in Planning, its content and its deliverables, all
/// or nothing.
pub fn sell(db: &Database, sale: Sale) -> Result<Campaign, Error> {
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        records::require(t, RecordKind::Artist, &sale.artist_id)?;
        let offer = load_catalogue(t)?
            .into_iter()
            .find(|o| o.id.as_deref() == Some(sale.offer_id.as_str()));
        let mut errors = FieldErrors::default();
        let Some(offer) = offer else {
            errors.add("offerId", FieldProblem::Required);
            return Err(errors.into());
        };
        let price = sale.price_minor.unwrap_or(offer.price_minor);
        let least = if offer.price_is_minimum {
            offer.price_minor
        } else {
            0
        };
        check_price(&mut errors, "priceMinor", price, least);
        let starts = parse_day(&mut errors, "startsOn", &sale.starts_on);
        check_length(&mut errors, "notes", &sale.notes, NOTES_MAX);
        // A sale is recorded up to a year after it started, planned up to a
        // year ahead.
        let year = jiff::Span::new().days(366);
        match starts {
            Some(day) if day < clock::today().saturating_sub(year) => {
                errors.add("startsOn", FieldProblem::TooFarBack);
            }
            Some(day) if day > clock::today().saturating_add(year) => {
                errors.add("startsOn", FieldProblem::TooFarAhead);
            }
            _ => {}
        }
        let (Some(starts), true) = (starts, errors.is_empty()) else {
            return Err(errors.into());
        };
        write_defaults(t, &clock::now())?;
        let now = clock::now();
        let me = team::my_id(t)?;
        let zone = seller_zone(t, me.as_deref())?;
        let day_after = |days: u32| starts.saturating_add(jiff::Span::new().days(i64::from(days)));
        let last_day = offer.items.iter().map(|i| i.due_after_days).max().unwrap_or(0);
        let id = ids::new_id();
        t.execute(
            "INSERT INTO mona_campaigns
                 (id, artist_id, offer, offer_id, price_minor, currency, status, starts_on, ends_on,
                  owner_id, notes, sold_at, payment_status, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'sold', ?7, ?8, ?9, ?10, ?11, 'unpaid', ?11, ?11)",
            params![
                id,
                sale.artist_id,
                offer.tier,
                offer.id,
                price,
                offer.currency,
                starts.to_string(),
                day_after(last_day).to_string(),
                me,
                sale.notes.trim(),
                now
            ],
        )?;
        let artist_name: String = t.query_row(
            "SELECT name FROM artists WHERE id = ?1",
            [&sale.artist_id],
            |r| r.get(0),
        )?;
        let deliverable_positions = positions::sequence(offer.items.len());
        for (item, position) in offer.items.iter().zip(deliverable_positions) {
            let due = day_after(item.due_after_days);
            match item.part {
                TemplatePart::Task => {
                    let assignees = assignees(t, item.assign_to, me.as_deref(), &sale.artist_id)?;
                    let task_id = tasks::insert(
                        t,
                        &tasks::validate(TaskFields {
                            title: format!("{} — {artist_name}", item.title),
                            due_at: Some(at_ten(due, &zone)),
                            time_zone: Some(zone.clone()),
                            artist_id: Some(sale.artist_id.clone()),
                            assignees,
                            ..TaskFields::default()
                        })?,
                        &positions::between(None, None),
                    )?;
                    t.execute(
                        "UPDATE tasks SET campaign_id = ?2 WHERE id = ?1",
                        params![task_id, id],
                    )?;
                }
                TemplatePart::Content => {
                    t.execute(
                        "INSERT INTO spark_content
                             (id, title, kind, status, scheduled_at, time_zone, artist_id, owner_id,
                              campaign_id, created_at, updated_at)
                         VALUES (?1, ?2, ?3, 'idea', ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                        params![
                            ids::new_id(),
                            format!("{} — {artist_name}", item.title),
                            item.content_kind.unwrap_or_default(),
                            at_ten(due, &zone),
                            zone,
                            sale.artist_id,
                            me,
                            id,
                            now
                        ],
                    )?;
                }
                TemplatePart::Deliverable => {
                    t.execute(
                        "INSERT INTO campaign_deliverables
                             (id, campaign_id, title, due_on, status, position, created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, 'planned', ?5, ?6, ?6)",
                        params![ids::new_id(), id, item.title, due.to_string(), position, now],
                    )?;
                }
            }
        }
        crate::scoring::refresh(t, &sale.artist_id)?;
        load(t, &id)
    })
}

/// The seller's time zone, where the template's tasks fall due at 10:00.
fn seller_zone(connection: &Connection, me: Option<&str>) -> Result<String, Error> {
    let zone: Option<String> = match me {
        Some(me) => connection
            .query_row("SELECT time_zone FROM users WHERE id = ?1", [me], |r| {
                r.get(0)
            })
            .optional()?
            .flatten(),
        None => None,
    };
    Ok(zone
        .filter(|z| jiff::tz::TimeZone::get(z).is_ok())
        .unwrap_or_else(|| "Europe/Paris".to_owned()))
}

/// `day` at 10:00 in `zone`, as a stored instant.
fn at_ten(day: jiff::civil::Date, zone: &str) -> String {
    let local = day.to_datetime(jiff::civil::Time::constant(10, 0, 0, 0));
    let instant = jiff::tz::TimeZone::get(zone)
        .ok()
        .and_then(|tz| tz.to_ambiguous_zoned_datetime(local).compatible().ok())
        .map(|zoned| zoned.timestamp())
        .unwrap_or_else(|| {
            local
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .map(|z| z.timestamp())
                .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        });
    clock::format_instant(instant)
}

/// Who a template's task goes to.
fn assignees(
    connection: &Connection,
    assign_to: AssignTo,
    seller: Option<&str>,
    artist_id: &str,
) -> Result<Vec<String>, Error> {
    let seller: Vec<String> = seller.map(str::to_owned).into_iter().collect();
    Ok(match assign_to {
        AssignTo::Seller => seller,
        AssignTo::Responsible => {
            let responsible: Vec<String> = connection
                .prepare_cached(
                    "SELECT user_id FROM responsibilities
                     WHERE entity_type = 'artist' AND entity_id = ?1 AND part = 'responsible'
                       AND deleted_at IS NULL ORDER BY created_at",
                )?
                .query_map([artist_id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if responsible.is_empty() {
                seller
            } else {
                responsible
            }
        }
        AssignTo::Streamers => {
            let streamers: Vec<String> = team::all(connection)?
                .into_iter()
                .filter(|m| m.role == Role::Streamer)
                .map(|m| m.id)
                .collect();
            if streamers.is_empty() {
                seller
            } else {
                streamers
            }
        }
    })
}

const CAMPAIGN_COLUMNS: &str = "c.id, c.artist_id, a.name, c.offer_id, c.offer, o.name, c.price_minor,
    c.currency, c.status, c.payment_status, c.paid_on, c.starts_on, c.ends_on, c.sold_at, c.owner_id,
    c.notes,
    (SELECT count(*) FROM tasks t WHERE t.campaign_id = c.id AND t.deleted_at IS NULL
        AND t.status IN ('todo', 'in_progress')),
    (SELECT count(*) FROM tasks t WHERE t.campaign_id = c.id AND t.deleted_at IS NULL)";

fn campaign_row(connection: &Connection, row: &Row<'_>) -> Result<Campaign, Error> {
    let id: String = row.get(0)?;
    let tier = Tier::parse(&row.get::<_, String>(4)?);
    let offer_name: Option<String> = row.get(5)?;
    let offer_id: Option<String> = row.get(3)?;
    let offer_name = offer_name
        .or_else(|| {
            default_offers()
                .into_iter()
                .find(|o| o.id == offer_id || (offer_id.is_none() && o.tier == tier))
                .map(|o| o.name)
        })
        .unwrap_or_default();
    Ok(Campaign {
        artist_id: row.get(1)?,
        artist_name: row.get(2)?,
        offer_id,
        tier,
        offer_name,
        price_minor: row.get(6)?,
        currency: row.get(7)?,
        status: CampaignStatus::parse(&row.get::<_, String>(8)?),
        payment_status: PaymentStatus::parse(&row.get::<_, String>(9)?),
        paid_on: row.get(10)?,
        starts_on: row.get(11)?,
        ends_on: row.get(12)?,
        sold_at: row.get(13)?,
        owner_id: row.get(14)?,
        notes: row.get(15)?,
        open_tasks: row.get(16)?,
        tasks: row.get(17)?,
        deliverables: deliverables(connection, &id)?,
        id,
    })
}

fn deliverables(connection: &Connection, campaign_id: &str) -> Result<Vec<Deliverable>, Error> {
    Ok(connection
        .prepare_cached(
            "SELECT id, title, due_on, status, delivered_at, proof_url FROM campaign_deliverables
             WHERE campaign_id = ?1 AND deleted_at IS NULL ORDER BY position, id",
        )?
        .query_map([campaign_id], |r| {
            Ok(Deliverable {
                id: r.get(0)?,
                title: r.get(1)?,
                due_on: r.get(2)?,
                delivered: r.get::<_, String>(3)? == "delivered",
                delivered_at: r.get(4)?,
                proof_url: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

fn campaigns_where(
    connection: &Connection,
    condition: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<Campaign>, Error> {
    let sql = format!(
        "SELECT {CAMPAIGN_COLUMNS} FROM mona_campaigns c JOIN artists a ON a.id = c.artist_id
         LEFT JOIN campaign_offers o ON o.id = c.offer_id
         WHERE c.deleted_at IS NULL AND {condition}
         ORDER BY coalesce(c.sold_at, c.created_at) DESC, c.id"
    );
    let mut statement = connection.prepare_cached(&sql)?;
    let mut rows = statement.query(params)?;
    let mut campaigns = Vec::new();
    while let Some(row) = rows.next()? {
        campaigns.push(campaign_row(connection, row)?);
    }
    Ok(campaigns)
}

fn load(connection: &Connection, id: &str) -> Result<Campaign, Error> {
    campaigns_where(connection, "c.id = ?1", [id])?
        .pop()
        .ok_or_else(|| campaign_not_found(id))
}

/// An artist's campaigns, latest sale first.
pub fn of_artist(db: &Database, artist_id: &str) -> Result<Vec<Campaign>, Error> {
    db.read(|c| campaigns_where(c, "c.artist_id = ?1", [artist_id]))
}

/// The campaigns sold in a month (`2026-11`), latest first; every campaign
/// when `month` is absent.
pub fn list(db: &Database, month: Option<&str>) -> Result<Vec<Campaign>, Error> {
    db.read(|c| match month {
        Some(month) => campaigns_where(c, "substr(c.sold_at, 1, 7) = ?1", [month]),
        None => campaigns_where(c, "1", []),
    })
}

/// Moves a campaign along (running, completed, cancelled...): the artist's
/// reliability reads it. A campaign completed or cancelled before its
/// planned end ends that day.
pub fn set_status(db: &Database, id: &str, status: CampaignStatus) -> Result<Campaign, Error> {
    let ended = matches!(
        status,
        CampaignStatus::Completed | CampaignStatus::Cancelled
    );
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let artist: Option<String> = t
            .query_row(
                "UPDATE mona_campaigns SET status = ?2, updated_at = ?3,
                     ends_on = CASE WHEN ?4 AND (ends_on IS NULL OR ends_on > ?5) THEN ?5 ELSE ends_on END
                 WHERE id = ?1 AND deleted_at IS NULL RETURNING artist_id",
                params![id, status, clock::now(), ended, clock::today().to_string()],
                |r| r.get(0),
            )
            .optional()?;
        let artist = artist.ok_or_else(|| campaign_not_found(id))?;
        crate::scoring::refresh(t, &artist)?;
        load(t, id)
    })
}

/// Records where the payment stands; a paid campaign is dated (today when
/// no day is given).
pub fn set_payment(
    db: &Database,
    id: &str,
    payment: PaymentStatus,
    paid_on: Option<&str>,
) -> Result<Campaign, Error> {
    let mut errors = FieldErrors::default();
    let paid_on = match optional_text(paid_on) {
        Some(day) => parse_day(&mut errors, "paidOn", &day),
        None => Some(clock::today()),
    };
    if let Some(day) = paid_on
        && day > clock::today()
    {
        errors.add("paidOn", FieldProblem::TooFarAhead);
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let paid_on = matches!(payment, PaymentStatus::Paid | PaymentStatus::Deposit)
        .then(|| paid_on.map(|d| d.to_string()))
        .flatten();
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let changed = t.execute(
            "UPDATE mona_campaigns SET payment_status = ?2, paid_on = ?3, updated_at = ?4
             WHERE id = ?1 AND deleted_at IS NULL",
            params![id, payment, paid_on, clock::now()],
        )?;
        if changed == 0 {
            return Err(campaign_not_found(id));
        }
        load(t, id)
    })
}

/// Marks a deliverable delivered (with a link proving it) or back to planned.
pub fn deliver(
    db: &Database,
    deliverable_id: &str,
    delivered: bool,
    proof_url: Option<&str>,
) -> Result<Campaign, Error> {
    let proof_url = optional_text(proof_url);
    if proof_url
        .as_deref()
        .is_some_and(|u| !crate::validation::is_plausible_url(u))
    {
        let mut errors = FieldErrors::default();
        errors.add("proofUrl", FieldProblem::InvalidUrl);
        return Err(errors.into());
    }
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let now = clock::now();
        let campaign: Option<String> = t
            .query_row(
                "UPDATE campaign_deliverables SET status = ?2, delivered_at = ?3, proof_url = ?4,
                 updated_at = ?5 WHERE id = ?1 AND deleted_at IS NULL RETURNING campaign_id",
                params![
                    deliverable_id,
                    if delivered { "delivered" } else { "planned" },
                    delivered.then_some(&now),
                    proof_url.as_deref().filter(|_| delivered),
                    now
                ],
                |r| r.get(0),
            )
            .optional()?;
        let campaign = campaign.ok_or_else(|| campaign_not_found(deliverable_id))?;
        load(t, &campaign)
    })
}

/// What a month brought in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MonthRevenue {
    /// `2026-11`.
    pub month: String,
    /// Campaigns sold that month (cancelled ones left out).
    pub campaigns: u32,
    /// What they were sold for, in cents (a month's sales stay far below
    /// the 42 million euros a `u32` holds; beyond, the sum saturates).
    pub sold_minor: u32,
    /// Of that, what is paid (a deposit counts as unpaid until the rest comes).
    pub paid_minor: u32,
}

/// Campaign revenue month by month, the last `months` months up to this
/// one, in euros (the catalogue's currency); a month without sales is 0.
pub fn revenue(db: &Database, months: u32) -> Result<Vec<MonthRevenue>, Error> {
    let months = months.clamp(1, 60);
    let this_month = clock::today().first_of_month();
    let first = this_month.saturating_sub(jiff::Span::new().months(i64::from(months) - 1));
    db.read(|c| {
        let sold: Vec<(String, u32, i64, i64)> = c
            .prepare_cached(
                "SELECT substr(sold_at, 1, 7), count(*), sum(price_minor),
                        sum(CASE payment_status WHEN 'paid' THEN price_minor ELSE 0 END)
                 FROM mona_campaigns
                 WHERE deleted_at IS NULL AND sold_at IS NOT NULL AND sold_at >= ?1
                   AND status <> 'cancelled' AND currency = 'EUR'
                 GROUP BY 1",
            )?
            .query_map([first.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok((0..months)
            .map(|at| {
                let month = first
                    .saturating_add(jiff::Span::new().months(i64::from(at)))
                    .strftime("%Y-%m")
                    .to_string();
                let found = sold.iter().find(|(m, ..)| *m == month);
                MonthRevenue {
                    campaigns: found.map_or(0, |f| f.1),
                    sold_minor: found.map_or(0, |f| u32::try_from(f.2).unwrap_or(u32::MAX)),
                    paid_minor: found.map_or(0, |f| u32::try_from(f.3).unwrap_or(u32::MAX)),
                    month,
                }
            })
            .collect())
    })
}

fn offer_not_found(id: &str) -> Error {
    Error::NotFound {
        entity: Entity::Offer,
        id: id.to_owned(),
    }
}

fn campaign_not_found(id: &str) -> Error {
    Error::NotFound {
        entity: Entity::Campaign,
        id: id.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_catalogue_is_monas_three_offers_with_the_490_one_open_ended() {
        let offers = default_offers();
        let prices: Vec<(i32, bool)> = offers
            .iter()
            .map(|o| (o.price_minor, o.price_is_minimum))
            .collect();
        assert_eq!(prices, [(29_000, false), (39_000, false), (49_000, true)]);
        for offer in &offers {
            assert!(offer.items.iter().any(|i| i.part == TemplatePart::Task));
            assert!(
                offer
                    .items
                    .iter()
                    .any(|i| i.part == TemplatePart::Deliverable)
            );
        }
    }

    #[test]
    fn a_price_below_the_minimum_or_negative_is_refused_with_the_floor() {
        let mut errors = FieldErrors::default();
        check_price(&mut errors, "priceMinor", -100, 0);
        assert_eq!(errors.0[0].problem, FieldProblem::TooSmall { min: 0 });
        let mut errors = FieldErrors::default();
        check_price(&mut errors, "priceMinor", 45_000, 49_000);
        assert_eq!(errors.0[0].problem, FieldProblem::TooSmall { min: 49_000 });
        let mut errors = FieldErrors::default();
        check_price(&mut errors, "priceMinor", 120_000, 49_000);
        assert!(errors.is_empty());
    }

    #[test]
    fn template_tasks_fall_due_at_ten_in_the_sellers_zone_whatever_the_season() {
        let winter: jiff::civil::Date = "2026-12-07".parse().expect("day");
        assert_eq!(at_ten(winter, "Europe/Paris"), "2026-12-07T09:00:00.000Z");
        let summer: jiff::civil::Date = "2026-07-07".parse().expect("day");
        assert_eq!(at_ten(summer, "Europe/Paris"), "2026-07-07T08:00:00.000Z");
    }
}
