//! Lives on the signed-in streamer's Twitch schedule: published, brought up
//! to date, cancelled and withdrawn from the app.
//!
//! The core decides what the schedule should show
//! ([`mona_core::twitch_schedule`]); this module sends it through Helix and
//! keeps what Twitch made of it. Publishing a live that is already on the
//! schedule updates its broadcast (a cancelled live is shown cancelled
//! there); a broadcast someone deleted on twitch.tv is made again; a
//! change Twitch cannot make in place (a live that starts or stops
//! repeating) replaces the broadcast. A live published on another
//! streamer's channel is only changed by that streamer.

use std::sync::Arc;

use jiff::Timestamp;
use mona_core::Database;
use mona_core::twitch_schedule::{self, LiveOnTwitch, PublishedLive};
use twitch_api::helix::schedule::update_channel_stream_schedule_segment::{
    UpdateChannelStreamScheduleSegmentBody, UpdateChannelStreamScheduleSegmentRequest,
};
use twitch_api::helix::schedule::{
    CreateChannelStreamScheduleSegmentBody, CreateChannelStreamScheduleSegmentRequest,
    DeleteChannelStreamScheduleSegmentRequest, ScheduledBroadcasts,
};
use twitch_api::helix::{RequestDelete, RequestPatch, RequestPost};
use twitch_api::types::IntoCow;

use super::channel::Category;
use super::helix::Helix;
use super::{TwitchAccount, TwitchError, TwitchLiveError};

/// The signed-in streamer's schedule.
#[derive(Clone)]
pub struct TwitchSchedule {
    helix: Helix,
}

impl TwitchSchedule {
    pub fn new(account: TwitchAccount) -> TwitchSchedule {
        TwitchSchedule {
            helix: Helix::new(account),
        }
    }

    /// Makes the schedule show `event_id` as it is now, in `category` (none:
    /// the category it was published in, if any).
    pub async fn publish(
        &self,
        db: &Arc<Database>,
        event_id: &str,
        category: Option<Category>,
    ) -> Result<LiveOnTwitch, TwitchLiveError> {
        let live = on_database(db, event_id, |db, id| {
            twitch_schedule::to_send(db, id, Timestamp::now())
        })
        .await?;
        let (login, me) = (self.helix.login().await?, self.helix.me().await?);
        let category = category.or_else(|| {
            let published = live.published.as_ref()?;
            Some(Category {
                id: published.category_id.clone()?,
                name: published.category_name.clone().unwrap_or_default(),
            })
        });
        let sent = match &live.published {
            Some(published) if published.channel_id != me => {
                return Err(TwitchError::OtherChannel {
                    login: published.channel_login.clone(),
                }
                .into());
            }
            Some(published) if published.weekly == live.weekly => {
                match self.update(&live, published, category.as_ref()).await? {
                    Some(sent) => sent,
                    None => self.create(&live, category.as_ref()).await?,
                }
            }
            Some(published) => {
                self.delete(&published.segment_id).await?;
                self.create(&live, category.as_ref()).await?
            }
            None => self.create(&live, category.as_ref()).await?,
        };
        let published = PublishedLive {
            segment_id: sent,
            channel_id: me,
            channel_login: login,
            title: live.title.clone(),
            starts_at: live.starts_at.clone(),
            minutes: live.minutes,
            weekly: live.weekly,
            cancelled: live.cancelled,
            category_id: category.as_ref().map(|c| c.id.clone()),
            category_name: category.map(|c| c.name),
            published_at: String::new(),
        };
        Ok(on_database(db, event_id, move |db, id| {
            twitch_schedule::record_published(db, id, &published)
        })
        .await?)
    }

    /// Takes `event_id` off the schedule (already gone there: done).
    pub async fn withdraw(
        &self,
        db: &Arc<Database>,
        event_id: &str,
    ) -> Result<LiveOnTwitch, TwitchLiveError> {
        let live = on_database(db, event_id, |db, id| {
            twitch_schedule::live_on_twitch(db, id, Timestamp::now())
        })
        .await?;
        let Some(published) = &live.published else {
            return Ok(live);
        };
        let me = self.helix.me().await?;
        if published.channel_id != me {
            return Err(TwitchError::OtherChannel {
                login: published.channel_login.clone(),
            }
            .into());
        }
        self.delete(&published.segment_id).await?;
        Ok(on_database(db, event_id, twitch_schedule::record_withdrawn).await?)
    }

