//! The streamer's own chat written down, so an archived recording gets the
//! chat of its live beside it.
//!
//! Why it exists: the chat's store keeps the last events of each channel in
//! memory only (bounded whatever the rate); a three-hour live's chat is
//! long gone from it when OBS stops recording. The journal appends every
//! event of the signed-in streamer's channel (never of the channels merely
//! watched, which can be huge) to one file per day, `<channel>/<date>.jsonl`
//! (UTC), one JSON line per event. Writing happens on its own thread behind
//! a bounded queue: the chat never waits for the disk, and when the disk
//! cannot keep up the lines it lost are counted in the file, never hidden.
//! Days older than [`KEPT_DAYS`] are removed when the journal opens.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError, sync_channel};
use std::time::Duration;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::entry::ChatEvent;

/// How many days of chat the journal keeps.
pub const KEPT_DAYS: i64 = 30;
/// Events waiting for the disk before new ones are counted as lost.
const QUEUE: usize = 50_000;
/// How often written lines reach the disk.
const FLUSH_EVERY: Duration = Duration::from_millis(500);

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JournalLine {
    /// When it happened (RFC 3339): Twitch's time for a message, the
    /// arrival otherwise.
    pub at: String,
    #[serde(flatten)]
    pub entry: JournalEntry,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "line", rename_all = "snake_case")]
pub enum JournalEntry {
    Event {
        event: ChatEvent,
    },
    /// Events the disk could not keep up with, lost from the journal (the
    /// chat on screen had them).
    Lost {
        count: u64,
    },
}

struct Pending {
    channel: String,
    line: JournalLine,
}

/// The journal's writing end; clones share it.
#[derive(Clone)]
pub struct ChatJournal {
    queue: SyncSender<Pending>,
    lost: Arc<AtomicU64>,
}

impl ChatJournal {
    /// Opens the journal in `folder` (made if missing), removes the days
    /// older than [`KEPT_DAYS`], and starts its writing thread.
    pub fn open(folder: PathBuf) -> ChatJournal {
        forget_old_days(&folder, Timestamp::now());
        let (queue, waiting) = sync_channel(QUEUE);
        let lost = Arc::new(AtomicU64::new(0));
        let writer_lost = Arc::clone(&lost);
        let spawned = std::thread::Builder::new()
            .name("chat-journal".into())
            .spawn(move || write_lines(&folder, &waiting, &writer_lost));
        if let Err(error) = spawned {
            tracing::error!(%error, "the chat journal could not start");
        }
        ChatJournal { queue, lost }
    }

    /// Writes `event` of `channel` down (never waits: when the queue is
    /// full the event is counted as lost).
    pub(crate) fn write(&self, channel: &str, event: &ChatEvent) {
        let at = match event {
            ChatEvent::Message { message } => message.sent_at.clone(),
            _ => Timestamp::now().to_string(),
        };
        let pending = Pending {
            channel: channel.to_ascii_lowercase(),
            line: JournalLine {
                at,
                entry: JournalEntry::Event {
                    event: event.clone(),
                },
            },
        };
        match self.queue.try_send(pending) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                self.lost.fetch_add(1, Ordering::Relaxed);
            }
            Err(TrySendError::Disconnected(_)) => {}
        }
    }
}

/// A line of the journal and the channel it was written for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelLine {
    pub channel: String,
    #[serde(flatten)]
    pub line: JournalLine,
}

/// The lines written in `folder` from `from` to `until`, every channel's
/// (only the streamer's own are written), in time order. A day missing or
/// unreadable has none; a damaged line is skipped.
pub fn lines_between(folder: &Path, from: Timestamp, until: Timestamp) -> Vec<ChannelLine> {
    let mut lines = Vec::new();
    let Ok(channels) = fs::read_dir(folder) else {
        return lines;
    };
    let last = utc_day(until);
    for channel in channels.flatten() {
        let name = channel.file_name().to_string_lossy().into_owned();
        let mut day = utc_day(from);
        while day <= last {
            let path = channel.path().join(format!("{day}.jsonl"));
            if let Ok(file) = File::open(&path) {
                for text in BufReader::new(file).lines().map_while(Result::ok) {
                    let Ok(line) = serde_json::from_str::<JournalLine>(&text) else {
                        continue;
                    };
                    if line
                        .at
                        .parse::<Timestamp>()
                        .is_ok_and(|at| from <= at && at <= until)
                    {
                        lines.push(ChannelLine {
                            channel: name.clone(),
                            line,
                        });
                    }
                }
            }
            let Ok(next) = day.tomorrow() else { break };
            day = next;
        }
    }
    lines.sort_by_key(|l| l.line.at.parse::<Timestamp>().ok());
    lines
}

