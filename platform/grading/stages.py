"""What the live progress panel shows: the grading's steps, which of them ran and which were
skipped (and why), and the time to expect. Read from the engine's own account (the result's
`timings` and `unchecked`), never from a fixed list: the engine skips what cannot help."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any

from django.core.cache import cache
from django.utils.translation import pgettext_lazy
from practice.models import Submission


@dataclass(frozen=True)
class Step:
    name: str
    stages: tuple[str, ...]  # the events (engine's and queue's) that mean this step runs
    timing: str = ""  # its key in the result's timings: present when it ran
    score: str = ""  # the score it checks: `unchecked[score]` says why it did not run
    optional: bool = False  # skipping it says nothing about the steps after it


STEPS = (
    Step("queued", ("queued", "retrying")),
    Step("build", ("running", "sandbox", "building", "vetting"), "build"),
    Step("test", ("testing",), "test", "correctness"),
    Step("race", ("race",), "race", "race_free"),
    Step("explore", ("exploring",), "explore", optional=True),
    Step("bench", ("benchmarking",), "bench", "performance"),
    Step("done", ("scoring", "done")),
)

# Why a step did not run: the engine's UncheckedReason values, said for a candidate (in the
# context "grading step": the result page words some of the same reasons for scores).
REASONS = {
    "input_rejected": pgettext_lazy("grading step", "the code was refused before anything ran"),
    "system_error": pgettext_lazy("grading step", "the grader failed (not your code's fault)"),
    "build_failed": pgettext_lazy("grading step", "the code does not build"),
    "tests_crashed": pgettext_lazy("grading step", "the tests crashed first"),
    "deadlocked": pgettext_lazy("grading step", "the tests deadlocked first"),
    "timed_out": pgettext_lazy("grading step", "the tests hit their time limit first"),
    "limit_hit": pgettext_lazy("grading step", "a memory, output or process limit was hit first"),
    "race_detector_gave_up": pgettext_lazy(
        "grading step", "too many goroutines for the race detector"
    ),
    "not_in_run_mode": pgettext_lazy(
        "grading step", "Run only builds and tests; Submit runs every check"
    ),
    "no_benchmarks": pgettext_lazy("grading step", "this problem has no benchmarks"),
    "skipped_after_failure": pgettext_lazy("grading step", "only run when every test passes"),
    "disabled": pgettext_lazy("grading step", "turned off"),
    "found_earlier": pgettext_lazy(
        "grading step", "not needed: the checks before it already found a problem"
    ),
}

# A headline verdict that stopped the run, and the reason it gives the checks after it.
_STOPPED_BY = {
    "deadlock": "deadlocked",
    "timeout": "timed_out",
    "runtime_error": "tests_crashed",
    "memory_limit": "limit_hit",
    "output_limit": "limit_hit",
}


@dataclass(frozen=True)
class StepReport:
    step: str
    ran: bool
    reason: str = ""  # a REASONS key when skipped
    why: str = ""  # the reason in the current language

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def step_report(result: dict[str, Any] | None, mode: str) -> list[StepReport]:
    """Which steps of a finished grading ran, and why the others did not."""
    result = result or {}
    timings = result.get("timings") or {}
    unchecked = result.get("unchecked") or {}
    verdict = str(result.get("verdict", ""))
    reports: list[StepReport] = []
    before = ""  # the reason the previous step did not run, inherited by those after it
    for step in STEPS:
        if not step.timing or step.timing in timings:
            reports.append(StepReport(step.name, ran=True))
            continue
        reason = unchecked.get(step.score) or before or _inferred(step.name, verdict, mode)
        reports.append(
            StepReport(step.name, ran=False, reason=reason, why=str(REASONS.get(reason, "")))
        )
        if not step.optional:
            before = before or reason
    return reports


def _inferred(step: str, verdict: str, mode: str) -> str:
    """The reason when the result does not say (results before schema v2)."""
    if verdict in ("rejected_input", "system_error"):
        return "input_rejected" if verdict == "rejected_input" else "system_error"
    if verdict == "compile_error" or step == "test":
        return "build_failed"
    if step in ("bench", "explore") and mode == Submission.Mode.RUN:
        return "not_in_run_mode"
    if step == "explore":
        # Exploration looks for bugs the plain and race runs missed: it runs only after a
        # clean result, and a zero budget turns it off.
        return "disabled" if verdict in ("accepted", "vet_error") else "found_earlier"
    if verdict in _STOPPED_BY:
        return _STOPPED_BY[verdict]
    if step == "bench" and verdict in ("accepted", "vet_error"):
        return "no_benchmarks"
    return "skipped_after_failure"


@dataclass(frozen=True)
class Budget:
    test_timeout: float | None  # seconds before a hanging test run is stopped
    expected: float | None  # typical seconds from submit to result, this problem and mode


def budget(problem_id: int, limits: dict[str, Any], mode: str) -> Budget:
    """The test timeout from the item's limits, and the median of the last gradings of the
    same problem and mode (of any problem in that mode when it has none yet). The median
    moves slowly: it is cached a minute, since every progress socket asks for it."""
    timeout = limits.get("test_timeout_seconds")
    expected = cache.get_or_set(
        f"grading-expected:{problem_id}:{mode}", lambda: _expected(problem_id, mode), 60
    )
    return Budget(float(timeout) if timeout else None, expected)


def _expected(problem_id: int, mode: str, recent: int = 20) -> float | None:
    finished = Submission.objects.filter(
        mode=mode, status=Submission.Status.DONE, finished_at__isnull=False
    ).exclude(verdict="system_error")
    expected = _median_seconds(finished.filter(problem_id=problem_id), recent)
    if expected is None:
        expected = _median_seconds(finished, recent)
    return expected


def _median_seconds(rows, recent: int) -> float | None:
    spans = [
        (end - start) / timedelta(seconds=1)
        for start, end in rows.order_by("-finished_at").values_list("created_at", "finished_at")[
            :recent
        ]
        if end and start
    ]
    return round(statistics.median(spans), 1) if spans else None
