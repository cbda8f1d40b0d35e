"""`judge(steps, context) -> GradeResult`: every decision of a grading, from the steps' data.

Build first (nothing else counts when the code does not build), then the runs merged by the
rules of `merge`, the benchmarks, the wrong-answer rule, the headline and the scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from graders.judge.bench import compare_benchmarks, performance_score
from graders.judge.build import judge_build
from graders.judge.explore import ExploreOutcome, judge_exploration
from graders.judge.merge import Check, merge
from graders.judge.scores import correctness_score, scores, static_score
from graders.judge.steps import Context, RunPurpose, Steps
from graders.judge.tests import read_run
from graders.results import (
    SCORE_NAMES,
    BenchmarkResult,
    Finding,
    FindingKind,
    GradeResult,
    Scores,
    TestResult,
    TestStatus,
    UncheckedReason,
    headline_first,
)
from graders.verdicts import Verdict, headline


def judge(steps: Steps, context: Context) -> GradeResult:
    if steps.build is None:
        raise ValueError("judge needs the build step")
    build = judge_build(steps.build)
    if not build.built:
        refused = build.verdict is Verdict.REJECTED_INPUT  # go.mod stopped the build
        return _result(
            steps,
            Verdict.REJECTED_INPUT if refused else Verdict.COMPILE_ERROR,
            build.findings,
            parts={"correctness": 0},
            reasons=dict.fromkeys(
                SCORE_NAMES,
                UncheckedReason.INPUT_REJECTED if refused else UncheckedReason.BUILD_FAILED,
            ),
            context=context,
        )
    outcomes = [read_run(step, context) for step in steps.runs
                if step.settings.purpose is not RunPurpose.EXPLORE]  # fmt: skip
    if not outcomes:
        raise ValueError("judge needs the plain run once the code built")
    merged = merge(outcomes)
    explored = judge_exploration(
        [step for step in steps.runs if step.settings.purpose is RunPurpose.EXPLORE], context
    )
    verdicts = set(merged.verdicts) | ({explored.verdict} if explored.verdict else set())
    noted = {f.params.get("test") for f in merged.findings if f.code == "test_not_repeatable"}
    findings = [*build.findings, *merged.findings]
    findings += [
        f
        for f in explored.findings
        if f.code != "test_not_repeatable" or f.params.get("test") not in noted
    ]
    if build.verdict is not None:
        verdicts.add(build.verdict)
    benchmarks: tuple[BenchmarkResult, ...] = ()
    performance: int | None = None
    performance_reason = context.no_benchmarks_because or UncheckedReason.SKIPPED_AFTER_FAILURE
    if steps.bench is not None:
        benchmarks, slow = compare_benchmarks(steps.bench, max_ratio=context.bench_max_ratio)
        findings += slow
        if slow:
            verdicts.add(Verdict.TOO_SLOW)
        performance = performance_score(benchmarks, context.bench_max_ratio)
        performance_reason = UncheckedReason.NO_BENCHMARKS
    tests = merged.tests
    if explored.verdict is Verdict.WRONG_ANSWER:
        tests = _failed_in_exploration(tests, explored)
    passed = sum(1 for t in tests if t.status is TestStatus.PASS)
    # The wrong-answer rule: a test that did not pass, with nothing else that explains it
    # (a leak or a vet warning does not make a test fail).
    if passed < len(tests) and not (verdicts - {Verdict.VET_ERROR, Verdict.LEAK}):
        verdicts.add(Verdict.WRONG_ANSWER)
    checks = {
        "race_free": Check(0) if explored.races else _race_check(merged.race_free, context),
        "leak_free": Check(0) if explored.leaks else merged.leak_free,
        "deadlock_free": Check(0) if explored.deadlocked else merged.deadlock_free,
    }
    parts: dict[str, int | None] = {
        "correctness": correctness_score(passed, len(context.expected)),
        "performance": performance,
        "static": static_score(build.vet_warnings),
        **{name: check.score for name, check in checks.items()},
    }
    reasons = {name: check.reason for name, check in checks.items() if check.reason}
    reasons["performance"] = performance_reason
    return _result(
        steps,
        headline(verdicts),
        findings,
        parts=parts,
        reasons=reasons,
        context=context,
        tests=tests,
        benchmarks=benchmarks,
    )


def _race_check(race_free: Check, context: Context) -> Check:
    """The race runs' check, unless the options turned them off: then nothing looked."""
    if context.race_checked or race_free.score == 0:
        return race_free
    return Check(None, UncheckedReason.DISABLED)


