//! Twitch chat in the app, against a fake chat server that speaks Twitch's
//! IRC (tags, JOIN echoes, RECONNECT, "Login authentication failed") and a
//! fake of Twitch's sign-in service.

mod support;

use std::time::Duration;

use mona_streaming::twitch::chat::{ChatEvent, ChatPart, ChatStatus, TwitchChat};
use mona_streaming::twitch::{TwitchAccount, TwitchError};
use support::fake_irc::FakeIrc;
use support::fake_twitch::{FakeTwitch, Twitch, sign_in};
use tokio::sync::watch;

const SOON: Duration = Duration::from_secs(10);

/// A streamer signed in on a fake Twitch whose tokens the chat server
/// takes, and the chat following the account.
async fn signed_in(name: &str, capacity: usize) -> (FakeTwitch, TwitchAccount, TwitchChat) {
    let fake = FakeTwitch::start(Twitch {
        pending_polls: 0,
        ..Twitch::default()
    })
    .await;
    let account = fake.account(fake.with_chat(), name);
    let chat = TwitchChat::start(account.clone(), capacity);
    sign_in(&account).await;
    (fake, account, chat)
}

async fn joined(status: &mut watch::Receiver<ChatStatus>, channel: &str) {
    let seen = tokio::time::timeout(
        SOON,
        status.wait_for(|s| s.joined.iter().any(|c| c == channel)),
    )
    .await
    .map(|found| found.is_ok());
    assert_eq!(
        seen,
        Ok(true),
        "never joined #{channel}: {:?}",
        status.borrow().clone()
    );
}

/// The messages' texts in a channel, read from `cursor` until `count` came.
async fn texts(chat: &TwitchChat, channel: &str, count: usize) -> Vec<String> {
    let mut cursor = 0;
    let mut texts = Vec::new();
    let deadline = tokio::time::Instant::now() + SOON;
    while texts.len() < count && tokio::time::Instant::now() < deadline {
        let batch = chat.after(cursor, Duration::from_millis(200)).await;
        cursor = batch.last;
        for numbered in batch.events.into_iter().filter(|e| e.channel == channel) {
            if let ChatEvent::Message { message } = numbered.event {
                texts.push(
                    message
                        .parts
                        .iter()
                        .map(|p| match p {
                            ChatPart::Text { text } => text.clone(),
                            ChatPart::Emote { name, .. } => name.clone(),
                        })
                        .collect(),
                );
            }
        }
    }
    texts
}

#[tokio::test]
async fn signed_in_the_streamer_is_in_their_own_chat_and_sees_messages_with_their_colour_and_badges()
 {
    let (_fake, _account, chat) = signed_in("own-chat", 100).await;
    let mut status = chat.status();
    joined(&mut status, "nadia_live").await;
    let channel = chat.join("#Ecoute_Live").expect("a channel name");
    assert_eq!(channel, "ecoute_live");
    joined(&mut status, "ecoute_live").await;

    FakeIrc::shared().say(
        "ecoute_live",
        "kenza_b",
        "m-own-1",
        "première ! <img src=x onerror=alert(1)>",
    );
    let batch = {
        let mut cursor = 0;
        loop {
            let batch = chat.after(cursor, SOON).await;
            cursor = batch.last;
            if batch.events.iter().any(|e| e.channel == "ecoute_live") {
                break batch;
            }
        }
    };
    let message = batch
        .events
        .into_iter()
        .find_map(|e| match e.event {
            ChatEvent::Message { message } if e.channel == "ecoute_live" => Some(message),
            _ => None,
        })
        .expect("the message");
    assert_eq!(message.name, "kenza_b");
    assert_eq!(message.color.as_deref(), Some("#1e90ff"));
    assert_eq!(message.badges[0].name, "subscriber");
    // The markup stays text: the page shows it, never runs it.
    assert_eq!(
        message.parts,
        vec![ChatPart::Text {
            text: "première ! <img src=x onerror=alert(1)>".into()
        }]
    );
}

