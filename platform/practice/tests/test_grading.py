"""The queue's rules in-process: claim, finish, exactly once, retry with backoff, sweep."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from practice import grading
from practice.models import Submission


@pytest.fixture
def queued(bank, candidate):
    def make(source: str = "package solution\n// c.n++\n", mode: str = "submit") -> Submission:
        return Submission.objects.create(
            user=candidate,
            problem=bank["safe-counter"],
            mode=mode,
            source=source,
            lease_until=timezone.now() + timedelta(minutes=5),
        )

    return make


def test_grade_stores_the_engine_result(queued) -> None:
    submission = queued()
    assert grading.grade(submission.pk) == "done"
    submission.refresh_from_db()
    assert submission.status == "done" and submission.verdict == "race"
    assert submission.result["schema_version"] == 1 and submission.attempts == 1
    assert submission.result["findings"][0]["file"] == "solution.go"


def test_duplicate_delivery_does_not_grade_twice(queued, tmp_path) -> None:
    log = tmp_path / "log"
    submission = queued(f"package solution\n// fake: log={log}\n")
    assert grading.grade(submission.pk) == "done"
    assert grading.grade(submission.pk) == "skipped"
    assert log.read_text().count("start") == 1


def test_a_stale_holder_cannot_overwrite(queued, monkeypatch) -> None:
    monkeypatch.setattr(grading, "send", lambda pk, countdown=0: True)  # hold the message
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


def test_system_error_is_retried_then_given_up(queued, settings) -> None:
    settings.GOCONCUR_MAX_ATTEMPTS = 3
    submission = queued("package solution\n// fake: system_error\n")
    # Eager mode: the retry runs inline, so one call walks through every attempt.
    grading.grade(submission.pk)
    submission.refresh_from_db()
    assert submission.status == "done" and submission.attempts == 3
    assert submission.verdict == "system_error"
    assert "not your code" in submission.result["message"]
    assert "fake sandbox down" in submission.last_error


def test_engine_crash_is_a_system_error_not_the_candidates(queued, settings) -> None:
    settings.GOCONCUR_MAX_ATTEMPTS = 1
    submission = queued("package solution\n// fake: crash\n")
    grading.grade(submission.pk)
    submission.refresh_from_db()
    assert submission.verdict == "system_error" and "RuntimeError" in submission.last_error
    assert "RuntimeError" not in str(submission.result)


def test_sweep_resends_lost_queued_messages(queued) -> None:
    submission = queued()
    Submission.objects.filter(pk=submission.pk).update(lease_until=timezone.now())
    assert grading.sweep(timezone.now() + timedelta(seconds=1)) == [submission.pk]
    submission.refresh_from_db()
    assert submission.status == "done"  # eager: the re-sent message ran at once


def test_sweep_gives_up_on_a_submission_that_keeps_killing_workers(queued, settings) -> None:
    settings.GOCONCUR_MAX_ATTEMPTS = 2
    submission = queued()
    Submission.objects.filter(pk=submission.pk).update(
        status="running", attempts=2, lease_until=timezone.now()
    )
    grading.sweep(timezone.now() + timedelta(seconds=1))
    submission.refresh_from_db()
    assert submission.status == "done" and submission.verdict == "system_error"


def test_stages_are_recorded(queued) -> None:
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    submission = queued()
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(f"submission-{submission.pk}", channel)
    grading.grade(submission.pk)
    stages = []
    while True:
        try:
            message = async_to_sync(layer.receive)(channel)
        except Exception:
            break
        stages.append(message["stage"])
        if message["stage"] == "done":
            break
    assert stages[0] == "running" and stages[-1] == "done"
    assert {"building", "testing", "race", "benchmarking"} <= set(stages)
