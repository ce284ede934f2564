//! Moderating the chat through Twitch's API (Helix), against a fake of it
//! that checks the token, the client id and the moderator's rights.

mod support;

use mona_streaming::twitch::{Moderation, TwitchError};
use support::fake_twitch::{FakeTwitch, signed_in};

const CHANNEL: &str = "1001";

async fn moderator(name: &str) -> (FakeTwitch, Moderation) {
    let (fake, account) = signed_in(name).await;
    (fake, Moderation::new(account))
}

#[tokio::test]
async fn a_moderator_deletes_a_message_times_out_bans_and_unbans() {
    let (fake, moderation) = moderator("moderate").await;
    moderation
        .delete_message(CHANNEL, "m-spam")
        .await
        .expect("deleted");
    moderation
        .ban(CHANNEL, "42", Some(600), "spam de liens")
        .await
        .expect("timed out");
    moderation
        .ban(CHANNEL, "43", None, "insultes")
        .await
        .expect("banned");
    moderation.unban(CHANNEL, "42").await.expect("unbanned");
    assert_eq!(
        fake.with(|t| t.moderation.clone()),
        [
            "delete m-spam",
            "ban 42 600 spam de liens",
            "ban 43 - insultes",
            "unban 42"
        ]
    );
}

#[tokio::test]
async fn a_token_refused_during_moderation_is_refreshed_and_the_action_done_once() {
    let (fake, moderation) = moderator("moderate-refresh").await;
    fake.with(|t| t.expire_access_tokens());
    moderation
        .ban(CHANNEL, "42", Some(60), "calme-toi")
        .await
        .expect("timed out after a refresh");
    assert_eq!(fake.with(|t| t.refreshes), 1);
    assert_eq!(fake.with(|t| t.moderation.clone()), ["ban 42 60 calme-toi"]);
}

#[tokio::test]
async fn what_twitch_refuses_is_said_with_its_reason() {
    let (fake, moderation) = moderator("moderate-refused").await;
    fake.with(|t| t.not_moderator_in.insert("2002".into()));
    assert_eq!(
        moderation.delete_message("2002", "m-1").await,
        Err(TwitchError::NotModerator)
    );
    assert_eq!(
        moderation.delete_message(CHANNEL, "old").await,
        Err(TwitchError::Refused {
            message: "You cannot delete messages older than 6 hours.".into()
        })
    );
    fake.with(|t| t.revoke_everything());
    assert!(matches!(
        moderation.unban(CHANNEL, "42").await,
        Err(TwitchError::SignInAgain { .. })
    ));
    assert!(fake.with(|t| t.moderation.is_empty()));
}
