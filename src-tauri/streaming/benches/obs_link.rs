//! What the supervised link costs against obws alone, on a real headless
//! OBS (docs/PERFORMANCE.md, "OBS link"):
//! - a request's round trip (GetSceneList) through `ObsLink` and through a
//!   bare `obws::Client` on the same OBS, alternated, medians and p95;
//! - after OBS restarts, how long after OBS is ready (a bare client's first
//!   successful connection, tried every 10 ms) the link is connected again.
//!
//! `cargo bench -p mona-streaming --bench obs_link` (`scripts/obs-headless.sh
//! setup` first). `MONA_BENCH_ROUNDS` (default 2000), `MONA_BENCH_RESTARTS`
//! (default 5).

#[path = "../tests/support/real_obs.rs"]
mod real_obs;

use std::time::{Duration, Instant};

use mona_streaming::obs::{ObsEndpoint, ObsHealth, ObsLink, ObsTiming};
use real_obs::RealObs;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[index]
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// A bare obws client, tried every 10 ms until OBS answers.
async fn bare_client(port: u16, within: Duration) -> (obws::Client, Instant) {
    let deadline = Instant::now() + within;
    loop {
        if let Ok(client) = obws::Client::connect("127.0.0.1", port, None::<&str>).await {
            return (client, Instant::now());
        }
        assert!(Instant::now() < deadline, "OBS did not become ready");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

async fn connected(link: &ObsLink, within: Duration) -> Instant {
    let mut health = link.health();
    tokio::time::timeout(within, health.wait_for(ObsHealth::is_connected))
        .await
        .map(|_| ())
        .expect("the link connects");
    Instant::now()
}

fn main() {
    let rounds = env_number("MONA_BENCH_ROUNDS", 2000);
    let restarts = env_number("MONA_BENCH_RESTARTS", 5);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let mut obs = RealObs::start(None);
        let (bare, _) = bare_client(obs.port, Duration::from_secs(60)).await;
        let endpoint = ObsEndpoint::new("127.0.0.1", obs.port, None).expect("an address");
        let link = ObsLink::start(Some(endpoint), ObsTiming::default());
        connected(&link, Duration::from_secs(30)).await;

        // Round trips, alternated so both see the same OBS and machine.
        let (mut through_bare, mut through_link) = (Vec::new(), Vec::new());
        for round in 0..rounds + 100 {
            let started = Instant::now();
            bare.scenes().list().await.expect("bare: scenes");
            let bare_took = started.elapsed();
            let started = Instant::now();
            link.scenes().await.expect("link: scenes");
            let link_took = started.elapsed();
            if round >= 100 {
                through_bare.push(bare_took);
                through_link.push(link_took);
            }
        }
        through_bare.sort();
        through_link.sort();
        let (bare_median, link_median) = (percentile(&through_bare, 0.5), percentile(&through_link, 0.5));
        println!("GetSceneList round trip, {rounds} alternated rounds:");
        println!(
            "  obws alone:  median {:.0} µs, p95 {:.0} µs",
            micros(bare_median),
            micros(percentile(&through_bare, 0.95))
        );
        println!(
            "  ObsLink:     median {:.0} µs, p95 {:.0} µs",
            micros(link_median),
            micros(percentile(&through_link, 0.95))
        );
        println!(
            "  added by the link: {:+.0} µs at the median (ratio {:.2})",
            micros(link_median) - micros(bare_median),
            link_median.as_secs_f64() / bare_median.as_secs_f64()
        );
        drop(bare);

        // OBS restarts: the link against a bare client polling every 10 ms.
        let mut behind = Vec::new();
        for _ in 0..restarts {
            obs.kill().await;
            let mut health = link.health();
            tokio::time::timeout(Duration::from_secs(10), health.wait_for(|h| !h.is_connected()))
                .await
                .map(|_| ())
                .expect("the link sees OBS gone");
            obs.restart();
            let (probe, ready) = bare_client(obs.port, Duration::from_secs(60)).await;
            drop(probe);
            let linked = connected(&link, Duration::from_secs(30)).await;
            behind.push(linked.saturating_duration_since(ready));
        }
        behind.sort();
        let shown: Vec<String> = behind.iter().map(|d| format!("{} ms", d.as_millis())).collect();
        println!("Reconnection after OBS restarted, {restarts} restarts (link connected after OBS was ready):");
        println!(
            "  median {} ms, worst {} ms ({})",
            percentile(&behind, 0.5).as_millis(),
            behind.last().map_or(0, Duration::as_millis),
            shown.join(", ")
        );
    });
}
