//! The team: its members, the role each one has, what each role may do, and
//! who uses this computer.
//!
//! Why it exists: every service that changes shared data asks [`require`]
//! first, inside its write transaction, so a guest changes nothing and a
//! streamer cannot delete a colleague's task whatever the screen shows.
//!
//! Who uses this computer is a device setting, chosen at first run
//! ([`choose_me`], [`join`]). Until somebody is chosen (one person alone,
//! before any team exists) the device acts with every right. Roles are
//! enforced by the core of every copy of the app; they are not a defence
//! against a modified app, which the team server's own rights are
//! (docs/TEAM-SERVER.md).

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use crate::validation::{
    FieldErrors, FieldProblem, check_length, is_plausible_email, optional_text,
};
use crate::{Database, Entity, Error, clock, ids, settings, text};

/// A member's role in the team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Manager,
    Streamer,
    Guest,
}

/// Something a role may or may not do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Add, edit and remove team members and give them roles.
    ManageTeam,
    /// Create and edit records: artists, sponsors, events, content.
    EditRecords,
    /// Delete records (and bring them back).
    DeleteRecords,
    /// Create, rename, reorder and delete boards and their columns.
    ManageBoards,
    /// Create and edit tasks, move cards, tick checklists, comment.
    EditTasks,
    /// Delete a task one created.
    DeleteOwnTasks,
    /// Delete a task somebody else created.
    DeleteOthersTasks,
    /// Import calendars and boards from files.
    Import,
    /// Choose what the artist score counts and how much.
    ConfigureScore,
    /// Choose the stages of the prospecting pipeline.
    ConfigurePipeline,
    /// Change MONA's catalogue of offers and their templates.
    ConfigureOffers,
}

impl Action {
    pub const ALL: [Action; 11] = [
        Action::ManageTeam,
        Action::EditRecords,
        Action::DeleteRecords,
        Action::ManageBoards,
        Action::EditTasks,
        Action::DeleteOwnTasks,
        Action::DeleteOthersTasks,
        Action::Import,
        Action::ConfigureScore,
        Action::ConfigurePipeline,
        Action::ConfigureOffers,
    ];
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Manager, Role::Streamer, Role::Guest];

    /// Whether this role may do `action`: the one table of rights.
    pub fn may(self, action: Action) -> bool {
        match self {
            Role::Admin => true,
            Role::Manager => action != Action::ManageTeam,
            Role::Streamer => matches!(
                action,
                Action::EditRecords | Action::EditTasks | Action::DeleteOwnTasks
            ),
            Role::Guest => false,
        }
    }

    /// Everything this role may do, as the team settings list it.
    pub fn rights(self) -> Vec<Action> {
        Action::ALL.into_iter().filter(|a| self.may(*a)).collect()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Streamer => "streamer",
            Role::Guest => "guest",
        }
    }

    fn parse(stored: &str) -> Role {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == stored)
            .unwrap_or(Role::Guest)
    }
}

/// A role and everything it may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RoleRights {
    pub role: Role,
    pub rights: Vec<Action>,
}

/// Every role with its rights, from the most to the least.
pub fn rights_table() -> Vec<RoleRights> {
    Role::ALL
        .into_iter()
        .map(|role| RoleRights {
            role,
            rights: role.rights(),
        })
        .collect()
}

/// A member of the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub role: Role,
    /// `#rrggbb`: their avatar and their events on the calendar.
    pub color: Option<String>,
    /// IANA time zone ("Europe/Paris") where they work, if set.
    pub time_zone: Option<String>,
}

/// What a person types for a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MemberFields {
    pub name: String,
    pub email: Option<String>,
    pub role: Role,
    pub color: Option<String>,
    pub time_zone: Option<String>,
}

const NAME_MAX: u32 = 100;
const ME: &str = "me";

/// The member using this computer, if one was chosen (and still exists).
pub fn me(db: &Database) -> Result<Option<Member>, Error> {
    db.read(current)
}

