//! Twitch chat, read and written from the app, through `twitch-irc`.
//!
//! [`TwitchChat::start`] follows the [`TwitchAccount`]: signed in, it
//! connects (to the configured address, [`socket`]) and joins the wanted
//! channels, the streamer's own first; signed out, it disconnects. A task
//! drains the library's messages as they come (the library's own queue is
//! unbounded: it must never wait), turns each into a compact
//! [`ChatEvent`] and puts it in the bounded [`store`]; the page reads from
//! a cursor ([`TwitchChat::after`]), so a stalled page costs no memory.
//!
//! A "Login authentication failed" notice means the token was refused: the
//! account refreshes it (one refresh, whoever asks) and the library's next
//! connection reads the new one; a refresh Twitch refuses signs the account
//! out, and the chat with it.

mod credentials;
mod entry;
pub mod journal;
mod limits;
pub mod preferences;
mod socket;
mod store;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::sync::watch;
use twitch_irc::message::ServerMessage;
use twitch_irc::transport::tcp::TCPTransport;
use twitch_irc::{ClientConfig, TwitchIRCClient};

pub use entry::{ChatBadge, ChatEvent, ChatMessage, ChatPart, ChatReplyTo, Highlights};
pub use limits::{MAX_CHARACTERS, PER_WINDOW, PER_WINDOW_AS_MODERATOR, WINDOW};
pub use store::{ChatBatch, NumberedEvent};

use super::{Moderation, ModerationAction, TwitchAccount, TwitchAccountState, TwitchError};
use credentials::AccountCredentials;
use limits::SendWindow;
use store::ChatStore;

type Client = TwitchIRCClient<TCPTransport<socket::TwitchSocket>, AccountCredentials>;

/// How many events each channel keeps in memory.
pub const DEFAULT_CAPACITY: usize = 2_000;

/// The chat's connection, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChatStatus {
    /// Signed in: the chat connects by itself.
    pub signed_in: bool,
    /// The channels asked for.
    pub wanted: Vec<String>,
    /// The channels Twitch confirmed joining (the others are on their way).
    pub joined: Vec<String>,
}

/// The chat; clones share it.
#[derive(Clone)]
pub struct TwitchChat {
    inner: Arc<Inner>,
}

struct Inner {
    account: TwitchAccount,
    store: Mutex<ChatStore>,
    /// The number of the last event, to wake the readers.
    newest: watch::Sender<u32>,
    status: watch::Sender<ChatStatus>,
    client: Mutex<Option<Client>>,
    highlights: RwLock<Highlights>,
    window: Mutex<SendWindow>,
    /// Channels where the signed-in person is the broadcaster or a
    /// moderator (Twitch's USERSTATE says so on joining).
    moderating: Mutex<HashSet<String>>,
    /// Each joined channel's id (Helix names channels by id), from
    /// Twitch's ROOMSTATE.
    rooms: Mutex<HashMap<String, String>>,
    moderation: Moderation,
    /// Where the streamer's own chat is written down, once given.
    journal: std::sync::OnceLock<journal::ChatJournal>,
}

impl TwitchChat {
    /// Starts following `account`; each channel keeps its last `capacity`
    /// events.
    pub fn start(account: TwitchAccount, capacity: usize) -> TwitchChat {
        socket::point_at(account.http().endpoints().irc.clone());
        let chat = TwitchChat {
            inner: Arc::new(Inner {
                moderation: Moderation::new(account.clone()),
                rooms: Mutex::new(HashMap::new()),
                account,
                store: Mutex::new(ChatStore::new(capacity)),
                newest: watch::Sender::new(0),
                status: watch::Sender::new(ChatStatus::default()),
                client: Mutex::new(None),
                highlights: RwLock::new(Highlights::default()),
                window: Mutex::new(SendWindow::default()),
                moderating: Mutex::new(HashSet::new()),
                journal: std::sync::OnceLock::new(),
            }),
        };
        tokio::spawn(chat.clone().follow_account());
        chat
    }

    /// Writes the signed-in streamer's own chat down in `journal` from now
    /// on (the first journal given stays).
    pub fn keep_journal(&self, journal: journal::ChatJournal) {
        let _ = self.inner.journal.set(journal);
    }

    pub fn status(&self) -> watch::Receiver<ChatStatus> {
        self.inner.status.subscribe()
    }

    /// Takes up what this computer kept: the channels to join, the
    /// keywords to highlight.
    pub fn restore(&self, kept: &mona_core::chat_preferences::ChatPreferences) {
        for channel in &kept.channels {
            if let Err(error) = self.join(channel) {
                tracing::info!(%error, "a kept chat channel is not a Twitch login");
            }
        }
        self.set_keywords(kept.keywords.clone());
    }

