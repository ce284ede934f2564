//! The desktop shell of MONA x SPARK Desk.
//!
//! This is the only crate that knows about Tauri, windows and IPC. It stays
//! thin on purpose: a command parses its input, calls one function of a
//! library crate on a blocking thread, and maps the error to [`AppError`].
//! No SQL and no business rule lives here (see ARCHITECTURE.md).

mod commands;
mod error;
mod launch;
mod painting;
mod state;

pub use error::{AppError, StartupProblem};
pub use launch::LaunchOptions;

use tauri::Manager;

/// Every command the UI may call, in the typed form the TypeScript bindings
/// are generated from (`ui/src/bindings.ts`).
pub fn bridge() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new().commands(tauri_specta::collect_commands![
        commands::app::app_info,
        commands::app::get_settings,
        commands::app::update_settings,
        commands::app::load_demo_data,
        commands::app::ui_ready,
        commands::crm::list_artists,
        commands::crm::artist_genres,
        commands::crm::get_artist,
        commands::crm::create_artist,
        commands::crm::update_artist,
        commands::crm::delete_artist,
        commands::crm::restore_artist,
        commands::crm::find_records,
        commands::crm::score_history,
        commands::crm::score_criteria,
        commands::crm::save_score_criterion,
        commands::crm::remove_score_criterion,
        commands::crm::rate_artist,
        commands::crm::log_interaction,
        commands::crm::update_interaction,
        commands::crm::delete_interaction,
        commands::crm::restore_interaction,
        commands::crm::interaction_timeline,
        commands::crm::export_artists,
        commands::crm::artist_events,
        commands::crm::artist_files,
        commands::crm::attach_artist_file,
        commands::crm::open_kept_file,
        commands::crm::remove_kept_file,
        commands::crm::restore_kept_file,
        commands::crm::read_artist_spreadsheet,
        commands::crm::preview_artist_import,
        commands::crm::import_artists,
        commands::crm::stop_artist_import,
        commands::crm::pipeline_stages,
        commands::crm::save_pipeline_stage,
        commands::crm::reorder_pipeline_stage,
        commands::crm::remove_pipeline_stage,
        commands::crm::move_artist_stage,
        commands::crm::stage_history,
        commands::crm::pipeline_board,
        commands::crm::pipeline_prospects,
        commands::crm::plan_next_action,
        commands::crm::pipeline_report,
        commands::crm::offer_catalogue,
        commands::crm::save_offer,
        commands::crm::remove_offer,
        commands::crm::sell_campaign,
        commands::crm::artist_campaigns,
        commands::crm::list_campaigns,
        commands::crm::set_campaign_status,
        commands::crm::set_campaign_payment,
        commands::crm::deliver_campaign_item,
        commands::crm::campaign_revenue,
        commands::crm::list_sponsors,
        commands::crm::get_sponsor,
        commands::crm::create_sponsor,
        commands::crm::update_sponsor,
        commands::crm::delete_sponsor,
        commands::crm::restore_sponsor,
        commands::crm::save_opportunity,
        commands::crm::remove_opportunity,
        commands::crm::save_sponsor_deliverable,
        commands::crm::set_deliverable_status,
        commands::crm::deal_pipeline,
        commands::crm::artist_views,
        commands::crm::save_artist_view,
        commands::crm::remove_artist_view,
        commands::hub::notify_contacts_due,
        commands::sync::team_server,
        commands::sync::save_team_server,
        commands::sync::leave_team_server,
        commands::sync::test_team_server,
        commands::sync::prepare_team_server,
        commands::sync::create_team_sign_in,
        commands::streaming::obs_setup,
        commands::streaming::save_obs_setup,
        commands::streaming::forget_obs_setup,
        commands::streaming::obs_retry,
        commands::streaming::follow_obs,
        commands::streaming::twitch_app,
        commands::streaming::save_twitch_app,
        commands::streaming::forget_twitch_app,
        commands::streaming::follow_twitch_account,
        commands::streaming::twitch_sign_in,
        commands::streaming::twitch_cancel_sign_in,
        commands::streaming::twitch_sign_out,
        commands::streaming::follow_twitch_chat,
        commands::streaming::twitch_chat_after,
        commands::streaming::twitch_chat_join,
        commands::streaming::twitch_chat_leave,
        commands::streaming::twitch_chat_send,
        commands::streaming::twitch_chat_preferences,
        commands::streaming::set_twitch_chat_keywords,
        commands::streaming::twitch_moderate,
        commands::streaming::twitch_channel,
        commands::streaming::update_twitch_channel,
        commands::streaming::twitch_categories,
        commands::streaming::twitch_marker,
        commands::streaming::open_recording_file,
        commands::streaming::live_on_twitch,
        commands::streaming::publish_live_on_twitch,
        commands::streaming::withdraw_live_from_twitch,
        commands::streaming::obs_scenes,
        commands::streaming::obs_switch_scene,
        commands::streaming::obs_scene_items,
        commands::streaming::obs_set_item_visible,
        commands::streaming::obs_output,
        commands::streaming::obs_set_studio_mode,
        commands::streaming::obs_set_preview,
        commands::streaming::obs_transition,
        commands::streaming::obs_program_snapshot,
        commands::streaming::obs_audio_inputs,
        commands::streaming::obs_set_muted,
        commands::streaming::obs_set_volume,
        commands::streaming::recordings,
        commands::streaming::follow_recordings,
        commands::streaming::recording_thumbnail,
        commands::streaming::retry_recording,
        commands::streaming::cancel_recording,
        commands::streaming::recording_keep,
        commands::streaming::set_recording_keep,
        commands::streaming::upcoming_lives,
        commands::streaming::run_of_show,
        commands::streaming::save_run_of_show,
        commands::streaming::start_live_segment,
        commands::streaming::run_live,
        commands::streaming::live_running,
        commands::sync::sync_status,
        commands::sync::sync_now,
        commands::sync::list_conflicts,
        commands::sync::restore_conflict,
        commands::sync::dismiss_conflict,
        commands::team::list_members,
        commands::team::current_member,
        commands::team::role_rights,
        commands::team::join_team,
        commands::team::choose_me,
        commands::team::add_member,
        commands::team::update_member,
        commands::team::remove_member,
        commands::planning::create_task,
        commands::planning::get_task,
        commands::planning::update_task,
        commands::planning::delete_task,
        commands::planning::restore_task,
        commands::planning::list_boards,
        commands::planning::get_board,
        commands::planning::create_board,
        commands::planning::add_column,
        commands::planning::update_column,
        commands::planning::remove_column,
        commands::planning::move_card,
        commands::planning::calendar_window,
        commands::planning::reschedule_task,
        commands::planning::task_detail,
        commands::planning::add_checklist_item,
        commands::planning::tick_checklist_item,
        commands::planning::rename_checklist_item,
        commands::planning::remove_checklist_item,
        commands::planning::add_comment,
        commands::planning::edit_comment,
        commands::planning::delete_comment,
        commands::planning::create_event,
        commands::planning::get_event,
        commands::planning::update_event,
        commands::planning::delete_event,
        commands::planning::restore_event,
        commands::planning::reschedule_event,
        commands::planning::preview_calendar_file,
        commands::planning::import_calendar_file,
        commands::planning::export_calendar,
        commands::planning::preview_trello_board,
        commands::planning::import_trello_board,
        commands::planning::list_tasks,
        commands::team::list_tags,
        commands::team::create_tag,
        commands::planning::reschedule_task_occurrence,
        commands::planning::delete_task_occurrence,
        commands::planning::update_event_occurrence,
        commands::planning::delete_event_occurrence,
        commands::planning::responsibilities_of,
        commands::planning::set_responsibility,
        commands::hub::notification_inbox,
        commands::hub::mark_notification_read,
        commands::hub::mark_all_notifications_read,
        commands::hub::take_due_reminders,
    ])
}

