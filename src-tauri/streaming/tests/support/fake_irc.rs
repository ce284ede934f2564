//! A fake of Twitch's chat server on loopback, speaking its IRC with IRCv3
//! tags: CAP, PASS/NICK checked against the fake sign-in services' valid
//! tokens ("Login authentication failed" otherwise), JOIN with its echo,
//! NAMES, USERSTATE and ROOMSTATE, PING/PONG, and what a test makes it
//! send to a channel: messages, RECONNECT, a flood.
//!
//! The app's chat address is one per process, so the server is one per
//! test binary, on a thread of its own (it outlives each test's runtime);
//! tests keep apart by channel.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

type Validator = Arc<dyn Fn(&str) -> bool + Send + Sync>;

struct Connection {
    login: String,
    token: String,
    joined: HashSet<String>,
    lines: mpsc::UnboundedSender<String>,
}

#[derive(Default)]
struct Server {
    connections: Vec<Connection>,
    validators: Vec<Validator>,
    /// Every line clients sent, in order.
    received: Vec<String>,
    logins: u32,
}

pub struct FakeIrc {
    pub port: u16,
    server: Arc<Mutex<Server>>,
}

impl FakeIrc {
    /// The binary's server, started on first use.
    pub fn shared() -> &'static FakeIrc {
        static FAKE: OnceLock<FakeIrc> = OnceLock::new();
        FAKE.get_or_init(|| {
            let server = Arc::new(Mutex::new(Server::default()));
            let (port_tx, port_rx) = std::sync::mpsc::channel();
            let serving = server.clone();
            std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("a runtime");
                runtime.block_on(async move {
                    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
                    port_tx
                        .send(listener.local_addr().expect("an address").port())
                        .expect("the port told");
                    loop {
                        let Ok((socket, _)) = listener.accept().await else {
                            continue;
                        };
                        tokio::spawn(serve(socket, serving.clone()));
                    }
                });
            });
            let port = port_rx.recv().expect("the server's port");
            FakeIrc { port, server }
        })
    }

    /// Tokens `valid` accepts may sign in (each test adds its sign-in fake).
    pub fn accept(&self, valid: impl Fn(&str) -> bool + Send + Sync + 'static) {
        self.lock().validators.push(Arc::new(valid));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Server> {
        self.server.lock().expect("not poisoned")
    }

    /// Sends `line` to every connection that joined `channel`.
    pub fn to_channel(&self, channel: &str, line: &str) {
        for c in self
            .lock()
            .connections
            .iter()
            .filter(|c| c.joined.contains(channel))
        {
            let _ = c.lines.send(line.to_owned());
        }
    }

    /// A chat message from `login` in `channel`, tagged as Twitch tags them.
    pub fn say(&self, channel: &str, login: &str, id: &str, text: &str) {
        self.to_channel(channel, &privmsg(channel, login, id, text));
    }

    /// Every line clients sent that contains `needle`.
    pub fn received(&self, needle: &str) -> Vec<String> {
        self.lock()
            .received
            .iter()
            .filter(|l| l.contains(needle))
            .cloned()
            .collect()
    }

    /// How many times a client signed in successfully.
    pub fn logins(&self) -> u32 {
        self.lock().logins
    }

    /// The token the connection in `channel` signed in with.
    pub fn token_in(&self, channel: &str) -> Option<String> {
        self.lock()
            .connections
            .iter()
            .find(|c| c.joined.contains(channel))
            .map(|c| c.token.clone())
    }
}

/// A PRIVMSG line with every tag Twitch sends (without one, the library
/// does not take it as a chat message).
pub fn privmsg(channel: &str, login: &str, id: &str, text: &str) -> String {
    format!(
        "@badge-info=;badges=subscriber/6;color=#1E90FF;display-name={login};emotes=;first-msg=0;id={id};mod=0;room-id=1001;subscriber=1;tmi-sent-ts=1764800000000;turbo=0;user-id=2002;user-type= :{login}!{login}@{login}.tmi.twitch.tv PRIVMSG #{channel} :{text}"
    )
}

