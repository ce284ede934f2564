//! Team sync commands: the server settings, "Test connection", preparing a
//! server, the status, "Sync now", and the conflicts to restore.

use mona_core::conflicts::{self, Conflict};
use mona_core::team_server::{self, TeamServer};
use mona_sync::SyncStatus;
use mona_sync::service::{self, ServerCheck, TeamSignIn};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn team_server(state: State<'_, AppState>) -> Result<Option<TeamServer>, AppError> {
    state.run(team_server::get).await
}

/// Saves the server (and a new password, to the keychain) and syncs now.
#[tauri::command]
#[specta::specta]
pub async fn save_team_server(
    state: State<'_, AppState>,
    server: TeamServer,
    password: Option<String>,
) -> Result<TeamServer, AppError> {
    let saved = state
        .run(move |db| service::configure(db, server, password))
        .await?;
    state.sync().await?.sync_now();
    Ok(saved)
}

/// Stops syncing; local data and unsent changes stay.
#[tauri::command]
#[specta::specta]
pub async fn leave_team_server(state: State<'_, AppState>) -> Result<(), AppError> {
    state.run(team_server::forget).await?;
    state.sync().await?.sync_now();
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn test_team_server(
    server: TeamServer,
    password: Option<String>,
) -> Result<ServerCheck, AppError> {
    Ok(service::check(server, password).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn prepare_team_server(
    state: State<'_, AppState>,
    server: TeamServer,
    password: Option<String>,
    workspace: String,
) -> Result<ServerCheck, AppError> {
    let db = state.database().await?;
    Ok(service::prepare(&db, server, password, workspace).await?)
}

/// Admin action: the sign-in the team's computers use.
#[tauri::command]
#[specta::specta]
pub async fn create_team_sign_in(
    server: TeamServer,
    password: Option<String>,
    sign_in: TeamSignIn,
) -> Result<(), AppError> {
    Ok(service::create_sign_in(server, password, sign_in).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn sync_status(state: State<'_, AppState>) -> Result<SyncStatus, AppError> {
    Ok(state.sync().await?.status().await)
}

#[tauri::command]
#[specta::specta]
pub async fn sync_now(state: State<'_, AppState>) -> Result<(), AppError> {
    state.sync().await?.sync_now();
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn list_conflicts(state: State<'_, AppState>) -> Result<Vec<Conflict>, AppError> {
    state.run(conflicts::open).await
}

#[tauri::command]
#[specta::specta]
pub async fn restore_conflict(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.run(move |db| conflicts::restore(db, &id)).await?;
    state.sync().await?.sync_now();
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn dismiss_conflict(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.run(move |db| conflicts::dismiss(db, &id)).await?;
    state.sync().await?.sync_now();
    Ok(())
}
