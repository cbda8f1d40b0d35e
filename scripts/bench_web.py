#!/usr/bin/env python3
"""Web latency under load: the problem page and the submit API, 50 concurrent clients on
loopback, p50/p95/p99 printed (the target is p95 <= 50 ms; nothing is asserted).

Starts its own uvicorn (and a Redis when none answers) against the configured database,
with the per-user limits lifted for a bench user, and no worker: submissions only queue,
and are deleted at the end.  Usage: .venv/bin/python scripts/bench_web.py [--clients 50]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"nothing listens on {port}")


def redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


def load(
    port: int,
    clients: int,
    requests: int,
    method: str,
    path: str,
    headers: dict[str, str],
    body: bytes | None,
) -> list[float]:
    latencies: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        start.wait()
        for _ in range(requests):
            began = time.perf_counter()
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - began)
            if response.status >= 400:
                raise SystemExit(f"{method} {path}: HTTP {response.status}")
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def report(name: str, latencies: list[float], seconds: float) -> None:
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100)
    print(
        f"{name:<28} n={len(ms):5d}  p50={q[49]:7.1f} ms  p95={q[94]:7.1f} ms  "
        f"p99={q[98]:7.1f} ms  {len(ms) / seconds:7.1f} req/s  (target p95 <= 50 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="per client")
    parser.add_argument("--web-workers", type=int, default=2)
    args = parser.parse_args()

    import django

    django.setup()
    from accounts.models import User
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from practice.models import Submission
    from rest_framework.authtoken.models import Token

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
    user, _ = User.objects.get_or_create(username="bench-web")
    token, _ = Token.objects.get_or_create(user=user)
    browser = Client()
    browser.force_login(user)
    session = browser.cookies[settings.SESSION_COOKIE_NAME].value

    children = []
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'platform'}:{ROOT}",
        "GOCONCUR_RATE_LIMIT_PER_MINUTE": "100000000",
        "GOCONCUR_MAX_IN_FLIGHT": "100000000",
    }
    if not redis_answers(settings.REDIS_URL):
        port = free_port()
        env["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
        children.append(
            subprocess.Popen(
                ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", ""],
                stdout=subprocess.DEVNULL,
                start_new_session=True,
            )
        )
        wait_port(port)
    port = free_port()
    children.append(
        subprocess.Popen(
            [
                str(ROOT / ".venv/bin/uvicorn"),
                "config.asgi:application",
                "--app-dir",
                "platform",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(args.web_workers),
                "--no-access-log",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
    )
    try:
        wait_port(port)
        page = f"/practice/problems/{problem.slug}/"
        cookie = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}
        load(port, 4, 5, "GET", page, cookie, None)  # warm up
        print(
            f"{args.clients} clients x {args.requests} requests, {args.web_workers} web "
            f"workers, loopback, {os.cpu_count()} cores"
        )
        began = time.perf_counter()
        latencies = load(port, args.clients, args.requests, "GET", page, cookie, None)
        report("problem page (GET)", latencies, time.perf_counter() - began)
        body = json.dumps(
            {"problem": problem.slug, "source": problem.starter or "package x", "mode": "run"}
        ).encode()
        headers = {"Authorization": f"Token {token.key}", "Content-Type": "application/json"}
        began = time.perf_counter()
        latencies = load(
            port, args.clients, args.requests, "POST", "/api/submissions/", headers, body
        )
        report("submit API (POST)", latencies, time.perf_counter() - began)
    finally:
        for child in children:
            os.killpg(child.pid, signal.SIGTERM)
            child.wait(15)
        Submission.objects.filter(user=user).delete()


if __name__ == "__main__":
    main()