#[tokio::test]
async fn after_twitch_says_reconnect_the_chat_comes_back_by_itself() {
    let (_fake, _account, chat) = signed_in("reconnect", 100).await;
    let mut status = chat.status();
    chat.join("reco_chan").expect("a channel");
    joined(&mut status, "reco_chan").await;
    let irc = FakeIrc::shared();
    let logins = irc.logins();

    irc.to_channel("reco_chan", ":tmi.twitch.tv RECONNECT");
    // The library connects again and joins again.
    tokio::time::timeout(SOON, async {
        while irc.logins() == logins {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("connected again");
    joined(&mut status, "reco_chan").await;
    irc.say("reco_chan", "marius", "m-reco-1", "toujours là ?");
    assert_eq!(texts(&chat, "reco_chan", 1).await, ["toujours là ?"]);
}

#[tokio::test]
async fn a_token_the_chat_refuses_is_refreshed_and_the_chat_signs_in_with_the_new_one() {
    let (fake, account, chat) = signed_in("refused", 100).await;
    let mut status = chat.status();
    chat.join("refresh_chan").expect("a channel");
    joined(&mut status, "refresh_chan").await;
    let irc = FakeIrc::shared();
    let (old, _, _) = account.access().await.expect("a token");

    // The token expires; Twitch drops the connection; the library comes
    // back with the old token and is told "Login authentication failed".
    fake.with(|t| t.expire_access_tokens());
    irc.to_channel("refresh_chan", ":tmi.twitch.tv RECONNECT");
    tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            if irc
                .token_in("refresh_chan")
                .is_some_and(|t| t != old.as_str())
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("signed in to the chat with a new token");
    assert_eq!(fake.with(|t| t.refreshes), 1);
    let (new, _, _) = account.access().await.expect("a token");
    assert_eq!(irc.token_in("refresh_chan").as_deref(), Some(new.as_str()));
}

#[tokio::test]
async fn a_flood_keeps_memory_bounded_and_a_late_reader_is_told_how_many_it_missed() {
    let (_fake, _account, chat) = signed_in("flood", 500).await;
    let mut status = chat.status();
    chat.join("flood_chan").expect("a channel");
    joined(&mut status, "flood_chan").await;
    let irc = FakeIrc::shared();
    let start = chat.after(u32::MAX, Duration::ZERO).await.last;

    // The page is stalled while 20,000 messages arrive.
    for n in 0..20_000 {
        irc.say(
            "flood_chan",
            "viewer",
            &format!("f-{n}"),
            &format!("message {n}"),
        );
    }
    irc.say("flood_chan", "viewer", "f-last", "le dernier");
    tokio::time::timeout(SOON, async {
        // Watching for the last one (from a cursor of its own, which waits
        // when nothing is new).
        let mut cursor = start;
        loop {
            let batch = chat.after(cursor, Duration::from_millis(100)).await;
            cursor = batch.last;
            let last_in = batch.events.iter().any(
                |e| matches!(&e.event, ChatEvent::Message { message } if message.id == "f-last"),
            );
            if last_in {
                return;
            }
        }
    })
    .await
    .expect("the flood drained");
    let batch = chat.after(start, Duration::ZERO).await;
    let in_channel = batch
        .events
        .iter()
        .filter(|e| e.channel == "flood_chan")
        .count();
    assert_eq!(in_channel, 500, "the channel keeps its last 500");
    assert!(
        batch.dropped >= 20_001 - 500,
        "the reader learns what it missed: {}",
        batch.dropped
    );
}

#[tokio::test]
async fn what_twitch_would_refuse_is_refused_before_sending_with_the_reason() {
    let (_fake, _account, chat) = signed_in("limits", 100).await;
    let mut status = chat.status();
    chat.join("limits_chan").expect("a channel");
    joined(&mut status, "limits_chan").await;

    let long = "é".repeat(501);
    assert_eq!(
        chat.send("limits_chan", &long, None).await,
        Err(TwitchError::TooLong {
            max: 500,
            count: 501
        })
    );
    assert_eq!(
        chat.send("limits_chan", "   ", None).await,
        Err(TwitchError::EmptyMessage)
    );
    assert_eq!(chat.join("pas un nom"), Err(TwitchError::InvalidChannel));

    for n in 0..20 {
        chat.send("limits_chan", &format!("message {n}"), None)
            .await
            .expect("within the rate");
    }
    match chat.send("limits_chan", "un de trop", None).await {
        Err(TwitchError::TooFast { retry_in_ms }) => {
            assert!(retry_in_ms > 25_000 && retry_in_ms <= 30_000)
        }
        other => panic!("the 21st message in 30 s went: {other:?}"),
    }
    let irc = FakeIrc::shared();
    tokio::time::timeout(SOON, async {
        while irc.received("PRIVMSG #limits_chan").len() < 20 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("twenty messages reached Twitch");
    assert!(irc.received("un de trop").is_empty());
}

#[tokio::test]
async fn a_reply_names_the_message_it_answers_and_the_streamers_own_message_shows_in_the_chat() {
    let (_fake, _account, chat) = signed_in("reply", 100).await;
    let mut status = chat.status();
    chat.join("reply_chan").expect("a channel");
    joined(&mut status, "reply_chan").await;
    let irc = FakeIrc::shared();
    irc.say(
        "reply_chan",
        "kenza_b",
        "m-question",
        "c'est quand le concert ?",
    );
    assert_eq!(texts(&chat, "reply_chan", 1).await.len(), 1);

    chat.send("reply_chan", "samedi 20h !", Some("m-question".into()))
        .await
        .expect("sent");
    tokio::time::timeout(SOON, async {
        while irc.received("reply-parent-msg-id=m-question").is_empty() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the reply reached Twitch with its parent");
    assert_eq!(
        texts(&chat, "reply_chan", 2).await,
        ["c'est quand le concert ?", "samedi 20h !"]
    );
}

#[tokio::test]
async fn a_moderator_acts_from_the_chat_and_twitch_is_asked_by_the_channels_id() {
    let (fake, _account, chat) = signed_in("chat-moderation", 100).await;
    let mut status = chat.status();
    chat.join("modo_chan").expect("a channel");
    joined(&mut status, "modo_chan").await;
    use mona_streaming::twitch::ModerationAction;
    // The channel's id comes with ROOMSTATE, right after the JOIN echo.
    let timeout = ModerationAction::Timeout {
        user_id: "2002".into(),
        seconds: 600,
        reason: "spam".into(),
    };
    let deadline = tokio::time::Instant::now() + SOON;
    while chat.moderate("modo_chan", &timeout).await == Err(TwitchError::NotInChannel) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the channel's id never came"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    chat.moderate(
        "modo_chan",
        &ModerationAction::Delete {
            message_id: "m-9".into(),
        },
    )
    .await
    .expect("deleted");
    assert_eq!(
        fake.with(|t| t.moderation.clone()),
        ["ban 2002 600 spam", "delete m-9"]
    );
    assert_eq!(
        chat.moderate(
            "pas_rejoint",
            &ModerationAction::Unban {
                user_id: "1".into()
            }
        )
        .await,
        Err(TwitchError::NotInChannel)
    );
}

#[tokio::test]
async fn channels_joined_and_keywords_set_are_there_again_at_the_next_start() {
    use mona_core::chat_preferences;
    use mona_streaming::twitch::chat::preferences;
    let folder = tempfile::tempdir().expect("a folder");
    let db = mona_core::Database::open(folder.path()).expect("a database");
    let (_fake, account, chat) = signed_in("chat-kept", 100).await;
    preferences::join(&db, &chat, "#Kept_Chan").expect("joined");
    preferences::set_keywords(&db, &chat, vec![" Concours ".into(), "concours".into()])
        .expect("kept");

    // The app starts again: a new chat takes up what was kept.
    let again = TwitchChat::start(account.clone(), 100);
    again.restore(&chat_preferences::get(&db).expect("read"));
    let mut status = again.status();
    joined(&mut status, "kept_chan").await;
    joined(&mut status, "nadia_live").await;
    FakeIrc::shared().say(
        "kept_chan",
        "viewer",
        "kw-1",
        "le CONCOURS commence quand ?",
    );
    let mut cursor = 0;
    let message = loop {
        let batch = again.after(cursor, SOON).await;
        cursor = batch.last;
        let found = batch.events.into_iter().find_map(|e| match e.event {
            ChatEvent::Message { message } if message.id == "kw-1" => Some(message),
            _ => None,
        });
        if let Some(message) = found {
            break message;
        }
    };
    assert!(message.keyword, "the kept keyword is highlighted");
}

#[tokio::test]
async fn the_streamers_own_chat_is_written_down_and_a_watched_channels_is_not() {
    use mona_streaming::twitch::chat::journal::{self, ChatJournal, JournalEntry};
    let (_fake, _account, chat) = signed_in("journal", 100).await;
    let folder = tempfile::tempdir().expect("a folder");
    chat.keep_journal(ChatJournal::open(folder.path().to_owned()));
    let mut status = chat.status();
    joined(&mut status, "nadia_live").await;
    chat.join("ecoute_journal").expect("a channel name");
    joined(&mut status, "ecoute_journal").await;
    // The fake server dates every message as Twitch did on 2025-12-03.
    let sent = jiff::Timestamp::from_millisecond(1_764_800_000_000).expect("an instant");
    let (since, until) = (
        sent - jiff::SignedDuration::from_mins(1),
        sent + jiff::SignedDuration::from_mins(1),
    );

    let irc = FakeIrc::shared();
    irc.say(
        "ecoute_journal",
        "kenza_b",
        "m-journal-2",
        "pas dans le journal",
    );
    irc.say("nadia_live", "kenza_b", "m-journal-1", "dans le journal");
    assert_eq!(texts(&chat, "nadia_live", 1).await, ["dans le journal"]);

    let ids = |lines: &[journal::ChannelLine]| -> Vec<(String, String)> {
        lines
            .iter()
            .filter_map(|l| match &l.line.entry {
                JournalEntry::Event {
                    event: ChatEvent::Message { message },
                } => Some((l.channel.clone(), message.id.clone())),
                _ => None,
            })
            .collect()
    };
    let deadline = tokio::time::Instant::now() + SOON;
    let written = loop {
        let written = ids(&journal::lines_between(folder.path(), since, until));
        if written.iter().any(|(_, id)| id == "m-journal-1")
            || tokio::time::Instant::now() > deadline
        {
            break written;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        written.contains(&("nadia_live".into(), "m-journal-1".into())),
        "{written:?}"
    );
    assert!(
        written.iter().all(|(channel, _)| channel == "nadia_live"),
        "a watched channel is not written down: {written:?}"
    );
}
