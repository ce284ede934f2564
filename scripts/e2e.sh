#!/usr/bin/env bash
# Runs the end-to-end tests in the real app window (the app must be built:
# `npx tauri build --debug --no-bundle`). Under Xvfb, in a D-Bus session of
# their own with a throwaway, unlocked keychain (gnome-keyring's Secret
# Service), since the app keeps the team server's password there.
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/app-window-session.sh node --test --test-concurrency=1 tests/e2e/
