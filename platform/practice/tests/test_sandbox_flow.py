"""A submission graded by the real engine in the real sandbox, through the queue's code."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from practice import grading
from practice.models import Submission

pytestmark = [pytest.mark.sandbox, pytest.mark.slow]


@pytest.fixture
def real_engine(settings):
    try:
        from graders import grade  # noqa: F401
    except ImportError as error:
        pytest.skip(f"graders.grade is not importable yet: {error}")
    settings.GOCONCUR_GRADER = "graders:grade"
    settings.GOCONCUR_MAX_ATTEMPTS = 1  # a sandbox failure must show, not be retried away


def _grade(candidate, problem, source: str, mode: str = "submit") -> Submission:
    submission = Submission.objects.create(
        user=candidate,
        problem=problem,
        mode=mode,
        source=source,
        lease_until=timezone.now() + timedelta(minutes=5),
    )
    grading.grade(submission.pk)
    submission.refresh_from_db()
    return submission


def test_racy_starter_gets_a_race_on_its_line(real_engine, bank, candidate) -> None:
    problem = bank["safe-counter"]
    done = _grade(candidate, problem, problem.starter)
    assert done.verdict == "race", done.result.get("message")
    lines = {f["line"] for f in done.result["findings"] if f.get("file") == "solution.go"}
    assert 9 in lines  # `c.n++`


def test_reference_is_accepted(real_engine, bank, candidate) -> None:
    problem = bank["safe-counter"]
    done = _grade(candidate, problem, problem.secret.reference)
    assert done.verdict == "accepted", done.result.get("message")
