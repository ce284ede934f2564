#!/usr/bin/env bash
# Builds the release app and the seeding example, then scrolls the artist
# list through 100,000 cards in the real window under Xvfb and reports frame
# lengths (docs/PERFORMANCE.md, "Scrolling the artist list"). Needs
# tauri-driver and WebKitWebDriver (scripts/setup.sh installs them).
# DATA=folder scrolls a folder already seeded (the artist_search benchmark's
# BENCH_KEEP_DATA folder holds the same base).
set -euo pipefail
cd "$(dirname "$0")/.."
npx tauri build --no-bundle
cargo build --release -p mona-core --example seed_artist_base
export MONA_APP_BINARY="$PWD/target/release/mona-spark"
exec scripts/app-window-session.sh node scripts/bench-list-scroll.mjs
