"""Schedule exploration: which rounds to run, and what their runs say. Pure.

A bug that needs a rare interleaving (two locks taken in opposite orders by goroutines that
outlive the test, a send that blocks only when a timer fires first) passes one plain run and
the race runs. Exploration repeats every test under a time budget in rounds: each round is one
process of the plain or the race binary, cycling GOMAXPROCS through 1, 2, 4 and 8 between
runs, some with GODEBUG=asyncpreemptoff=1 (no signal-based preemption: other interleavings of
busy goroutines), two rounds at a time so they contend for the box's CPUs. The harness checks
every run of a test that ran alone for the goroutines it left (goleak, scoped to the goroutines
that run started), tallies runs per test and GOMAXPROCS, and ends its round after a few runs
with evidence; the first phase with evidence ends the exploration, and its findings say how
often it showed ("leaked in 3 of 40 runs of TestX (at GOMAXPROCS=4; none at 1, 2, 8)").

Rules:
- a crash or a hang in a round counts as in the plain run (the hang is still cut at the
  problem's own per-test limit, never at the round's shorter clock); a race explains it;
- a leak is a leak: the final goleak check of the round found goroutines left behind;
- a test failing on its first run in a process fails (the setting is named);
- a failure seen only when a test ran again in the same process may come from state the test
  keeps between runs: it is reported as a test that cannot be repeated, never as a wrong
  answer;
- a round whose record is not this job's, or whose output we cut at the cap, proves nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from graders.judge.steps import Context, RunPurpose, RunSettings, TestRunStep
from graders.judge.tests import TEST_OUTPUT_CAP, parse_harness_record, read_run
from graders.results import Finding, FindingKind
from graders.verdicts import PRECEDENCE, Verdict

CPU_CYCLE = (1, 2, 4, 8)
EVIDENCE_RUNS = 3  # runs with evidence that end a round: enough to say how often it shows
MIN_ROUND_SECONDS = 0.25
SIGPIPE_EXIT = 141  # the shell's status for a round whose output was cut at the cap
# Killed from outside with no limit of the box hit and no record: the host (its OOM killer,
# a neighbour's fork bomb), never the code, which crashes with a dump or exits with a status.
SIGKILL_EXIT = 137

# Two rounds at a time, each contending with the other for the box's two CPUs; each starts its
# GOMAXPROCS cycle elsewhere, so every setting gets a test's first run in a fresh process.
PHASES: tuple[tuple[tuple[bool, tuple[int, ...], str], ...], ...] = (
    ((False, (1, 2, 4, 8), ""), (True, (8, 4, 2, 1), "")),
    ((False, (2, 8, 1, 4), "asyncpreemptoff=1"), (True, (4, 1, 8, 2), "asyncpreemptoff=1")),
)


def plan_rounds(budget_seconds: float, test_timeout: float) -> tuple[tuple[RunSettings, ...], ...]:
    """Phases of concurrent rounds sharing the budget; none without one. A round starts no new
    test run after its share; one test that hangs is cut at the problem's per-test limit."""
    if budget_seconds <= 0:
        return ()
    phases = PHASES if budget_seconds >= 2 * len(PHASES) * MIN_ROUND_SECONDS else PHASES[:1]
    share = budget_seconds / len(phases)
    return tuple(
        tuple(
            RunSettings(
                RunPurpose.EXPLORE,
                race=race,
                cpus=cpus,
                godebug=godebug,
                explore_seconds=share,
                timeout=share + test_timeout + 10,
                test_budget=test_timeout,
            )
            for race, cpus, godebug in phase
        )
        for phase in phases
    )


@dataclass(frozen=True, slots=True)
class Tally:
    """Runs of one test at one GOMAXPROCS in one round, as the harness counted them."""

    test: str
    procs: int
    runs: int
    leaked: int = 0
    failed: int = 0
    failed_first: int = 0  # failed on its first run in the process


@dataclass(frozen=True)
class ExploreOutcome:
    verdict: Verdict | None = None
    findings: tuple[Finding, ...] = ()
    races: int = 0
    leaks: int = 0
    deadlocked: bool = False
    runs: int = 0  # test runs in all rounds that reported
    evidence: dict[str, object] = field(default_factory=dict)  # how often, where

    @property
    def found(self) -> bool:
        return self.verdict is not None


