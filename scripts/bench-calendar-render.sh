#!/usr/bin/env bash
# Builds the release app and the seeding example, then measures the month
# view's render with 5,000 events in the real window under Xvfb
# (docs/PERFORMANCE.md, "Calendar"). Needs tauri-driver and WebKitWebDriver
# (scripts/setup.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
npx tauri build --no-bundle
cargo build --release -p mona-core --example seed_calendar
export MONA_APP_BINARY="$PWD/target/release/mona-spark"
exec scripts/app-window-session.sh node scripts/bench-calendar-render.mjs
