#!/usr/bin/env bash
# Builds the release app and the two baselines (the bare window, and its
# React page), then measures launch time and idle memory of all three under
# Xvfb (docs/PERFORMANCE.md).
set -euo pipefail
cd "$(dirname "$0")/.."
npx tauri build --no-bundle
npx vite build src-tauri/benches/bare_window/react --outDir ../dist/react --emptyOutDir --base ./
# The page is embedded when the example compiles, and cargo does not watch it.
touch src-tauri/benches/bare_window/main.rs
cargo build --release --features custom-protocol --example bare-window
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- node scripts/bench-launch.mjs
