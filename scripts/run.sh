#!/usr/bin/env bash
# Starts the platform in the foreground: migrate, load the bank, then web (uvicorn, ASGI)
# and a Celery worker with its beat timer (the sweeper), plus a local Redis when nothing
# answers at REDIS_URL. Prints the URL. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

bash scripts/setup_python.sh
command -v npm >/dev/null 2>&1 && bash scripts/build_frontend.sh

export PYTHONPATH="$ROOT/platform:$ROOT${PYTHONPATH:+:$PYTHONPATH}"
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
WEB_WORKERS=${WEB_WORKERS:-$(nproc)}  # one process per core (uvicorn, ASGI)
WORKER_CONCURRENCY=${WORKER_CONCURRENCY:-2}
PY=.venv/bin/python
mkdir -p var/redis

pids=()
cleanup() {
    trap - INT TERM EXIT
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

redis_answers() {
    "$PY" -c 'import os, redis; redis.Redis.from_url(os.environ["REDIS_URL"], socket_connect_timeout=1).ping()' 2>/dev/null
}
if ! redis_answers; then
    port=$("$PY" -c 'import os, urllib.parse as u; print(u.urlparse(os.environ["REDIS_URL"]).port or 6379)')
    echo "run: no Redis at $REDIS_URL; starting one on 127.0.0.1:$port (append-only file in var/redis)"
    # appendonly: queued messages survive a Redis restart (the sweeper covers the rest).
    redis-server --bind 127.0.0.1 --port "$port" --dir "$ROOT/var/redis" --appendonly yes \
        --save "" --protected-mode yes >var/redis/redis.log 2>&1 &
    pids+=($!)
    for _ in $(seq 50); do redis_answers && break; sleep 0.1; done
fi

"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py bank load

# A worker whose sandbox cannot build and run Go would fail every grading: refuse to start.
echo "run: checking the sandbox (manage.py sandbox_selftest)"
if ! "$PY" manage.py sandbox_selftest; then
    echo "run: the sandbox self-test failed (see above), so no worker was started." >&2
    echo "run: build the sandbox with 'make image', start the Docker engine, or pick a backend" >&2
    echo "run: with GOCONCUR_SANDBOX=docker|bwrap; then run 'make run' again." >&2
    exit 1
fi

.venv/bin/celery -A config worker --beat --concurrency "$WORKER_CONCURRENCY" \
    --schedule "$ROOT/var/celerybeat-schedule" --loglevel INFO &
pids+=($!)
.venv/bin/uvicorn config.asgi:application --app-dir platform --host "$HOST" --port "$PORT" \
    --workers "$WEB_WORKERS" --no-access-log &
pids+=($!)

echo
echo "goconcur is running: http://$HOST:$PORT/   (Ctrl-C stops it)"
echo
wait -n "${pids[@]}"
