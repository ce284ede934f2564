//! Rows that join two records: a task's assignees and attachments, the tags
//! on a record, an event's attendees, who is responsible for a record.
//!
//! Why it exists: such a row is defined by what it joins, and the schema
//! says so with a UNIQUE constraint. If two laptops offline each made the
//! link with a fresh random id, the team sync would hold two rows for one
//! link, and the second to arrive would break the constraint on every other
//! device. So a link's id is made from what it joins ([`crate::ids::link_id`]):
//! the same link made twice is the same row, and the sync merges it like
//! any edit of one record. Removing a link soft-deletes it; making it again
//! brings the same row back.
//!
//! Every synced table with a UNIQUE constraint must be one of [`Link`]'s
//! tables (a test reads the schema), so a later table cannot forget it.

use rusqlite::{Connection, params_from_iter};

use crate::{Error, clock, ids};

/// A link between two records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link<'a> {
    /// A team member assigned to a task.
    TaskAssignee { task_id: &'a str, user_id: &'a str },
    /// A tag on a record; `entity_type` is one of the types the schema
    /// allows (artist, sponsor, event, content, asset, task, campaign).
    EntityTag {
        tag_id: &'a str,
        entity_type: &'a str,
        entity_id: &'a str,
    },
    /// A file of the asset library attached to a task.
    TaskAttachment { task_id: &'a str, asset_id: &'a str },
    /// A team member taking part in an event.
    EventAttendee { event_id: &'a str, user_id: &'a str },
    /// An artist's rating (`"0"` to `"5"` stars) on a manual score criterion.
    ArtistRating {
        artist_id: &'a str,
        criterion_id: &'a str,
        stars: &'a str,
    },
    /// A team member's part (`responsible`, `helper` or `informed`) for an
    /// artist, an event or a sponsor.
    Responsibility {
        entity_type: &'a str,
        entity_id: &'a str,
        user_id: &'a str,
        part: &'a str,
    },
}

/// Every link table and the columns its UNIQUE constraint names, in order.
pub const LINK_TABLES: &[(&str, &[&str])] = &[
    ("artist_ratings", &["artist_id", "criterion_id"]),
    ("entity_tags", &["tag_id", "entity_type", "entity_id"]),
    ("event_attendees", &["event_id", "user_id"]),
    ("responsibilities", &["entity_type", "entity_id", "user_id"]),
    ("task_assignees", &["task_id", "user_id"]),
    ("task_attachments", &["task_id", "asset_id"]),
];

impl Link<'_> {
    pub fn table(&self) -> &'static str {
        match self {
            Link::TaskAssignee { .. } => "task_assignees",
            Link::ArtistRating { .. } => "artist_ratings",
            Link::EntityTag { .. } => "entity_tags",
            Link::TaskAttachment { .. } => "task_attachments",
            Link::EventAttendee { .. } => "event_attendees",
            Link::Responsibility { .. } => "responsibilities",
        }
    }

    /// The values of the table's key columns ([`LINK_TABLES`]), in order.
    fn key(&self) -> Vec<&str> {
        match *self {
            Link::TaskAssignee { task_id, user_id } => vec![task_id, user_id],
            Link::EntityTag {
                tag_id,
                entity_type,
                entity_id,
            } => vec![tag_id, entity_type, entity_id],
            Link::TaskAttachment { task_id, asset_id } => vec![task_id, asset_id],
            Link::ArtistRating {
                artist_id,
                criterion_id,
                ..
            } => vec![artist_id, criterion_id],
            Link::EventAttendee { event_id, user_id } => vec![event_id, user_id],
            Link::Responsibility {
                entity_type,
                entity_id,
                user_id,
                ..
            } => vec![entity_type, entity_id, user_id],
        }
    }

    /// What the link says besides what it joins, as (column, value).
    fn attributes(&self) -> Vec<(&'static str, &str)> {
        match *self {
            Link::Responsibility { part, .. } => vec![("part", part)],
            Link::ArtistRating { stars, .. } => vec![("rating", stars)],
            _ => Vec::new(),
        }
    }

    fn columns(&self) -> &'static [&'static str] {
        let table = self.table();
        LINK_TABLES
            .iter()
            .find(|(name, _)| *name == table)
            .map_or(&[], |(_, columns)| columns)
    }

    /// The link's id: the same on every device for the same joined records.
    pub fn id(&self) -> String {
        ids::link_id(self.table(), &self.key())
    }
}

