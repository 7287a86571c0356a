#!/usr/bin/env bash
# Set up everything the tests need and run them all. Used by CI (.ci/run) and by developers.
# With --lint first: also ruff, `ruff format --check`, mypy and the import-layering contracts.
set -euo pipefail
cd "$(dirname "$0")/.."
lint=0
if [ "${1:-}" = "--lint" ]; then
  lint=1
  shift
fi
./scripts/setup.sh --test

if [ "$lint" = 1 ]; then
  .venv/bin/ruff check .
  .venv/bin/ruff format --check .
  .venv/bin/mypy letters
  .venv/bin/lint-imports --no-cache >/dev/null || .venv/bin/lint-imports --no-cache
fi

# A real PostgreSQL server for the shared-database tests (root on Debian: the packaged cluster).
# A server this script starts is stopped again when the tests end.
started_cluster=""
stop_cluster() {
  if [ -n "$started_cluster" ]; then
    pg_ctlcluster $started_cluster stop >/dev/null 2>&1 || true
  fi
}
trap stop_cluster EXIT
as_postgres() { (cd / && runuser -u postgres -- "$@"); }
if [ -z "${LETTERS_TEST_POSTGRES_URL:-}" ] && [ "$(id -u)" = 0 ] && command -v pg_ctlcluster >/dev/null 2>&1; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  if ! pg_lsclusters -h | grep -q "^$version main"; then
    pg_createcluster "$version" main >/dev/null
  fi
  if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
    pg_ctlcluster "$version" main start
    started_cluster="$version main"
  fi
  # CREATEROLE: team mode's tests create and drop their own login and group roles.
  if as_postgres psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname='letters'" | grep -q 1; then
    as_postgres psql -qc "ALTER ROLE letters CREATEDB CREATEROLE" >/dev/null
  else
    as_postgres psql -qc "CREATE ROLE letters LOGIN PASSWORD 'letters' CREATEDB CREATEROLE" >/dev/null
  fi
  as_postgres psql -qtAc "SELECT 1 FROM pg_database WHERE datname='letters_test'" | grep -q 1 \
    || as_postgres createdb -O letters letters_test
  export LETTERS_TEST_POSTGRES_URL="postgresql+psycopg://letters:letters@127.0.0.1:5432/letters_test"
fi
# Timing-dependent tests (marked `serial`) run after the parallel pass, one at a time. Exit status
# 5 means a pass had nothing to run (a selection with no serial tests, or only serial ones).
status=0
.venv/bin/python -m pytest -n 2 -q -m "not serial" "$@" || { code=$?; [ "$code" = 5 ] || status=$code; }
.venv/bin/python -m pytest -q -m serial "$@" || { code=$?; [ "$code" = 5 ] || status=$code; }
exit "$status"
