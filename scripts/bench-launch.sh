#!/usr/bin/env bash
# Builds the release app and the bare-window baseline, then measures launch
# time and idle memory of both under Xvfb (docs/PERFORMANCE.md).
set -euo pipefail
cd "$(dirname "$0")/.."
npx tauri build --no-bundle
cargo build --release --features custom-protocol --example bare-window
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- node scripts/bench-launch.mjs
