//! The streamer's channel through Twitch's API (Helix), against a fake of
//! it: title and category read and changed, live status and viewers,
//! stream markers.

mod support;

use mona_streaming::twitch::channel::{Category, ChannelInfo, Live, TwitchChannel};
use mona_streaming::twitch::{TwitchError, TwitchLiveError};
use support::fake_twitch::{FakeTwitch, LOGIN, signed_in};

async fn streamer(name: &str) -> (FakeTwitch, TwitchChannel) {
    let (fake, account) = signed_in(name).await;
    (fake, TwitchChannel::new(account))
}

#[tokio::test]
async fn the_streamer_retitles_the_channel_and_picks_a_category_found_by_name() {
    let (fake, channel) = streamer("channel-edit").await;
    assert_eq!(
        channel.info().await.expect("the channel"),
        ChannelInfo {
            login: LOGIN.into(),
            title: "Session compo du jeudi".into(),
            category: Some(Category {
                id: "26936".into(),
                name: "Music".into()
            }),
            live: None,
        }
    );
    let found = channel.categories("just").await.expect("categories");
    assert_eq!(
        found.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["Just Chatting"]
    );
    channel
        .update(
            "Release party de Kenza B. — écoute en live",
            Some(&found[0].id),
        )
        .await
        .expect("updated");
    assert_eq!(
        fake.with(|t| t.title.clone()),
        "Release party de Kenza B. — écoute en live"
    );
    assert_eq!(fake.with(|t| t.category.1.clone()), "Just Chatting");
    let too_long = "a".repeat(141);
    assert_eq!(
        channel.update(&too_long, None).await,
        Err(TwitchError::TooLong {
            max: 140,
            count: 141
        })
    );
}

#[tokio::test]
async fn live_the_channel_shows_its_viewers_and_takes_a_marker_written_down_with_the_live() {
    let (fake, channel) = streamer("channel-live").await;
    let folder = tempfile::tempdir().expect("a folder");
    let db = std::sync::Arc::new(mona_core::Database::open(folder.path()).expect("a database"));
    assert!(
        matches!(
            channel.mark(&db, "début du DJ set").await,
            Err(TwitchLiveError::Twitch(TwitchError::Refused { .. }))
        ),
        "offline, Twitch refuses a marker"
    );
    fake.with(|t| t.viewers = Some(1_234));
    let info = channel.info().await.expect("the channel");
    assert_eq!(
        info.live,
        Some(Live {
            viewers: 1_234,
            started_at: "2026-12-04T19:00:00Z".into()
        })
    );
    let marker = channel
        .mark(&db, " début du DJ set ")
        .await
        .expect("marked");
    assert_eq!(fake.with(|t| t.markers.clone()), ["début du DJ set"]);
    assert_eq!(
        (marker.description.as_str(), marker.event_id),
        ("début du DJ set", None),
        "no live planned now"
    );
}
