//! How fast the chat takes Twitch's messages in, and what a stalled page
//! costs (docs/PERFORMANCE.md, "Twitch chat"), against the fake chat server
//! of the tests on loopback:
//! - ingest: a burst of messages sent as fast as the server can; the time
//!   from the first sent to the last readable from the chat's store (the
//!   page's source), per round; the baseline is the chat library's own
//!   parsing of the same lines in this process (`IRCMessage::parse` +
//!   `ServerMessage::try_from`), the least any client of it pays;
//! - the same burst in the streamer's own channel, which the chat journal
//!   writes down, alternated round by round with a watched channel's (not
//!   written): what the journal costs, and whether it kept every line;
//! - a stalled page: messages at a steady rate for 10 s while nobody reads;
//!   the process's resident memory before and after.
//!
//! `cargo bench -p mona-streaming --bench chat_flood`. `MONA_BENCH_ROUNDS`
//! (default 5), `MONA_BENCH_BURST` (default 50000), `MONA_BENCH_RATE`
//! (messages a second while stalled, default 5000).

#[allow(dead_code)]
#[path = "../tests/support/fake_irc.rs"]
mod fake_irc;
#[allow(dead_code)]
#[path = "../tests/support/fake_twitch.rs"]
mod fake_twitch;
#[allow(dead_code)]
#[path = "../tests/support/keychain.rs"]
mod keychain;

use std::time::{Duration, Instant};

use fake_irc::{FakeIrc, privmsg};
use fake_twitch::{FakeTwitch, LOGIN, Twitch};
use mona_streaming::twitch::chat::journal::{self, ChatJournal, JournalEntry};
use mona_streaming::twitch::chat::{ChatEvent, TwitchChat};
use twitch_irc::message::{IRCMessage, ServerMessage};

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn resident_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// Reads from `cursor` until the message `id` is in the chat; the new cursor.
async fn until(chat: &TwitchChat, mut cursor: u32, id: &str) -> u32 {
    loop {
        let batch = chat.after(cursor, Duration::from_millis(50)).await;
        cursor = batch.last;
        if batch
            .events
            .iter()
            .any(|e| matches!(&e.event, ChatEvent::Message { message } if message.id == id))
        {
            return cursor;
        }
    }
}

