//! Rows that join two records: a task's assignees, the tags on a record.
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

use rusqlite::{Transaction, params_from_iter};

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
}

/// Every link table and the columns its UNIQUE constraint names, in order.
pub const LINK_TABLES: &[(&str, &[&str])] = &[
    ("entity_tags", &["tag_id", "entity_type", "entity_id"]),
    ("task_assignees", &["task_id", "user_id"]),
];

impl Link<'_> {
    pub fn table(&self) -> &'static str {
        match self {
            Link::TaskAssignee { .. } => "task_assignees",
            Link::EntityTag { .. } => "entity_tags",
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

/// Makes the link, or brings it back if it was removed; does nothing when
/// it exists. Returns whether anything changed.
pub fn add(t: &Transaction<'_>, link: Link<'_>) -> Result<bool, Error> {
    let now = clock::now();
    let columns = link.columns();
    let names: String = columns.iter().map(|c| format!(", \"{c}\"")).collect();
    let marks: String = (0..columns.len())
        .map(|i| format!(", ?{}", i + 3))
        .collect();
    let sql = format!(
        "INSERT INTO \"{table}\" (id, created_at, updated_at{names}) VALUES (?1, ?2, ?2{marks})
         ON CONFLICT (id) DO UPDATE SET deleted_at = NULL, updated_at = ?2
         WHERE \"{table}\".deleted_at IS NOT NULL",
        table = link.table()
    );
    let id = link.id();
    let values = [id.as_str(), now.as_str()].into_iter().chain(link.key());
    Ok(t.execute(&sql, params_from_iter(values))? > 0)
}

/// Removes the link (a soft delete, which syncs). Returns whether it existed.
pub fn remove(t: &Transaction<'_>, link: Link<'_>) -> Result<bool, Error> {
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
        ] {
            assert_eq!(link.columns().len(), link.key().len(), "{link:?}");
        }
    }
}
