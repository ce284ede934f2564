//! Running a live's run-of-show: a segment that starts puts its scene on
//! air in OBS and posts its message in the streamer's chat.
//!
//! Why here: the plan and what happened live in the core
//! ([`mona_core::run_of_show`]); OBS and Twitch are this crate's. Starting
//! a segment logs it first (the real time, the sponsor's moment delivered),
//! then asks OBS and the chat: if OBS is away or the chat refuses, the
//! start is still logged and the screen says which step did not happen, so
//! the streamer does it by hand. A segment starts once: a second start (a
//! double click, the runner and a click together) asks nothing again.
//!
//! [`LiveRunner`] starts the automatic segments at their planned time
//! while the live runs, one check a second.

use std::sync::Arc;
use std::time::Duration;

use mona_core::Database;
use mona_core::run_of_show::{self, Segment};
use serde::Serialize;
use tokio::sync::watch;

use crate::obs::ObsLink;
use crate::twitch::chat::TwitchChat;

/// What happened when a segment started.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SegmentStarted {
    pub segment: Segment,
    /// Whether the segment's scene went on air (`None`: no scene planned,
    /// or the segment had started already).
    pub scene_on_air: Option<bool>,
    /// Whether its message was posted (`None`: none planned, or started
    /// already).
    pub message_posted: Option<bool>,
}

/// Where a segment's message goes: the streamer's chat, once signed in.
#[derive(Clone)]
pub struct LiveChat {
    pub chat: TwitchChat,
    /// The streamer's own channel (their login).
    pub channel: String,
}

/// Starts `segment_id`: logged, then its scene put on air and its message
/// posted.
pub async fn start_segment(
    db: &Arc<Database>,
    obs: &ObsLink,
    chat: Option<&LiveChat>,
    segment_id: &str,
) -> Result<SegmentStarted, mona_core::Error> {
    let (db, id) = (Arc::clone(db), segment_id.to_owned());
    let start = crate::blocking(move || run_of_show::start(&db, &id)).await?;
    let segment = start.segment;
    if !start.first_time {
        return Ok(SegmentStarted {
            segment,
            scene_on_air: None,
            message_posted: None,
        });
    }
    let scene_on_air = match &segment.fields.obs_scene {
        Some(scene) => Some(match obs.switch_program(scene).await {
            Ok(()) => true,
            Err(error) => {
                tracing::warn!(%error, "a segment's scene could not be put on air");
                false
            }
        }),
        None => None,
    };
    let message_posted = match (&segment.fields.chat_message, chat) {
        (Some(message), Some(chat)) => {
            Some(match chat.chat.send(&chat.channel, message, None).await {
                Ok(()) => true,
                Err(error) => {
                    tracing::warn!(%error, "a segment's chat message could not be posted");
                    false
                }
            })
        }
        (Some(_), None) => Some(false),
        (None, _) => None,
    };
    Ok(SegmentStarted {
        segment,
        scene_on_air,
        message_posted,
    })
}

/// Starts the automatic segments of one live at their planned time.
/// Dropping it (or starting another live's) stops it.
pub struct LiveRunner {
    event_id: String,
    _stop: watch::Sender<()>,
}

impl LiveRunner {
    /// Runs `event_id`'s automatic segments until the runner is dropped.
    /// `chat` is asked for the streamer's chat at each start (the sign-in
    /// may come or go during the live).
    pub fn start(
        db: Arc<Database>,
        obs: ObsLink,
        chat: impl Fn() -> Option<LiveChat> + Send + 'static,
        event_id: &str,
    ) -> LiveRunner {
        let (stop, mut stopped) = watch::channel(());
        let event = event_id.to_owned();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            loop {
                tokio::select! {
                    _ = tick.tick() => {}
                    _ = stopped.changed() => return,
                }
                let (reader, id) = (Arc::clone(&db), event.clone());
                let due =
                    crate::blocking(move || run_of_show::due(&reader, &id, jiff::Timestamp::now()))
                        .await;
                let due = match due {
                    Ok(due) => due,
                    Err(error) => {
                        tracing::warn!(%error, "the run-of-show could not be read");
                        continue;
                    }
                };
                for segment in due {
                    let chat = chat();
                    if let Err(error) = start_segment(&db, &obs, chat.as_ref(), &segment).await {
                        tracing::warn!(%error, "an automatic segment could not start");
                    }
                }
            }
        });
        LiveRunner {
            event_id: event_id.to_owned(),
            _stop: stop,
        }
    }

    /// The live it runs.
    pub fn event_id(&self) -> &str {
        &self.event_id
    }
}
