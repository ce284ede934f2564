#!/usr/bin/env bash
# Runs a benchmark in the real app window under Xvfb: builds the release app
# and the example that seeds the benchmark's data, then runs its script with
# tauri-driver and WebKitWebDriver (scripts/setup.sh installs them).
#   scripts/bench-in-window.sh list-scroll      # the artist list through 100,000 cards
#                                               # (docs/PERFORMANCE.md, "Scrolling the artist list");
#                                               # DATA=folder scrolls a folder already seeded
#                                               # (the artist_search benchmark's BENCH_KEEP_DATA)
#   scripts/bench-in-window.sh calendar-render  # the month view with 5,000 events
#                                               # (docs/PERFORMANCE.md, "Calendar")
#   scripts/bench-in-window.sh chat-frames      # the chat view at 1,000 messages/s
#                                               # (docs/PERFORMANCE.md, "Twitch chat")
set -euo pipefail
cd "$(dirname "$0")/.."
case ${1:-} in
  list-scroll) seed=seed_artist_base ;;
  calendar-render) seed=seed_calendar ;;
  chat-frames) seed= ;;
  *) echo "usage: $0 list-scroll|calendar-render|chat-frames" >&2; exit 2 ;;
esac
npx tauri build --no-bundle
if [[ -n $seed ]]; then cargo build --release -p mona-core --example "$seed"; fi
export MONA_APP_BINARY="$PWD/target/release/mona-spark"
exec scripts/app-window-session.sh node "scripts/bench-$1.mjs"
