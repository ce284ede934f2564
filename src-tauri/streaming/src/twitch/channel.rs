//! The signed-in streamer's channel on Twitch: its title and category
//! (read and changed), whether it is live and how many watch, and stream
//! markers (a moment of the live to find again in the VOD).
//!
//! Twitch announces none of this without EventSub, so the Streaming screen
//! asks again every minute while it is open.

use serde::{Deserialize, Serialize};
use twitch_api::helix::channels::{
    GetChannelInformationRequest, ModifyChannelInformationBody, ModifyChannelInformationRequest,
};
use twitch_api::helix::search::SearchCategoriesRequest;
use twitch_api::helix::streams::{
    CreateStreamMarkerBody, CreateStreamMarkerRequest, GetStreamsRequest,
};
use twitch_api::helix::{RequestGet, RequestPatch, RequestPost};

use std::sync::Arc;

use mona_core::Database;
use mona_core::live_log::LiveMarker;

use super::helix::Helix;
use super::{TwitchAccount, TwitchError, TwitchLiveError};

/// Twitch's longest title and marker description.
pub const MAX_TITLE: usize = 140;

/// A Twitch category ("Just Chatting", "Music"…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Category {
    pub id: String,
    pub name: String,
}

/// The channel as the Streaming screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChannelInfo {
    pub login: String,
    pub title: String,
    pub category: Option<Category>,
    /// `None` when the channel is offline.
    pub live: Option<Live>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Live {
    pub viewers: u32,
    /// RFC 3339.
    pub started_at: String,
}

/// The signed-in streamer's channel.
#[derive(Clone)]
pub struct TwitchChannel {
    helix: Helix,
}

fn parse<R, T>(
    request: R,
    uri: http::Uri,
    answer: http::Response<Vec<u8>>,
) -> Result<T, TwitchError>
where
    R: RequestGet + twitch_api::helix::Request<Response = T>,
    T: serde::de::DeserializeOwned + PartialEq,
{
    R::parse_response(Some(request), &uri, answer)
        .map(|response| response.data)
        .map_err(|error| {
            tracing::warn!(%error, "a Helix answer was not understood");
            TwitchError::Refused {
                message: String::new(),
            }
        })
}

impl TwitchChannel {
    pub fn new(account: TwitchAccount) -> TwitchChannel {
        TwitchChannel {
            helix: Helix::new(account),
        }
    }

    /// Title, category and live figures of the signed-in streamer's channel.
    pub async fn info(&self) -> Result<ChannelInfo, TwitchError> {
        let me = self.helix.me().await?;
        let ids = [twitch_api::types::UserId::from(me.clone())];
        let answer = self
            .helix
            .send(|token, client_id, _| {
                GetChannelInformationRequest::broadcaster_ids(&ids[..])
                    .create_request(token, client_id)
            })
            .await?;
        let uri: http::Uri = "https://api.twitch.tv/helix/channels"
            .parse()
            .unwrap_or_default();
        let channels = parse(
            GetChannelInformationRequest::broadcaster_ids(&ids[..]),
            uri,
            answer,
        )?;
        let channel = channels.into_iter().next().ok_or(TwitchError::Refused {
            message: String::new(),
        })?;
        let streams = self
            .helix
            .send(|token, client_id, _| {
                GetStreamsRequest::user_ids(&ids[..]).create_request(token, client_id)
            })
            .await?;
        let uri: http::Uri = "https://api.twitch.tv/helix/streams"
            .parse()
            .unwrap_or_default();
        let live = parse(GetStreamsRequest::user_ids(&ids[..]), uri, streams)?
            .into_iter()
            .next()
            .map(|stream| Live {
                viewers: stream.viewer_count.min(u32::MAX as usize) as u32,
                started_at: stream.started_at.to_string(),
            });
        Ok(ChannelInfo {
            login: channel.broadcaster_login.to_string(),
            title: channel.title,
            category: (!channel.game_id.as_str().is_empty()).then(|| Category {
                id: channel.game_id.to_string(),
                name: channel.game_name.to_string(),
            }),
            live,
        })
    }

    /// Changes the title and, when given, the category.
    pub async fn update(&self, title: &str, category_id: Option<&str>) -> Result<(), TwitchError> {
        let title = super::fitting(title, MAX_TITLE)?;
        if title.is_empty() {
            return Err(TwitchError::EmptyMessage);
        }
        self.helix
            .send(|token, client_id, me| {
                let mut body = ModifyChannelInformationBody::new();
                body.title(title);
                if let Some(id) = category_id {
                    body.game_id(id);
                }
                ModifyChannelInformationRequest::broadcaster_id(me)
                    .create_request(body, token, client_id)
            })
            .await
            .map(|_| ())
    }

    /// Categories whose name matches `query`, as Twitch ranks them.
    pub async fn categories(&self, query: &str) -> Result<Vec<Category>, TwitchError> {
        let query = query.trim();
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let answer = self
            .helix
            .send(|token, client_id, _| {
                SearchCategoriesRequest::query(query).create_request(token, client_id)
            })
            .await?;
        let uri: http::Uri = "https://api.twitch.tv/helix/search/categories"
            .parse()
            .unwrap_or_default();
        Ok(parse(SearchCategoriesRequest::query(query), uri, answer)?
            .into_iter()
            .map(|c| Category {
                id: c.id.to_string(),
                name: c.name,
            })
            .collect())
    }

    /// Marks the live's current moment on Twitch, with a description
    /// (Twitch keeps 140 characters), and writes it down with the live under
    /// way, so the live's archived recording lists it. Twitch refuses when
    /// the channel is not live.
    pub async fn mark(
        &self,
        db: &Arc<Database>,
        description: &str,
    ) -> Result<LiveMarker, TwitchLiveError> {
        let description = super::fitting(description, MAX_TITLE)?.to_owned();
        let at = jiff::Timestamp::now();
        self.helix
            .send(|token, client_id, me| {
                CreateStreamMarkerRequest::new().create_request(
                    CreateStreamMarkerBody::new(me, description.as_str()),
                    token,
                    client_id,
                )
            })
            .await?;
        let login = self.helix.login().await?;
        let db = Arc::clone(db);
        Ok(
            crate::blocking(move || mona_core::live_log::mark(&db, &login, &description, at))
                .await?,
        )
    }
}