/// Every member of the team, by name.
pub fn members(db: &Database) -> Result<Vec<Member>, Error> {
    db.read(all)
}

/// Every member of the team, by name, on an open connection.
pub(crate) fn all(c: &Connection) -> Result<Vec<Member>, Error> {
    let mut statement = c.prepare_cached(&format!("{MEMBER} WHERE deleted_at IS NULL"))?;
    let mut members = statement
        .query_map([], member)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    members.sort_by_cached_key(|m| text::fold(&m.name));
    Ok(members)
}

/// Fails with [`Error::NotAllowed`] unless the person using this computer
/// may do `action`. Called by every service that changes shared data,
/// inside its transaction.
pub fn require(c: &Connection, action: Action) -> Result<(), Error> {
    match current(c)? {
        Some(me) if !me.role.may(action) => Err(Error::NotAllowed {
            action,
            role: me.role,
        }),
        _ => Ok(()),
    }
}

/// The id of the member using this computer, if one was chosen.
pub fn my_id(c: &Connection) -> Result<Option<String>, Error> {
    Ok(current(c)?.map(|m| m.id))
}

/// Adds a member (an admin's action).
pub fn add_member(db: &Database, fields: MemberFields) -> Result<Member, Error> {
    let fields = validate(fields)?;
    db.write(|t| {
        require(t, Action::ManageTeam)?;
        insert(t, &fields)
    })
}

/// Changes a member; the team always keeps an admin.
pub fn update_member(db: &Database, id: &str, fields: MemberFields) -> Result<Member, Error> {
    let fields = validate(fields)?;
    db.write(|t| {
        require(t, Action::ManageTeam)?;
        let before = load(t, id)?;
        if before.role == Role::Admin && fields.role != Role::Admin {
            keep_an_admin(t, id)?;
        }
        t.execute(
            "UPDATE users SET display_name = ?2, email = ?3, role = ?4, color = ?5,
                 time_zone = ?6, updated_at = ?7
             WHERE id = ?1 AND deleted_at IS NULL",
            params![
                id,
                fields.name,
                fields.email,
                fields.role.as_str(),
                fields.color,
                fields.time_zone,
                clock::now()
            ],
        )?;
        load(t, id)
    })
}

/// Removes a member from the team; the team always keeps an admin.
pub fn remove_member(db: &Database, id: &str) -> Result<(), Error> {
    db.write(|t| {
        require(t, Action::ManageTeam)?;
        if load(t, id)?.role == Role::Admin {
            keep_an_admin(t, id)?;
        }
        let now = clock::now();
        t.execute(
            "UPDATE users SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        Ok(())
    })
}

/// "That's me": the person using this computer is this member.
pub fn choose_me(db: &Database, id: &str) -> Result<Member, Error> {
    db.write(|t| {
        let member = load(t, id)?;
        settings::store(t, ME, id)?;
        Ok(member)
    })
}

/// A person new to the team introduces themself on this computer. The
/// first member of a team is its admin; later newcomers start as guests
/// until an admin gives them a role.
pub fn join(db: &Database, fields: MemberFields) -> Result<Member, Error> {
    let mut fields = validate(fields)?;
    db.write(|t| {
        let team_size: i64 = t.query_row(
            "SELECT count(*) FROM users WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        fields.role = if team_size == 0 {
            Role::Admin
        } else {
            Role::Guest
        };
        let member = insert(t, &fields)?;
        settings::store(t, ME, &member.id)?;
        Ok(member)
    })
}

fn current(c: &Connection) -> Result<Option<Member>, Error> {
    let Some(id) = settings::stored(c, ME)? else {
        return Ok(None);
    };
    Ok(c.query_row(
        &format!("{MEMBER} WHERE id = ?1 AND deleted_at IS NULL"),
        [id],
        member,
    )
    .optional()?)
}

fn keep_an_admin(c: &Connection, leaving: &str) -> Result<(), Error> {
    let others: i64 = c.query_row(
        "SELECT count(*) FROM users WHERE role = 'admin' AND deleted_at IS NULL AND id <> ?1",
        [leaving],
        |r| r.get(0),
    )?;
    if others == 0 {
        Err(Error::LastAdmin)
    } else {
        Ok(())
    }
}

fn insert(c: &Connection, fields: &MemberFields) -> Result<Member, Error> {
    let id = ids::new_id();
    let now = clock::now();
    c.execute(
        "INSERT INTO users (id, display_name, email, role, color, time_zone, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            id,
            fields.name,
            fields.email,
            fields.role.as_str(),
            fields.color,
            fields.time_zone,
            now
        ],
    )?;
    load(c, &id)
}

