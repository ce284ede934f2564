//! The heart of MONA x SPARK Desk: domain types, storage and services.
//!
//! This crate knows nothing about Tauri, windows or IPC: everything here can
//! be tested on a plain SQLite file in a temporary folder. The app shell turns
//! a user's click into one call of a function in this crate and turns its
//! [`Error`] into a message in the user's language.
//!
//! Map:
//! - [`storage`]: opening, checking and migrating the SQLite file.
//! - [`capture`]: every write to a synced table records its cell versions for
//!   the team sync.
//! - [`replica`]: this device's side of the team sync: what to send, what
//!   came back, what other devices wrote.
//! - [`conflicts`]: values concurrent edits overwrote, listed and restored.
//! - [`artists`]: the artist cards of the CRM: list, search, create, edit,
//!   delete and restore, with their social accounts and dated audience figures.
//! - [`interactions`]: the history of every exchange with an artist or a sponsor.
//! - [`pipeline`]: the prospecting pipeline: the team's stages, each card's
//!   moves, next action and time in stage, and how the pipeline converts.
//! - [`campaigns`]: MONA's catalogue of offers with their templates, and the
//!   campaigns sold: tasks, content and deliverables made at the sale, payment, revenue.
//! - [`sponsors`]: SPARK's sponsors: their contacts, deals weighted by their chance, and
//!   the deliverables promised with their proof.
//! - [`keep_in_touch`]: a contact due after the artist's cadence becomes a notification.
//! - [`scoring`]: the explainable artist score, from criteria the team weighs,
//!   derived on every device from the synced facts, and its history.
//! - [`links`]: rows that join two records, keyed by what they join.
//! - [`records`]: any artist, sponsor, event or content item, found by name or named by id.
//! - [`responsibilities`]: who is responsible for an artist, event or sponsor, who helps, who is informed.
//! - [`team`]: members, roles and what each may do, who uses this computer.
//! - `owned_rows`: the ordered rows one record owns (contacts, template lines), saved as one edited list.
//! - [`positions`]: where an item sits in an ordered list (fractional index).
//! - [`tasks`]: the team's tasks, with assignees and labels.
//! - [`checklists`], [`comments`]: the steps of a task and the conversation on it.
//! - [`events`]: SPARK's events (lives, shoots, meetings) with their attendees.
//! - [`exports`]: files written for people to take elsewhere, whole or not at all.
//! - [`ical`]: iCalendar files in and out: preview, import in one transaction, export.
//! - [`trello`]: a Trello board's JSON export imported as a board, with a preview and a report.
//! - [`boards`]: Kanban boards: columns of cards, moves, work-in-progress limits.
//! - [`recurrence`]: repeating tasks and events (RFC 5545 rules), expanded in their time zone.
//! - [`series`]: "this one" or "this one and the following" for repeating tasks and events.
//! - [`calendar`]: events and time-blocked tasks in a window, repeats expanded, clashes found.
//! - [`reminders`]: a task's reminder due now becomes a notification, once per device.
//! - [`notifications`]: the notification centre of the person at this computer.
//! - [`settings`]: this device's preferences (language, theme, first run).
//! - [`team_server`]: which team server this device syncs with.
//! - [`demo`]: a realistic French data set for a newcomer to explore.
//! - [`clock`], [`ids`], [`text`]: how instants, keys and searchable text are
//!   made, in one place each.

pub mod artists;
pub mod boards;
pub mod calendar;
pub mod campaigns;
pub mod capture;
pub mod chat_preferences;
pub mod checklists;
pub mod clock;
pub mod comments;
pub mod conflicts;
pub mod demo;
mod error;
pub mod events;
pub mod exports;
pub mod files;
pub mod ical;
pub mod ids;
pub mod interactions;
pub mod keep_in_touch;
pub mod keychain;
pub mod links;
pub mod live_log;
pub mod notifications;
pub mod obs_connection;
mod owned_rows;
pub mod pipeline;
pub mod positions;
mod presets;
pub mod recordings;
pub mod records;
pub mod recurrence;
pub mod reminders;
pub mod replica;
pub mod responsibilities;
pub mod run_of_show;
pub mod scoring;
pub mod series;
pub mod settings;
pub mod sponsors;
pub mod storage;
mod stored_enum;
pub mod tags;
pub mod tasks;
pub mod team;
pub mod team_server;
pub mod text;
pub mod trello;
pub mod twitch_app;
pub mod twitch_schedule;
pub mod validation;

pub use error::{Entity, Error};
pub use storage::{Database, OpenError};