    /// The team's keywords to highlight (from now on).
    pub fn set_keywords(&self, keywords: Vec<String>) {
        let mut highlights = write(&self.inner.highlights);
        highlights.keywords = keywords
            .into_iter()
            .map(|k| k.trim().to_lowercase())
            .filter(|k| !k.is_empty())
            .collect();
    }

    async fn follow_account(self) {
        let mut states = self.inner.account.follow();
        let mut signed_in_as: Option<String> = None;
        loop {
            let state = states.borrow_and_update().clone();
            let login = match state {
                TwitchAccountState::SignedIn { login, .. } => Some(login),
                _ => None,
            };
            if login != signed_in_as {
                self.connect_as(login.clone());
                signed_in_as = login;
            }
            if states.changed().await.is_err() {
                return;
            }
        }
    }

    /// A new connection for `login` (none: disconnected).
    fn connect_as(&self, login: Option<String>) {
        // Dropping the client closes its connections.
        let before = lock(&self.inner.client).take();
        drop(before);
        lock(&self.inner.moderating).clear();
        write(&self.inner.highlights).me = login.as_ref().map(|l| l.to_lowercase());
        let Some(login) = login else {
            self.inner.status.send_modify(|s| {
                s.signed_in = false;
                s.joined.clear();
            });
            return;
        };
        let config = ClientConfig::new_simple(AccountCredentials::new(self.inner.account.clone()));
        let (incoming, client) = Client::new(config);
        let mut wanted: BTreeSet<String> =
            self.inner.status.borrow().wanted.iter().cloned().collect();
        // The streamer's own channel, always.
        wanted.insert(login.to_lowercase());
        if let Err(error) = client.set_wanted_channels(wanted.iter().cloned().collect()) {
            tracing::warn!(%error, "a channel of the chat is not a Twitch login");
        }
        self.inner.status.send_modify(|s| {
            s.signed_in = true;
            s.wanted = wanted.into_iter().collect();
            s.joined.clear();
        });
        *lock(&self.inner.client) = Some(client);
        tokio::spawn(self.clone().drain(incoming));
    }

    async fn drain(self, mut incoming: tokio::sync::mpsc::UnboundedReceiver<ServerMessage>) {
        while let Some(message) = incoming.recv().await {
            self.take(message).await;
        }
    }

    async fn take(&self, message: ServerMessage) {
        match message {
            ServerMessage::Privmsg(m) => {
                let event = ChatEvent::Message {
                    message: Box::new(entry::message(&m, &read(&self.inner.highlights))),
                };
                self.push(&m.channel_login, event);
            }
            ServerMessage::ClearMsg(m) => self.push(&m.channel_login, entry::deleted(&m)),
            ServerMessage::ClearChat(m) => self.push(&m.channel_login, entry::cleared(&m)),
            ServerMessage::Notice(m) => match &m.channel_login {
                Some(channel) => self.push(channel, entry::notice(&m)),
                None if m.message_text.contains("Login authentication failed")
                    || m.message_text.contains("Improperly formatted auth") =>
                {
                    self.token_refused().await;
                }
                None => tracing::info!(text = %m.message_text, "Twitch chat notice"),
            },
            ServerMessage::Join(m) => {
                let channel = m.channel_login;
                self.inner.status.send_modify(|s| {
                    if !s.joined.contains(&channel) {
                        s.joined.push(channel);
                        s.joined.sort();
                    }
                });
            }
            ServerMessage::Part(m) => {
                self.inner
                    .status
                    .send_modify(|s| s.joined.retain(|c| *c != m.channel_login));
            }
            ServerMessage::Reconnect(_) => {
                // The library connects again and joins again; until Twitch
                // confirms, nothing is joined.
                self.inner.status.send_modify(|s| s.joined.clear());
            }
            ServerMessage::RoomState(m) => {
                lock(&self.inner.rooms).insert(m.channel_login, m.channel_id);
            }
            ServerMessage::UserState(m) => {
                let moderator = m
                    .badges
                    .iter()
                    .any(|b| b.name == "broadcaster" || b.name == "moderator");
                let mut moderating = lock(&self.inner.moderating);
                if moderator {
                    moderating.insert(m.channel_login);
                } else {
                    moderating.remove(&m.channel_login);
                }
            }
            _ => {}
        }
    }

    async fn token_refused(&self) {
        tracing::info!("Twitch chat refused the token: refreshing it");
        let Ok((token, _, _)) = self.inner.account.access().await else {
            return;
        };
        if let Err(error) = self.inner.account.refreshed_after(&token).await {
            tracing::warn!(%error, "the chat's token could not be refreshed");
        }
    }

