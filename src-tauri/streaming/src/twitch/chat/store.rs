//! The chat's memory: the last events of each channel, bounded whatever the
//! rate, read by the page from a cursor.
//!
//! Why it exists: a huge channel sends thousands of messages a second, and
//! a page can stall (a laptop busy, a window hidden). Nothing here queues
//! for the page: each event gets the next number, each channel keeps its
//! last `capacity` events, and the page asks "what came after number N?".
//! What fell out of memory meanwhile is counted, never kept, so the page
//! shows a marker ("1,204 older messages not shown") instead of growing.

use std::collections::{HashMap, VecDeque};

use serde::Serialize;

use super::entry::ChatEvent;

/// One event with its place in the chat's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NumberedEvent {
    pub seq: u32,
    pub channel: String,
    pub event: ChatEvent,
}

/// What came after a cursor.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChatBatch {
    pub events: Vec<NumberedEvent>,
    /// Events after the cursor that left memory before the page read them.
    pub dropped: u32,
    /// The cursor to ask from next time.
    pub last: u32,
}

pub(crate) struct ChatStore {
    capacity: usize,
    channels: HashMap<String, VecDeque<NumberedEvent>>,
    last: u32,
}

impl ChatStore {
    pub(crate) fn new(capacity: usize) -> ChatStore {
        ChatStore {
            capacity: capacity.max(1),
            channels: HashMap::new(),
            last: 0,
        }
    }

    pub(crate) fn last(&self) -> u32 {
        self.last
    }

    pub(crate) fn push(&mut self, channel: &str, event: ChatEvent) {
        self.last = self.last.wrapping_add(1);
        let kept = self.channels.entry(channel.to_owned()).or_default();
        if kept.len() == self.capacity {
            kept.pop_front();
        }
        kept.push_back(NumberedEvent {
            seq: self.last,
            channel: channel.to_owned(),
            event,
        });
    }

    /// A channel left: its memory goes.
    pub(crate) fn forget(&mut self, channel: &str) {
        self.channels.remove(channel);
    }

    /// Everything after `cursor`, oldest first, with how many events after
    /// it are no longer in memory.
    pub(crate) fn after(&self, cursor: u32) -> ChatBatch {
        let mut events: Vec<NumberedEvent> = self
            .channels
            .values()
            .flat_map(|kept| {
                // Each channel's events are in order: skip to the cursor.
                let from = kept.partition_point(|e| e.seq <= cursor);
                kept.range(from..).cloned()
            })
            .collect();
        events.sort_unstable_by_key(|e| e.seq);
        let after = self.last.saturating_sub(cursor);
        ChatBatch {
            dropped: after.saturating_sub(events.len() as u32),
            events,
            last: self.last,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(n: u32) -> ChatEvent {
        ChatEvent::Notice {
            code: String::new(),
            text: n.to_string(),
        }
    }

    #[test]
    fn a_reader_that_kept_up_gets_every_event_in_order_across_channels() {
        let mut store = ChatStore::new(10);
        store.push("a", notice(1));
        store.push("b", notice(2));
        store.push("a", notice(3));
        let batch = store.after(1);
        assert_eq!(
            batch.events.iter().map(|e| e.seq).collect::<Vec<_>>(),
            [2, 3]
        );
        assert_eq!(batch.dropped, 0);
        assert_eq!(batch.last, 3);
        assert_eq!(store.after(3).events, []);
    }

    #[test]
    fn a_reader_that_stalled_gets_the_last_events_and_how_many_it_missed() {
        let mut store = ChatStore::new(100);
        for n in 0..10_000 {
            store.push("huge", notice(n));
        }
        let batch = store.after(0);
        assert_eq!(batch.events.len(), 100);
        assert_eq!(batch.dropped, 9_900);
        assert_eq!(batch.events[0].seq, 9_901);
    }

    #[test]
    fn a_busy_channel_does_not_push_a_quiet_one_out_of_memory() {
        let mut store = ChatStore::new(5);
        store.push("quiet", notice(0));
        for n in 0..1_000 {
            store.push("huge", notice(n));
        }
        let batch = store.after(0);
        assert!(batch.events.iter().any(|e| e.channel == "quiet"));
    }
}
