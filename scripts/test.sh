#!/usr/bin/env bash
# The README's second command: installs what the tests need and runs every
# suite: lints, Rust unit and integration tests, UI component tests, page
# tests in Chromium, and end-to-end tests in the real app window.
set -uo pipefail
cd "$(dirname "$0")/.."
set -e
scripts/debian-packages.sh test
npm install --no-audit --no-fund
export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null || cargo install tauri-driver --version '^2' --locked
# The sync tests need a real PostgreSQL (each test makes its own database).
eval "$(scripts/test-postgres.sh)"
# The streaming tests start real OBS Studios, headless, from a root made once.
scripts/obs-headless.sh setup
set +e

failed_suites=()
timings=()
# Each suite's time is printed at the end: CI's budget is 45 minutes on 2 cores.
run() {
  local name=$1; shift
  local start=$SECONDS
  echo; echo "=== $name"
  if ! "$@"; then failed_suites+=("$name"); fi
  timings+=("$(printf '%5d s  %s' $((SECONDS - start)) "$name")")
}

run "cargo fmt" cargo fmt --all -- --check
run "cargo clippy" cargo clippy --workspace --all-targets -- -D warnings
run "tsc" npx tsc --noEmit -p ui
run "eslint" npx eslint --max-warnings 0 ui tests scripts src-tauri/benches
run "rust tests" cargo test --workspace --no-fail-fast
run "ui component tests" node scripts/vitest-summary.mjs
run "ui page tests (chromium)" node --test tests/pages/
run "app build for end-to-end" npx tauri build --debug --no-bundle
run "linux packages (.deb, .rpm)" scripts/check-linux-packages.sh
run "end-to-end (real window)" scripts/e2e.sh

echo
echo "Time per suite:"
printf '%s\n' "${timings[@]}"
echo "$SECONDS s in all"
if [[ ${#failed_suites[@]} -gt 0 ]]; then
  echo "Failed suites: ${failed_suites[*]}"
  exit 1
fi
echo "All suites passed."
