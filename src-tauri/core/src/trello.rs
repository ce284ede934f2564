//! A Trello board's JSON export (Menu → Print, export and share → Export as
//! JSON) becomes a board of the app: its lists, cards, labels, checklists,
//! due dates, comments, and members mapped to team members.
//!
//! Why it exists: the collective planned in Trello for years. [`preview`]
//! reads the whole file and says what will come and what cannot be mapped
//! (a member nobody in the team matches, attachments, archived cards);
//! [`import`] writes it all in one transaction, or nothing, and reports the
//! same. A member maps to the team member with the same name or the same
//! e-mail user name, whatever the case and accents.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::boards::{self, ColumnFields};
use crate::tasks::{self, TaskFields, TaskStatus};
use crate::team::{self, Action, Member};
use crate::{Database, Error, clock, ids, positions, text};

/// The largest export read (a board with years of history weighs a few MB).
pub const MAX_BYTES: usize = 50 * 1024 * 1024;
/// The most cards one board brings.
pub const MAX_CARDS: usize = 20_000;
/// What the app keeps of a card's title and description (`tasks`).
const TITLE_MAX: usize = 200;
const DESCRIPTION_MAX: usize = 20_000;

/// Why a file cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum TrelloProblem {
    #[error("the file is larger than {max_megabytes} MB")]
    TooLarge { max_megabytes: u32 },
    #[error("not JSON (line {line}, column {column})")]
    NotJson { line: u32, column: u32 },
    #[error("JSON, but not a Trello board export")]
    NotTrello,
    #[error("more than {max} cards")]
    TooManyCards { max: u32 },
}

/// What a Trello export holds, as far as the import reads it. Unknown
/// fields are ignored; missing ones take their empty value.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Export {
    name: String,
    #[serde(default)]
    lists: Vec<List>,
    #[serde(default)]
    cards: Vec<Card>,
    #[serde(default)]
    labels: Vec<Label>,
    #[serde(default)]
    checklists: Vec<Checklist>,
    #[serde(default)]
    members: Vec<TrelloMember>,
    #[serde(default)]
    actions: Vec<TrelloAction>,
}

