//! Who is responsible for an artist, an event or a sponsor, who helps and
//! who is kept informed (a RACI without the jargon).
//!
//! Why it exists: "who follows Nadia?" has one answer, on her card. The
//! people named hear about it: being given a part is a notification, and
//! when an event they have a part in moves, each of them is told
//! ([`notify_event_moved`]). Parts are links keyed by the record and the
//! person ([`crate::links`]), so two managers naming the same person
//! offline make one row.

use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::links::{self, Link};
use crate::records::{self, RecordKind};
use crate::team::{self, Action};
use crate::{Database, Entity, Error, clock, ids};

/// What a responsibility is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Artist,
    Event,
    Sponsor,
}

impl Subject {
    fn as_str(self) -> &'static str {
        match self {
            Subject::Artist => "artist",
            Subject::Event => "event",
            Subject::Sponsor => "sponsor",
        }
    }

    fn kind(self) -> RecordKind {
        match self {
            Subject::Artist => RecordKind::Artist,
            Subject::Event => RecordKind::Event,
            Subject::Sponsor => RecordKind::Sponsor,
        }
    }
}

/// A person's part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Responsible,
    Helper,
    Informed,
}

impl Part {
    fn as_str(self) -> &'static str {
        match self {
            Part::Responsible => "responsible",
            Part::Helper => "helper",
            Part::Informed => "informed",
        }
    }

    fn parse(stored: &str) -> Part {
        match stored {
            "responsible" => Part::Responsible,
            "helper" => Part::Helper,
            _ => Part::Informed,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Responsibility {
    pub user_id: String,
    pub part: Part,
}

/// The parts people have in a record: the responsible first.
pub fn of(db: &Database, subject: Subject, id: &str) -> Result<Vec<Responsibility>, Error> {
    db.read(|c| list(c, subject, id))
}

fn list(c: &Connection, subject: Subject, id: &str) -> Result<Vec<Responsibility>, Error> {
    let mut statement = c.prepare_cached(
        "SELECT user_id, part FROM responsibilities
         WHERE entity_type = ?1 AND entity_id = ?2 AND deleted_at IS NULL
         ORDER BY CASE part WHEN 'responsible' THEN 0 WHEN 'helper' THEN 1 ELSE 2 END, created_at",
    )?;
    let parts = statement
        .query_map([subject.as_str(), id], |r| {
            Ok(Responsibility {
                user_id: r.get(0)?,
                part: Part::parse(&r.get::<_, String>(1)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(parts)
}

/// Gives `user_id` a part in the record (or takes theirs away with
/// `None`), and tells them unless they did it themselves.
pub fn set(
    db: &Database,
    subject: Subject,
    id: &str,
    user_id: &str,
    part: Option<Part>,
) -> Result<Vec<Responsibility>, Error> {
    db.write(|t| {
        team::require(t, Action::EditRecords)?;
        let name = records::require(t, subject.kind(), id)?.name;
        team::all(t)?
            .iter()
            .find(|m| m.id == user_id)
            .ok_or_else(|| Error::NotFound {
                entity: Entity::Member,
                id: user_id.to_owned(),
            })?;
        let link = |part: &'static str| Link::Responsibility {
            entity_type: subject.as_str(),
            entity_id: id,
            user_id,
            part,
        };
        match part {
            Some(part) => {
                if links::add(t, link(part.as_str()))?
                    && team::my_id(t)?.as_deref() != Some(user_id)
                {
                    notify(
                        t,
                        user_id,
                        "responsibility",
                        &name,
                        part.as_str(),
                        subject,
                        id,
                    )?;
                }
            }
            None => {
                links::remove(t, link(""))?;
            }
        }
        list(t, subject, id)
    })
}

/// Tells everyone with a part in event `id` (but the person who moved it)
/// that it now starts at `starts_at`.
pub(crate) fn notify_event_moved(
    t: &Transaction<'_>,
    id: &str,
    title: &str,
    starts_at: &str,
) -> Result<(), Error> {
    let me = team::my_id(t)?;
    for part in list(t, Subject::Event, id)? {
        if me.as_deref() == Some(part.user_id.as_str()) {
            continue;
        }
        t.execute(
            "INSERT INTO notifications
                 (id, user_id, kind, title, entity_type, entity_id, occurs_at, created_at, updated_at)
             VALUES (?1, ?2, 'event_moved', ?3, 'event', ?4, ?5, ?6, ?6)",
            params![ids::new_id(), part.user_id, title, id, starts_at, clock::now()],
        )?;
    }
    Ok(())
}

fn notify(
    t: &Transaction<'_>,
    user_id: &str,
    kind: &str,
    title: &str,
    body: &str,
    subject: Subject,
    id: &str,
) -> Result<(), Error> {
    t.execute(
        "INSERT INTO notifications (id, user_id, kind, title, body, entity_type, entity_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![ids::new_id(), user_id, kind, title, body, subject.as_str(), id, clock::now()],
    )?;
    Ok(())
}