fn load(c: &Connection, id: &str) -> Result<Member, Error> {
    c.query_row(
        &format!("{MEMBER} WHERE id = ?1 AND deleted_at IS NULL"),
        [id],
        member,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        entity: Entity::Member,
        id: id.to_owned(),
    })
}

/// The SELECT of a member's columns, as [`member`] reads them.
const MEMBER: &str = "SELECT id, display_name, email, role, color, time_zone FROM users";

fn member(r: &Row<'_>) -> rusqlite::Result<Member> {
    Ok(Member {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        role: Role::parse(&r.get::<_, String>(3)?),
        color: r.get(4)?,
        time_zone: r.get(5)?,
    })
}

/// Checks every field and returns them tidied (trimmed, colour in lower
/// case), or every problem found.
pub fn validate(fields: MemberFields) -> Result<MemberFields, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = fields.name.trim().to_owned();
    if name.is_empty() {
        errors.add("name", FieldProblem::Required);
    }
    check_length(&mut errors, "name", &name, NAME_MAX);
    let email = optional_text(fields.email.as_deref());
    if email.as_deref().is_some_and(|e| !is_plausible_email(e)) {
        errors.add("email", FieldProblem::InvalidEmail);
    }
    let color = optional_text(fields.color.as_deref()).map(|c| c.to_ascii_lowercase());
    if color.as_deref().is_some_and(|c| {
        c.len() != 7 || !c.starts_with('#') || !c[1..].chars().all(|ch| ch.is_ascii_hexdigit())
    }) {
        errors.add("color", FieldProblem::InvalidColor);
    }
    let time_zone = optional_text(fields.time_zone.as_deref());
    if time_zone
        .as_deref()
        .is_some_and(|tz| jiff::tz::TimeZone::get(tz).is_err())
    {
        errors.add("timeZone", FieldProblem::UnknownTimeZone);
    }
    errors.into_result(MemberFields {
        name,
        email,
        role: fields.role,
        color,
        time_zone,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_may_do_what_its_list_says() {
        assert_eq!(Role::Admin.rights(), Action::ALL.to_vec());
        assert!(!Role::Manager.may(Action::ManageTeam));
        assert!(Role::Manager.may(Action::DeleteOthersTasks));
        assert_eq!(
            Role::Streamer.rights(),
            vec![
                Action::EditRecords,
                Action::EditTasks,
                Action::DeleteOwnTasks
            ]
        );
        assert!(Role::Guest.rights().is_empty(), "a guest only reads");
    }

    #[test]
    fn a_member_needs_a_name_a_real_colour_and_a_known_time_zone() {
        let problems = validate(MemberFields {
            name: "  ".into(),
            email: Some("camille@".into()),
            role: Role::Manager,
            color: Some("rouge".into()),
            time_zone: Some("Europe/Lyon".into()),
        })
        .expect_err("refused");
        let fields: Vec<&str> = problems.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["name", "email", "color", "timeZone"]);
        let tidy = validate(MemberFields {
            name: " Camille ".into(),
            email: None,
            role: Role::Manager,
            color: Some("#E11D48".into()),
            time_zone: Some("America/Montreal".into()),
        })
        .expect("valid");
        assert_eq!(
            (tidy.name.as_str(), tidy.color.as_deref()),
            ("Camille", Some("#e11d48"))
        );
    }
}