/// Starts the app: reads the launch options, opens the window and, in the
/// background, the database.
pub fn run() {
    let started = std::time::Instant::now();
    // First, while the process has one thread (it may set a variable).
    painting::fit_to_this_machine();
    tracing_subscriber::fmt()
        // Colours only on a terminal: log files and the benchmarks read plain text.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .with_env_filter({
            let filter = tracing_subscriber::EnvFilter::try_from_env("MONA_SPARK_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
            // Whatever level is asked, the chat library's lines (the
            // sign-in with its token among them) never reach the log.
            match mona_streaming::twitch::LOG_DIRECTIVE.parse() {
                Ok(directive) => filter.add_directive(directive),
                Err(_) => filter,
            }
        })
        .init();
    let options = LaunchOptions::parse(
        std::env::args_os().skip(1),
        std::env::var_os(launch::DATA_DIR_VARIABLE),
    );
    let bridge = bridge();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_opener::init())
        .invoke_handler(bridge.invoke_handler())
        .setup(move |app| {
            let data_folder = match options.data_folder.clone() {
                Some(folder) => folder,
                None => app.path().app_data_dir()?,
            };
            app.manage(state::AppState::new(started, data_folder, options.demo));
            // The database opens now; the services after the first screen.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                handle.state::<state::AppState>().start_services().await;
            });
            // The window opens hidden and shows with its first screen
            // (`commands::app::ui_ready`); if that screen never comes, it
            // shows anyway.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                tokio::time::sleep(state::SERVICES_WAIT).await;
                show_window(&handle);
            });
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(error) = result {
        tracing::error!(%error, "the app could not start");
        std::process::exit(1);
    }
}

/// Shows the main window (nothing happens when it is on screen already).
pub(crate) fn show_window(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window("main")
        && let Err(error) = window.show()
    {
        tracing::warn!(%error, "the window could not be shown");
    }
}

#[cfg(test)]
mod tests {
    /// The UI compiles against `ui/src/bindings.ts`; if a command or type
    /// changed in Rust without regenerating it, the UI would lie. Run with
    /// `UPDATE_BINDINGS=1` to rewrite the file.
    #[test]
    fn bindings_in_the_ui_match_the_rust_commands() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings.ts");
        let folder = tempfile::tempdir().expect("temporary folder");
        let fresh = folder.path().join("bindings.ts");
        super::bridge()
            .export(
                specta_typescript::Typescript::default()
                    .header("// Generated from the Rust commands by `cargo test -p mona-spark bindings`. Do not edit.\n"),
                &fresh,
            )
            .expect("generate bindings");
        let generated = std::fs::read_to_string(&fresh).expect("read generated bindings");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).expect("write bindings");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "ui/src/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p mona-spark bindings` and commit it"
        );
    }
}
