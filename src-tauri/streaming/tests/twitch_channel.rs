//! The streamer's channel through Twitch's API (Helix), against a fake of
//! it: title and category read and changed, live status and viewers,
//! stream markers.

mod support;

use std::time::Duration;

use mona_core::keychain::Secret;
use mona_streaming::twitch::channel::{Category, ChannelInfo, Live, TwitchChannel};
use mona_streaming::twitch::{TwitchAccount, TwitchAccountState, TwitchError, TwitchHttp};
use support::fake_twitch::{CLIENT_ID, FakeTwitch, LOGIN, Twitch};
use support::keychain::use_memory_keychain;

async fn streamer(name: &str) -> (FakeTwitch, TwitchChannel) {
    use_memory_keychain();
    let fake = FakeTwitch::start(Twitch {
        pending_polls: 0,
        ..Twitch::default()
    })
    .await;
    let account = TwitchAccount::new(
        TwitchHttp::new(fake.endpoints()),
        Some(CLIENT_ID.into()),
        Secret::new("MONA x SPARK Desk tests", name),
    );
    let mut states = account.follow();
    account.start_sign_in().await.expect("a code");
    tokio::time::timeout(
        Duration::from_secs(10),
        states.wait_for(|s| matches!(s, TwitchAccountState::SignedIn { .. })),
    )
    .await
    .expect("signed in in time")
    .expect("the account lives");
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
async fn live_the_channel_shows_its_viewers_and_takes_a_marker() {
    let (fake, channel) = streamer("channel-live").await;
    assert!(
        matches!(
            channel.mark("début du DJ set").await,
            Err(TwitchError::Refused { .. })
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
    channel.mark("début du DJ set").await.expect("marked");
    assert_eq!(fake.with(|t| t.markers.clone()), ["début du DJ set"]);
}
