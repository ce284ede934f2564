//! One module of Tauri commands per feature module of the app.

pub mod app;
pub mod crm;
pub mod hub;
pub mod planning;
pub mod streaming;
pub mod sync;
pub mod team;

use crate::error::AppError;

/// Where exports land: the person's Downloads folder, or their home folder
/// on a system without one.
pub(crate) fn export_folder(app: &tauri::AppHandle) -> Result<std::path::PathBuf, AppError> {
    use tauri::Manager;
    app.path()
        .download_dir()
        .or_else(|_| app.path().home_dir())
        .map_err(|_| AppError::ExportFailed {
            folder: String::new(),
        })
}

/// Opens `path` with the program the system chooses for it.
pub(crate) fn open_with_system(
    app: &tauri::AppHandle,
    path: &std::path::Path,
) -> Result<(), AppError> {
    use tauri_plugin_opener::OpenerExt;
    let shown = path.display().to_string();
    app.opener()
        .open_path(shown.clone(), None::<&str>)
        .map_err(|error| {
            tracing::warn!(%error, "no program opened a file");
            AppError::FileNotOpened { path: shown }
        })
}
