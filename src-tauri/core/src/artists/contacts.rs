//! The people around an artist MONA deals with: manager, label, booker,
//! press. Stored as rows the card owns (`owned_rows`), in the order typed.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::owned_rows::OwnedRows;
use crate::stored_enum::stored_enum;
use crate::validation::{
    FieldErrors, FieldProblem, check_length, is_plausible_email, is_plausible_phone, optional_text,
};

/// What a contact does for the artist.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ContactRole {
    #[default]
    Manager,
    Label,
    Booker,
    Press,
    Other,
}

stored_enum!(ContactRole {
    Manager => "manager",
    Label => "label",
    Booker => "booker",
    Press => "press",
    Other => "other",
});

/// A person around the artist.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct ArtistContact {
    pub id: Option<String>,
    pub role: ContactRole,
    pub name: String,
    /// The agency or label they work for.
    pub company: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

const TEXT_MAX: u32 = 200;
const CONTACTS_MAX: usize = 20;

const CONTACTS: OwnedRows = OwnedRows {
    table: "artist_contacts",
    owner_column: "artist_id",
    columns: &["role", "name", "company", "email", "phone"],
};

/// Checks and tidies the contacts typed on a card, errors under
/// `contacts.<n>.<field>`.
pub(crate) fn validate(contacts: &[ArtistContact], errors: &mut FieldErrors) -> Vec<ArtistContact> {
    if contacts.len() > CONTACTS_MAX {
        errors.add(
            "contacts",
            FieldProblem::TooLong {
                max: CONTACTS_MAX as u32,
            },
        );
    }
    contacts
        .iter()
        .enumerate()
        .map(|(at, contact)| {
            let field = |name: &str| format!("contacts.{at}.{name}");
            let name = contact.name.trim().to_owned();
            if name.is_empty() {
                errors.add(&field("name"), FieldProblem::Required);
            }
            check_length(errors, &field("name"), &name, TEXT_MAX);
            let company = optional_text(contact.company.as_deref());
            if let Some(company) = &company {
                check_length(errors, &field("company"), company, TEXT_MAX);
            }
            let email = optional_text(contact.email.as_deref());
            if email.as_deref().is_some_and(|e| !is_plausible_email(e)) {
                errors.add(&field("email"), FieldProblem::InvalidEmail);
            }
            let phone = optional_text(contact.phone.as_deref());
            if phone.as_deref().is_some_and(|p| !is_plausible_phone(p)) {
                errors.add(&field("phone"), FieldProblem::InvalidPhone);
            }
            ArtistContact {
                id: contact.id.clone(),
                role: contact.role,
                name,
                company,
                email,
                phone,
            }
        })
        .collect()
}

pub(crate) fn save(
    connection: &Connection,
    artist_id: &str,
    contacts: &[ArtistContact],
    now: &str,
) -> Result<(), Error> {
    let rows: Vec<(Option<&str>, Vec<&dyn rusqlite::ToSql>)> = contacts
        .iter()
        .map(|c| {
            let values: Vec<&dyn rusqlite::ToSql> =
                vec![&c.role, &c.name, &c.company, &c.email, &c.phone];
            (c.id.as_deref(), values)
        })
        .collect();
    CONTACTS.replace(connection, artist_id, &rows, now)
}

pub(crate) fn load(connection: &Connection, artist_id: &str) -> Result<Vec<ArtistContact>, Error> {
    Ok(connection
        .prepare_cached(
            "SELECT id, role, name, company, email, phone FROM artist_contacts
             WHERE artist_id = ?1 AND deleted_at IS NULL ORDER BY position, id",
        )?
        .query_map([artist_id], |r| {
            Ok(ArtistContact {
                id: r.get(0)?,
                role: ContactRole::parse(&r.get::<_, String>(1)?),
                name: r.get(2)?,
                company: r.get(3)?,
                email: r.get(4)?,
                phone: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}
