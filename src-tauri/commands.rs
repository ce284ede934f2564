//! One module of Tauri commands per feature module of the app.

pub mod app;
pub mod crm;
pub mod hub;
pub mod planning;
pub mod sync;
pub mod team;
