//! Team sync benchmarks against the PostgreSQL on this machine (loopback).
//! Run: `cargo bench -p mona-sync --bench sync` (figures in docs/PERFORMANCE.md).
//!
//! Each figure is a median over several runs, next to a baseline measured
//! in the same run on the same machine:
//! - first sync of a new device: rows per second, against creating the same
//!   cards locally (no network, no sync);
//! - push + pull of 1,000 edited rows, and a round with nothing to do,
//!   against one `SELECT 1` round trip to the same server.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use mona_core::artists::{self, ArtistFields, Platform, SocialAccount};
use support::{Device, TestServer};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn cards(count: usize) -> Vec<ArtistFields> {
    (0..count)
        .map(|n| ArtistFields {
            name: format!("Artiste {n:06}"),
            city: Some(["Paris", "Lyon", "Lille"][n % 3].into()),
            email: Some(format!("artiste{n}@example.fr")),
            accounts: vec![SocialAccount {
                platform: Platform::Instagram,
                handle: Some(format!("artiste{n}")),
                audience: Some((n * 37 % 100_000) as u32),
                ..SocialAccount::default()
            }],
            ..ArtistFields::default()
        })
        .collect()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let rows: usize = std::env::var("MONA_BENCH_ROWS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let server = TestServer::prepared().await;

    // Baseline: the same cards created on one laptop, without any sync.
    let origin = Device::new("origin");
    let started = Instant::now();
    artists::create_many(&origin.db, cards(rows)).expect("create");
    let local = started.elapsed();
    origin.sync(&server).await.expect("fill the server");

    let mut first_syncs = Vec::new();
    for run in 0..3 {
        let newcomer = Device::new(&format!("newcomer-{run}"));
        let started = Instant::now();
        let report = newcomer.sync(&server).await.expect("first sync");
        first_syncs.push(started.elapsed());
        assert_eq!(report.copied, rows);
    }
    let first = median(first_syncs);
    println!(
        "first sync of {rows} rows: median {:.0} ms = {:.0} rows/s; creating them locally: {:.0} ms ({:.2}x)",
        ms(first),
        rows as f64 / first.as_secs_f64(),
        ms(local),
        first.as_secs_f64() / local.as_secs_f64()
    );

    // Baseline for the rounds: one round trip to the server.
    let client = server.client().await;
    let mut trips = Vec::new();
    for _ in 0..50 {
        let started = Instant::now();
        client.query_one("SELECT 1", &[]).await.expect("select 1");
        trips.push(started.elapsed());
    }
    let trip = median(trips);

    let (editor, reader) = (Device::new("editor"), Device::new("reader"));
    let mut editor_connection = editor.connect(&server).await;
    let mut reader_connection = reader.connect(&server).await;
    let name = |d: &Device| d.name.clone();
    mona_sync::sync_round(&editor.db, &mut editor_connection, &name(&editor))
        .await
        .expect("join");
    mona_sync::sync_round(&reader.db, &mut reader_connection, &name(&reader))
        .await
        .expect("join");
    let mut ids: Vec<String> = Vec::new();
    for offset in [0, 500] {
        let page = artists::list(
            &editor.db,
            &artists::ArtistQuery {
                offset,
                limit: 500,
                ..artists::ArtistQuery::default()
            },
        )
        .expect("list");
        ids.extend(page.rows.into_iter().map(|r| r.id));
    }
    let mut exchanges = Vec::new();
    for run in 0..5 {
        for id in &ids {
            let mut card = artists::get(&editor.db, id).expect("get").fields;
            card.notes = format!("appelé, tour {run}");
            artists::update(&editor.db, id, card).expect("edit");
        }
        let started = Instant::now();
        let pushed = mona_sync::sync_round(&editor.db, &mut editor_connection, "editor")
            .await
            .expect("push");
        let pulled = mona_sync::sync_round(&reader.db, &mut reader_connection, "reader")
            .await
            .expect("pull");
        exchanges.push(started.elapsed());
        assert_eq!((pushed.pushed, pulled.pulled), (ids.len(), ids.len()));
    }
    let exchange = median(exchanges);
    println!(
        "push + pull of {} edited rows: median {:.1} ms ({:.0}x a {:.2} ms round trip)",
        ids.len(),
        ms(exchange),
        exchange.as_secs_f64() / trip.as_secs_f64(),
        ms(trip)
    );

    let mut idle = Vec::new();
    for _ in 0..50 {
        let started = Instant::now();
        mona_sync::sync_round(&reader.db, &mut reader_connection, "reader")
            .await
            .expect("idle round");
        idle.push(started.elapsed());
    }
    let idle = median(idle);
    println!(
        "round with nothing to do: median {:.2} ms ({:.1}x a {:.2} ms round trip)",
        ms(idle),
        idle.as_secs_f64() / trip.as_secs_f64(),
        ms(trip)
    );
}
