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
