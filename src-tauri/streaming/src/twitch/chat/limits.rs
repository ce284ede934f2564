//! What Twitch lets a person send, checked before sending: 500 characters
//! a message, and 20 messages per 30 seconds (100 in a channel where the
//! person is the broadcaster or a moderator). Twitch ignores a sender who
//! goes over for up to 30 minutes, in the middle of a live: the app says
//! "wait 4 s" instead.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

pub const MAX_CHARACTERS: usize = 500;
pub const WINDOW: Duration = Duration::from_secs(30);
pub const PER_WINDOW: usize = 20;
pub const PER_WINDOW_AS_MODERATOR: usize = 100;

/// The instants of the messages sent in the last [`WINDOW`].
#[derive(Debug, Default)]
pub(crate) struct SendWindow {
    sent: VecDeque<Instant>,
}

impl SendWindow {
    /// Counts a message sent at `now` if the window has room; otherwise,
    /// how long until it has.
    pub(crate) fn take(&mut self, now: Instant, moderator: bool) -> Result<(), Duration> {
        while self
            .sent
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            self.sent.pop_front();
        }
        let allowed = if moderator {
            PER_WINDOW_AS_MODERATOR
        } else {
            PER_WINDOW
        };
        if self.sent.len() >= allowed {
            let oldest = self.sent[self.sent.len() - allowed];
            return Err(WINDOW.saturating_sub(now.duration_since(oldest)));
        }
        self.sent.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_twenty_first_message_in_thirty_seconds_waits_and_says_how_long() {
        let mut window = SendWindow::default();
        let start = Instant::now();
        for n in 0..20 {
            window
                .take(start + Duration::from_millis(n * 100), false)
                .expect("room");
        }
        let wait = window
            .take(start + Duration::from_secs(10), false)
            .expect_err("full");
        assert_eq!(wait, Duration::from_secs(20));
        window
            .take(start + Duration::from_secs(30), false)
            .expect("the first left the window");
    }

    #[test]
    fn a_moderator_may_send_a_hundred() {
        let mut window = SendWindow::default();
        let start = Instant::now();
        for _ in 0..100 {
            window.take(start, true).expect("room");
        }
        assert!(window.take(start, true).is_err());
    }
}
