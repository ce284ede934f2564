//! Streaming Command Center commands: which OBS this computer drives, the
//! link's health and OBS's changes sent to the page as they happen, and
//! what the streamer does in OBS from the app (scenes, sources); the Twitch
//! application and account (sign-in, sign-out); the recordings archived
//! from OBS.

use mona_core::chat_preferences::{self, ChatPreferences};
use mona_core::live_log::LiveMarker;
use mona_core::obs_connection::ObsConnection;
use mona_core::recordings::{self, RecordingEntry, RecordingFile, RecordingKeep};
use mona_core::run_of_show::{self, LiveSummary, RunOfShow, SegmentFields};
use mona_core::twitch_app::{self, TwitchApp};
use mona_core::twitch_schedule::{self, LiveOnTwitch};
use mona_streaming::archive::ArchiveNews;
use mona_streaming::live::{self, LiveRunner, SegmentStarted};
use mona_streaming::obs::setup::{self, ObsSetup};
use mona_streaming::obs::{AudioInput, ObsUpdate, OutputAction, SceneItem, SceneList};
use mona_streaming::twitch::channel::{Category, ChannelInfo};
use mona_streaming::twitch::chat::{ChatBatch, ChatStatus, preferences};
use mona_streaming::twitch::{ModerationAction, TwitchAccountState};
use tauri::State;
use tauri::ipc::Channel;

use crate::error::AppError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn obs_setup(state: State<'_, AppState>) -> Result<Option<ObsSetup>, AppError> {
    state.run(setup::setup).await
}

/// Saves OBS's address (and a new password, to the keychain) and connects.
#[tauri::command]
#[specta::specta]
pub async fn save_obs_setup(
    state: State<'_, AppState>,
    connection: ObsConnection,
    password: Option<String>,
) -> Result<ObsSetup, AppError> {
    let (saved, endpoint) = state
        .run(move |db| setup::configure(db, connection, password))
        .await?;
    state.obs().await?.configure(endpoint);
    Ok(saved)
}

/// Stops driving OBS from this computer.
#[tauri::command]
#[specta::specta]
pub async fn forget_obs_setup(state: State<'_, AppState>) -> Result<(), AppError> {
    state.run(setup::forget).await?;
    state.obs().await?.configure(None);
    Ok(())
}

/// "Retry": connect now, whatever the wait or the problem.
#[tauri::command]
#[specta::specta]
pub async fn obs_retry(state: State<'_, AppState>) -> Result<(), AppError> {
    state.obs().await?.retry_now();
    Ok(())
}

