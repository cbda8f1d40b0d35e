"""Which run comes next: pure decisions the pipeline asks before each sandbox step."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from graders.judge.build import BuildJudgement
from graders.judge.explore import judge_exploration, plan_rounds
from graders.judge.merge import STOPPED, crashed, merge
from graders.judge.steps import Context, RunPurpose, RunSettings, TestRunStep
from graders.judge.tests import RunOutcome
from graders.request import Mode
from graders.results import TestStatus
from graders.verdicts import Verdict

# Fresh processes that may confirm one failure seen on a repeat, and in all: a bound on
# what a package of many stateful tests can cost.
MAX_CONFIRMATIONS = 12


def plain_run(test_timeout: float, gomaxprocs: int | None = None) -> RunSettings:
    return RunSettings(
        RunPurpose.PLAIN, cpus=(gomaxprocs,) if gomaxprocs else (), timeout=test_timeout
    )


def race_run(
    plain: RunOutcome,
    *,
    mode: Mode,
    count: int,
    cpus: tuple[int, ...],
    test_timeout: float,
) -> RunSettings | None:
    """The race binary, repeated (-count) under several GOMAXPROCS (-cpu). It runs after a
    plain run that ended, and after one that crashed: the race may be the crash's cause.
    A hang or a limit already took its time; nothing is learnt by waiting again."""
    if plain.verdict not in STOPPED and not crashed(plain):
        return None
    if mode is Mode.RUN:
        count, cpus = 1, ()
    elif plain.leaks:
        # Leaked goroutines pile up across repetitions and slow the race detector down
        # (and past its goroutine limit): one round per CPU setting is enough here.
        count = 1
    runs = max(count, 1) * max(len(cpus), 1)
    return RunSettings(
        RunPurpose.RACE,
        race=True,
        count=count,
        cpus=cpus,
        timeout=test_timeout * max(2, runs // 2),
        # The run's clock covers every repetition; one test that hangs is cut at the plain
        # run's whole limit, so a deadlock seen only here is not a long wait.
        test_budget=test_timeout,
    )


def confirmations(outcomes: Sequence[RunOutcome], test_timeout: float) -> tuple[RunSettings, ...]:
    """A test that passed in the plain run and failed only on a repeat (run > 1) of another
    run is run again at the failing GOMAXPROCS, alone: in fresh processes once each, as many
    as the runs it took to fail and at least the run's -count (a flaky failure gets as many
    chances to show as it had), and in one process repeated up to that run, where a failure
    caused by the repetition itself shows again. `merge` reads the answer."""
    plain, *rest = outcomes
    planned: list[RunSettings] = []
    for run in rest:
        if run.settings.purpose is RunPurpose.CONFIRM:
            continue
        for result in run.tests:
            failure = run.first_failure(result.name)
            if result.status is not TestStatus.FAIL or failure is None or failure.run <= 1:
                continue
            if plain.status(result.name) is not TestStatus.PASS:
                continue
            alone = RunSettings(
                RunPurpose.CONFIRM,
                race=run.settings.race,
                cpus=(failure.cpu,) if failure.cpu > 0 else (),
                tests=(result.name,),
                timeout=test_timeout,
            )
            repeated = replace(alone, count=failure.run, timeout=test_timeout * failure.run)
            fresh = max(failure.run, run.settings.count)
            planned += [repeated, *[alone] * min(fresh, MAX_CONFIRMATIONS - 1)]
    return tuple(planned[:MAX_CONFIRMATIONS])


def benchmarks_due(
    build: BuildJudgement,
    outcomes: Sequence[RunOutcome],
    context: Context,
    explored: Sequence[TestRunStep] = (),
) -> bool:
    """Speed is measured only for code that passed everything else (vet aside)."""
    if context.no_benchmarks_because is not None or not passed_so_far(build, outcomes):
        return False
    return not judge_exploration(explored, context).found


def passed_so_far(build: BuildJudgement, outcomes: Sequence[RunOutcome]) -> bool:
    """Built, and no run found anything worse than vet's warnings."""
    if not build.built or not outcomes:
        return False
    merged = merge(outcomes)
    return merged.verdicts <= {Verdict.VET_ERROR} and all(
        t.status is TestStatus.PASS for t in merged.tests
    )


def exploration(
    build: BuildJudgement,
    outcomes: Sequence[RunOutcome],
    *,
    mode: Mode,
    budget_seconds: float,
    test_timeout: float,
    race: bool = True,
    gomaxprocs: int | None = None,
) -> tuple[tuple[RunSettings, ...], ...]:
    """Schedule exploration's rounds (graders/judge/explore.py), only for submitted code that
    passed the plain and race runs: it looks for what those schedules did not show. With the
    race runs off there are no race rounds; a pinned GOMAXPROCS replaces the cycle."""
    if mode is not Mode.SUBMIT or not passed_so_far(build, outcomes):
        return ()
    phases = (
        tuple(
            replace(r, cpus=(gomaxprocs,)) if gomaxprocs else r for r in phase if race or not r.race
        )
        for phase in plan_rounds(budget_seconds, test_timeout)
    )
    return tuple(phase for phase in phases if phase)
