//! Planning commands: tasks, events, Kanban boards, the calendar and its files.

use mona_core::boards::{self, Board, BoardFields, BoardSummary, ColumnFields};
use mona_core::calendar::{self, CalendarWindow};
use mona_core::checklists::{self, ChecklistItem};
use mona_core::comments::{self, Comment};
use mona_core::events::{self, Event, EventFields};
use mona_core::ical::{self, IcsPreview, IcsReport};
use mona_core::responsibilities::{self, Part, Responsibility, Subject};
use mona_core::series::Scope;
use mona_core::tasks::{self, Task, TaskDetail, TaskFields, TaskFilter};
use mona_core::trello::{self, TrelloPreview, TrelloReport};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn create_task(state: State<'_, AppState>, fields: TaskFields) -> Result<Task, AppError> {
    state.run(move |db| tasks::create(db, fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn get_task(state: State<'_, AppState>, id: String) -> Result<Task, AppError> {
    state.run(move |db| tasks::get(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_task(
    state: State<'_, AppState>,
    id: String,
    fields: TaskFields,
) -> Result<Task, AppError> {
    state.run(move |db| tasks::update(db, &id, fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_task(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.run(move |db| tasks::delete(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn restore_task(state: State<'_, AppState>, id: String) -> Result<Task, AppError> {
    state.run(move |db| tasks::restore(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn list_boards(state: State<'_, AppState>) -> Result<Vec<BoardSummary>, AppError> {
    state.run(boards::list).await
}

#[tauri::command]
#[specta::specta]
pub async fn get_board(state: State<'_, AppState>, id: String) -> Result<Board, AppError> {
    state.run(move |db| boards::get(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn create_board(
    state: State<'_, AppState>,
    fields: BoardFields,
) -> Result<Board, AppError> {
    state.run(move |db| boards::create(db, fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_column(
    state: State<'_, AppState>,
    board_id: String,
    fields: ColumnFields,
) -> Result<Board, AppError> {
    state
        .run(move |db| boards::add_column(db, &board_id, fields))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn update_column(
    state: State<'_, AppState>,
    id: String,
    fields: ColumnFields,
) -> Result<Board, AppError> {
    state
        .run(move |db| boards::update_column(db, &id, fields))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn remove_column(state: State<'_, AppState>, id: String) -> Result<Board, AppError> {
    state.run(move |db| boards::remove_column(db, &id)).await
}

/// A card dropped into `column_id` between `after` (above) and `before`
/// (below).
#[tauri::command]
#[specta::specta]
pub async fn move_card(
    state: State<'_, AppState>,
    task_id: String,
    column_id: String,
    after: Option<String>,
    before: Option<String>,
) -> Result<Task, AppError> {
    state
        .run(move |db| {
            boards::move_card(
                db,
                &task_id,
                &column_id,
                after.as_deref(),
                before.as_deref(),
            )
        })
        .await
}

/// The calendar between two instants (RFC 3339).
#[tauri::command]
#[specta::specta]
pub async fn calendar_window(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Result<CalendarWindow, AppError> {
    state.run(move |db| calendar::window(db, &from, &to)).await
}

/// A task dragged on the calendar.
#[tauri::command]
#[specta::specta]
pub async fn reschedule_task(
    state: State<'_, AppState>,
    id: String,
    starts_at: String,
    ends_at: String,
) -> Result<Task, AppError> {
    state
        .run(move |db| tasks::reschedule(db, &id, &starts_at, &ends_at))
        .await
}

/// A task with its checklist and comments, for its panel.
#[tauri::command]
#[specta::specta]
pub async fn task_detail(state: State<'_, AppState>, id: String) -> Result<TaskDetail, AppError> {
    state.run(move |db| tasks::detail(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_checklist_item(
    state: State<'_, AppState>,
    task_id: String,
    text: String,
) -> Result<Vec<ChecklistItem>, AppError> {
    state
        .run(move |db| checklists::add(db, &task_id, &text))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn tick_checklist_item(
    state: State<'_, AppState>,
    id: String,
    done: bool,
) -> Result<Vec<ChecklistItem>, AppError> {
    state
        .run(move |db| checklists::set_done(db, &id, done))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn rename_checklist_item(
    state: State<'_, AppState>,
    id: String,
    text: String,
) -> Result<Vec<ChecklistItem>, AppError> {
    state
        .run(move |db| checklists::rename(db, &id, &text))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn remove_checklist_item(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<ChecklistItem>, AppError> {
    state.run(move |db| checklists::remove(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_comment(
    state: State<'_, AppState>,
    task_id: String,
    body: String,
) -> Result<Vec<Comment>, AppError> {
    state
        .run(move |db| comments::add(db, &task_id, &body))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn edit_comment(
    state: State<'_, AppState>,
    id: String,
    body: String,
) -> Result<Vec<Comment>, AppError> {
    state.run(move |db| comments::edit(db, &id, &body)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_comment(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<Comment>, AppError> {
    state.run(move |db| comments::delete(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn create_event(
    state: State<'_, AppState>,
    fields: EventFields,
) -> Result<Event, AppError> {
    state.run(move |db| events::create(db, fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn get_event(state: State<'_, AppState>, id: String) -> Result<Event, AppError> {
    state.run(move |db| events::get(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_event(
    state: State<'_, AppState>,
    id: String,
    fields: EventFields,
) -> Result<Event, AppError> {
    state.run(move |db| events::update(db, &id, fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_event(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.run(move |db| events::delete(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn restore_event(state: State<'_, AppState>, id: String) -> Result<Event, AppError> {
    state.run(move |db| events::restore(db, &id)).await
}

/// An event dragged on the calendar.
#[tauri::command]
#[specta::specta]
pub async fn reschedule_event(
    state: State<'_, AppState>,
    id: String,
    starts_at: String,
    ends_at: String,
) -> Result<Event, AppError> {
    state
        .run(move |db| events::reschedule(db, &id, &starts_at, &ends_at))
        .await
}

/// What importing an .ics file's text would do; `time_zone` is the
/// person's, for floating times.
#[tauri::command]
#[specta::specta]
pub async fn preview_calendar_file(
    state: State<'_, AppState>,
    text: String,
    time_zone: String,
) -> Result<IcsPreview, AppError> {
    state
        .run(move |db| ical::preview(db, &text, &time_zone))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn import_calendar_file(
    state: State<'_, AppState>,
    text: String,
    time_zone: String,
) -> Result<IcsReport, AppError> {
    state
        .run(move |db| ical::import(db, &text, &time_zone))
        .await
}

/// Writes the team calendar as an .ics file in the Downloads folder and
/// returns its path.
#[tauri::command]
#[specta::specta]
pub async fn export_calendar(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Result<String, AppError> {
    let folder = crate::commands::export_folder(&app)?;
    state
        .run(move |db| ical::export_to_folder(db, &folder).map(|path| path.display().to_string()))
        .await
}

/// What importing a Trello board's JSON export would do.
#[tauri::command]
#[specta::specta]
pub async fn preview_trello_board(
    state: State<'_, AppState>,
    text: String,
) -> Result<TrelloPreview, AppError> {
    state.run(move |db| trello::preview(db, &text)).await
}

#[tauri::command]
#[specta::specta]
pub async fn import_trello_board(
    state: State<'_, AppState>,
    text: String,
) -> Result<TrelloReport, AppError> {
    state.run(move |db| trello::import(db, &text)).await
}

/// Tasks for the list views (mine, by person, by label, overdue).
#[tauri::command]
#[specta::specta]
pub async fn list_tasks(
    state: State<'_, AppState>,
    filter: TaskFilter,
) -> Result<Vec<Task>, AppError> {
    state.run(move |db| tasks::list(db, &filter)).await
}

/// One occurrence of a repeating task dragged on the calendar.
#[tauri::command]
#[specta::specta]
pub async fn reschedule_task_occurrence(
    state: State<'_, AppState>,
    id: String,
    occurrence_at: String,
    starts_at: String,
    ends_at: String,
    scope: Scope,
) -> Result<Task, AppError> {
    state
        .run(move |db| {
            tasks::reschedule_occurrence(db, &id, &occurrence_at, &starts_at, &ends_at, scope)
        })
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_task_occurrence(
    state: State<'_, AppState>,
    id: String,
    occurrence_at: String,
    scope: Scope,
) -> Result<(), AppError> {
    state
        .run(move |db| tasks::delete_occurrence(db, &id, &occurrence_at, scope))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn update_event_occurrence(
    state: State<'_, AppState>,
    id: String,
    occurrence_at: String,
    fields: EventFields,
    scope: Scope,
) -> Result<Event, AppError> {
    state
        .run(move |db| events::update_occurrence(db, &id, &occurrence_at, fields, scope))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_event_occurrence(
    state: State<'_, AppState>,
    id: String,
    occurrence_at: String,
    scope: Scope,
) -> Result<(), AppError> {
    state
        .run(move |db| events::delete_occurrence(db, &id, &occurrence_at, scope))
        .await
}

/// Who is responsible for a record, who helps, who is informed.
#[tauri::command]
#[specta::specta]
pub async fn responsibilities_of(
    state: State<'_, AppState>,
    subject: Subject,
    id: String,
) -> Result<Vec<Responsibility>, AppError> {
    state
        .run(move |db| responsibilities::of(db, subject, &id))
        .await
}

/// Gives a member a part in a record, or takes it away (`part` null).
#[tauri::command]
#[specta::specta]
pub async fn set_responsibility(
    state: State<'_, AppState>,
    subject: Subject,
    id: String,
    user_id: String,
    part: Option<Part>,
) -> Result<Vec<Responsibility>, AppError> {
    state
        .run(move |db| responsibilities::set(db, subject, &id, &user_id, part))
        .await
}