def parse_tallies(record: bytes | None, nonce: str) -> tuple[Tally, ...] | None:
    """The round's tallies, or None when the record is missing or not this job's."""
    parsed, _ = parse_harness_record(record, nonce)
    if parsed is None or record is None:
        return None
    explore = json.loads(record.decode("utf-8")).get("explore")
    if not isinstance(explore, dict) or not isinstance(explore.get("tallies"), list):
        return None
    tallies = []
    for item in explore["tallies"]:
        if not isinstance(item, dict) or not isinstance(item.get("test"), str):
            continue
        counts = [
            _count(item.get(k)) for k in ("procs", "runs", "leaked", "failed", "failed_first")
        ]
        tallies.append(Tally(item["test"], *counts))
    return tuple(sorted(tallies, key=lambda t: (t.test, t.procs)))


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def judge_exploration(steps: Sequence[TestRunStep], context: Context) -> ExploreOutcome:
    """The evidence of the first phase that found something (a phase is the rounds that ran
    side by side: consecutive steps with the same explore_seconds), the more decisive verdict
    when both of its rounds did; notes (tests that cannot be repeated) are kept."""
    total_runs = 0
    notes: list[Finding] = []
    for phase in _phases(steps):
        found: list[ExploreOutcome] = []
        for step in phase:
            tallies = parse_tallies(step.record, context.nonce) or ()
            total_runs += sum(t.runs for t in tallies)
            outcome = judge_round(step, tallies, context)
            if outcome.found:
                found.append(outcome)
            else:
                notes += [f for f in outcome.findings if f.params not in [n.params for n in notes]]
        if found:
            best = min(found, key=lambda o: PRECEDENCE.index(o.verdict))  # type: ignore[arg-type]
            return replace(best, runs=total_runs)
    return ExploreOutcome(findings=tuple(notes[:3]), runs=total_runs)


def _phases(steps: Sequence[TestRunStep]) -> list[list[TestRunStep]]:
    phases: list[list[TestRunStep]] = []
    for step in steps:
        if (
            phases
            and phases[-1][0].settings.explore_seconds == step.settings.explore_seconds
            and (len(phases[-1]) < max(len(p) for p in PHASES))
        ):
            phases[-1].append(step)
        else:
            phases.append([step])
    return phases


def judge_round(step: TestRunStep, tallies: Sequence[Tally], context: Context) -> ExploreOutcome:
    """One round: a crash or hang, a race, a leak, a test that failed on its first run in the
    process; a failure seen only on repeats is a note, not a verdict."""
    record, untrusted = parse_harness_record(step.record, context.nonce)
    cut = step.run.exit_code in (SIGPIPE_EXIT, SIGKILL_EXIT) and step.run.limit_hit is None
    if untrusted or (cut and record is None and b"goroutine " not in step.run.stdout):
        return ExploreOutcome()  # not this job's record, or cut short by us: no evidence
    outcome = read_run(step, context)
    settings = step.settings
    if outcome.races:
        return _evidence(Verdict.RACE, outcome.races, tallies, settings, "failed", "raced",
                         races=len(outcome.races))  # fmt: skip
    if outcome.verdict not in (None, Verdict.WRONG_ANSWER) and not outcome.race_detector_gave_up:
        # A crash or a hang: the round's tallies died with it; say which setting it was.
        what = "hung" if outcome.verdict in (Verdict.DEADLOCK, Verdict.TIMEOUT) else "crashed"
        return _evidence(outcome.verdict, outcome.findings, tallies, settings, "", what,
                         deadlocked=outcome.deadlocked)  # fmt: skip
    if outcome.leaks:
        return _evidence(Verdict.LEAK, outcome.leaks, tallies, settings, "leaked", "leaked",
                         leaks=len(outcome.leaks))  # fmt: skip
    first = sorted({t.test for t in tallies if t.failed_first})
    if first:
        findings = [_first_run_failure(name, step, tallies) for name in first]
        return _evidence(Verdict.WRONG_ANSWER, findings, tallies, settings, "failed", "failed")
    repeats = sorted({t.test for t in tallies if t.failed})
    return ExploreOutcome(findings=tuple(_not_repeatable(name, step, tallies) for name in repeats))


def _evidence(
    verdict: Verdict,
    findings: Sequence[Finding],
    tallies: Sequence[Tally],
    settings: RunSettings,
    counted: str,
    what: str,
    **counts: object,
) -> ExploreOutcome:
    how, params = how_often(tallies, counted, settings, what)
    note = Finding(
        findings[0].kind if findings else FindingKind.TEST_FAILURE,
        f"found by schedule exploration: {how}",
        code="found_by_exploration",
        params=params,
    )
    suffixed = [replace(f, message=f"{f.message} — found by schedule exploration: {how}")
                for f in findings]  # fmt: skip
    return ExploreOutcome(verdict, (*suffixed, note), evidence=dict(params), **counts)  # type: ignore[arg-type]