    /// A new broadcast on the schedule; its id.
    async fn create(
        &self,
        live: &LiveOnTwitch,
        category: Option<&Category>,
    ) -> Result<String, TwitchError> {
        let start = timestamp(&live.starts_at)?;
        let duration = live.minutes.to_string();
        let answer = self
            .helix
            .send(|token, client_id, me| {
                let mut body = CreateChannelStreamScheduleSegmentBody::new(
                    &*start,
                    &*live.time_zone,
                    live.weekly,
                );
                body.duration = Some(duration.as_str().into());
                body.title = Some(live.title.as_str().into());
                body.category_id = category.map(|c| c.id.as_str().into_cow());
                CreateChannelStreamScheduleSegmentRequest::broadcaster_id(me)
                    .create_request(body, token, client_id)
            })
            .await?;
        let broadcasts =
            CreateChannelStreamScheduleSegmentRequest::parse_response(None, &uri(), answer)
                .map(|response| response.data)
                .map_err(|error| not_understood(&error))?;
        segment_id(broadcasts)
    }

    /// The broadcast `published` made to show `live`; `None` when Twitch no
    /// longer has it.
    async fn update(
        &self,
        live: &LiveOnTwitch,
        published: &PublishedLive,
        category: Option<&Category>,
    ) -> Result<Option<String>, TwitchError> {
        let duration = live.minutes.to_string();
        let Some(answer) = self
            .helix
            .send_unless_gone(|token, client_id, me| {
                let mut body = UpdateChannelStreamScheduleSegmentBody::default();
                body.start_time = Some(live.starts_at.as_str().into());
                body.timezone = Some(live.time_zone.as_str().into());
                body.duration = Some(duration.as_str().into());
                body.title = Some(live.title.as_str().into());
                body.is_canceled = Some(live.cancelled);
                body.category_id = category.map(|c| c.id.as_str().into_cow());
                UpdateChannelStreamScheduleSegmentRequest::new(me, published.segment_id.as_str())
                    .create_request(body, token, client_id)
            })
            .await?
        else {
            return Ok(None);
        };
        let broadcasts =
            UpdateChannelStreamScheduleSegmentRequest::parse_response(None, &uri(), answer)
                .map(|response| response.data)
                .map_err(|error| not_understood(&error))?;
        segment_id(broadcasts).map(Some)
    }

    /// Deletes a broadcast (one Twitch no longer has counts as deleted).
    async fn delete(&self, segment_id: &str) -> Result<(), TwitchError> {
        self.helix
            .send_unless_gone(|token, client_id, me| {
                DeleteChannelStreamScheduleSegmentRequest::new(me, segment_id)
                    .create_request(token, client_id)
            })
            .await
            .map(|_| ())
    }
}

/// Runs a core call about `event_id` off the async runtime's threads.
async fn on_database<T: Send + 'static>(
    db: &Arc<Database>,
    event_id: &str,
    call: impl FnOnce(&Database, &str) -> Result<T, mona_core::Error> + Send + 'static,
) -> Result<T, mona_core::Error> {
    let (db, id) = (Arc::clone(db), event_id.to_owned());
    crate::blocking(move || call(&db, &id)).await
}

fn uri() -> http::Uri {
    http::Uri::from_static("https://api.twitch.tv/helix/schedule/segment")
}

fn timestamp(instant: &str) -> Result<twitch_api::types::Timestamp, TwitchError> {
    twitch_api::types::Timestamp::try_from(instant).map_err(|error| {
        tracing::error!(%error, "a live's start is not an RFC 3339 instant");
        TwitchError::Refused {
            message: String::new(),
        }
    })
}

fn not_understood(error: &dyn std::fmt::Display) -> TwitchError {
    tracing::warn!(%error, "a Helix answer was not understood");
    TwitchError::Refused {
        message: String::new(),
    }
}

/// The id of the broadcast Twitch answers with (the first: a weekly one
/// lists its coming weeks, and any of them names the whole series).
fn segment_id(broadcasts: ScheduledBroadcasts) -> Result<String, TwitchError> {
    broadcasts
        .segments
        .into_iter()
        .next()
        .map(|segment| segment.id.to_string())
        .ok_or_else(|| not_understood(&"no broadcast in Twitch's answer"))
}
