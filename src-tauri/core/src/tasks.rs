//! Tasks: what the team has to do, who does it, by when, and where it sits
//! on a board.
//!
//! Why it exists: a task is shared by the calendar (its time block or due
//! time), the boards (its column and position) and the people assigned to
//! it. This module validates it, stores it with its assignees and labels
//! in one transaction, and checks the rights of the person at the computer:
//! anyone who may edit tasks edits any task, but deleting a colleague's
//! task needs the right to (`team::Action::DeleteOthersTasks`).

use rusqlite::types::ToSql;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use crate::links::{self, Link};
use crate::records::{self, RecordKind, RecordRef};
use crate::recurrence::{Recurrence, RecurrenceProblem};
use crate::series::{self, Scope, Table};
use crate::stored_enum::stored_enum;
use crate::team::{self, Action};
use crate::validation::{FieldErrors, FieldProblem, check_length};
use crate::{Database, Entity, Error, clock, ids, positions};

/// Where a task stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    #[default]
    Todo,
    InProgress,
    Done,
    Cancelled,
}

stored_enum!(TaskStatus {
    Todo => "todo",
    InProgress => "in_progress",
    Done => "done",
    Cancelled => "cancelled",
});

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    #[default]
    None,
    Low,
    Medium,
    High,
    Urgent,
}

stored_enum!(Priority {
    None => "none",
    Low => "low",
    Medium => "medium",
    High => "high",
    Urgent => "urgent",
});

/// What a person sets on a task.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct TaskFields {
    pub title: String,
    /// Markdown.
    pub description: String,
    pub status: TaskStatus,
    pub priority: Priority,
    /// Instants in storage format (UTC, `2026-11-24T09:30:00.000Z`).
    pub due_at: Option<String>,
    /// A time block on the calendar: both or neither.
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    /// The IANA zone the times were picked in ("Europe/Paris").
    pub time_zone: Option<String>,
    pub all_day: bool,
    /// Minutes before the start (or the due time) to remind the assignees.
    pub remind_minutes: Option<u32>,
    /// Repeats: an RFC 5545 rule ("FREQ=WEEKLY;BYDAY=TU"), from the start
    /// (or the due time), in `time_zone` ([`crate::recurrence`]).
    pub recurrence: Option<String>,
    /// Team members (ids), in the order they were added.
    pub assignees: Vec<String>,
    /// Tags (ids).
    pub labels: Vec<String>,
    pub column_id: Option<String>,
    pub artist_id: Option<String>,
    pub sponsor_id: Option<String>,
    pub event_id: Option<String>,
    pub content_id: Option<String>,
}

