#!/usr/bin/env bash
# Runs a command that drives the real app window: under Xvfb, in a D-Bus
# session of its own, with a throwaway, unlocked keychain (gnome-keyring's
# Secret Service, where the app keeps the team server's password) and a
# throwaway XDG data folder. Shared by the end-to-end tests and the
# benchmarks in the app window.
#   scripts/app-window-session.sh node --test tests/e2e/
set -euo pipefail
exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- sh -c '
  export XDG_DATA_HOME="$(mktemp -d)"
  printf session | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' app-window-session "$@"
