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
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- sh -c '
  export XDG_DATA_HOME="$(mktemp -d)"
  printf bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec node scripts/bench-list-scroll.mjs
'
