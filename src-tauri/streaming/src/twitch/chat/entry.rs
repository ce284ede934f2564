//! What the chat keeps of Twitch's messages: a compact, display-ready form
//! (a few hundred bytes instead of the parsed IRC line's kilobytes), made
//! once, on the task that drains the socket.

use serde::{Deserialize, Serialize};
use twitch_irc::message::{
    ClearChatAction, ClearChatMessage, ClearMsgMessage, NoticeMessage, PrivmsgMessage,
};

/// One chat message, as the chat view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChatMessage {
    /// Twitch's id (to reply to it, delete it).
    pub id: String,
    pub login: String,
    pub user_id: String,
    /// The name as the person writes it (capitals, sometimes another
    /// script than the login).
    pub name: String,
    /// `#RRGGBB`, when the person chose a colour.
    pub color: Option<String>,
    /// Badges in Twitch's order (`broadcaster`, `moderator`, `subscriber`…).
    pub badges: Vec<ChatBadge>,
    /// The text cut into plain text and Twitch emotes. Shown as text nodes
    /// and images: never parsed as HTML.
    pub parts: Vec<ChatPart>,
    /// A `/me` message.
    pub action: bool,
    /// The message names the signed-in streamer (`@login` or the login).
    pub mentions_me: bool,
    /// The message holds one of the team's keywords.
    pub keyword: bool,
    pub reply_to: Option<ChatReplyTo>,
    /// When Twitch received it (RFC 3339).
    pub sent_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChatBadge {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChatPart {
    Text {
        text: String,
    },
    /// A Twitch emote: its image is
    /// `https://static-cdn.jtvnw.net/emoticons/v2/{id}/default/dark/1.0`.
    Emote {
        id: String,
        name: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChatReplyTo {
    pub id: String,
    pub login: String,
    pub text: String,
}

/// One thing that happened in a channel's chat, in the order it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChatEvent {
    /// Boxed: messages are most events, and the other kinds are small.
    Message { message: Box<ChatMessage> },
    /// A moderator deleted one message.
    Deleted { id: String },
    /// A person was timed out (`seconds`) or banned (none): their messages
    /// go.
    UserCleared {
        login: String,
        user_id: String,
        seconds: Option<u32>,
    },
    /// The whole chat was cleared by a moderator.
    ChatCleared,
    /// Twitch's notice (a message refused for slow mode, followers-only,
    /// duplicate…), by Twitch's `msg-id` and in Twitch's words.
    Notice { code: String, text: String },
}

/// What makes a message stand out for the signed-in streamer.
#[derive(Debug, Clone, Default)]
pub struct Highlights {
    /// The signed-in login, lower case.
    pub me: Option<String>,
    /// The team's keywords, lower case.
    pub keywords: Vec<String>,
}

impl Highlights {
    fn mentions(&self, text: &str) -> bool {
        let Some(me) = &self.me else { return false };
        text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|word| word.eq_ignore_ascii_case(me))
    }

    fn keyword(&self, text: &str) -> bool {
        if self.keywords.is_empty() {
            return false;
        }
        let text = text.to_lowercase();
        self.keywords.iter().any(|k| text.contains(k.as_str()))
    }
}

pub(crate) fn message(source: &PrivmsgMessage, highlights: &Highlights) -> ChatMessage {
    ChatMessage {
        id: source.message_id.clone(),
        login: source.sender.login.clone(),
        user_id: source.sender.id.clone(),
        name: source.sender.name.clone(),
        color: source
            .name_color
            .map(|c| format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)),
        badges: source
            .badges
            .iter()
            .map(|b| ChatBadge {
                name: b.name.clone(),
                version: b.version.clone(),
            })
            .collect(),
        parts: parts(&source.message_text, source),
        action: source.is_action,
        mentions_me: highlights.mentions(&source.message_text),
        keyword: highlights.keyword(&source.message_text),
        reply_to: source.reply_parent.as_ref().map(|parent| ChatReplyTo {
            id: parent.message_id.clone(),
            login: parent.reply_parent_user.login.clone(),
            text: parent.message_text.clone(),
        }),
        sent_at: source.server_timestamp.to_rfc3339(),
    }
}

