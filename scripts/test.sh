#!/usr/bin/env bash
# Set up everything the tests need and run them all. Used by CI (.ci/run) and by developers.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --test
# A real PostgreSQL server for the shared-database tests (root on Debian: the packaged cluster).
if [ -z "${LETTERS_TEST_POSTGRES_URL:-}" ] && [ "$(id -u)" = 0 ] && command -v pg_ctlcluster >/dev/null 2>&1; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  if ! pg_lsclusters -h | grep -q "^$version main"; then
    pg_createcluster "$version" main >/dev/null
  fi
  pg_ctlcluster "$version" main start 2>/dev/null || true
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='letters'\"" | grep -q 1 \
    || su postgres -c "psql -qc \"CREATE ROLE letters LOGIN PASSWORD 'letters' CREATEDB\""
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='letters_test'\"" | grep -q 1 \
    || su postgres -c "createdb -O letters letters_test"
  export LETTERS_TEST_POSTGRES_URL="postgresql+psycopg://letters:letters@127.0.0.1:5432/letters_test"
fi
exec .venv/bin/python -m pytest -n 2 -q "$@"
