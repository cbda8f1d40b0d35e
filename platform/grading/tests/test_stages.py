"""Which grading steps ran and why the others did not, read from the engine's result."""

from __future__ import annotations

import pytest
from practice.models import Submission

from grading.stages import budget, step_report


def _report(result: dict, mode: str = "submit") -> dict[str, str]:
    """step -> "ran" or the reason it was skipped."""
    return {r.step: "ran" if r.ran else r.reason for r in step_report(result, mode)}


TIMINGS_ALL = {
    "build": 1.0,
    "test": 1.0,
    "race": 2.0,
    "explore": 3.0,
    "bench": 3.0,
    "total": 10.0,
}


def test_everything_ran() -> None:
    assert set(_report({"verdict": "accepted", "timings": TIMINGS_ALL}).values()) == {"ran"}


def test_engine_reasons_win() -> None:
    result = {
        "verdict": "deadlock",
        "timings": {"build": 1.0, "test": 20.0, "total": 21.0},
        "unchecked": {"race_free": "deadlocked", "performance": "skipped_after_failure"},
    }
    report = _report(result)
    assert report == {
        "queued": "ran",
        "build": "ran",
        "test": "ran",
        "race": "deadlocked",
        "explore": "deadlocked",
        "bench": "skipped_after_failure",
        "done": "ran",
    }
    why = {r.step: r.why for r in step_report(result, "submit")}
    assert why["race"] == "the tests deadlocked first"


RAN_RACE = {"build": 1, "test": 1, "race": 1}


@pytest.mark.parametrize(
    ("verdict", "timings", "mode", "race", "bench"),
    [
        # Older results (schema v1) carry no `unchecked`: inferred from verdict and mode.
        ("accepted", RAN_RACE, "run", "ran", "not_in_run_mode"),
        ("race", RAN_RACE, "submit", "ran", "skipped_after_failure"),
        ("timeout", {"build": 1, "test": 20}, "submit", "timed_out", "timed_out"),
        ("accepted", RAN_RACE, "submit", "ran", "no_benchmarks"),
    ],
)
def test_inferred_reasons(verdict, timings, mode, race, bench) -> None:
    report = _report({"verdict": verdict, "timings": timings}, mode)
    assert (report["race"], report["bench"]) == (race, bench)


@pytest.mark.parametrize(
    ("verdict", "timings", "mode", "explore", "bench"),
    [
        ("accepted", RAN_RACE, "run", "not_in_run_mode", "not_in_run_mode"),
        ("race", RAN_RACE, "submit", "found_earlier", "skipped_after_failure"),
        # A zero budget turns exploration off; the benchmarks still say why they did not run.
        ("accepted", RAN_RACE, "submit", "disabled", "no_benchmarks"),
        ("leak", {**RAN_RACE, "explore": 3}, "submit", "ran", "skipped_after_failure"),
    ],
)
def test_exploration_step(verdict, timings, mode, explore, bench) -> None:
    report = _report({"verdict": verdict, "timings": timings}, mode)
    assert (report["explore"], report["bench"]) == (explore, bench)


def test_nothing_after_a_failed_build_or_a_refusal() -> None:
    built = _report({"verdict": "compile_error", "timings": {"build": 2.0}})
    assert [built[s] for s in ("build", "test", "race", "bench")] == ["ran"] + ["build_failed"] * 3
    refused = _report({"verdict": "rejected_input", "timings": {"total": 0.0}})
    assert refused["build"] == refused["bench"] == "input_rejected"
    assert _report({"verdict": "system_error", "timings": {}})["test"] == "system_error"


def test_budget_is_the_median_of_recent_gradings(bank, candidate) -> None:
    from datetime import timedelta

    from django.core.cache import cache
    from django.utils import timezone

    problem = bank["safe-counter"]
    cache.clear()
    assert budget(problem.pk, problem.limits, "run").expected is None
    now = timezone.now()
    for seconds in (4, 6, 30):
        s = Submission.objects.create(
            user=candidate, problem=problem, mode="run", source="x", status="done",
            verdict="race", finished_at=now,
        )  # fmt: skip
        Submission.objects.filter(pk=s.pk).update(created_at=now - timedelta(seconds=seconds))
    cache.clear()
    found = budget(problem.pk, problem.limits, "run")
    assert found.expected == 6.0 and found.test_timeout == problem.limits["test_timeout_seconds"]
    # Another problem with no history of its own borrows the mode's median.
    assert budget(bank["quiz-unbuffered"].pk, {}, "run").expected == 6.0
    assert budget(problem.pk, problem.limits, "submit").expected is None


def test_reasons_in_chinese() -> None:
    from django.utils import translation

    with translation.override("zh-hans"):
        (bench,) = [
            r
            for r in step_report({"verdict": "accepted", "timings": RAN_RACE}, "run")
            if r.step == "bench"
        ]
    assert bench.why == "“运行”只编译和测试;“提交”才做全部检查"
