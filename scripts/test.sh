#!/usr/bin/env bash
# Every test: lint, the engine (real sandbox, real go test), the attack suite, the web
# platform (real Redis, real Celery workers), the browser flow, and the bank's validation.
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

echo "== bank validation (every reference, starter and mutant in the real sandbox)"
.venv/bin/python manage.py bank validate
