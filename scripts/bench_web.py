#!/usr/bin/env python3
"""Web latency under load on loopback: the problem page and the submit API with 50
concurrent clients, each run twice: closed loop (a client sends again as soon as it is
answered: the server saturated, so latency ~ clients / throughput) and paced (a client sends
every --interval seconds, latency counted from the planned send time). p50/p95/p99 and
requests/s are printed with the load average (the target is p95 <= 50 ms; nothing is
asserted: on a shared machine the numbers are only comparable side by side).

- problem page: every client is its own signed-in user (own session);
- submit API, many users: the real per-user limits stay on, and each client rotates over
  its own users so none is refused: this measures the endpoint;
- submit API, one user: everyone shares one token, so nearly every request is refused
  (429) by the rate limit, as designed: this measures the refusal path.

Starts its own uvicorn and its own Redis (never a running one: a worker there would grade
the bench's submissions), with no worker: submissions only queue. Bench users and their
submissions are deleted at the end.  Usage: .venv/bin/python scripts/bench_web.py
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
USER_PREFIX = "bench-web-"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"nothing listens on {port}")


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def start_platform(*, log_level: str, web_workers: int | None = None) -> tuple[list, int, int]:
    """A private Redis and the web server exactly as scripts/run.sh starts it (one process
    unless `web_workers` is given); returns the processes, Redis first, Redis's port and the
    web port.
    The caller waits for the port and stops the process groups."""
    redis_port, port = free_port(), free_port()
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'platform'}:{ROOT}",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "LOG_LEVEL": log_level,
    }
    redis = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(redis_port), "--save", ""],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    wait_port(redis_port)
    web = [str(ROOT / ".venv/bin/uvicorn"), "config.asgi:application", "--app-dir", "platform",
           "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    if web_workers is not None:
        web += ["--workers", str(web_workers)]
    web += ["--no-access-log", "--log-level", "warning"]
    web_process = subprocess.Popen(web, cwd=ROOT, env=env, start_new_session=True)
    return [redis, web_process], redis_port, port


class Run:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.statuses: collections.Counter[int] = collections.Counter()
        self.seconds = 0.0


Request = tuple[str, str, dict[str, str], bytes | None]


def hammer(port: int, requests: list[list[Request]], interval: float = 0) -> Run:
    """One thread per client, each sending its own list of requests. Closed loop when
    `interval` is 0 (the next request as soon as the last one answers); else paced: each
    client sends every `interval` seconds from a random phase, and latency counts from the
    planned send time, so a slow answer also delays (and is charged to) the next request."""
    run = Run()
    lock = threading.Lock()
    start = threading.Barrier(len(requests) + 1)
    phases = random.Random(42)

    def client(mine: list[Request], phase: float) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        latencies, statuses = [], collections.Counter()
        start.wait()
        planned = time.perf_counter() + phase
        for method, path, headers, body in mine:
            if interval:
                time.sleep(max(0.0, planned - time.perf_counter()))
            began = planned if interval else time.perf_counter()
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            latencies.append(time.perf_counter() - began)
            statuses[response.status] += 1
            planned += interval
        conn.close()
        with lock:
            run.latencies.extend(latencies)
            run.statuses.update(statuses)

    threads = [
        threading.Thread(target=client, args=(mine, phases.uniform(0, interval)))
        for mine in requests
    ]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    run.seconds = time.perf_counter() - began
    return run


def report(name: str, run: Run) -> None:
    ms = sorted(x * 1000 for x in run.latencies)
    q = statistics.quantiles(ms, n=100)
    statuses = " ".join(f"{code}x{n}" for code, n in sorted(run.statuses.items()))
    print(
        f"{name:<38} n={len(ms):5d}  p50={q[49]:7.1f} ms  p95={q[94]:7.1f} ms  "
        f"p99={q[98]:7.1f} ms  {len(ms) / run.seconds:7.1f} req/s  [{statuses}]  "
        f"load {load_average()}"
    )


def make_users(count: int):
    """Bench users with tokens and sessions; the password is unusable (no login possible)."""
    from accounts.models import User
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from rest_framework.authtoken.models import Token

    User.objects.filter(username__startswith=USER_PREFIX).delete()
    users = []
    for n in range(count):
        user = User(username=f"{USER_PREFIX}{n}")
        user.set_unusable_password()
        users.append(user)
    users = User.objects.bulk_create(users)
    tokens = Token.objects.bulk_create(Token(user=u, key=Token.generate_key()) for u in users)
    sessions = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        sessions.append(session.session_key)
    return users, [t.key for t in tokens], sessions


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="per client")
    parser.add_argument(
        "--interval", type=float, default=1.0, help="seconds between a client's paced requests"
    )
    parser.add_argument(
        "--web-workers",
        type=int,
        default=int(os.environ.get("WEB_WORKERS", 0)) or os.cpu_count() or 2,
        help="uvicorn processes (default: WEB_WORKERS, as scripts/run.sh)",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from accounts.models import User
    from django.conf import settings
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from practice.models import Submission

    from problems.models import Problem

    call_command("migrate", verbosity=0)
    problem = Problem.objects.filter(is_active=True).exclude(kind="quiz").first()
    if problem is None:
        call_command(
            "bank",
            "load",
            "--keep-missing",
            "--bank",
            str(ROOT / "platform/practice/tests/fixtures/bank"),
        )
        problem = Problem.objects.filter(is_active=True).exclude(kind="quiz").first()
    # Enough users that none goes over the per-user limits in the many-users run.
    per_user = min(settings.GOCONCUR_MAX_IN_FLIGHT, settings.GOCONCUR_RATE_LIMIT_PER_MINUTE)
    users_per_client = -(-args.requests // per_user)
    users, tokens, sessions = make_users(args.clients * users_per_client)

    # Not a "Too Many Requests" log line per refused request.
    children, _, port = start_platform(log_level="ERROR", web_workers=args.web_workers)
    try:
        wait_port(port)
        cookie = settings.SESSION_COOKIE_NAME
        page = f"/practice/problems/{problem.slug}/"
        hammer(port, [[("GET", page, {"Cookie": f"{cookie}={s}"}, None)] * 5 for s in sessions[:8]])
        print(
            f"{args.clients} concurrent clients x {args.requests} requests each, loopback, "
            f"{os.cpu_count()} cores, {args.web_workers} web workers; closed loop = each "
            f"client sends again as soon as answered; paced = each client sends every "
            f"{args.interval:g} s ({args.clients / args.interval:.0f} req/s offered)"
        )
        print(f"load average before: {load_average()}")
        body = json.dumps(
            {"problem": problem.slug, "source": problem.starter or "package x", "mode": "run"}
        ).encode()

        def submit(token: str) -> Request:
            headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
            return ("POST", "/api/submissions/", headers, body)

        scenarios = {
            "problem page (GET)": [
                [("GET", page, {"Cookie": f"{cookie}={sessions[c]}"}, None)] * args.requests
                for c in range(args.clients)
            ],
            "submit API, many users": [
                [submit(tokens[c * users_per_client + r // per_user]) for r in range(args.requests)]
                for c in range(args.clients)
            ],
            "submit API, one user": [[submit(tokens[0])] * args.requests] * args.clients,
        }
        for name, requests in scenarios.items():
            for mode, interval in (("closed loop", 0.0), ("paced", args.interval)):
                report(f"{name}, {mode}", hammer(port, requests, interval))
                Submission.objects.filter(user__in=users).delete()  # the limits start afresh
    finally:
        for child in children:
            os.killpg(child.pid, signal.SIGTERM)
            child.wait(15)
        Submission.objects.filter(user__in=users).delete()
        Session.objects.filter(session_key__in=sessions).delete()
        User.objects.filter(username__startswith=USER_PREFIX).delete()


if __name__ == "__main__":
    main()
