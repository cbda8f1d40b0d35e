"""The queue against a real Redis and real Celery worker processes (the engine is faked).

- a submission flows to done;
- a worker killed mid-grading: the submission is graded again and stored exactly once;
- Redis restarted without persistence while messages wait: nothing is lost.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from practice.models import Submission
from practice.services import create_submission
from practice.tests.conftest import _wait

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _status(pk: int) -> Submission:
    return Submission.objects.get(pk=pk)


def test_submission_flows_to_done(live_queue, bank, candidate) -> None:
    start_worker, _ = live_queue
    start_worker()
    submission = create_submission(
        candidate, bank["safe-counter"], bank["safe-counter"].starter, "submit"
    )
    _wait(lambda: _status(submission.pk).status == "done", 60, "grading")
    done = _status(submission.pk)
    assert done.verdict == "race" and done.attempts == 1 and done.result["schema_version"] == 1


def test_worker_killed_mid_grading_is_graded_exactly_once(
    live_queue, bank, candidate, tmp_path: Path
) -> None:
    start_worker, kill = live_queue
    log = tmp_path / "grading.log"
    first = start_worker()
    source = f"package solution\n// fake: sleep=6\n// fake: log={log}\nfunc f() {{ n++ }}\n"
    submission = create_submission(candidate, bank["safe-counter"], source, "submit")
    _wait(lambda: log.exists() and "start" in log.read_text(), 60, "grading to start")
    assert _status(submission.pk).status == "running"
    kill(first)
    start_worker()
    _wait(lambda: _status(submission.pk).status == "done", 60, "re-grading")
    time.sleep(3)  # a duplicate would have had time to start by now
    lines = log.read_text().split()
    assert lines.count("start") == 2 and lines.count("finish") == 1
    done = _status(submission.pk)
    assert done.attempts == 2 and done.verdict == "race"


def test_redis_restart_loses_nothing(live_queue, redis_server, bank, candidate) -> None:
    start_worker, _ = live_queue
    problem = bank["safe-counter"]
    waiting = [create_submission(candidate, problem, problem.starter, "run") for _ in range(3)]
    redis_server.stop()  # the three messages die with it (no persistence)
    started = time.monotonic()
    during = create_submission(candidate, problem, problem.starter, "run")  # broker down
    assert time.monotonic() - started < 10, "submitting must not hang while Redis is down"
    redis_server.start()
    start_worker()
    ids = [s.pk for s in [*waiting, during]]
    _wait(lambda: all(_status(pk).status == "done" for pk in ids), 90, "every submission")
    assert [_status(pk).attempts for pk in ids] == [1, 1, 1, 1]
