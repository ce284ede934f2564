//! Team commands: members, their roles, who uses this computer, the
//! team's tags (shared by tasks and cards).

use mona_core::tags::{self, Tag};
use mona_core::team::{self, Member, MemberFields, RoleRights};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_members(state: State<'_, AppState>) -> Result<Vec<Member>, AppError> {
    state.run(team::members).await
}

/// The member using this computer, if one was chosen.
#[tauri::command]
#[specta::specta]
pub async fn current_member(state: State<'_, AppState>) -> Result<Option<Member>, AppError> {
    state.run(team::me).await
}

/// What each role may do, as the team settings list it.
#[tauri::command]
#[specta::specta]
pub fn role_rights() -> Vec<RoleRights> {
    team::rights_table()
}

#[tauri::command]
#[specta::specta]
pub async fn join_team(
    state: State<'_, AppState>,
    fields: MemberFields,
) -> Result<Member, AppError> {
    state.run(move |db| team::join(db, fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn choose_me(state: State<'_, AppState>, id: String) -> Result<Member, AppError> {
    state.run(move |db| team::choose_me(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_member(
    state: State<'_, AppState>,
    fields: MemberFields,
) -> Result<Member, AppError> {
    state.run(move |db| team::add_member(db, fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_member(
    state: State<'_, AppState>,
    id: String,
    fields: MemberFields,
) -> Result<Member, AppError> {
    state
        .run(move |db| team::update_member(db, &id, fields))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn remove_member(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.run(move |db| team::remove_member(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn list_tags(state: State<'_, AppState>) -> Result<Vec<Tag>, AppError> {
    state.run(tags::all).await
}

/// The tag of that name (case and accents aside), made if the team has none.
#[tauri::command]
#[specta::specta]
pub async fn create_tag(state: State<'_, AppState>, name: String) -> Result<Tag, AppError> {
    state.run(move |db| tags::create(db, &name)).await
}