/// The text cut at the emotes Twitch placed (by character, as Twitch
/// counts them); ranges that overlap or fall outside the text are ignored.
fn parts(text: &str, source: &PrivmsgMessage) -> Vec<ChatPart> {
    let chars: Vec<char> = text.chars().collect();
    let mut emotes: Vec<_> = source.emotes.iter().collect();
    emotes.sort_by_key(|e| e.char_range.start);
    let mut parts = Vec::new();
    let mut at = 0;
    for emote in emotes {
        let range = emote.char_range.clone();
        if range.start < at || range.end > chars.len() || range.start >= range.end {
            continue;
        }
        if range.start > at {
            parts.push(ChatPart::Text {
                text: chars[at..range.start].iter().collect(),
            });
        }
        parts.push(ChatPart::Emote {
            id: emote.id.clone(),
            name: chars[range.clone()].iter().collect(),
        });
        at = range.end;
    }
    if at < chars.len() {
        parts.push(ChatPart::Text {
            text: chars[at..].iter().collect(),
        });
    }
    parts
}

pub(crate) fn deleted(source: &ClearMsgMessage) -> ChatEvent {
    ChatEvent::Deleted {
        id: source.message_id.clone(),
    }
}

pub(crate) fn cleared(source: &ClearChatMessage) -> ChatEvent {
    match &source.action {
        ClearChatAction::ChatCleared => ChatEvent::ChatCleared,
        ClearChatAction::UserBanned {
            user_login,
            user_id,
        } => ChatEvent::UserCleared {
            login: user_login.clone(),
            user_id: user_id.clone(),
            seconds: None,
        },
        ClearChatAction::UserTimedOut {
            user_login,
            user_id,
            timeout_length,
        } => ChatEvent::UserCleared {
            login: user_login.clone(),
            user_id: user_id.clone(),
            seconds: Some(timeout_length.as_secs().min(u64::from(u32::MAX)) as u32),
        },
    }
}

pub(crate) fn notice(source: &NoticeMessage) -> ChatEvent {
    ChatEvent::Notice {
        code: source.message_id.clone().unwrap_or_default(),
        text: source.message_text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use twitch_irc::message::{IRCMessage, ServerMessage};

    fn privmsg(line: &str) -> PrivmsgMessage {
        let irc = IRCMessage::parse(line).expect("an IRC line");
        match ServerMessage::try_from(irc).expect("a server message") {
            ServerMessage::Privmsg(m) => m,
            other => panic!("not a PRIVMSG: {other:?}"),
        }
    }

    const LINE: &str = "@badge-info=;badges=moderator/1,subscriber/12;color=#FF4500;display-name=Kenza_B;emotes=25:6-10;id=m-1;room-id=1;tmi-sent-ts=1764800000000;user-id=42 :kenza_b!kenza_b@kenza_b.tmi.twitch.tv PRIVMSG #nadia_live :salut Kappa @Nadia_Live <script>alert(1)</script> ça va";

    #[test]
    fn a_message_keeps_its_badges_colour_and_emotes_and_its_markup_stays_text() {
        let highlights = Highlights {
            me: Some("nadia_live".into()),
            keywords: vec!["concours".into()],
        };
        let message = message(&privmsg(LINE), &highlights);
        assert_eq!(message.name, "Kenza_B");
        assert_eq!(message.color.as_deref(), Some("#ff4500"));
        assert_eq!(message.badges[0].name, "moderator");
        assert_eq!(
            message.parts,
            vec![
                ChatPart::Text {
                    text: "salut ".into()
                },
                ChatPart::Emote {
                    id: "25".into(),
                    name: "Kappa".into()
                },
                ChatPart::Text {
                    text: " @Nadia_Live <script>alert(1)</script> ça va".into()
                },
            ]
        );
        assert!(message.mentions_me);
        assert!(!message.keyword);
    }

    #[test]
    fn a_keyword_is_found_whatever_its_case_and_a_login_inside_a_word_is_no_mention() {
        let highlights = Highlights {
            me: Some("nadia".into()),
            keywords: vec!["concours".into()],
        };
        let line = LINE.replace("salut Kappa @Nadia_Live", "CONCOURS nadiafan");
        let message = message(&privmsg(&line), &highlights);
        assert!(message.keyword);
        assert!(!message.mentions_me);
    }
}