fn main() {
    let rounds = env_number("MONA_BENCH_ROUNDS", 5);
    let burst = env_number("MONA_BENCH_BURST", 50_000);
    let rate = env_number("MONA_BENCH_RATE", 5_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async move {
        let irc = FakeIrc::shared();
        let fake = FakeTwitch::start(Twitch {
            pending_polls: 0,
            ..Twitch::default()
        })
        .await;
        let account = fake.account(fake.with_chat(), "bench");
        let chat = TwitchChat::start(account.clone(), mona_streaming::twitch::chat::DEFAULT_CAPACITY);
        let journal_folder = tempfile::tempdir().expect("a folder");
        chat.keep_journal(ChatJournal::open(journal_folder.path().to_owned()));
        fake_twitch::sign_in(&account).await;
        chat.join("bench").expect("a channel");
        let mut status = chat.status();
        let _ = status
            .wait_for(|s| ["bench", LOGIN].iter().all(|c| s.joined.iter().any(|j| j == c)))
            .await;

        let lines_of = |channel: &str| -> Vec<String> {
            (0..burst)
                .map(|n| privmsg(channel, "viewer_bench", &format!("b-{n}"), &format!("message numéro {n} Kappa PogChamp, assez long pour ressembler à un vrai message de chat")))
                .collect()
        };
        let lines = lines_of("bench");
        let own_lines = lines_of(LOGIN);

        // Baseline: the library's parsing alone, same lines.
        let mut parse_rates = Vec::new();
        for _ in 0..rounds {
            let started = Instant::now();
            for line in &lines {
                let irc = IRCMessage::parse(line).expect("a line");
                std::hint::black_box(ServerMessage::try_from(irc).expect("a message"));
            }
            parse_rates.push(burst as f64 / started.elapsed().as_secs_f64());
        }

        let mut cursor = chat.after(0, Duration::ZERO).await.last;
        let mut ingest_rates = Vec::new();
        for round in 0..rounds {
            let last_id = format!("end-{round}");
            let started = Instant::now();
            for line in &lines {
                irc.to_channel("bench", line);
            }
            irc.say("bench", "viewer_bench", &last_id, "fin");
            cursor = until(&chat, cursor, &last_id).await;
            ingest_rates.push((burst + 1) as f64 / started.elapsed().as_secs_f64());
        }
        let parse = median(&mut parse_rates);
        let ingest = median(&mut ingest_rates);
        println!("baseline: library parse only, median {parse:.0} msg/s over {rounds} rounds of {burst}");
        println!("app: socket -> chat store, median {ingest:.0} msg/s (rounds: {:?})", ingest_rates.iter().map(|r| r.round()).collect::<Vec<_>>());
        println!("ratio app/parse-only: {:.2}", ingest / parse);

        // A stalled page: nobody reads for 10 s.
        let before = resident_mib();
        let started = Instant::now();
        let mut sent = 0usize;
        while started.elapsed() < Duration::from_secs(10) {
            let due = (started.elapsed().as_secs_f64() * rate as f64) as usize;
            while sent < due {
                irc.to_channel("bench", &lines[sent % lines.len()]);
                sent += 1;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        irc.say("bench", "viewer_bench", "stall-end", "fin");
        tokio::time::sleep(Duration::from_millis(500)).await;
        let after = resident_mib();
        let batch = chat.after(cursor, Duration::ZERO).await;
        cursor = batch.last;
        println!(
            "stalled page, {rate} msg/s for 10 s ({sent} messages): resident {before:.1} MiB -> {after:.1} MiB (+{:.1} MiB); the page then reads {} events and is told {} were missed",
            after - before,
            batch.events.len(),
            batch.dropped
        );
        // The journal: the streamer's own channel (written down) alternated
        // with a watched one (not), round by round.
        let mut watched_rates = Vec::new();
        let mut own_rates = Vec::new();
        // The fake server dates every message as Twitch did on 2025-12-03.
        let journal_from: jiff::Timestamp = "2025-12-02T00:00:00Z".parse().expect("an instant");
        for round in 0..rounds {
            for (channel, lines, rates) in [("bench", &lines, &mut watched_rates), (LOGIN, &own_lines, &mut own_rates)] {
                let last_id = format!("journal-end-{channel}-{round}");
                let started = Instant::now();
                for line in lines.iter() {
                    irc.to_channel(channel, line);
                }
                irc.say(channel, "viewer_bench", &last_id, "fin");
                cursor = until(&chat, cursor, &last_id).await;
                rates.push((burst + 1) as f64 / started.elapsed().as_secs_f64());
            }
        }
        // The journal's thread flushes within half a second.
        tokio::time::sleep(Duration::from_secs(2)).await;
        let written = journal::lines_between(
            journal_folder.path(),
            journal_from,
            jiff::Timestamp::now() + jiff::SignedDuration::from_hours(48),
        );
        let kept = written
            .iter()
            .filter(|l| matches!(l.line.entry, JournalEntry::Event { .. }))
            .count();
        let lost: u64 = written
            .iter()
            .map(|l| match l.line.entry {
                JournalEntry::Lost { count } => count,
                JournalEntry::Event { .. } => 0,
            })
            .sum();
        let bytes: u64 = std::fs::read_dir(journal_folder.path().join(LOGIN))
            .map(|days| days.flatten().filter_map(|d| d.metadata().ok()).map(|m| m.len()).sum())
            .unwrap_or(0);
        let (watched, own) = (median(&mut watched_rates), median(&mut own_rates));
        println!("watched channel (not written down): median {watched:.0} msg/s; own channel (journal): median {own:.0} msg/s; ratio {:.2}", own / watched);
        println!(
            "journal: {kept} events kept of {} sent to the own channel, {lost} counted lost, {:.1} MiB on disk",
            rounds * (burst + 1),
            bytes as f64 / (1024.0 * 1024.0)
        );

    });
}