impl TaskFields {
    /// The records the task is linked to, one of each kind at most.
    pub fn linked_records(&self) -> impl Iterator<Item = (RecordKind, &str)> {
        [
            (RecordKind::Artist, &self.artist_id),
            (RecordKind::Sponsor, &self.sponsor_id),
            (RecordKind::Event, &self.event_id),
            (RecordKind::Content, &self.content_id),
        ]
        .into_iter()
        .filter_map(|(kind, id)| Some((kind, id.as_deref()?)))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    pub id: String,
    pub fields: TaskFields,
    /// Its place in its column (a fractional index: compare as text).
    pub position: String,
    pub created_by: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Its due time has passed and it is neither done nor cancelled (when
    /// it was read).
    pub overdue: bool,
}

const TITLE_MAX: u32 = 200;
const DESCRIPTION_MAX: u32 = 20_000;
/// Four weeks: a reminder further ahead is a typing mistake.
const REMIND_MAX: u32 = 4 * 7 * 24 * 60;

/// Checks every field; returns them tidied or every problem found.
pub fn validate(fields: TaskFields) -> Result<TaskFields, FieldErrors> {
    let mut errors = FieldErrors::default();
    let title = fields.title.trim().to_owned();
    if title.is_empty() {
        errors.add("title", FieldProblem::Required);
    }
    check_length(&mut errors, "title", &title, TITLE_MAX);
    check_length(
        &mut errors,
        "description",
        &fields.description,
        DESCRIPTION_MAX,
    );
    let mut instant = |field: &str, value: &Option<String>| -> Option<jiff::Timestamp> {
        let value = value.as_deref()?;
        match value.parse::<jiff::Timestamp>() {
            Ok(t) => Some(t),
            Err(_) => {
                errors.add(field, FieldProblem::InvalidInstant);
                None
            }
        }
    };
    let due = instant("dueAt", &fields.due_at);
    let start = instant("startsAt", &fields.starts_at);
    let end = instant("endsAt", &fields.ends_at);
    match (start, end) {
        (Some(start), Some(end)) if end < start => {
            errors.add("endsAt", FieldProblem::EndsBeforeStart)
        }
        (Some(_), None) if fields.ends_at.is_none() => errors.add("endsAt", FieldProblem::Required),
        (None, Some(_)) if fields.starts_at.is_none() => {
            errors.add("startsAt", FieldProblem::Required)
        }
        _ => {}
    }
    if fields
        .time_zone
        .as_deref()
        .is_some_and(|tz| jiff::tz::TimeZone::get(tz).is_err())
    {
        errors.add("timeZone", FieldProblem::UnknownTimeZone);
    }
    if let Some(rule) = fields
        .recurrence
        .as_deref()
        .filter(|r| !r.trim().is_empty())
    {
        match (start.or(due), fields.time_zone.as_deref()) {
            (None, _) if fields.starts_at.is_none() && fields.due_at.is_none() => {
                errors.add("dueAt", FieldProblem::Required)
            }
            (_, None) => errors.add("timeZone", FieldProblem::Required),
            (Some(first), Some(zone)) => {
                if let Err(RecurrenceProblem::Unreadable { .. }) =
                    Recurrence::new(rule, first, zone)
                {
                    errors.add("recurrence", FieldProblem::InvalidRecurrence);
                }
            }
            _ => {}
        }
    }
    if fields.remind_minutes.is_some_and(|m| m > REMIND_MAX) {
        errors.add("remindMinutes", FieldProblem::TooLarge { max: REMIND_MAX });
    }
    let mut assignees = Vec::new();
    for id in fields.assignees {
        if !assignees.contains(&id) {
            assignees.push(id);
        }
    }
    let mut labels = Vec::new();
    for id in fields.labels {
        if !labels.contains(&id) {
            labels.push(id);
        }
    }
    let stored = |t: Option<jiff::Timestamp>| t.map(clock::format_instant);
    let recurrence = fields
        .recurrence
        .map(|r| r.trim().trim_start_matches("RRULE:").to_owned())
        .filter(|r| !r.is_empty());
    errors.into_result(TaskFields {
        title,
        recurrence,
        due_at: stored(due),
        starts_at: stored(start),
        ends_at: stored(end),
        assignees,
        labels,
        ..fields
    })
}

/// Creates a task, at the end of its column.
pub fn create(db: &Database, fields: TaskFields) -> Result<Task, Error> {
    let fields = validate(fields)?;
    db.write(|t| {
        team::require(t, Action::EditTasks)?;
        let last = last_position(t, fields.column_id.as_deref())?;
        let position = positions::between(last.as_deref(), None);
        let id = insert(t, &fields, &position)?;
        load(t, &id)
    })
}

/// Stores a validated task at `position` in its column, made by the person
/// here, with its links; returns its id.
pub(crate) fn insert(
    t: &rusqlite::Transaction<'_>,
    fields: &TaskFields,
    position: &str,
) -> Result<String, Error> {
    let id = ids::new_id();
    let now = clock::now();
    let me = team::my_id(t)?;
    let names: String = EDITABLE.iter().map(|c| format!(", {c}")).collect();
    let values: String = EDITABLE.iter().map(|c| format!(", :{c}")).collect();
    let mut bound = editable_values(fields, &now);
    bound.extend([
        (":id", &id as &dyn ToSql),
        (":column_id", &fields.column_id),
        (":position", &position),
        (":created_by", &me),
        (":created_at", &now),
    ]);
    t.execute(
        &format!(
            "INSERT INTO tasks (id, column_id, position, created_by, created_at{names})
             VALUES (:id, :column_id, :position, :created_by, :created_at{values})"
        ),
        bound.as_slice(),
    )?;
    set_links(t, &id, fields)?;
    Ok(id)
}

/// Changes a task's fields (its place on a board moves with `boards::move_card`).
pub fn update(db: &Database, id: &str, fields: TaskFields) -> Result<Task, Error> {
    let fields = validate(fields)?;
    db.write(|t| {
        team::require(t, Action::EditTasks)?;
        overwrite(t, id, &fields)?;
        load(t, id)
    })
}

/// Writes validated fields over a live task, with its links.
fn overwrite(t: &rusqlite::Transaction<'_>, id: &str, fields: &TaskFields) -> Result<(), Error> {
    let now = clock::now();
    let set: Vec<String> = EDITABLE.iter().map(|c| format!("{c} = :{c}")).collect();
    let mut bound = editable_values(fields, &now);
    bound.push((":id", &id as &dyn ToSql));
    let changed = t.execute(
        &format!(
            "UPDATE tasks SET {} WHERE id = :id AND deleted_at IS NULL",
            set.join(", ")
        ),
        bound.as_slice(),
    )?;
    if changed == 0 {
        return Err(not_found(id));
    }
    set_links(t, id, fields)
}

/// Moves one occurrence of a repeating task to `[starts_at, ends_at)` (its
/// due time to `starts_at` when it has no time block): that occurrence
/// alone, or it and the following ones ([`crate::series`]).
pub fn reschedule_occurrence(
    db: &Database,
    id: &str,
    occurrence_at: &str,
    starts_at: &str,
    ends_at: &str,
    scope: Scope,
) -> Result<Task, Error> {
    db.write(|t| {
        team::require(t, Action::EditTasks)?;
        let task = load(t, id)?;
        let (series, occurrence) = series::occurrence_of(t, Table::Tasks, id, occurrence_at)?;
        let mut fields = task.fields.clone();
        if fields.starts_at.is_some() {
            fields.starts_at = Some(starts_at.to_owned());
            fields.ends_at = Some(ends_at.to_owned());
        } else {
            fields.due_at = Some(starts_at.to_owned());
        }
        let occurrence_text = clock::format_instant(occurrence);
        match scope {
            Scope::ThisOne => {
                fields.recurrence = None;
                let fields = validate(fields)?;
                let row = match series::occurrence_row(t, Table::Tasks, id, &occurrence_text)? {
                    Some(row) => {
                        t.execute("UPDATE tasks SET deleted_at = NULL WHERE id = ?1", [&row])?;
                        overwrite(t, &row, &fields)?;
                        row
                    }
                    None => insert(t, &fields, &task.position)?,
                };
                series::attach(t, Table::Tasks, &row, id, &occurrence_text, false)?;
                load(t, &row)
            }
            Scope::ThisAndFollowing => {
                let moved_from = starts_at.parse::<jiff::Timestamp>().ok();
                fields.recurrence = Some(series::continued_from(
                    &series,
                    occurrence,
                    &series::retargeted(&series, occurrence, moved_from),
                ));
                let fields = validate(fields)?;
                if occurrence == series.first {
                    overwrite(t, id, &fields)?;
                    return load(t, id);
                }
                series::end_before(t, Table::Tasks, id, &series, occurrence)?;
                let new = insert(t, &fields, &task.position)?;
                load(t, &new)
            }
        }
    })
}

/// Deletes one occurrence of a repeating task, or it and the following
/// ones (all of them from the first).
pub fn delete_occurrence(
    db: &Database,
    id: &str,
    occurrence_at: &str,
    scope: Scope,
) -> Result<(), Error> {
    db.write(|t| {
        let task = load(t, id)?;
        require_deletion(t, &task)?;
        let (series, occurrence) = series::occurrence_of(t, Table::Tasks, id, occurrence_at)?;
        let occurrence_text = clock::format_instant(occurrence);
        match scope {
            Scope::ThisOne => {
                let row = match series::occurrence_row(t, Table::Tasks, id, &occurrence_text)? {
                    Some(row) => row,
                    None => {
                        let mut fields = task.fields.clone();
                        fields.recurrence = None;
                        insert(t, &fields, &task.position)?
                    }
                };
                series::attach(t, Table::Tasks, &row, id, &occurrence_text, true)
            }
            Scope::ThisAndFollowing if occurrence == series.first => {
                let now = clock::now();
                t.execute(
                    "UPDATE tasks SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
                    params![id, now],
                )?;
                Ok(())
            }
            Scope::ThisAndFollowing => series::end_before(t, Table::Tasks, id, &series, occurrence),
        }
    })
}

/// The columns a person edits on a task (its column and position move on
/// the board), written the same way on creation and on every change.
const EDITABLE: [&str; 16] = [
    "title",
    "description",
    "status",
    "priority",
    "due_at",
    "starts_at",
    "ends_at",
    "time_zone",
    "all_day",
    "remind_minutes",
    "recurrence",
    "artist_id",
    "sponsor_id",
    "event_id",
    "content_id",
    "updated_at",
];

/// The values of [`EDITABLE`], as named parameters.
fn editable_values<'a>(
    fields: &'a TaskFields,
    now: &'a dyn ToSql,
) -> Vec<(&'static str, &'a dyn ToSql)> {
    vec![
        (":title", &fields.title),
        (":description", &fields.description),
        (":status", &fields.status),
        (":priority", &fields.priority),
        (":due_at", &fields.due_at),
        (":starts_at", &fields.starts_at),
        (":ends_at", &fields.ends_at),
        (":time_zone", &fields.time_zone),
        (":all_day", &fields.all_day),
        (":remind_minutes", &fields.remind_minutes),
        (":recurrence", &fields.recurrence),
        (":artist_id", &fields.artist_id),
        (":sponsor_id", &fields.sponsor_id),
        (":event_id", &fields.event_id),
        (":content_id", &fields.content_id),
        (":updated_at", now),
    ]
}

/// Moves a task on the calendar: its time block to `[starts_at, ends_at)`,
/// or, for a task with only a due time, its due time to `starts_at`.
pub fn reschedule(db: &Database, id: &str, starts_at: &str, ends_at: &str) -> Result<Task, Error> {
    db.write(|t| {
        team::require(t, Action::EditTasks)?;
        let mut fields = load(t, id)?.fields;
        if fields.recurrence.is_some() {
            // The series moves as a whole from its form; one occurrence
            // does not drag the others along.
            return Err(Error::Invalid(FieldErrors(vec![crate::validation::FieldError {
                field: "startsAt".into(),
                problem: FieldProblem::RepeatingMovedAlone,
            }])));
        }
        if fields.starts_at.is_some() {
            fields.starts_at = Some(starts_at.to_owned());
            fields.ends_at = Some(ends_at.to_owned());
        } else {
            fields.due_at = Some(starts_at.to_owned());
        }
        let fields = validate(fields)?;
        t.execute(
            "UPDATE tasks SET starts_at = ?2, ends_at = ?3, due_at = ?4, updated_at = ?5 WHERE id = ?1",
            params![id, fields.starts_at, fields.ends_at, fields.due_at, clock::now()],
        )?;
        load(t, id)
    })
}

pub fn get(db: &Database, id: &str) -> Result<Task, Error> {
    db.read(|c| load(c, id))
}

/// A task with its checklist and its comments, as its panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TaskDetail {
    pub task: Task,
    pub checklist: Vec<crate::checklists::ChecklistItem>,
    pub comments: Vec<crate::comments::Comment>,
    /// The artist, sponsor, event and content item it is linked to, named
    /// (a link to a deleted record is left out).
    pub links: Vec<RecordRef>,
}

