#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers for the sync tests, and prints the
# environment they need (`eval "$(scripts/test-postgres.sh)"`).
#
# A server already listening on 127.0.0.1:5432 is used as it is (as user
# postgres, or $MONA_TEST_PG_USER). Otherwise Debian's postgresql package is
# installed and started, and a `mona_test` role that may create databases is
# made, with a password, because a fresh cluster does not trust TCP logins.
# Each test then creates its own database and drops it.
set -euo pipefail

host=${MONA_TEST_PG_HOST:-127.0.0.1}
port=${MONA_TEST_PG_PORT:-5432}
sudo=()
[[ $(id -u) -ne 0 ]] && sudo=(sudo)

if ! command -v pg_isready >/dev/null; then
  echo "Installing PostgreSQL for the sync tests" >&2
  "${sudo[@]}" apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends postgresql >&2
fi

if pg_isready -q -h "$host" -p "$port"; then
  echo "export MONA_TEST_PG_HOST=$host MONA_TEST_PG_PORT=$port"
  exit 0
fi

echo "Starting PostgreSQL for the sync tests" >&2
if command -v pg_ctlcluster >/dev/null && pg_lsclusters -h | grep -q .; then
  read -r version cluster _ < <(pg_lsclusters -h | head -n 1)
  "${sudo[@]}" pg_ctlcluster "$version" "$cluster" start >&2 || true
else
  "${sudo[@]}" service postgresql start >&2 || true
fi
for _ in $(seq 1 30); do pg_isready -q -h "$host" -p "$port" && break; sleep 1; done
pg_isready -q -h "$host" -p "$port" || { echo "PostgreSQL did not start on $host:$port" >&2; exit 1; }

as_postgres=("${sudo[@]}" -u postgres)
[[ $(id -u) -eq 0 ]] && as_postgres=(runuser -u postgres --)
"${as_postgres[@]}" psql -q -v ON_ERROR_STOP=1 -d postgres >&2 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mona_test') THEN
    CREATE ROLE mona_test LOGIN CREATEDB PASSWORD 'mona_test';
  END IF;
END $$;
SQL
echo "export MONA_TEST_PG_HOST=$host MONA_TEST_PG_PORT=$port MONA_TEST_PG_USER=mona_test MONA_TEST_PG_PASSWORD=mona_test"
