"""The queue against a real Redis, real Celery worker processes and the real engine:

- a submission flows to done;
- a worker killed mid-grading: the submission is graded again, graded and stored once;
- Redis restarted without persistence while messages wait: nothing is lost;
- the Docker engine down: system errors are retried with backoff, never shown to the
  candidate, and the submission is graded once a worker with a working sandbox runs.

Exactly-once is read from the workers' logs (`practice.grading` logs every claim, skip,
retry and stored result) and from the row itself.
"""

from __future__ import annotations

import re
import signal
import time
from datetime import datetime
from pathlib import Path

import pytest

from practice.models import Submission
from practice.services import create_submission
from practice.tests.live import NO_ENGINE, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.sandbox, pytest.mark.django_db(transaction=True)]

# Correct, but each test process sleeps 3 s in init(): a grading surely in progress.
SLOW_SOLUTION = (Path(__file__).parent / "fixtures/solutions/slow_counter.go").read_text()


def _row(pk: int) -> Submission:
    return Submission.objects.get(pk=pk)


def _done(pk: int) -> bool:
    return _row(pk).status == "done"


def test_submission_flows_to_done(live_queue, bank, candidate) -> None:
    live_queue.start()
    problem = bank["safe-counter"]
    submission = create_submission(candidate, problem, problem.starter, "submit")
    wait_for(lambda: _done(submission.pk), 90, "grading")
    done = _row(submission.pk)
    assert done.verdict == "race" and done.attempts == 1 and done.result["schema_version"] == 2
    assert len(live_queue.lines(submission.pk, "stored")) == 1


def test_worker_killed_mid_grading_is_graded_exactly_once(live_queue, bank, candidate) -> None:
    first = live_queue.start()
    submission = create_submission(candidate, bank["safe-counter"], SLOW_SOLUTION, "submit")
    # The engine reports "testing" as the test binary starts; init() then sleeps 3 s.
    wait_for(lambda: _row(submission.pk).stage == "testing", 90, "the tests to start")
    live_queue.kill(first)  # SIGKILL to the worker and everything it started
    assert _row(submission.pk).status == "running"  # its claim is left behind
    live_queue.start()
    wait_for(lambda: _done(submission.pk), 120, "the grading to be picked up again")
    time.sleep(4)  # a duplicate (re-sent message, sweeper) would have had time to show up
    done = _row(submission.pk)
    assert done.verdict == "accepted" and done.attempts == 2, done.result
    assert len(live_queue.lines(submission.pk, "claimed")) == 2  # killed, then graded
    assert len(live_queue.lines(submission.pk, "stored")) == 1


def test_redis_restart_loses_nothing(live_queue, redis_server, bank, candidate) -> None:
    problem = bank["safe-counter"]
    waiting = [create_submission(candidate, problem, problem.starter, "run") for _ in range(2)]
    redis_server.stop()  # the messages die with it (no persistence)
    started = time.monotonic()
    during = create_submission(candidate, problem, problem.starter, "run")  # broker down
    assert time.monotonic() - started < 10, "submitting must not hang while Redis is down"
    redis_server.start()
    live_queue.start()
    ids = [s.pk for s in [*waiting, during]]
    wait_for(lambda: all(_done(pk) for pk in ids), 120, "every submission")
    assert [_row(pk).attempts for pk in ids] == [1, 1, 1]
    assert {_row(pk).verdict for pk in ids} == {"race"}
    assert all(len(live_queue.lines(pk, "stored")) == 1 for pk in ids)


def _log_time(line: str) -> float:
    stamp = re.search(r"\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3})", line)
    assert stamp, line
    return datetime.strptime(stamp.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp()


def test_docker_engine_down_is_retried_with_backoff_then_graded_once(
    live_queue, bank, candidate
) -> None:
    # The configured backend is Docker and no engine answers (for real: nothing listens).
    down = live_queue.start(
        **NO_ENGINE,
        GOCONCUR_RETRY_BASE_SECONDS="0.5",
        GOCONCUR_MAX_ATTEMPTS="10",
    )
    problem = bank["safe-counter"]
    submission = create_submission(candidate, problem, problem.starter, "submit")
    wait_for(
        lambda: len(live_queue.lines(submission.pk, "hit a system error")) >= 3,
        60,
        "three failed attempts",
    )
    row = _row(submission.pk)
    assert row.status != "done" and row.verdict == "" and row.result is None  # never shown
    assert "no sandbox available" in row.last_error
    # Each retry waits twice as long as the one before, measured from the failure.
    failures = live_queue.lines(submission.pk, "hit a system error")
    claims = live_queue.lines(submission.pk, "claimed")
    delays = [float(re.search(r"retry in ([\d.]+)s", line).group(1)) for line in failures]
    assert delays[:3] == [0.5, 1.0, 2.0]
    for failure, delay, claim in zip(failures[:2], delays, claims[1:3], strict=False):
        assert _log_time(claim) - _log_time(failure) >= delay - 0.05, (failure, claim)
    live_queue.kill(down, signal.SIGTERM)  # the operator restarts the worker...
    live_queue.start()  # ...with a sandbox that works
    wait_for(lambda: _done(submission.pk), 120, "the grading once the sandbox is back")
    time.sleep(2)
    done = _row(submission.pk)
    assert done.verdict == "race" and done.attempts >= 4, done.result
    assert len(live_queue.lines(submission.pk, "stored")) == 1
    assert done.attempts == len(live_queue.lines(submission.pk, "claimed"))
