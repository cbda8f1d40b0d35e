"""The rules that join the runs of one job: the plain run, the race runs (repeated under
several GOMAXPROCS) and the confirmations of a failure seen only on a repeat.

- A crash or a hang under another schedule counts like one in the plain run, unless a race
  explains it.
- A race found by the race binary is the cause of a crash of the plain run: the headline is
  the race, and the crash is listed after it as its consequence.
- A test failing only under another schedule fails, and the finding names the GOMAXPROCS and
  the run (in that process) that failed.
- A test that failed only on a repeat in one process, passed alone in fresh processes as many
  times, and failed again when repeated in one process, cannot be repeated: a finding of its
  own, not a failure of the code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from graders.judge.steps import RunPurpose, RunSettings
from graders.judge.tests import Failure, RunOutcome
from graders.results import Finding, FindingKind, TestResult, TestStatus, UncheckedReason
from graders.verdicts import Verdict

STOPPED = (None, Verdict.WRONG_ANSWER)  # verdicts of a run that reached its end


@dataclass(frozen=True, slots=True)
class Check:
    """One check's result: a score, or why there is none."""

    score: int | None
    reason: UncheckedReason | None = None


@dataclass(frozen=True, slots=True)
class Merged:
    verdicts: frozenset[Verdict]
    findings: tuple[Finding, ...]
    tests: tuple[TestResult, ...]
    race_free: Check
    leak_free: Check
    deadlock_free: Check


def merge(outcomes: Sequence[RunOutcome]) -> Merged:
    plain, *rest = outcomes
    schedules = [o for o in rest if o.settings.purpose is not RunPurpose.CONFIRM]
    confirms = [o for o in rest if o.settings.purpose is RunPurpose.CONFIRM]
    verdicts: set[Verdict] = set()
    findings: list[Finding] = list(plain.findings)
    tests = {t.name: t for t in plain.tests}
    if plain.verdict not in STOPPED:
        verdicts.add(plain.verdict)
    else:
        findings += [_failure(t, plain) for t in plain.tests if t.status is TestStatus.FAIL]
    if plain.leaks:
        verdicts.add(Verdict.LEAK)
        findings += plain.leaks
    deadlocked = plain.deadlocked
    races: dict[str, Finding] = {}
    gave_up = False
    for run in schedules:
        for race in run.races:
            races.setdefault(race.message, race)
        if run.race_detector_gave_up and plain.leaks:
            # Leaked goroutines of every repetition piled up past the race detector's limit:
            # the leak is the finding, the race check stays incomplete.
            gave_up = True
            findings += run.findings
            continue
        if run.verdict not in STOPPED and not run.races:
            verdicts.add(run.verdict)  # a crash or a hang under this schedule
            findings += run.findings
            deadlocked |= run.deadlocked
            for result in run.tests:  # the test that hung or crashed did not pass
                broken = result.status in (TestStatus.FAIL, TestStatus.TIMEOUT)
                if broken and _passed(tests, result.name):
                    tests[result.name] = result
            continue
        for result in run.tests:
            if result.status is not TestStatus.FAIL or not _passed(tests, result.name):
                continue
            failure = run.first_failure(result.name)
            if failure is not None and failure.run > 1 and _repeat_only(confirms, failure):
                findings.append(_not_repeatable(failure, run))
                continue
            tests[result.name] = result
            findings.append(_failure(result, run, failure))
    if races:
        verdicts.add(Verdict.RACE)
        findings += races.values()
        if crashed(plain):
            # The race is the cause of the plain run's crash (the rule that puts a race above
            # the wrong answer it causes): the crash is listed as its consequence.
            verdicts.discard(Verdict.RUNTIME_ERROR)
            findings = [_consequence(f) if f in plain.findings else f for f in findings]
    return Merged(
        verdicts=frozenset(verdicts),
        findings=tuple(findings),
        tests=tuple(tests.values()),
        race_free=_race_check(plain, schedules, bool(races), gave_up),
        leak_free=(
            Check(0) if plain.leaks else Check(100) if plain.leak_checked else _unchecked(plain)
        ),
        deadlock_free=(
            Check(0)
            if deadlocked
            else Check(100)
            if any(o.finished_normally for o in outcomes)
            else _unchecked(plain)
        ),
    )


def _passed(tests: dict[str, TestResult], name: str) -> bool:
    earlier = tests.get(name)
    return earlier is not None and earlier.status is TestStatus.PASS


def _repeat_only(confirms: Sequence[RunOutcome], failure: Failure) -> bool:
    """The failure comes from repeating the test in one process: it passed alone in every
    fresh process and failed again on a repeat of a process that repeated it. Without that
    evidence (a flaky failure that did not show again) it stays a failure of the code."""
    mine = [o for o in confirms if o.settings.tests == (failure.test,)]
    fresh = [o for o in mine if o.settings.count == 1]
    repeated = [o for o in mine if o.settings.count > 1]
    return (
        bool(fresh)
        and all(o.status(failure.test) is TestStatus.PASS for o in fresh)
        and any(_fails_on_a_repeat(o, failure.test) for o in repeated)
    )


