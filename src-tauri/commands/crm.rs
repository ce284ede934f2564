//! CRM commands: artist cards, and the records every module links to.

use mona_core::artists::{self, Artist, ArtistFields, ArtistPage, ArtistQuery};
use mona_core::records::{self, RecordKind, RecordRef};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_artists(
    state: State<'_, AppState>,
    query: ArtistQuery,
) -> Result<ArtistPage, AppError> {
    state.run(move |db| artists::list(db, &query)).await
}

#[tauri::command]
#[specta::specta]
pub async fn get_artist(state: State<'_, AppState>, id: String) -> Result<Artist, AppError> {
    state.run(move |db| artists::get(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn create_artist(
    state: State<'_, AppState>,
    fields: ArtistFields,
) -> Result<Artist, AppError> {
    state.run(move |db| artists::create(db, fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_artist(
    state: State<'_, AppState>,
    id: String,
    fields: ArtistFields,
) -> Result<Artist, AppError> {
    state.run(move |db| artists::update(db, &id, fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_artist(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.run(move |db| artists::delete(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn restore_artist(state: State<'_, AppState>, id: String) -> Result<Artist, AppError> {
    state.run(move |db| artists::restore(db, &id)).await
}

/// Artists, sponsors, events and content items whose name matches what was
/// typed, for the pickers that link a record to another.
#[tauri::command]
#[specta::specta]
pub async fn find_records(
    state: State<'_, AppState>,
    typed: String,
    kinds: Vec<RecordKind>,
    per_kind: u32,
) -> Result<Vec<RecordRef>, AppError> {
    state
        .run(move |db| records::find(db, &typed, &kinds, per_kind))
        .await
}