def _failed_in_exploration(
    tests: tuple[TestResult, ...], explored: ExploreOutcome
) -> tuple[TestResult, ...]:
    """Tests that failed on a first run in an exploration round did not pass."""
    failed = {
        f.params.get("test") for f in explored.findings if f.code == "test_failed_with_settings"
    }
    return tuple(
        replace(t, status=TestStatus.FAIL, output=next(
            (f.stack for f in explored.findings if f.params.get("test") == t.name), t.output))
        if t.name in failed and t.status is TestStatus.PASS else t
        for t in tests
    )  # fmt: skip


def _result(
    steps: Steps,
    verdict: Verdict,
    findings: Sequence[Finding],
    *,
    parts: dict[str, int | None],
    reasons: dict[str, UncheckedReason],
    context: Context,
    tests: tuple[TestResult, ...] = (),
    benchmarks: tuple[BenchmarkResult, ...] = (),
) -> GradeResult:
    score, unchecked = scores(parts, reasons, context.weights, verdict)
    ordered = headline_first(findings)
    return GradeResult(
        verdict=verdict,
        scores=score,
        unchecked=unchecked,
        findings=ordered,
        tests=tests,
        benchmarks=benchmarks,
        timings={name: round(seconds, 3) for name, seconds in steps.timings.items()},
        sandbox=steps.sandbox,
        message=summary(verdict, tests, ordered),
    )


def rejected(message: str) -> GradeResult:
    """Input refused before anything ran: it passes no test, and nothing else was checked."""
    return GradeResult(
        verdict=Verdict.REJECTED_INPUT,
        scores=Scores(correctness=0, total=0),
        unchecked=dict.fromkeys(SCORE_NAMES[1:], UncheckedReason.INPUT_REJECTED),
        findings=(
            Finding(
                FindingKind.REJECTED, message, code="rejected_input", params={"detail": message}
            ),
        ),
        message=message,
    )


def system_error(message: str, detail: str = "") -> GradeResult:
    """The engine failed: nothing is scored, nothing is blamed on the code; retry later."""
    return GradeResult(
        verdict=Verdict.SYSTEM_ERROR,
        scores=Scores(),
        unchecked=dict.fromkeys((*SCORE_NAMES, "total"), UncheckedReason.SYSTEM_ERROR),
        findings=(
            Finding(
                FindingKind.SYSTEM,
                message,
                stack=detail[-8000:],
                code="system_error",
                params={"detail": message},
            ),
        ),
        message=message,
        retryable=True,
    )


def summary(verdict: Verdict, tests: Sequence[TestResult], findings: Sequence[Finding]) -> str:
    passed = sum(1 for t in tests if t.status is TestStatus.PASS)
    head = f"{passed}/{len(tests)} tests passed" if tests else "no tests ran"
    key = {
        Verdict.RACE: FindingKind.RACE, Verdict.LEAK: FindingKind.LEAK,
        Verdict.DEADLOCK: FindingKind.DEADLOCK, Verdict.VET_ERROR: FindingKind.VET,
        Verdict.COMPILE_ERROR: FindingKind.COMPILE,
    }.get(verdict)  # fmt: skip
    lead = next((f for f in findings if key and f.kind is key), None) or next(
        (
            f
            for f in findings
            if f.kind not in (FindingKind.TEST_FAILURE, FindingKind.NOT_REPEATABLE)
        ),
        None,
    )
    if verdict is Verdict.ACCEPTED:
        return f"accepted: {head}"
    detail = f": {lead.message}" if lead else ""
    return f"{verdict.value} ({head}){detail}"