    fn push(&self, channel: &str, event: ChatEvent) {
        if let Some(journal) = self.inner.journal.get()
            && read(&self.inner.highlights).me.as_deref() == Some(channel)
        {
            journal.write(channel, &event);
        }
        let last = {
            let mut store = lock(&self.inner.store);
            store.push(channel, event);
            store.last()
        };
        self.inner.newest.send_replace(last);
    }

    /// Events after `cursor`; when there are none yet, waits up to `wait`
    /// for some.
    pub async fn after(&self, cursor: u32, wait: Duration) -> ChatBatch {
        let mut newest = self.inner.newest.subscribe();
        if *newest.borrow_and_update() == cursor {
            let _ = tokio::time::timeout(wait, newest.changed()).await;
        }
        lock(&self.inner.store).after(cursor)
    }

    /// Deletes a message, times out, bans or unbans in `channel`'s chat
    /// (through Helix, as the signed-in person; their rights decide).
    pub async fn moderate(
        &self,
        channel: &str,
        action: &ModerationAction,
    ) -> Result<(), TwitchError> {
        let room = lock(&self.inner.rooms)
            .get(channel)
            .cloned()
            .ok_or(TwitchError::NotInChannel)?;
        self.inner.moderation.apply(&room, action).await
    }

    /// Joins `channel` (a Twitch login, with or without `#`).
    pub fn join(&self, channel: &str) -> Result<String, TwitchError> {
        let channel = channel.trim().trim_start_matches('#').to_lowercase();
        twitch_irc::validate::validate_login(&channel).map_err(|_| TwitchError::InvalidChannel)?;
        if let Some(client) = lock(&self.inner.client).as_ref() {
            client
                .join(channel.clone())
                .map_err(|_| TwitchError::InvalidChannel)?;
        }
        self.inner.status.send_modify(|s| {
            if !s.wanted.contains(&channel) {
                s.wanted.push(channel.clone());
                s.wanted.sort();
            }
        });
        Ok(channel)
    }

    /// Leaves `channel`; its messages leave memory.
    pub fn leave(&self, channel: &str) {
        if let Some(client) = lock(&self.inner.client).as_ref() {
            client.part(channel.to_owned());
        }
        lock(&self.inner.store).forget(channel);
        self.inner.status.send_modify(|s| {
            s.wanted.retain(|c| c != channel);
            s.joined.retain(|c| c != channel);
        });
    }

    /// Sends `text` to `channel`, in reply to the message `reply_to` when
    /// given. Checked first: not empty, at most [`MAX_CHARACTERS`], within
    /// Twitch's rate ([`PER_WINDOW`] per [`WINDOW`]). Twitch does not send
    /// a sender's own messages back: the sent one is added to the chat
    /// here.
    pub async fn send(
        &self,
        channel: &str,
        text: &str,
        reply_to: Option<String>,
    ) -> Result<(), TwitchError> {
        let text = super::fitting(text, MAX_CHARACTERS)?;
        if text.is_empty() {
            return Err(TwitchError::EmptyMessage);
        }
        let client = lock(&self.inner.client)
            .clone()
            .ok_or(TwitchError::NotSignedIn)?;
        let moderator = lock(&self.inner.moderating).contains(channel);
        lock(&self.inner.window)
            .take(Instant::now(), moderator)
            .map_err(|wait| TwitchError::TooFast {
                retry_in_ms: wait.as_millis().min(u128::from(u32::MAX)) as u32,
            })?;
        let sent = match &reply_to {
            Some(id) => {
                client
                    .say_in_reply_to(&(channel.to_owned(), id.clone()), text.to_owned())
                    .await
            }
            None => client.say(channel.to_owned(), text.to_owned()).await,
        };
        sent.map_err(|error| {
            tracing::info!(%error, "a chat message was not sent");
            TwitchError::Unreachable
        })?;
        let (_, login, user_id) = self.inner.account.access().await?;
        let own = ChatMessage {
            id: format!("sent-{}", jiff::Timestamp::now().as_millisecond()),
            name: login.clone(),
            login,
            user_id,
            color: None,
            badges: Vec::new(),
            parts: vec![ChatPart::Text {
                text: text.to_owned(),
            }],
            action: false,
            mentions_me: false,
            keyword: false,
            reply_to: reply_to.map(|id| ChatReplyTo {
                id,
                login: String::new(),
                text: String::new(),
            }),
            sent_at: jiff::Timestamp::now().to_string(),
        };
        self.push(
            channel,
            ChatEvent::Message {
                message: Box::new(own),
            },
        );
        Ok(())
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