pub fn detail(db: &Database, id: &str) -> Result<TaskDetail, Error> {
    db.read(|c| {
        let task = load(c, id)?;
        let mut links = Vec::new();
        for (kind, linked) in task.fields.linked_records() {
            links.extend(records::named(c, kind, linked)?);
        }
        Ok(TaskDetail {
            checklist: crate::checklists::of_task(c, id)?,
            comments: crate::comments::of_task(c, id)?,
            links,
            task,
        })
    })
}

/// Moves a task to the bin: one's own with `DeleteOwnTasks`, a colleague's
/// with `DeleteOthersTasks`. [`restore`] brings it back.
pub fn delete(db: &Database, id: &str) -> Result<(), Error> {
    db.write(|t| {
        let task = load(t, id)?;
        require_deletion(t, &task)?;
        let now = clock::now();
        t.execute(
            "UPDATE tasks SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        Ok(())
    })
}

/// Deleting one's own task needs `DeleteOwnTasks`; a colleague's,
/// `DeleteOthersTasks`.
fn require_deletion(t: &rusqlite::Transaction<'_>, task: &Task) -> Result<(), Error> {
    let mine = task.created_by.is_some() && task.created_by == team::my_id(t)?;
    team::require(
        t,
        if mine {
            Action::DeleteOwnTasks
        } else {
            Action::DeleteOthersTasks
        },
    )
}

/// Brings a deleted task back as it was.
pub fn restore(db: &Database, id: &str) -> Result<Task, Error> {
    db.write(|t| {
        team::require(t, Action::EditTasks)?;
        let changed = t.execute(
            "UPDATE tasks SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NOT NULL",
            params![id, clock::now()],
        )?;
        if changed == 0 {
            return Err(not_found(id));
        }
        load(t, id)
    })
}

/// Makes the task's assignee and label links match `fields`.
fn set_links(t: &rusqlite::Transaction<'_>, id: &str, fields: &TaskFields) -> Result<(), Error> {
    let held: Vec<String> = ids_of(
        t,
        "SELECT user_id FROM task_assignees WHERE task_id = ?1 AND deleted_at IS NULL",
        id,
    )?;
    for user in held.iter().filter(|u| !fields.assignees.contains(u)) {
        links::remove(
            t,
            Link::TaskAssignee {
                task_id: id,
                user_id: user,
            },
        )?;
    }
    for user in &fields.assignees {
        links::add(
            t,
            Link::TaskAssignee {
                task_id: id,
                user_id: user,
            },
        )?;
    }
    crate::tags::set_on(t, "task", id, &fields.labels, "labels")?;
    Ok(())
}

fn ids_of(c: &Connection, sql: &str, id: &str) -> Result<Vec<String>, Error> {
    Ok(c.prepare_cached(sql)?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The highest position in a column (or among tasks in no column).
pub(crate) fn last_position(c: &Connection, column: Option<&str>) -> Result<Option<String>, Error> {
    Ok(c.query_row(
        "SELECT max(position) FROM tasks WHERE column_id IS ?1 AND deleted_at IS NULL",
        [column],
        |r| r.get(0),
    )?)
}

pub(crate) const COLUMNS: &str = "id, title, description, status, priority, due_at, starts_at,
    ends_at, time_zone, all_day, remind_minutes, column_id, artist_id, sponsor_id, event_id,
    content_id, position, created_by, created_at, updated_at, recurrence,
    coalesce(status NOT IN ('done', 'cancelled')
             AND due_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 0)";

/// A task row read with [`COLUMNS`], without its links.
pub(crate) fn task_row(r: &Row<'_>) -> rusqlite::Result<Task> {
    Ok(Task {
        id: r.get(0)?,
        fields: TaskFields {
            title: r.get(1)?,
            description: r.get(2)?,
            status: TaskStatus::parse(&r.get::<_, String>(3)?),
            priority: Priority::parse(&r.get::<_, String>(4)?),
            due_at: r.get(5)?,
            starts_at: r.get(6)?,
            ends_at: r.get(7)?,
            time_zone: r.get(8)?,
            all_day: r.get(9)?,
            remind_minutes: r.get(10)?,
            recurrence: r.get(20)?,
            assignees: Vec::new(),
            labels: Vec::new(),
            column_id: r.get(11)?,
            artist_id: r.get(12)?,
            sponsor_id: r.get(13)?,
            event_id: r.get(14)?,
            content_id: r.get(15)?,
        },
        position: r.get(16)?,
        created_by: r.get(17)?,
        created_at: r.get(18)?,
        updated_at: r.get(19)?,
        overdue: r.get(21)?,
    })
}

pub(crate) fn load(c: &Connection, id: &str) -> Result<Task, Error> {
    let mut task = c
        .query_row(
            &format!("SELECT {COLUMNS} FROM tasks WHERE id = ?1 AND deleted_at IS NULL"),
            [id],
            task_row,
        )
        .optional()?
        .ok_or_else(|| not_found(id))?;
    task.fields.assignees = ids_of(
        c,
        "SELECT user_id FROM task_assignees WHERE task_id = ?1 AND deleted_at IS NULL
         ORDER BY created_at, user_id",
        id,
    )?;
    task.fields.labels = crate::tags::on(c, "task", id)?;
    Ok(task)
}

pub(crate) fn not_found(id: &str) -> Error {
    Error::NotFound {
        entity: Entity::Task,
        id: id.to_owned(),
    }
}

/// Which tasks a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct TaskFilter {
    /// Only the tasks of this member.
    pub assignee: Option<String>,
    /// Only the tasks with this label (a tag id).
    pub label: Option<String>,
    /// Only the tasks past their due time and still open.
    pub overdue_only: bool,
    /// Done and cancelled tasks too.
    pub include_closed: bool,
    /// Only the tasks about this artist (their card lists them).
    pub artist: Option<String>,
}

/// The most tasks one list returns.
pub const LIST_MAX: u32 = 2_000;

/// Tasks matching `filter`, soonest due first (those without a due time
/// last), each with its assignees and labels. A repeating task is listed
/// once, as its series.
pub fn list(db: &Database, filter: &TaskFilter) -> Result<Vec<Task>, Error> {
    db.read(|c| {
        let mut statement = c.prepare_cached(&format!(
            "SELECT {COLUMNS},
                    (SELECT group_concat(user_id) FROM (SELECT user_id FROM task_assignees a
                      WHERE a.task_id = tasks.id AND a.deleted_at IS NULL ORDER BY created_at, user_id)),
                    (SELECT group_concat(tag_id) FROM (SELECT tag_id FROM entity_tags g
                      WHERE g.entity_type = 'task' AND g.entity_id = tasks.id AND g.deleted_at IS NULL
                      ORDER BY created_at, tag_id))
             FROM tasks
             WHERE deleted_at IS NULL AND series_id IS NULL
               AND (:closed OR status NOT IN ('done', 'cancelled'))
               AND (:assignee IS NULL OR EXISTS (SELECT 1 FROM task_assignees a
                    WHERE a.task_id = tasks.id AND a.user_id = :assignee AND a.deleted_at IS NULL))
               AND (:artist IS NULL OR artist_id = :artist)
               AND (:label IS NULL OR EXISTS (SELECT 1 FROM entity_tags g
                    WHERE g.entity_type = 'task' AND g.entity_id = tasks.id AND g.tag_id = :label
                      AND g.deleted_at IS NULL))
               AND (NOT :overdue OR (status NOT IN ('done', 'cancelled')
                    AND due_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))
             ORDER BY due_at IS NULL, due_at, title COLLATE NOCASE, id
             LIMIT {LIST_MAX}"
        ))?;
        let split = |list: Option<String>| -> Vec<String> {
            list.map(|l| l.split(',').map(str::to_owned).collect())
                .unwrap_or_default()
        };
        let rows = statement.query_map(
            rusqlite::named_params! {
                ":closed": filter.include_closed,
                ":assignee": filter.assignee,
                ":label": filter.label,
                ":overdue": filter.overdue_only,
                ":artist": filter.artist,
            },
            |r| {
                let mut task = task_row(r)?;
                task.fields.assignees = split(r.get(22)?);
                task.fields.labels = split(r.get(23)?);
                Ok(task)
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    })
}