/// Sends the link's health, OBS's figures and OBS's changes to the page as
/// they happen, until the page stops listening or follows again (a reload).
#[tauri::command]
#[specta::specta]
pub async fn follow_obs(
    state: State<'_, AppState>,
    updates: Channel<ObsUpdate>,
) -> Result<(), AppError> {
    let link = state.obs().await?.clone();
    state.replace_follower(
        "obs",
        tauri::async_runtime::spawn(async move {
            link.follow(move |update| updates.send(update).is_ok())
                .await;
        }),
    );
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn obs_scenes(state: State<'_, AppState>) -> Result<SceneList, AppError> {
    Ok(state.obs().await?.scenes().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn obs_switch_scene(state: State<'_, AppState>, scene: String) -> Result<(), AppError> {
    Ok(state.obs().await?.switch_program(&scene).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn obs_scene_items(
    state: State<'_, AppState>,
    scene: String,
) -> Result<Vec<SceneItem>, AppError> {
    Ok(state.obs().await?.scene_items(&scene).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn obs_set_item_visible(
    state: State<'_, AppState>,
    scene: String,
    item_id: u32,
    visible: bool,
) -> Result<(), AppError> {
    Ok(state
        .obs()
        .await?
        .set_item_visible(&scene, item_id, visible)
        .await?)
}

/// Starts, stops or pauses the stream, the recording or the replay buffer;
/// stopping a recording answers with its file.
#[tauri::command]
#[specta::specta]
pub async fn obs_output(
    state: State<'_, AppState>,
    action: OutputAction,
) -> Result<Option<String>, AppError> {
    Ok(state.obs().await?.output(action).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn obs_set_studio_mode(
    state: State<'_, AppState>,
    enabled: bool,
) -> Result<(), AppError> {
    Ok(state.obs().await?.set_studio_mode(enabled).await?)
}

/// In studio mode: prepares a scene in the preview.
#[tauri::command]
#[specta::specta]
pub async fn obs_set_preview(state: State<'_, AppState>, scene: String) -> Result<(), AppError> {
    Ok(state.obs().await?.set_preview(&scene).await?)
}

/// In studio mode: the preview goes on air.
#[tauri::command]
#[specta::specta]
pub async fn obs_transition(state: State<'_, AppState>) -> Result<(), AppError> {
    Ok(state.obs().await?.transition().await?)
}

/// A picture of what is on air (a `data:` URL), for the program preview.
#[tauri::command]
#[specta::specta]
pub async fn obs_program_snapshot(
    state: State<'_, AppState>,
    width: u32,
) -> Result<String, AppError> {
    Ok(state.obs().await?.program_snapshot(width).await?)
}

/// The inputs that carry sound, with their mute and fader.
#[tauri::command]
#[specta::specta]
pub async fn obs_audio_inputs(state: State<'_, AppState>) -> Result<Vec<AudioInput>, AppError> {
    Ok(state.obs().await?.audio_inputs().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn obs_set_muted(
    state: State<'_, AppState>,
    input: String,
    muted: bool,
) -> Result<(), AppError> {
    Ok(state.obs().await?.set_muted(&input, muted).await?)
}

/// Moves an input's fader, in decibels.
#[tauri::command]
#[specta::specta]
pub async fn obs_set_volume(
    state: State<'_, AppState>,
    input: String,
    volume_db: f64,
) -> Result<(), AppError> {
    Ok(state.obs().await?.set_volume_db(&input, volume_db).await?)
}

/// Sends `values`' current value to the page, then each change, until the
/// page stops listening.
async fn send_each<T: Clone + serde::Serialize>(
    mut values: tokio::sync::watch::Receiver<T>,
    updates: Channel<T>,
) {
    loop {
        let now = values.borrow_and_update().clone();
        if updates.send(now).is_err() || values.changed().await.is_err() {
            return;
        }
    }
}

/// The Twitch application this computer signs in with, if set.
#[tauri::command]
#[specta::specta]
pub async fn twitch_app(state: State<'_, AppState>) -> Result<Option<TwitchApp>, AppError> {
    state.run(twitch_app::get).await
}

/// Saves the Twitch application's client id; a different one signs out the
/// account of the one before.
#[tauri::command]
#[specta::specta]
pub async fn save_twitch_app(
    state: State<'_, AppState>,
    app: TwitchApp,
) -> Result<TwitchApp, AppError> {
    let saved = state.run(move |db| twitch_app::save(db, app)).await?;
    state
        .twitch()
        .await?
        .configure(Some(saved.client_id.clone()))
        .await;
    Ok(saved)
}

/// Stops using Twitch from this computer (the account is signed out).
#[tauri::command]
#[specta::specta]
pub async fn forget_twitch_app(state: State<'_, AppState>) -> Result<(), AppError> {
    state.run(twitch_app::forget).await?;
    state.twitch().await?.configure(None).await;
    Ok(())
}

/// Sends the Twitch account's state to the page (now, then each change),
/// until the page stops listening or follows again (a reload).
#[tauri::command]
#[specta::specta]
pub async fn follow_twitch_account(
    state: State<'_, AppState>,
    updates: Channel<TwitchAccountState>,
) -> Result<(), AppError> {
    let states = state.twitch().await?.follow();
    state.replace_follower(
        "twitch account",
        tauri::async_runtime::spawn(send_each(states, updates)),
    );
    Ok(())
}

/// Starts a Twitch sign-in: the code to type on twitch.tv comes back; the
/// account's state says when it was typed.
#[tauri::command]
#[specta::specta]
pub async fn twitch_sign_in(state: State<'_, AppState>) -> Result<TwitchAccountState, AppError> {
    Ok(state.twitch().await?.start_sign_in().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn twitch_cancel_sign_in(state: State<'_, AppState>) -> Result<(), AppError> {
    state.twitch().await?.cancel_sign_in();
    Ok(())
}

/// Signs out of Twitch: the token is revoked, then forgotten here.
#[tauri::command]
#[specta::specta]
pub async fn twitch_sign_out(state: State<'_, AppState>) -> Result<(), AppError> {
    Ok(state.twitch().await?.sign_out().await?)
}

/// Sends the chat's connection (channels wanted and joined) to the page,
/// now and at each change.
#[tauri::command]
#[specta::specta]
pub async fn follow_twitch_chat(
    state: State<'_, AppState>,
    updates: Channel<ChatStatus>,
) -> Result<(), AppError> {
    let status = state.chat().await?.status();
    state.replace_follower(
        "twitch chat",
        tauri::async_runtime::spawn(send_each(status, updates)),
    );
    Ok(())
}

/// The chat's events after `cursor`, waiting up to a second for some: the
/// page asks again when it has drawn them, so a page that stalls makes
/// nothing pile up.
#[tauri::command]
#[specta::specta]
pub async fn twitch_chat_after(
    state: State<'_, AppState>,
    cursor: u32,
) -> Result<ChatBatch, AppError> {
    Ok(state
        .chat()
        .await?
        .after(cursor, std::time::Duration::from_secs(1))
        .await)
}

/// Joins a channel's chat, this session and the next ones; answers the
/// channel's name as Twitch writes it.
#[tauri::command]
#[specta::specta]
pub async fn twitch_chat_join(
    state: State<'_, AppState>,
    channel: String,
) -> Result<String, AppError> {
    let chat = state.chat().await?.clone();
    state
        .run(move |db| preferences::join(db, &chat, &channel))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn twitch_chat_leave(
    state: State<'_, AppState>,
    channel: String,
) -> Result<(), AppError> {
    let chat = state.chat().await?.clone();
    state
        .run(move |db| preferences::leave(db, &chat, &channel))
        .await
}

/// The chat's kept channels and keywords.
#[tauri::command]
#[specta::specta]
pub async fn twitch_chat_preferences(
    state: State<'_, AppState>,
) -> Result<ChatPreferences, AppError> {
    state.run(chat_preferences::get).await
}

/// Keeps and uses the keywords the chat highlights.
#[tauri::command]
#[specta::specta]
pub async fn set_twitch_chat_keywords(
    state: State<'_, AppState>,
    keywords: Vec<String>,
) -> Result<ChatPreferences, AppError> {
    let chat = state.chat().await?.clone();
    state
        .run(move |db| preferences::set_keywords(db, &chat, keywords))
        .await
}

/// Sends a chat message (in reply to `reply_to`, a message's id, if given).
#[tauri::command]
#[specta::specta]
pub async fn twitch_chat_send(
    state: State<'_, AppState>,
    channel: String,
    text: String,
    reply_to: Option<String>,
) -> Result<(), AppError> {
    Ok(state.chat().await?.send(&channel, &text, reply_to).await?)
}

/// Deletes a message, times out, bans or unbans someone in `channel`'s chat.
#[tauri::command]
#[specta::specta]
pub async fn twitch_moderate(
    state: State<'_, AppState>,
    channel: String,
    action: ModerationAction,
) -> Result<(), AppError> {
    Ok(state.chat().await?.moderate(&channel, &action).await?)
}

/// The signed-in streamer's channel: title, category, live and viewers.
#[tauri::command]
#[specta::specta]
pub async fn twitch_channel(state: State<'_, AppState>) -> Result<ChannelInfo, AppError> {
    Ok(state.channel().await?.info().await?)
}

/// Changes the channel's title and, when given, its category.
#[tauri::command]
#[specta::specta]
pub async fn update_twitch_channel(
    state: State<'_, AppState>,
    title: String,
    category_id: Option<String>,
) -> Result<(), AppError> {
    Ok(state
        .channel()
        .await?
        .update(&title, category_id.as_deref())
        .await?)
}

/// Twitch categories matching what was typed.
#[tauri::command]
#[specta::specta]
pub async fn twitch_categories(
    state: State<'_, AppState>,
    query: String,
) -> Result<Vec<Category>, AppError> {
    Ok(state.channel().await?.categories(&query).await?)
}

/// Marks the live's current moment on Twitch, written down with the live.
#[tauri::command]
#[specta::specta]
pub async fn twitch_marker(
    state: State<'_, AppState>,
    description: String,
) -> Result<LiveMarker, AppError> {
    Ok(state
        .channel()
        .await?
        .mark(&state.database().await?, &description)
        .await?)
}

/// How many recordings the Streaming screen lists.
const RECORDINGS_LISTED: u32 = 50;

/// This computer's latest recordings and what became of them.
#[tauri::command]
#[specta::specta]
pub async fn recordings(state: State<'_, AppState>) -> Result<Vec<RecordingEntry>, AppError> {
    state
        .run(|db| recordings::recent(db, RECORDINGS_LISTED))
        .await
}

/// Sends the archive's news (the list changed, the recording under way)
/// to the page as it happens.
#[tauri::command]
#[specta::specta]
pub async fn follow_recordings(
    state: State<'_, AppState>,
    updates: Channel<ArchiveNews>,
) -> Result<(), AppError> {
    let news = state.archive().await?.news();
    state.replace_follower(
        "recordings",
        tauri::async_runtime::spawn(send_each(news, updates)),
    );
    Ok(())
}

/// An archived recording's thumbnail, as a `data:` URL the page shows.
#[tauri::command]
#[specta::specta]
pub async fn recording_thumbnail(
    state: State<'_, AppState>,
    asset_id: String,
) -> Result<String, AppError> {
    use base64::Engine as _;
    let jpeg = state
        .run(move |db| recordings::thumbnail(db, &asset_id))
        .await?;
    Ok(format!(
        "data:image/jpeg;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(jpeg)
    ))
}

/// Opens a file of an archived recording (the video, its chat log, the
/// live's record) with the program the system chooses for it.
#[tauri::command]
#[specta::specta]
pub async fn open_recording_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    asset_id: String,
    file: RecordingFile,
) -> Result<(), AppError> {
    let path = state
        .run(move |db| recordings::file_path(db, &asset_id, file))
        .await?;
    super::open_with_system(&app, &path)
}

/// Tries a recording that failed again.
#[tauri::command]
#[specta::specta]
pub async fn retry_recording(
    state: State<'_, AppState>,
    intake_id: String,
) -> Result<(), AppError> {
    Ok(state.archive().await?.retry(&intake_id).await?)
}

/// Stops archiving the recording under way; its file stays where OBS wrote it.
#[tauri::command]
#[specta::specta]
pub async fn cancel_recording(
    state: State<'_, AppState>,
    intake_id: String,
) -> Result<(), AppError> {
    state.archive().await?.cancel(&intake_id);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn recording_keep(state: State<'_, AppState>) -> Result<RecordingKeep, AppError> {
    state.run(recordings::keep).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_recording_keep(
    state: State<'_, AppState>,
    keep: RecordingKeep,
) -> Result<RecordingKeep, AppError> {
    state.run(move |db| recordings::set_keep(db, keep)).await
}

/// The lives on the calendar from now on (and the one under way).
#[tauri::command]
#[specta::specta]
pub async fn upcoming_lives(state: State<'_, AppState>) -> Result<Vec<LiveSummary>, AppError> {
    state
        .run(|db| run_of_show::upcoming_lives(db, jiff::Timestamp::now()))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn run_of_show(
    state: State<'_, AppState>,
    event_id: String,
) -> Result<RunOfShow, AppError> {
    state.run(move |db| run_of_show::get(db, &event_id)).await
}

/// Saves a live's segments as the person ordered and filled them.
#[tauri::command]
#[specta::specta]
pub async fn save_run_of_show(
    state: State<'_, AppState>,
    event_id: String,
    segments: Vec<SegmentFields>,
) -> Result<RunOfShow, AppError> {
    state
        .run(move |db| run_of_show::save(db, &event_id, segments))
        .await
}

/// Starts a segment now: logged, its scene on air, its message posted.
#[tauri::command]
#[specta::specta]
pub async fn start_live_segment(
    state: State<'_, AppState>,
    segment_id: String,
) -> Result<SegmentStarted, AppError> {
    let chat = state.live_chat().await?();
    Ok(live::start_segment(
        &state.database().await?,
        state.obs().await?,
        chat.as_ref(),
        &segment_id,
    )
    .await?)
}

/// Starts running `event_id`'s automatic segments on time (none: stops).
#[tauri::command]
#[specta::specta]
pub async fn run_live(
    state: State<'_, AppState>,
    event_id: Option<String>,
) -> Result<Option<String>, AppError> {
    let runner = match &event_id {
        Some(event_id) => Some(LiveRunner::start(
            state.database().await?,
            state.obs().await?.clone(),
            state.live_chat().await?,
            event_id,
        )),
        None => None,
    };
    state.run_live(runner);
    Ok(state.live_running())
}

/// `event_id` as the Twitch schedule would show it, and whether it does.
#[tauri::command]
#[specta::specta]
pub async fn live_on_twitch(
    state: State<'_, AppState>,
    event_id: String,
) -> Result<LiveOnTwitch, AppError> {
    state
        .run(move |db| twitch_schedule::live_on_twitch(db, &event_id, jiff::Timestamp::now()))
        .await
}

/// Publishes `event_id` on the streamer's Twitch schedule, or brings it up
/// to date there (a cancelled live shows cancelled).
#[tauri::command]
#[specta::specta]
pub async fn publish_live_on_twitch(
    state: State<'_, AppState>,
    event_id: String,
    category: Option<Category>,
) -> Result<LiveOnTwitch, AppError> {
    Ok(state
        .schedule()
        .await?
        .publish(&state.database().await?, &event_id, category)
        .await?)
}

/// Takes `event_id` off the streamer's Twitch schedule.
#[tauri::command]
#[specta::specta]
pub async fn withdraw_live_from_twitch(
    state: State<'_, AppState>,
    event_id: String,
) -> Result<LiveOnTwitch, AppError> {
    Ok(state
        .schedule()
        .await?
        .withdraw(&state.database().await?, &event_id)
        .await?)
}

/// The live whose automatic segments run, if any.
#[tauri::command]
#[specta::specta]
pub async fn live_running(state: State<'_, AppState>) -> Result<Option<String>, AppError> {
    Ok(state.live_running())
}