def how_often(
    tallies: Sequence[Tally], counted: str, settings: RunSettings, what: str
) -> tuple[str, dict[str, str | int | float]]:
    """'leaked in 3 of 40 runs of TestX (at GOMAXPROCS=4; none at 1, 2, 8); plain build' and
    the same as the params of a found_by_exploration finding."""
    label = setting_label(settings)
    hit_tests = sorted({t.test for t in tallies if counted and getattr(t, counted)})
    mine = [t for t in tallies if t.test in hit_tests and t.runs]
    hits = sum(getattr(t, counted) for t in mine)
    runs = sum(t.runs for t in mine) if mine else sum(t.runs for t in tallies)
    seen = sorted({t.procs for t in mine if getattr(t, counted)})
    clean = sorted({t.procs for t in mine} - set(seen))
    params: dict[str, str | int | float] = {
        "what": what, "hits": hits, "runs": runs, "tests": ", ".join(hit_tests),
        "gomaxprocs": ", ".join(map(str, seen)), "clean_gomaxprocs": ", ".join(map(str, clean)),
        "setting": label,
    }  # fmt: skip
    if not hit_tests:
        cycle = ", ".join(map(str, settings.cpus))
        return (
            f"{what} in a round of {runs} test runs (GOMAXPROCS {cycle} in turn); {label}",
            params,
        )
    parts = []
    for test in hit_tests:
        own = [t for t in mine if t.test == test]
        at = [str(t.procs) for t in own if getattr(t, counted)]
        none = [str(t.procs) for t in own if not getattr(t, counted)]
        where = f"at GOMAXPROCS={', '.join(at)}" + (f"; none at {', '.join(none)}" if none else "")
        parts.append(f"{sum(getattr(t, counted) for t in own)} of {sum(t.runs for t in own)} "
                     f"runs of {test} ({where})")  # fmt: skip
    return f"{what} in " + ", ".join(parts) + f"; {label}", params


def setting_label(settings: RunSettings) -> str:
    label = "race build" if settings.race else "plain build"
    return f"{label}, GODEBUG={settings.godebug}" if settings.godebug else label


def _first_run_failure(test: str, step: TestRunStep, tallies: Sequence[Tally]) -> Finding:
    failure = _first_failure(step, test, first_only=True)
    cpu = failure[0] if failure else 0
    return Finding(
        FindingKind.TEST_FAILURE,
        f"{test} failed with GOMAXPROCS={cpu}, on run 1 of its round in a fresh process",
        stack=failure_output(step, test),
        code="test_failed_with_settings",
        params={
            "test": test,
            "cpu": cpu,
            "run": 1,
            "runs": sum(t.runs for t in tallies if t.test == test),
            "race": int(step.settings.race),
        },
    )


def _not_repeatable(test: str, step: TestRunStep, tallies: Sequence[Tally]) -> Finding:
    failure = _first_failure(step, test, first_only=False)
    cpu, run = failure if failure else (0, 0)
    runs = sum(t.runs for t in tallies if t.test == test)
    under = " under -race" if step.settings.race else ""
    return Finding(
        FindingKind.NOT_REPEATABLE,
        f"{test} cannot be repeated in one process: in schedule exploration it passed its first "
        f"run and failed on run {run} of {runs} (GOMAXPROCS={cpu}{under}); state left by an "
        "earlier run (a package-level variable?) changes the next one. Not counted as a wrong "
        "answer",
        stack=failure_output(step, test),
        code="test_not_repeatable",
        params={
            "test": test,
            "cpu": cpu,
            "run": run,
            "runs": runs,
            "race": int(step.settings.race),
        },
    )


def _first_failure(step: TestRunStep, test: str, *, first_only: bool) -> tuple[int, int] | None:
    """(GOMAXPROCS, run) of the test's first failure the record lists."""
    try:
        failures = json.loads((step.record or b"{}").decode("utf-8")).get("failures") or []
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    for item in failures:
        if not isinstance(item, dict) or item.get("test") != test:
            continue
        cpu, run = _count(item.get("cpu")), _count(item.get("run"))
        if not first_only or run == 1:
            return cpu, run
    return None


def failure_output(step: TestRunStep, test: str) -> str:
    """The indented lines under the first '--- FAIL: <test>' of a round (no test2json)."""
    lines = step.run.stdout.decode("utf-8", errors="replace").splitlines()
    marker = f"--- FAIL: {test} "
    for i, line in enumerate(lines):
        if line.startswith(marker):
            body = [line]
            for follow in lines[i + 1 : i + 40]:
                if not follow.startswith((" ", "\t")):
                    break
                body.append(follow)
            return "\n".join(body)[:TEST_OUTPUT_CAP]
    return ""
