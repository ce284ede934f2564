//! App-wide commands: who we are, this device's settings, the first-run choice.

use mona_core::demo::{self, DemoSummary};
use mona_core::settings::{self, DeviceSettings, SettingsChange};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    /// The OS's preferred locale as a BCP 47 tag ("fr-FR"), if known.
    pub system_locale: Option<String>,
    pub data_folder: String,
}

/// Facts the UI needs before the database is ready, e.g. to explain in the
/// right language why it could not be opened.
#[tauri::command]
#[specta::specta]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        system_locale: sys_locale::get_locale(),
        data_folder: state.data_folder().display().to_string(),
    }
}

#[tauri::command]
#[specta::specta]
pub async fn get_settings(state: State<'_, AppState>) -> Result<DeviceSettings, AppError> {
    state.run(settings::get).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_settings(
    state: State<'_, AppState>,
    change: SettingsChange,
) -> Result<DeviceSettings, AppError> {
    state.run(move |db| settings::update(db, change)).await
}

#[tauri::command]
#[specta::specta]
pub async fn load_demo_data(state: State<'_, AppState>) -> Result<Option<DemoSummary>, AppError> {
    state.run(demo::load_if_empty).await
}

/// Where the page's launch time went: milliseconds since the page's
/// navigation began, at each step of the first screen's start.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LaunchSteps {
    /// The page's HTML had arrived from the app's asset protocol.
    pub document_ms: f64,
    /// The first screen's script began to run (loaded and parsed).
    pub script_started_ms: f64,
    /// Every module of that script has been evaluated.
    pub evaluated_ms: f64,
    /// The answers the first screen needs (app facts, settings) arrived.
    pub answered_ms: f64,
    /// The first screen is committed with its event handlers.
    pub interactive_ms: f64,
}

/// Called once by the UI when its first screen (the app, the first-run
/// choice or a startup problem) is committed with its data: the window,
/// which opened hidden, shows it drawn (`painting.rs` says why); the
/// background services may start (`AppState::start_services`); and the
/// log says how long the launch took since the process started, and how the
/// page spent its part of it since its navigation began (`page_ms` is the
/// whole of it). The launch benchmark reads this line.
#[tauri::command]
#[specta::specta]
pub fn ui_ready(app: tauri::AppHandle, state: State<'_, AppState>, steps: LaunchSteps) {
    crate::show_window(&app);
    state.first_screen_shown();
    tracing::info!(
        elapsed_ms = state.started().elapsed().as_millis() as u64,
        page_ms = steps.interactive_ms.round(),
        document_ms = steps.document_ms.round(),
        script_started_ms = steps.script_started_ms.round(),
        evaluated_ms = steps.evaluated_ms.round(),
        answered_ms = steps.answered_ms.round(),
        "window interactive"
    );
}