def _fails_on_a_repeat(outcome: RunOutcome, test: str) -> bool:
    first = outcome.first_failure(test)
    return first is not None and first.run > 1


def crashed(outcome: RunOutcome) -> bool:
    """The run ended in a panic or an early exit, not at a limit or in a hang."""
    return (
        outcome.verdict is Verdict.RUNTIME_ERROR
        and not outcome.race_detector_gave_up
        and any(f.kind is FindingKind.PANIC for f in outcome.findings)
        and not any(f.kind is FindingKind.LIMIT for f in outcome.findings)
    )


def _consequence(finding: Finding) -> Finding:
    if finding.kind is not FindingKind.PANIC:
        return finding
    return replace(
        finding,
        message=f"{finding.message} (a consequence of the data race above)",
        code="crash_after_race",
        params={
            "detail": str(finding.params.get("detail", finding.message)),
            "place": str(finding.params.get("place", "")),
        },
    )


def _failure(result: TestResult, run: RunOutcome, failure: Failure | None = None) -> Finding:
    failure = failure or run.first_failure(result.name)
    settings = run.settings
    if failure is None and settings.purpose is RunPurpose.PLAIN:
        return Finding(FindingKind.TEST_FAILURE, f"{result.name} failed", stack=result.output,
                       code="test_failed", params={"test": result.name})  # fmt: skip
    if failure is None:
        flags = settings.describe()
        return Finding(
            FindingKind.TEST_FAILURE,
            f"{result.name} failed under {flags}",
            stack=result.output,
            code="test_failed_under",
            params={"test": result.name, "flags": flags},
        )
    runs = _runs_in_process(settings)
    under = " under -race" if settings.race else ""
    return Finding(
        FindingKind.TEST_FAILURE,
        f"{result.name} failed{under} with GOMAXPROCS={failure.cpu}"
        + (f" (-cpu={failure.cpu})" if settings.cpus else "")
        + f", on run {failure.run} of {runs} in one process",
        stack=result.output,
        code="test_failed_with_settings",
        params={
            "test": result.name,
            "cpu": failure.cpu,
            "run": failure.run,
            "runs": runs,
            "race": int(settings.race),
        },
    )


def _not_repeatable(failure: Failure, run: RunOutcome) -> Finding:
    runs = _runs_in_process(run.settings)
    result = next((t for t in run.tests if t.name == failure.test), None)
    return Finding(
        FindingKind.NOT_REPEATABLE,
        f"{failure.test} cannot be repeated in one process: it failed on run {failure.run} of "
        f"{runs} (GOMAXPROCS={failure.cpu}"
        + (" under -race" if run.settings.race else "")
        + ") after passing before; alone it passed in every fresh process and failed again "
        "when repeated in one: state left by an earlier run (a package-level variable?) "
        "changes the next one",
        stack=result.output if result else "",
        code="test_not_repeatable",
        params={
            "test": failure.test,
            "cpu": failure.cpu,
            "run": failure.run,
            "runs": runs,
            "race": int(run.settings.race),
        },
    )


def _runs_in_process(settings: RunSettings) -> int:
    return max(settings.count, 1) * max(len(settings.cpus), 1)


def _race_check(
    plain: RunOutcome, schedules: Sequence[RunOutcome], found: bool, gave_up: bool
) -> Check:
    if found:
        return Check(0)
    if gave_up:
        return Check(None, UncheckedReason.RACE_DETECTOR_GAVE_UP)
    if not schedules:
        return _unchecked(plain)
    stopped = next((o for o in schedules if not o.finished_normally), None)
    return Check(100) if stopped is None else _unchecked(stopped)


def _unchecked(outcome: RunOutcome) -> Check:
    """Why a check could not finish in this run, from what stopped it."""
    if outcome.verdict in STOPPED:
        return Check(None, UncheckedReason.SKIPPED_AFTER_FAILURE)
    reason = {
        Verdict.DEADLOCK: UncheckedReason.DEADLOCKED,
        Verdict.TIMEOUT: UncheckedReason.TIMED_OUT,
        Verdict.MEMORY_LIMIT: UncheckedReason.LIMIT_HIT,
        Verdict.OUTPUT_LIMIT: UncheckedReason.LIMIT_HIT,
    }.get(outcome.verdict)  # type: ignore[arg-type]
    if reason is None and outcome.race_detector_gave_up:
        reason = UncheckedReason.RACE_DETECTOR_GAVE_UP
    if reason is None:
        limited = any(f.kind is FindingKind.LIMIT for f in outcome.findings)
        reason = UncheckedReason.LIMIT_HIT if limited else UncheckedReason.TESTS_CRASHED
    return Check(None, reason)
