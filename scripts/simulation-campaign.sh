#!/usr/bin/env bash
# A long simulation campaign of the team sync (docs/PERFORMANCE.md, "Long
# simulation"): batches of new seeds in release mode until CASES cases ran
# or one failed. Prints one line per batch and a final "N passed, N failed".
#   scripts/simulation-campaign.sh [CASES] [BATCH] [FIRST_SEED]
set -uo pipefail
cd "$(dirname "$0")/.."
cases=${1:-100000}
batch=${2:-2000}
first=${3:-1000}
eval "$(scripts/test-postgres.sh)"
cargo test --release -p mona-sync --test simulation --no-run >/dev/null 2>&1 || exit 1
passed=0
failed=0
seed=$first
while (( passed + failed < cases )); do
  started=$(date +%s)
  if MONA_SIM_FIRST_SEED=$seed MONA_SIM_CASES=$batch \
      cargo test --release -q -p mona-sync --test simulation >/tmp/simulation-batch.log 2>&1; then
    passed=$((passed + batch))
    echo "seeds $seed..$((seed + batch - 1)): passed in $(( $(date +%s) - started )) s"
  else
    failed=$((failed + 1))
    echo "seeds $seed..$((seed + batch - 1)): FAILED (see /tmp/simulation-batch.log for the seed)"
    break
  fi
  seed=$((seed + batch))
done
echo "$passed passed, $failed failed"