/// The writing thread: lines appended to their day's file and flushed at
/// least every half second (a busy chat never holds them longer); lost
/// lines counted in the file.
fn write_lines(folder: &Path, waiting: &Receiver<Pending>, lost: &AtomicU64) {
    let mut files: HashMap<PathBuf, BufWriter<File>> = HashMap::new();
    let mut flushed = std::time::Instant::now();
    loop {
        match waiting.recv_timeout(FLUSH_EVERY) {
            Ok(pending) => {
                let lost_now = lost.swap(0, Ordering::Relaxed);
                if lost_now > 0 {
                    let gap = JournalLine {
                        at: pending.line.at.clone(),
                        entry: JournalEntry::Lost { count: lost_now },
                    };
                    append(folder, &mut files, &pending.channel, &gap);
                }
                append(folder, &mut files, &pending.channel, &pending.line);
                if flushed.elapsed() < FLUSH_EVERY {
                    continue;
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        for writer in files.values_mut() {
            if let Err(error) = writer.flush() {
                tracing::warn!(%error, "the chat journal could not be written");
            }
        }
        flushed = std::time::Instant::now();
        // A day's file is closed once its day is over (flushed just above).
        let today = format!("{}.jsonl", utc_day(Timestamp::now()));
        files.retain(|path, _| path.file_name().is_some_and(|name| *name == *today));
    }
    for writer in files.values_mut() {
        let _ = writer.flush();
    }
}

fn append(
    folder: &Path,
    files: &mut HashMap<PathBuf, BufWriter<File>>,
    channel: &str,
    line: &JournalLine,
) {
    let day = utc_day(line.at.parse().unwrap_or_else(|_| Timestamp::now()));
    let path = folder.join(channel).join(format!("{day}.jsonl"));
    if !files.contains_key(&path) {
        let opened = fs::create_dir_all(folder.join(channel))
            .and_then(|()| OpenOptions::new().create(true).append(true).open(&path));
        match opened {
            Ok(file) => {
                files.insert(path.clone(), BufWriter::with_capacity(64 * 1024, file));
            }
            Err(error) => {
                tracing::warn!(%error, "the chat journal's file could not be opened");
                return;
            }
        }
    }
    if let Some(writer) = files.get_mut(&path) {
        let written = serde_json::to_writer(&mut *writer, line)
            .map_err(std::io::Error::from)
            .and_then(|()| writer.write_all(b"\n"));
        if let Err(error) = written {
            tracing::warn!(%error, "the chat journal could not be written");
        }
    }
}

/// Removes the days older than [`KEPT_DAYS`] before `now`.
fn forget_old_days(folder: &Path, now: Timestamp) {
    let Ok(oldest) = utc_day(now).checked_sub(jiff::Span::new().days(KEPT_DAYS)) else {
        return;
    };
    let Ok(channels) = fs::read_dir(folder) else {
        return;
    };
    for channel in channels.flatten() {
        let Ok(days) = fs::read_dir(channel.path()) else {
            continue;
        };
        for day in days.flatten() {
            let name = day.file_name().to_string_lossy().into_owned();
            let old = name
                .strip_suffix(".jsonl")
                .and_then(|date| date.parse::<jiff::civil::Date>().ok())
                .is_some_and(|date| date < oldest);
            if old && let Err(error) = fs::remove_file(day.path()) {
                tracing::warn!(%error, "an old day of the chat journal could not be removed");
            }
        }
    }
}

/// The day `at` falls on in UTC: the journal's files are UTC days.
fn utc_day(at: Timestamp) -> jiff::civil::Date {
    at.to_zoned_datetime(jiff::tz::TimeZone::UTC).date()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_older_than_a_month_are_forgotten_and_a_damaged_line_is_skipped() {
        let folder = tempfile::tempdir().expect("a folder");
        let channel = folder.path().join("nadia_live");
        fs::create_dir_all(&channel).expect("a channel folder");
        let now: Timestamp = "2026-12-04T20:00:00Z".parse().expect("now");
        let line = |at: &str| {
            serde_json::to_string(&JournalLine {
                at: at.into(),
                entry: JournalEntry::Lost { count: 3 },
            })
            .expect("a line")
        };
        fs::write(
            channel.join("2026-10-20.jsonl"),
            line("2026-10-20T20:00:00Z"),
        )
        .expect("old");
        fs::write(
            channel.join("2026-12-02.jsonl"),
            format!("{}\n{{\"at\": half a line\n", line("2026-12-02T21:00:00Z")),
        )
        .expect("recent");
        forget_old_days(folder.path(), now);
        assert!(!channel.join("2026-10-20.jsonl").exists());
        let kept = lines_between(
            folder.path(),
            "2026-12-02T00:00:00Z".parse().expect("from"),
            now,
        );
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert_eq!(kept[0].line.entry, JournalEntry::Lost { count: 3 });
    }
}
