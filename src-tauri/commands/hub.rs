//! Hub commands: the notification centre and the reminders that feed it.

use mona_core::keep_in_touch;
use mona_core::notifications::{self, Inbox};
use mona_core::reminders::{self, Reminder};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn notification_inbox(state: State<'_, AppState>) -> Result<Inbox, AppError> {
    state.run(notifications::inbox).await
}

#[tauri::command]
#[specta::specta]
pub async fn mark_notification_read(
    state: State<'_, AppState>,
    id: String,
) -> Result<Inbox, AppError> {
    state.run(move |db| notifications::mark_read(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn mark_all_notifications_read(state: State<'_, AppState>) -> Result<Inbox, AppError> {
    state.run(notifications::mark_all_read).await
}

/// The reminders due now that this device has not shown yet; the UI shows
/// them in the app and as OS notifications.
#[tauri::command]
#[specta::specta]
pub async fn take_due_reminders(state: State<'_, AppState>) -> Result<Vec<Reminder>, AppError> {
    state
        .run(|db| reminders::take_due(db, jiff::Timestamp::now()))
        .await
}

/// Writes a notification for each artist due a contact (keep in touch) that
/// the person here was not told of yet; returns how many are new.
#[tauri::command]
#[specta::specta]
pub async fn notify_contacts_due(state: State<'_, AppState>) -> Result<u32, AppError> {
    state
        .run(|db| keep_in_touch::notify_due(db, mona_core::clock::today()))
        .await
}
