#!/usr/bin/env bash
# Every test: lint, the engine (real sandbox, real go test), the attack suite, the web
# platform (real Redis, real Celery workers), the browser flow, the platform again on a
# private PostgreSQL, and the bank's validation.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOCONCUR_CACHE_DIR=${GOCONCUR_CACHE_DIR:-/var/cache/goconcur}

echo "== lint"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "== tests"
set +e
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
status=$?
set -e
if ((status == 5)); then
  echo "pytest collected no tests: that counts as a failure" >&2
  exit 1
fi
((status == 0)) || exit "$status"

# The production database: the platform's tests again, on a PostgreSQL cluster started for
# this pass (private data directory and port, scripts/with_postgres.py). Browser tests and
# the `slow` ones that start worker processes are left to the SQLite pass: they drive pages
# and kill processes, their database work (queries, conditional UPDATEs) is what the other
# tests run here, and together they would double the suite's longest minutes.
if (($# == 0)); then
  echo "== platform tests on PostgreSQL"
  .venv/bin/python scripts/with_postgres.py -- \
    .venv/bin/python -m pytest -q -p no:cacheprovider -m "not browser and not slow" platform
fi

echo "== bank validation (every reference, starter and mutant in the real sandbox)"
.venv/bin/python manage.py bank validate