/// Makes the link, or brings it back if it was removed, or updates what it
/// says; does nothing when it exists as asked. Returns whether anything
/// changed.
pub fn add(t: &Connection, link: Link<'_>) -> Result<bool, Error> {
    let now = clock::now();
    let attributes = link.attributes();
    let columns: Vec<&str> = link
        .columns()
        .iter()
        .copied()
        .chain(attributes.iter().map(|(column, _)| *column))
        .collect();
    let names: String = columns.iter().map(|c| format!(", \"{c}\"")).collect();
    let marks: String = (0..columns.len())
        .map(|i| format!(", ?{}", i + 3))
        .collect();
    let set: String = attributes
        .iter()
        .map(|(c, _)| format!(", \"{c}\" = excluded.\"{c}\""))
        .collect();
    let changed: String = attributes
        .iter()
        .map(|(c, _)| format!(" OR \"{c}\" IS NOT excluded.\"{c}\""))
        .collect();
    let sql = format!(
        "INSERT INTO \"{table}\" (id, created_at, updated_at{names}) VALUES (?1, ?2, ?2{marks})
         ON CONFLICT (id) DO UPDATE SET deleted_at = NULL, updated_at = ?2{set}
         WHERE \"{table}\".deleted_at IS NOT NULL{changed}",
        table = link.table()
    );
    let id = link.id();
    let values = [id.as_str(), now.as_str()]
        .into_iter()
        .chain(link.key())
        .chain(attributes.iter().map(|(_, value)| *value));
    Ok(t.execute(&sql, params_from_iter(values))? > 0)
}

/// Removes the link (a soft delete, which syncs). Returns whether it existed.
pub fn remove(t: &Connection, link: Link<'_>) -> Result<bool, Error> {
    let sql = format!(
        "UPDATE \"{}\" SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        link.table()
    );
    Ok(t.execute(&sql, rusqlite::params![link.id(), clock::now()])? > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_link_has_the_same_id_everywhere_and_another_link_another() {
        let nadia_rap = Link::EntityTag {
            tag_id: "t1",
            entity_type: "artist",
            entity_id: "a1",
        };
        assert_eq!(nadia_rap.id(), nadia_rap.id());
        let other = Link::EntityTag {
            tag_id: "t1",
            entity_type: "artist",
            entity_id: "a2",
        };
        assert_ne!(nadia_rap.id(), other.id());
        // Parts are separated, not glued: ("ab", "c") is not ("a", "bc").
        let glued = Link::TaskAssignee {
            task_id: "ab",
            user_id: "c",
        };
        let split = Link::TaskAssignee {
            task_id: "a",
            user_id: "bc",
        };
        assert_ne!(glued.id(), split.id());
    }

    #[test]
    fn every_link_kind_names_a_listed_table() {
        for link in [
            Link::TaskAssignee {
                task_id: "t",
                user_id: "u",
            },
            Link::EntityTag {
                tag_id: "t",
                entity_type: "artist",
                entity_id: "a",
            },
            Link::TaskAttachment {
                task_id: "t",
                asset_id: "a",
            },
            Link::EventAttendee {
                event_id: "e",
                user_id: "u",
            },
            Link::ArtistRating {
                artist_id: "a",
                criterion_id: "c",
                stars: "4",
            },
            Link::Responsibility {
                entity_type: "artist",
                entity_id: "a",
                user_id: "u",
                part: "helper",
            },
        ] {
            assert_eq!(link.columns().len(), link.key().len(), "{link:?}");
        }
    }
}
