#!/usr/bin/env bash
# The README's first command: installs everything the app needs, builds it
# and launches it on its embedded SQLite database.
#   --demo           fill an empty database with the demo data set
#   --data-dir PATH  keep the database in PATH instead of the OS's app data folder
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/debian-packages.sh app
if ! command -v cargo >/dev/null; then
  echo "Rust is missing: install it from rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi
npm install --no-audit --no-fund
npx tauri build --no-bundle
exec ./target/release/mona-spark "$@"