async fn serve(socket: tokio::net::TcpStream, server: Arc<Mutex<Server>>) {
    let (read, mut write) = socket.into_split();
    let (lines, mut outgoing) = mpsc::unbounded_channel::<String>();
    tokio::spawn(async move {
        while let Some(line) = outgoing.recv().await {
            if line == "\u{0}close" {
                let _ = write.shutdown().await;
                return;
            }
            if write
                .write_all(format!("{line}\r\n").as_bytes())
                .await
                .is_err()
            {
                return;
            }
        }
    });
    let mut reader = BufReader::new(read).lines();
    let mut token = String::new();
    let mut login = String::new();
    let mut index: Option<usize> = None;
    while let Ok(Some(line)) = reader.next_line().await {
        server
            .lock()
            .expect("not poisoned")
            .received
            .push(line.clone());
        let send = |l: String| {
            let _ = lines.send(l);
        };
        if line.starts_with("CAP REQ") {
            send(":tmi.twitch.tv CAP * ACK :twitch.tv/tags twitch.tv/commands".into());
        } else if let Some(t) = line.strip_prefix("PASS oauth:") {
            token = t.to_owned();
        } else if let Some(n) = line.strip_prefix("NICK ") {
            login = n.to_owned();
            let valid = {
                let s = server.lock().expect("not poisoned");
                s.validators.iter().any(|v| v(&token))
            };
            if !valid {
                send(":tmi.twitch.tv NOTICE * :Login authentication failed".into());
                send("\u{0}close".into());
                return;
            }
            for (code, text) in [
                ("001", "Welcome, GLHF!"),
                ("002", "Your host is tmi.twitch.tv"),
                ("003", "This server is rather new"),
                ("004", "-"),
                ("375", "-"),
                ("372", "You are in a maze of twisty passages."),
                ("376", ">"),
            ] {
                send(format!(":tmi.twitch.tv {code} {login} :{text}"));
            }
            send(format!(
                "@badge-info=;badges=;color=;display-name={login};emote-sets=0;user-id=141981764;user-type= :tmi.twitch.tv GLOBALUSERSTATE"
            ));
            let mut s = server.lock().expect("not poisoned");
            s.logins += 1;
            s.connections.push(Connection {
                login: login.clone(),
                token: token.clone(),
                joined: HashSet::new(),
                lines: lines.clone(),
            });
            index = Some(s.connections.len() - 1);
        } else if let Some(channels) = line.strip_prefix("JOIN ") {
            for channel in channels.split(',') {
                let channel = channel.trim_start_matches('#').to_owned();
                send(format!(
                    ":{login}!{login}@{login}.tmi.twitch.tv JOIN #{channel}"
                ));
                send(format!(
                    ":{login}.tmi.twitch.tv 353 {login} = #{channel} :{login}"
                ));
                send(format!(
                    ":{login}.tmi.twitch.tv 366 {login} #{channel} :End of /NAMES list"
                ));
                let badges = if channel == login {
                    "broadcaster/1"
                } else {
                    ""
                };
                send(format!(
                    "@badge-info=;badges={badges};color=;display-name={login};emote-sets=0;mod=0;subscriber=0;user-type= :tmi.twitch.tv USERSTATE #{channel}"
                ));
                send(format!(
                    "@emote-only=0;followers-only=-1;r9k=0;room-id=1001;slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #{channel}"
                ));
                if let Some(i) = index {
                    let mut s = server.lock().expect("not poisoned");
                    if let Some(c) = s.connections.get_mut(i) {
                        c.joined.insert(channel);
                    }
                }
            }
        } else if let Some(channel) = line.strip_prefix("PART #") {
            if let Some(i) = index {
                let mut s = server.lock().expect("not poisoned");
                if let Some(c) = s.connections.get_mut(i) {
                    c.joined.remove(channel);
                }
            }
            send(format!(
                ":{login}!{login}@{login}.tmi.twitch.tv PART #{channel}"
            ));
        } else if let Some(rest) = line.strip_prefix("PING") {
            send(format!(":tmi.twitch.tv PONG tmi.twitch.tv{rest}"));
        }
    }
    if let Some(i) = index {
        let mut s = server.lock().expect("not poisoned");
        if let Some(c) = s.connections.get_mut(i) {
            c.joined.clear();
        }
    }
}
