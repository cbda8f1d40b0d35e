#!/usr/bin/env python3
"""Throughput: a burst of submissions through the real platform (the submission service,
the Redis broker, Celery workers, the sandbox) against the bare host grading the same
solution one after another. Prints the ratio of the two rates (target >= 0.8) and whether
every submission was graded exactly once (target: none lost, none graded twice).

The burst is the reference solution of one bank item without benchmarks, so the bare
commands (bench_engine.bare_host_seconds: build, race build, vet, tests, race runs) are the
recipe's. Each submission comes from its own user, so the per-user limits stay on and none
is refused. Everything runs on a private Redis and a throwaway SQLite database; nothing
touches a running platform. Nothing is asserted: on a shared machine the figures are only
comparable side by side.

Usage: .venv/bin/python scripts/bench_throughput.py [--count 200] [--slug ITEM]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "platform"), str(ROOT), str(ROOT / "scripts")]

from bench_web import free_port, load_average, wait_port  # noqa: E402

USER_PREFIX = "bench-burst-"


def start_services(workdir: Path, concurrency: int) -> tuple[dict[str, str], list]:
    redis_port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'platform'}:{ROOT}",
        "DATABASE_URL": f"sqlite:///{workdir / 'burst.sqlite3'}",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "GOCONCUR_VAR_DIR": str(workdir),
    }
    redis = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(redis_port), "--save", "",
         "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    wait_port(redis_port)
    manage = [str(ROOT / ".venv/bin/python"), str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True)
    subprocess.run([*manage, "bank", "load"], env=env, check=True, stdout=subprocess.DEVNULL)
    worker = subprocess.Popen(
        [str(ROOT / ".venv/bin/celery"), "-A", "config", "worker", "--beat",
         "--concurrency", str(concurrency), "--schedule", str(workdir / "beat"),
         "--loglevel", "WARNING", "--without-gossip", "--without-mingle"],
        cwd=ROOT / "platform", env=env, stdout=open(workdir / "worker.log", "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    return env, [worker, redis]


def stop_services(processes: list) -> None:
    worker, redis = processes
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
    redis.kill()


def burst(slug: str, count: int, timeout: float) -> tuple[float, dict[str, int], list[int]]:
    """Submits `count` references at once; returns the seconds until the last is stored,
    the verdicts, and the attempt counts."""
    import django

    django.setup()
    from accounts.models import User
    from practice.models import Submission
    from practice.services import create_submission

    from problems.models import Problem

    problem = Problem.objects.get(slug=slug)
    source = problem.secret.reference
    users = User.objects.bulk_create(User(username=f"{USER_PREFIX}{n}") for n in range(count))
    started = time.monotonic()
    ids = [create_submission(user, problem, source, "submit").pk for user in users]
    print(f"   {count} submissions queued in {time.monotonic() - started:.1f}s")
    deadline = started + timeout
    done = 0
    while time.monotonic() < deadline:
        done = Submission.objects.filter(pk__in=ids, status=Submission.Status.DONE).count()
        if done == count:
            break
        time.sleep(0.5)
    elapsed = time.monotonic() - started
    verdicts: dict[str, int] = {}
    attempts = []
    for submission in Submission.objects.filter(pk__in=ids):
        key = submission.verdict or f"({submission.status})"
        verdicts[key] = verdicts.get(key, 0) + 1
        attempts.append(submission.attempts)
    return elapsed, verdicts, attempts


def bare_rate(slug: str, rounds: int) -> float:
    """Submissions per second when the bare host grades them one after another."""
    from bench_engine import bare_host_seconds

    from problems.loader import load_problem

    problem = load_problem(ROOT / "problems" / "bank" / slug)
    bare_host_seconds(problem)  # warm the host's cache: warm against warm
    return 1 / statistics.median(bare_host_seconds(problem) for _ in range(rounds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--slug", default="fetch-timeout-goroutine-leak")
    parser.add_argument("--concurrency", type=int, default=os.cpu_count() or 2,
                        help="grading processes (default: one per core, as make run)")  # fmt: skip
    parser.add_argument("--bare-rounds", type=int, default=5)
    args = parser.parse_args()

    print(f"== throughput: a burst of {args.count} submissions of {args.slug}'s reference")
    before = bare_rate(args.slug, args.bare_rounds)
    workdir = Path(tempfile.mkdtemp(prefix="goconcur-burst-"))
    env, processes = start_services(workdir, args.concurrency)
    try:
        os.environ.update({k: env[k] for k in ("DATABASE_URL", "REDIS_URL", "GOCONCUR_VAR_DIR")})
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        elapsed, verdicts, attempts = burst(args.slug, args.count, timeout=args.count * 60)
    finally:
        stop_services(processes)
    after = bare_rate(args.slug, args.bare_rounds)
    bare = (before + after) / 2  # the bare rate measured on both sides of the burst
    platform = args.count / elapsed
    lost = args.count - sum(n for v, n in verdicts.items() if not v.startswith("("))
    twice = sum(1 for a in attempts if a > 1)
    print(
        f"-- burst: {args.count} graded in {elapsed:.0f}s = {platform:.3f}/s with "
        f"{args.concurrency} grading processes; bare host one after another: {bare:.3f}/s "
        f"(before {before:.3f}, after {after:.3f})"
    )
    print(f"-- ratio {platform / bare:.2f} of the bare sequential rate (target >= 0.8)")
    print(
        f"-- verdicts {dict(sorted(verdicts.items()))}; not graded: {lost}; "
        f"claimed more than once: {twice}; load {load_average()}"
    )
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
