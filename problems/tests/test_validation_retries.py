"""The validator's retry policy: which runs count, and what is reported as flaky."""

from __future__ import annotations

from graders import GradeResult, Verdict
from graders.results import Scores
from problems.validation import grade_until


def _runs(*verdicts: Verdict):
    """A grader that answers these verdicts in turn, and counts its calls."""
    queue = list(verdicts)
    calls = []

    def grade_once() -> GradeResult:
        calls.append(1)
        return GradeResult(verdict=queue.pop(0), scores=Scores())

    return grade_once, calls


def _is_race(verdict: Verdict) -> bool:
    return verdict is Verdict.RACE


def test_a_first_hit_is_not_flaky() -> None:
    grade_once, calls = _runs(Verdict.RACE)
    result, misses = grade_until(grade_once, _is_race, retries=2)
    assert result.verdict is Verdict.RACE and misses == [] and len(calls) == 1


def test_a_hit_on_a_retry_reports_what_was_missed() -> None:
    grade_once, _ = _runs(Verdict.TIMEOUT, Verdict.RACE)
    result, misses = grade_until(grade_once, _is_race, retries=2)
    assert result.verdict is Verdict.RACE and misses == ["timeout"]


def test_retries_are_bounded() -> None:
    grade_once, calls = _runs(*[Verdict.ACCEPTED] * 5)
    result, misses = grade_until(grade_once, _is_race, retries=2)
    assert result.verdict is Verdict.ACCEPTED and len(calls) == 3 and len(misses) == 3


def test_no_retries_means_one_run() -> None:
    grade_once, calls = _runs(Verdict.ACCEPTED, Verdict.RACE)
    result, _ = grade_until(grade_once, _is_race, retries=0)
    assert result.verdict is Verdict.ACCEPTED and len(calls) == 1


def test_one_system_error_is_graded_again_even_without_retries() -> None:
    grade_once, calls = _runs(Verdict.SYSTEM_ERROR, Verdict.RACE)
    result, _ = grade_until(grade_once, _is_race, retries=0)
    assert result.verdict is Verdict.RACE and len(calls) == 2
    grade_once, calls = _runs(Verdict.SYSTEM_ERROR, Verdict.SYSTEM_ERROR, Verdict.RACE)
    result, _ = grade_until(grade_once, _is_race, retries=0)
    assert result.verdict is Verdict.SYSTEM_ERROR and len(calls) == 2
