"""The queue's rules in-process, with the real engine: claim, grade, store exactly once,
retry a system error with backoff, sweep what is stuck."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.utils import timezone

from practice import grading
from practice.models import Submission
from practice.tests.live import NO_ENGINE
from problems.models import Problem


@pytest.fixture
def queued(bank, candidate):
    def make(source: str | None = None, mode: str = "submit") -> Submission:
        problem = bank["safe-counter"]
        return Submission.objects.create(
            user=candidate,
            problem=problem,
            mode=mode,
            source=problem.starter if source is None else source,
            lease_until=timezone.now() + timedelta(minutes=5),
        )

    return make


def _stages(submission_id: int) -> tuple[object, object]:
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(f"submission-{submission_id}", channel)
    return layer, channel


@pytest.mark.sandbox
def test_grade_stores_the_real_result_once(queued) -> None:
    submission = queued()
    layer, channel = _stages(submission.pk)
    assert grading.grade(submission.pk) == "done"
    submission.refresh_from_db()
    assert submission.status == "done" and submission.verdict == "race", submission.result
    assert submission.result["schema_version"] == 2 and submission.attempts == 1
    lines = {f["line"] for f in submission.result["findings"] if f["file"] == "solution.go"}
    assert 9 in lines  # `c.n++` in the starter
    stages = []
    while not stages or stages[-1] != "done":
        stages.append(async_to_sync(layer.receive)(channel)["stage"])
    assert stages[0] == "running"
    assert {"building", "testing", "race"} <= set(stages)
    # A second delivery of the same message finds it done: nothing is graded or stored again.
    finished_at = submission.finished_at
    assert grading.grade(submission.pk) == "skipped"
    submission.refresh_from_db()
    assert submission.attempts == 1 and submission.finished_at == finished_at


def test_a_stale_holder_cannot_overwrite(held_queue, queued) -> None:
    submission = queued()
    first = grading.claim(submission.pk)
    assert grading.claim(submission.pk) is None  # a second delivery finds it running
    # The sweeper decides the first holder is dead and hands it out again.
    Submission.objects.filter(pk=submission.pk).update(lease_until=timezone.now())
    assert grading.sweep(timezone.now() + timedelta(seconds=1)) == [submission.pk]
    second = grading.claim(submission.pk)
    assert second == first + 1
    assert not grading.finish(submission.pk, first, {"verdict": "accepted"})
    assert grading.finish(submission.pk, second, {"verdict": "race"})
    submission.refresh_from_db()
    assert submission.verdict == "race"


def test_unavailable_sandbox_is_retried_then_given_up(queued, settings, monkeypatch) -> None:
    # A Docker engine that does not answer, for real: the engine answers system_error.
    for name, value in NO_ENGINE.items():
        monkeypatch.setenv(name, value)
    settings.GOCONCUR_MAX_ATTEMPTS = 3
    submission = queued()
    # Eager mode: each retry runs inline, so one call walks through every attempt.
    grading.grade(submission.pk)
    submission.refresh_from_db()
    assert submission.status == "done" and submission.attempts == 3
    assert submission.verdict == "system_error"
    assert "not your code" in submission.result["message"]
    assert "no sandbox available" in submission.last_error
    assert "docker" not in json.dumps(submission.result)  # evidence for staff, not candidates


def test_engine_crash_is_a_system_error_not_the_candidates(queued, settings) -> None:
    settings.GOCONCUR_MAX_ATTEMPTS = 1
    submission = queued()
    # An item stored by a newer bank format: building the engine request raises.
    Problem.objects.filter(pk=submission.problem_id).update(limits={"limit_from_the_future": 1})
    grading.grade(submission.pk)
    submission.refresh_from_db()
    assert submission.verdict == "system_error" and "TypeError" in submission.last_error
    assert "TypeError" not in json.dumps(submission.result)


def test_sweep_resends_lost_queued_messages(held_queue, queued) -> None:
    submission = queued()
    Submission.objects.filter(pk=submission.pk).update(lease_until=timezone.now())
    assert grading.sweep(timezone.now() + timedelta(seconds=1)) == [submission.pk]
    submission.refresh_from_db()
    assert submission.status == "queued" and submission.lease_until > timezone.now()
    assert held_queue.llen("celery") == 1  # the message is in Redis, for any worker


def test_sweep_gives_up_on_a_submission_that_keeps_killing_workers(queued, settings) -> None:
    settings.GOCONCUR_MAX_ATTEMPTS = 2
    submission = queued()
    Submission.objects.filter(pk=submission.pk).update(
        status="running", attempts=2, lease_until=timezone.now()
    )
    grading.sweep(timezone.now() + timedelta(seconds=1))
    submission.refresh_from_db()
    assert submission.status == "done" and submission.verdict == "system_error"
