//! No Twitch token reaches the log, at any level the app lets through, nor
//! an error, nor what the page is sent, through a sign-in, the chat signing
//! in and sending, a refresh, a revoked sign-in and a sign-out.

mod support;

use std::time::Duration;

use mona_streaming::twitch::chat::TwitchChat;
use mona_streaming::twitch::{LOG_DIRECTIVE, TwitchAccountState};
use support::fake_irc::FakeIrc;
use support::fake_twitch::{FakeTwitch, Twitch};
use support::log::Log;

#[tokio::test]
async fn no_twitch_token_reaches_the_log_an_error_or_the_page() {
    let log = Log::default();
    // Everything at trace level, but for the one directive the app's log
    // always carries (the chat library writes the lines it sends there).
    let filter = tracing_subscriber::EnvFilter::new("trace")
        .add_directive(LOG_DIRECTIVE.parse().expect("a directive"));
    let subscriber = tracing_subscriber::fmt()
        .with_writer(log.clone())
        .with_env_filter(filter)
        .with_ansi(false)
        .finish();
    // One thread: the account's tasks and the HTTP client log here too.
    let _logging = tracing::subscriber::set_default(subscriber);

    let fake = FakeTwitch::start(Twitch::default()).await;
    let irc = FakeIrc::shared();
    let account = fake.account(fake.with_chat(), "secrets");
    let mut said = Vec::new();
    let mut states = account.follow();
    said.push(format!("{:?}", account.start_sign_in().await));
    tokio::time::timeout(
        Duration::from_secs(10),
        states.wait_for(|s| matches!(s, TwitchAccountState::SignedIn { .. })),
    )
    .await
    .expect("signed in in time")
    .expect("the account lives");

    // The chat signs in with the token and sends a message.
    let chat = TwitchChat::start(account.clone(), 100);
    let mut status = chat.status();
    tokio::time::timeout(
        Duration::from_secs(10),
        status.wait_for(|s| !s.joined.is_empty()),
    )
    .await
    .expect("the chat joined in time")
    .expect("the chat lives");
    said.push(format!(
        "{:?}",
        chat.send("nadia_live", "bonsoir", None).await
    ));
    assert!(
        !irc.received("PASS oauth:").is_empty(),
        "the chat signed in"
    );

    // A refusal, a refresh; then Twitch forgets everything.
    let (token, _, _) = account.access().await.expect("a token");
    fake.with(|t| t.expire_access_tokens());
    said.push(format!("{:?}", account.refreshed_after(&token).await));
    said.push(format!("{:?}", account.check().await));
    fake.with(|t| t.revoke_everything());
    let (token, _, _) = account.access().await.expect("a token");
    said.push(format!("{:?}", account.refreshed_after(&token).await));
    said.push(format!("{:?}", account.sign_out().await));
    said.push(serde_json::to_string(&account.state()).expect("serializable"));

    let issued = fake.with(|t| t.issued.clone());
    assert!(
        issued.len() >= 4,
        "a sign-in and a refresh issued two pairs"
    );
    let logged = log.text();
    assert!(!logged.is_empty(), "the test saw the log");
    for token in &issued {
        assert!(
            !logged.contains(token.as_str()),
            "a token is in the log:\n{logged}"
        );
        for words in &said {
            assert!(!words.contains(token.as_str()), "a token is in {words}");
        }
    }
}
