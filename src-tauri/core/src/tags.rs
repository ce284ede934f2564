//! The team's tags: one list of labels for every kind of record (a task's
//! "Vidéo", an artist's "Tournée 2027"), put on records as links
//! (`entity_tags`, see [`crate::links`]).
//!
//! Why it exists: tasks, artist cards and the Trello import all need "the
//! tag of this name, or a new one" and "exactly these tags on this record".
//! Done once here, "Vidéo" typed on a task and "video" typed on a card are
//! the same tag, and a tag made on two laptops offline is one tag once they
//! sync: a new tag's id is made from its folded name ([`ids::link_id`]).

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::links::{self, Link};
use crate::team::{self, Action};
use crate::validation::{FieldErrors, FieldProblem, check_length};
use crate::{Database, Error, clock, ids, text};

/// A tag of the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Tag {
    pub id: String,
    pub name: String,
    pub color: Option<String>,
}

const NAME_MAX: u32 = 60;
/// The most tags one record carries.
const PER_RECORD_MAX: usize = 20;

/// Every tag of the team, by name.
pub fn all(db: &Database) -> Result<Vec<Tag>, Error> {
    db.read(|c| {
        let mut statement = c.prepare_cached(
            "SELECT id, name, color FROM tags WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id",
        )?;
        let tags = statement
            .query_map([], |r| {
                Ok(Tag {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    color: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(tags)
    })
}

/// The tag named `name` (whatever its case and accents), made if the team
/// has none; by anyone who may edit records or tasks.
pub fn create(db: &Database, name: &str) -> Result<Tag, Error> {
    let name = name.trim().to_owned();
    let mut errors = FieldErrors::default();
    if name.is_empty() {
        errors.add("name", FieldProblem::Required);
    }
    check_length(&mut errors, "name", &name, NAME_MAX);
    let name = errors.into_result(name)?;
    db.write(|t| {
        if team::require(t, Action::EditTasks).is_err() {
            team::require(t, Action::EditRecords)?;
        }
        let id = named(t, &name, None, &clock::now())?;
        Ok(t.query_row(
            "SELECT id, name, color FROM tags WHERE id = ?1",
            [&id],
            |r| {
                Ok(Tag {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    color: r.get(2)?,
                })
            },
        )?)
    })
}

/// The id of the live tag named `name` (folded), or of a new one made with
/// `color`.
pub(crate) fn named(
    c: &Connection,
    name: &str,
    color: Option<&str>,
    now: &str,
) -> Result<String, Error> {
    let folded = text::fold(name.trim());
    let mut statement = c.prepare_cached("SELECT id, name FROM tags WHERE deleted_at IS NULL")?;
    let existing = statement
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .find(|(_, known)| text::fold(known) == folded);
    if let Some((id, _)) = existing {
        return Ok(id);
    }
    // Made from the name, so two laptops naming the same new tag offline
    // make one; a fresh key if a renamed or removed tag holds that one.
    let by_name = ids::link_id("tags", &[&folded]);
    let taken: bool = c
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM tags WHERE id = ?1)")?
        .query_row([&by_name], |r| r.get(0))?;
    let id = if taken { ids::new_id() } else { by_name };
    c.prepare_cached(
        "INSERT INTO tags (id, name, color, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
    )?
    .execute(params![id, name.trim(), color, now])?;
    Ok(id)
}

/// The tags on a record, by id, in the order of their names (tags put on
/// in one save share their instant, so that is no order).
pub(crate) fn on(c: &Connection, entity_type: &str, entity_id: &str) -> Result<Vec<String>, Error> {
    Ok(c.prepare_cached(
        "SELECT e.tag_id FROM entity_tags e JOIN tags t ON t.id = e.tag_id
         WHERE e.entity_type = ?1 AND e.entity_id = ?2 AND e.deleted_at IS NULL
         ORDER BY t.name COLLATE NOCASE, t.id",
    )?
    .query_map([entity_type, entity_id], |r| r.get(0))?
    .collect::<rusqlite::Result<_>>()?)
}

/// Puts exactly `tag_ids` on a record (a tag named twice is put on once):
/// the others come off (links removed sync as removals, so a tag taken off
/// on one laptop and another put on elsewhere both hold). A tag the team no
/// longer has is refused, as a problem of the form's `field`.
pub(crate) fn set_on(
    c: &Connection,
    entity_type: &str,
    entity_id: &str,
    tag_ids: &[String],
    field: &str,
) -> Result<(), Error> {
    let mut wanted: Vec<&String> = Vec::with_capacity(tag_ids.len());
    for tag in tag_ids {
        if !wanted.contains(&tag) {
            wanted.push(tag);
        }
    }
    let mut errors = FieldErrors::default();
    if wanted.len() > PER_RECORD_MAX {
        errors.add(
            field,
            FieldProblem::TooLong {
                max: PER_RECORD_MAX as u32,
            },
        );
    }
    for tag in &wanted {
        let live = c
            .prepare_cached("SELECT 1 FROM tags WHERE id = ?1 AND deleted_at IS NULL")?
            .query_row([tag], |_| Ok(()))
            .optional()?;
        if live.is_none() {
            errors.add(field, FieldProblem::UnknownTag);
            break;
        }
    }
    errors.into_result(())?;
    for tag in on(c, entity_type, entity_id)?
        .iter()
        .filter(|tag| !wanted.contains(tag))
    {
        links::remove(
            c,
            Link::EntityTag {
                tag_id: tag,
                entity_type,
                entity_id,
            },
        )?;
    }
    for tag in wanted {
        links::add(
            c,
            Link::EntityTag {
                tag_id: tag,
                entity_type,
                entity_id,
            },
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database() -> (tempfile::TempDir, Database) {
        let folder = tempfile::tempdir().expect("tempdir");
        let db = Database::open(folder.path()).expect("open");
        (folder, db)
    }

    #[test]
    fn a_new_tag_has_the_same_key_on_every_laptop() {
        let (_a, here) = database();
        let (_b, there) = database();
        assert_eq!(
            create(&here, "Tournée 2027").expect("here").id,
            create(&there, "tournee 2027").expect("there").id
        );
    }

    #[test]
    fn a_tag_without_a_name_is_refused() {
        let (_folder, db) = database();
        assert!(matches!(create(&db, "  "), Err(Error::Invalid(_))));
    }
}