#[derive(Debug, Deserialize)]
struct List {
    id: String,
    name: String,
    #[serde(default)]
    closed: bool,
    #[serde(default)]
    pos: f64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Card {
    id: String,
    name: String,
    #[serde(default)]
    desc: String,
    id_list: String,
    #[serde(default)]
    closed: bool,
    #[serde(default)]
    pos: f64,
    due: Option<String>,
    #[serde(default)]
    due_complete: bool,
    #[serde(default)]
    id_labels: Vec<String>,
    #[serde(default)]
    id_members: Vec<String>,
    #[serde(default)]
    attachments: Vec<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
struct Label {
    id: String,
    #[serde(default)]
    name: String,
    color: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Checklist {
    id_card: String,
    #[serde(default)]
    pos: f64,
    #[serde(default)]
    check_items: Vec<CheckItem>,
}

#[derive(Debug, Deserialize)]
struct CheckItem {
    name: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    pos: f64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TrelloMember {
    id: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    username: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TrelloAction {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    date: String,
    id_member_creator: Option<String>,
    #[serde(default)]
    data: ActionData,
}

#[derive(Debug, Default, Deserialize)]
struct ActionData {
    #[serde(default)]
    text: String,
    card: Option<CardRef>,
}

#[derive(Debug, Deserialize)]
struct CardRef {
    id: String,
}

/// A Trello member and whom they became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MemberMapping {
    pub trello_name: String,
    /// The team member's id, or none: their cards come without them.
    pub member_id: Option<String>,
}

/// What importing the board will do, shown before it is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TrelloPreview {
    pub board_name: String,
    /// The open lists, in order: the board's columns.
    pub columns: Vec<String>,
    pub cards: u32,
    pub labels: u32,
    pub checklist_items: u32,
    pub comments: u32,
    pub members: Vec<MemberMapping>,
    /// What stays behind, counted.
    pub left_out: LeftOut,
}

/// What a Trello board has that the import does not bring.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LeftOut {
    /// Archived cards, and cards of archived lists.
    pub archived_cards: u32,
    pub archived_lists: u32,
    /// Files attached to cards (Trello keeps them; the cards say so).
    pub attachments: u32,
    /// Members no team member matches (by name).
    pub unknown_members: Vec<String>,
    /// Due dates that could not be read.
    pub unreadable_dates: u32,
    /// Card titles and descriptions longer than the app keeps, cut.
    pub shortened: u32,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TrelloReport {
    pub board_id: String,
    pub cards: u32,
    pub left_out: LeftOut,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn read(text: &str) -> Result<Export, TrelloProblem> {
    if text.len() > MAX_BYTES {
        return Err(TrelloProblem::TooLarge {
            max_megabytes: count(MAX_BYTES / 1024 / 1024),
        });
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| TrelloProblem::NotJson {
            line: count(e.line()),
            column: count(e.column()),
        })?;
    // A board export is an object with a name, lists and cards.
    let looks_like_trello = value.get("name").is_some_and(|n| n.is_string())
        && value.get("lists").is_some_and(|l| l.is_array())
        && value.get("cards").is_some_and(|c| c.is_array());
    if !looks_like_trello {
        return Err(TrelloProblem::NotTrello);
    }
    let export: Export = serde_json::from_value(value).map_err(|_| TrelloProblem::NotTrello)?;
    if export.cards.len() > MAX_CARDS {
        return Err(TrelloProblem::TooManyCards {
            max: count(MAX_CARDS),
        });
    }
    Ok(export)
}

/// The board's open lists in order, and which cards come.
struct Plan<'a> {
    lists: Vec<&'a List>,
    cards: Vec<&'a Card>,
    members: HashMap<&'a str, Option<String>>,
    mappings: Vec<MemberMapping>,
    left_out: LeftOut,
}

fn plan<'a>(export: &'a Export, team: &[Member]) -> Plan<'a> {
    let mut lists: Vec<&List> = export.lists.iter().filter(|l| !l.closed).collect();
    lists.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let open: Vec<&str> = lists.iter().map(|l| l.id.as_str()).collect();
    let mut cards: Vec<&Card> = export
        .cards
        .iter()
        .filter(|c| !c.closed && open.contains(&c.id_list.as_str()))
        .collect();
    cards.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut left_out = LeftOut {
        archived_cards: count(export.cards.len() - cards.len()),
        archived_lists: count(export.lists.len() - lists.len()),
        attachments: count(cards.iter().map(|c| c.attachments.len()).sum()),
        ..LeftOut::default()
    };
    left_out.unreadable_dates = count(
        cards
            .iter()
            .filter(|c| {
                c.due
                    .as_deref()
                    .is_some_and(|d| d.parse::<jiff::Timestamp>().is_err())
            })
            .count(),
    );
    left_out.shortened = count(
        cards
            .iter()
            .filter(|c| {
                c.name.trim().chars().count() > TITLE_MAX
                    || c.desc.chars().count() > DESCRIPTION_MAX
            })
            .count(),
    );
    let mut members = HashMap::new();
    let mut mappings = Vec::new();
    for member in &export.members {
        let name = text::fold(&member.full_name);
        let user = text::fold(&member.username);
        let found = team
            .iter()
            .find(|m| {
                let team_name = text::fold(&m.name);
                let local = m
                    .email
                    .as_deref()
                    .and_then(|e| e.split('@').next())
                    .map(text::fold);
                (!name.is_empty() && team_name == name)
                    || (!user.is_empty() && local.as_deref() == Some(user.as_str()))
            })
            .map(|m| m.id.clone());
        let shown = if member.full_name.is_empty() {
            member.username.clone()
        } else {
            member.full_name.clone()
        };
        if found.is_none() {
            left_out.unknown_members.push(shown.clone());
        }
        mappings.push(MemberMapping {
            trello_name: shown,
            member_id: found.clone(),
        });
        members.insert(member.id.as_str(), found);
    }
    Plan {
        lists,
        cards,
        members,
        mappings,
        left_out,
    }
}

fn comments_of(export: &Export) -> Vec<&TrelloAction> {
    export
        .actions
        .iter()
        .filter(|a| a.kind == "commentCard" && !a.data.text.trim().is_empty())
        .collect()
}

/// Reads `text` and says what importing it would do; writes nothing.
pub fn preview(db: &Database, text: &str) -> Result<TrelloPreview, Error> {
    let export = read(text)?;
    db.read(|c| {
        let team = team::all(c)?;
        let plan = plan(&export, &team);
        let coming: Vec<&str> = plan.cards.iter().map(|c| c.id.as_str()).collect();
        Ok(TrelloPreview {
            board_name: export.name.trim().to_owned(),
            columns: plan
                .lists
                .iter()
                .map(|l| l.name.trim().to_owned())
                .collect(),
            cards: count(plan.cards.len()),
            labels: count(export.labels.len()),
            checklist_items: count(
                export
                    .checklists
                    .iter()
                    .filter(|l| coming.contains(&l.id_card.as_str()))
                    .map(|l| l.check_items.len())
                    .sum(),
            ),
            comments: count(
                comments_of(&export)
                    .iter()
                    .filter(|a| {
                        a.data
                            .card
                            .as_ref()
                            .is_some_and(|c| coming.contains(&c.id.as_str()))
                    })
                    .count(),
            ),
            members: plan.mappings,
            left_out: plan.left_out,
        })
    })
}

/// The status a list's name says its cards have ("Done", "Terminé"...).
fn status_of_list(name: &str) -> Option<TaskStatus> {
    let name = text::fold(name);
    let any = |words: &[&str]| words.iter().any(|w| name.contains(w));
    if any(&["done", "termine", "fait", "fini", "complete", "publie"]) {
        Some(TaskStatus::Done)
    } else if any(&["doing", "en cours", "in progress", "wip"]) {
        Some(TaskStatus::InProgress)
    } else if any(&["to do", "todo", "a faire"]) {
        Some(TaskStatus::Todo)
    } else {
        None
    }
}

/// A Trello label's name (or its colour, for a label without one).
fn label_name(label: &Label) -> String {
    let name = label.name.trim();
    if name.is_empty() {
        label.color.clone().unwrap_or_default()
    } else {
        name.to_owned()
    }
}

/// Imports the board in one transaction, or nothing.
pub fn import(db: &Database, text: &str) -> Result<TrelloReport, Error> {
    let export = read(text)?;
    db.write(|t| {
        team::require(t, Action::Import)?;
        let team = team::all(t)?;
        let plan = plan(&export, &team);
        let columns: Vec<ColumnFields> = plan
            .lists
            .iter()
            .map(|l| ColumnFields {
                name: text::clip(l.name.trim(), 100),
                wip_limit: None,
                status: status_of_list(&l.name),
            })
            .collect();
        let board_name = text::clip(export.name.trim(), 100);
        let (board_id, column_ids) = boards::insert_board(t, &board_name, &columns)?;
        let column_of: HashMap<&str, (&str, Option<TaskStatus>)> = plan
            .lists
            .iter()
            .zip(&column_ids)
            .zip(&columns)
            .map(|((l, id), c)| (l.id.as_str(), (id.as_str(), c.status)))
            .collect();

        // Labels become tags, one per name: an existing tag of that name is reused.
        let mut tag_of: HashMap<&str, String> = HashMap::new();
        let now = clock::now();
        for label in &export.labels {
            let name = label_name(label);
            if name.is_empty() {
                continue;
            }
            let id = crate::tags::named(t, &name, label.color.as_deref(), &now)?;
            tag_of.insert(label.id.as_str(), id);
        }

        // Cards, in each list's order.
        let mut by_list: HashMap<&str, Vec<&Card>> = HashMap::new();
        for card in &plan.cards {
            by_list.entry(card.id_list.as_str()).or_default().push(card);
        }
        let mut task_of: HashMap<&str, String> = HashMap::new();
        for (list, cards) in by_list {
            let Some(&(column, column_status)) = column_of.get(list) else {
                continue;
            };
            for (card, position) in cards.iter().zip(positions::sequence(cards.len())) {
                let status = if card.due_complete {
                    TaskStatus::Done
                } else {
                    column_status.unwrap_or_default()
                };
                let fields = TaskFields {
                    title: text::clip(card.name.trim(), TITLE_MAX),
                    description: text::clip(&card.desc, DESCRIPTION_MAX),
                    status,
                    due_at: card
                        .due
                        .as_deref()
                        .and_then(|d| d.parse::<jiff::Timestamp>().ok())
                        .map(clock::format_instant),
                    assignees: card
                        .id_members
                        .iter()
                        .filter_map(|m| plan.members.get(m.as_str()).cloned().flatten())
                        .collect(),
                    labels: card
                        .id_labels
                        .iter()
                        .filter_map(|l| tag_of.get(l.as_str()).cloned())
                        .collect(),
                    column_id: Some(column.to_owned()),
                    ..TaskFields::default()
                };
                let fields = tasks::validate(fields).map_err(Error::Invalid)?;
                let id = tasks::insert(t, &fields, &position)?;
                task_of.insert(card.id.as_str(), id);
            }
        }

        // Checklists, merged per card in Trello's order.
        let mut lists: Vec<&Checklist> = export.checklists.iter().collect();
        lists.sort_by(|a, b| a.pos.total_cmp(&b.pos));
        let mut steps: HashMap<&str, Vec<&CheckItem>> = HashMap::new();
        for list in lists {
            let mut items: Vec<&CheckItem> = list.check_items.iter().collect();
            items.sort_by(|a, b| a.pos.total_cmp(&b.pos));
            steps.entry(list.id_card.as_str()).or_default().extend(items);
        }
        for (card, items) in steps {
            let Some(task) = task_of.get(card) else {
                continue;
            };
            for (item, position) in items.iter().zip(positions::sequence(items.len())) {
                let name = text::clip(item.name.trim(), 500);
                if name.is_empty() {
                    continue;
                }
                t.execute(
                    "INSERT INTO task_checklist_items (id, task_id, text, done, position, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                    rusqlite::params![ids::new_id(), task, name, item.state == "complete", position, now],
                )?;
            }
        }

        // Comments, with their author when the team knows them and their date.
        for action in comments_of(&export) {
            let Some(task) = action.data.card.as_ref().and_then(|c| task_of.get(c.id.as_str()))
            else {
                continue;
            };
            let author = action
                .id_member_creator
                .as_deref()
                .and_then(|m| plan.members.get(m).cloned().flatten());
            let at = action
                .date
                .parse::<jiff::Timestamp>()
                .map(clock::format_instant)
                .unwrap_or_else(|_| now.clone());
            t.execute(
                "INSERT INTO task_comments (id, task_id, author_id, body, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                rusqlite::params![
                    ids::new_id(),
                    task,
                    author,
                    text::clip(action.data.text.trim(), 10_000),
                    at
                ],
            )?;
        }
        Ok(TrelloReport {
            board_id,
            cards: count(task_of.len()),
            left_out: plan.left_out,
        })
    })
}
