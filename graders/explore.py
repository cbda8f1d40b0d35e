"""Schedule exploration: the plan of rounds, and what their runs say. Pure: no sandbox, no clock.

A bug that needs a rare interleaving (two locks taken in opposite orders by goroutines that
outlive the test, a send that blocks only when a timer fires first) passes one plain run and
the race runs. Exploration repeats every test under a time budget in rounds: each round is one
process of the plain or the race binary, cycling GOMAXPROCS through 1, 2, 4 and 8 between
runs, some with a GODEBUG knob that changes preemption, two rounds at a time so they contend
for the box's CPUs. The harness checks every run of a test that ran alone for the goroutines it
left, tallies runs per test and GOMAXPROCS, and ends its round after a few runs with evidence;
the first round with evidence ends the exploration, and its findings say how often it showed.

A failure seen only when a test ran again in the same process may come from state the test
keeps between runs (a registry, a package variable): it is reported as such and is no
wrong answer. A failure on a test's first run in a process is one.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from graders import gotool, interpret
from graders.results import Finding, FindingKind
from graders.verdicts import PRECEDENCE, Verdict
from sandbox import RawRun

CPU_CYCLE = (1, 2, 4, 8)
EVIDENCE_RUNS = 3  # runs with evidence that end a round: enough to say how often it shows
MIN_ROUND_SECONDS = 0.25
CPU_LIST_LENGTH = 2000  # -test.cpu entries: more runs than any round has time for
SIGPIPE_EXIT = 141  # the shell's status for a round whose output we stopped reading at the cap


@dataclass(frozen=True, slots=True)
class Setting:
    """How one round perturbs the scheduler."""

    race: bool  # the race build: its runtime also shuffles the run queue and select order
    cpus: tuple[int, ...]  # GOMAXPROCS of successive runs, cycled
    godebug: str = ""  # e.g. asyncpreemptoff=1: no signal-based preemption

    @property
    def label(self) -> str:
        parts = ["race build" if self.race else "plain build"]
        if self.godebug:
            parts.append(f"GODEBUG={self.godebug}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Round:
    setting: Setting
    seconds: float  # no new run of a test starts after this long


# Two rounds at a time, so each contends with the other for the box's two CPUs.
PHASES: tuple[tuple[Setting, ...], ...] = (
    (Setting(race=False, cpus=(1, 2, 4, 8)), Setting(race=True, cpus=(8, 4, 2, 1))),
    (
        Setting(race=False, cpus=(2, 8, 1, 4), godebug="asyncpreemptoff=1"),
        Setting(race=True, cpus=(4, 1, 8, 2), godebug="asyncpreemptoff=1"),
    ),
)


def plan_rounds(budget_seconds: float) -> tuple[tuple[Round, ...], ...]:
    """Phases of concurrent rounds that share the budget; none when it is too small to matter."""
    if budget_seconds <= 0:
        return ()
    phases = PHASES if budget_seconds >= 2 * len(PHASES) * MIN_ROUND_SECONDS else PHASES[:1]
    share = budget_seconds / len(phases)
    return tuple(tuple(Round(setting, share) for setting in phase) for phase in phases)


def cpu_list(setting: Setting, runs: int) -> tuple[int, ...]:
    """-test.cpu for a round: the cycle repeated; the harness ends the round on time."""
    return tuple(setting.cpus[i % len(setting.cpus)] for i in range(runs))


@dataclass(frozen=True, slots=True)
class Tally:
    """Runs of one test at one GOMAXPROCS in one round, as the harness counted them."""

    test: str
    procs: int
    runs: int
    leaked: int = 0
    failed: int = 0
    failed_first: int = 0  # failed on its first run in the process


@dataclass(frozen=True, slots=True)
class RoundRun:
    """What one round left: its output, exit status and the harness's record."""

    setting: Setting
    run: RawRun
    record: bytes | None


@dataclass(frozen=True)
class ExploreOutcome:
    verdict: Verdict | None = None
    findings: tuple[Finding, ...] = ()
    races: int = 0
    leaks: int = 0
    deadlocked: bool = False
    runs: int = 0  # test runs in all rounds that reported
    evidence: dict[str, object] = field(default_factory=dict)  # structured: how often, where

    @property
    def found(self) -> bool:
        return self.verdict is not None


def parse_tallies(record: bytes | None, nonce: str) -> tuple[Tally, ...] | None:
    """The round's tallies, or None when the record is missing or not this job's."""
    if not isinstance(interpret.parse_harness_record(record, nonce), interpret.HarnessRecord):
        return None
    assert record is not None
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


def judge_rounds(phases: Sequence[Sequence[RoundRun]], *, nonce: str) -> ExploreOutcome:
    """The evidence of the first phase that found something, with how often it showed; when
    both rounds of that phase did, the more decisive verdict. A phase that ran after the one
    with evidence (it should not have) is ignored. Notes of earlier phases are kept."""
    total_runs = 0
    notes: list[Finding] = []
    for phase in phases:
        found: list[ExploreOutcome] = []
        for round_run in phase:
            tallies = parse_tallies(round_run.record, nonce) or ()
            total_runs += sum(t.runs for t in tallies)
            outcome = judge_round(round_run, tallies, nonce=nonce)
            if outcome.found:
                found.append(outcome)
            else:
                notes += [
                    f for f in outcome.findings if f.message not in {n.message for n in notes}
                ]
        if found:
            best = min(found, key=lambda o: PRECEDENCE.index(o.verdict))  # type: ignore[arg-type]
            return replace(best, runs=total_runs)
    return ExploreOutcome(findings=tuple(notes[:1]), runs=total_runs)


Command = tuple[str, dict[str, str], tuple[str, ...]]  # name, environment, argv


def round_commands(
    phases: Sequence[Sequence[Round]],
    *,
    bin_dir: str,
    out_dir: str,
    test_timeout: float,
    env: dict[str, str],
    run_pattern: str | None,
) -> list[list[Command]]:
    """The test binary's command line and environment for every round: the harness ends the
    round on time; one test that hangs is stopped at the problem's own per-test limit."""
    commands: list[list[Command]] = []
    for p, phase in enumerate(phases):
        commands.append([])
        for r, planned in enumerate(phase):
            name, setting = f"explore-{p}-{r}", planned.setting
            binary = f"{bin_dir}/solution.race" if setting.race else f"{bin_dir}/solution.test"
            argv = gotool.explore_args(
                binary,
                timeout_seconds=planned.seconds + test_timeout + 10,
                cpus=cpu_list(setting, CPU_LIST_LENGTH),
                run_pattern=run_pattern,
            )
            round_env = {
                **env,
                "GOCONCUR_HARNESS_OUT": f"{out_dir}/{name}.json",
                "GOCONCUR_LEAKCHECK": "1",
                "GOCONCUR_TEST_BUDGET": f"{test_timeout:g}",
                "GOCONCUR_EXPLORE_SECONDS": f"{planned.seconds:g}",
                "GOCONCUR_EXPLORE_HITS": str(EVIDENCE_RUNS),
            }
            if setting.godebug:
                round_env["GODEBUG"] = setting.godebug
            if setting.race:
                round_env["GORACE"] = "halt_on_error=0 atexit_sleep_ms=0 history_size=2"
                round_env["GOCONCUR_EXPLORE_RACE"] = "1"
            commands[-1].append((name, round_env, argv))
    return commands


def round_files(commands: Sequence[Sequence[Command]]) -> list[str]:
    """What to read back after the rounds, relative to /work."""
    return [f"out/{name}.{ext}" for phase in commands for name, _, _ in phase
            for ext in ("log", "rc", "json")]  # fmt: skip


def collect_rounds(
    phases: Sequence[Sequence[Round]],
    commands: Sequence[Sequence[Command]],
    files: dict[str, bytes],
    whole: RawRun,
) -> list[list[RoundRun]]:
    """Each round's share of the sandbox run: its log, exit status and record."""
    rounds = []
    for phase, named in zip(phases, commands, strict=True):
        rounds.append([])
        for planned, (name, _, _) in zip(phase, named, strict=True):
            code = files.get(f"out/{name}.rc", b"").strip()
            run = RawRun(
                exit_code=int(code) if code.isdigit() else None,
                signal=None,
                stdout=files.get(f"out/{name}.log", b""),
                stderr=b"",
                usage=whole.usage,
                limit_hit=whole.limit_hit,
            )
            rounds[-1].append(RoundRun(planned.setting, run, files.get(f"out/{name}.json")))
    return rounds


def round_script(
    commands: Sequence[Sequence[tuple[str, dict[str, str], tuple[str, ...]]]],
    *,
    out_dir: str,
    cwd: str,
    output_cap: int,
) -> str:
    """A shell script that runs each phase's rounds side by side and stops after the first
    phase where a round exited non-zero (evidence, or a crash). Each command is (name, env,
    argv); its output is cut at output_cap in out_dir/<name>.log, its status in <name>.rc."""
    lines = [f"cd {shlex.quote(cwd)} || exit 1"]
    for phase in commands:
        for name, env, argv in phase:
            assigned = " ".join(shlex.quote(f"{k}={v}") for k, v in env.items())
            command = " ".join(shlex.quote(a) for a in argv)
            log, rc = f"{out_dir}/{name}.log", f"{out_dir}/{name}.rc"
            lines.append(f"( env {assigned} {command} 2>&1; echo $? > {rc} ) "
                         f"| head -c {output_cap} > {log} &")  # fmt: skip
        names = " ".join(f"{out_dir}/{name}.rc" for name, _, _ in phase)
        lines.append(f"wait; if grep -qsv '^0$' {names}; then exit 0; fi")
    return "\n".join(lines)


def judge_round(round_run: RoundRun, tallies: Sequence[Tally], *, nonce: str) -> ExploreOutcome:
    """One round's verdict: a crash or hang, a race, a leak, a test that failed on its first
    run in the process; a failure seen only on repeats is a note, not a verdict."""
    if isinstance(interpret.parse_harness_record(round_run.record, nonce), str):
        return ExploreOutcome()  # a record that is not this job's proves nothing either way
    outcome = interpret.test_run(round_run.run, round_run.record, nonce=nonce, expected=(),
                                 instrumented=())  # fmt: skip
    setting = round_run.setting
    if outcome.verdict is not None and outcome.findings and not outcome.race_detector_gave_up:
        if round_run.run.exit_code == SIGPIPE_EXIT and not outcome.races:
            return ExploreOutcome()  # cut at the output cap by us: inconclusive, not a crash
        how = f"in an exploration round ({setting.label}, GOMAXPROCS {_cycle(setting)})"
        evidence = {"setting": setting.label, "godebug": setting.godebug, "race": setting.race}
        if outcome.races:
            return _races(outcome.races, tallies, setting)
        return ExploreOutcome(
            verdict=outcome.verdict,
            findings=tuple(_suffix(f, how) for f in outcome.findings),
            deadlocked=outcome.deadlocked,
            evidence={**evidence, "what": outcome.verdict.value},
        )
    if outcome.races:
        return _races(outcome.races, tallies, setting)
    if outcome.leaks:
        how, evidence = _how_often(tallies, "leaked", setting)
        return ExploreOutcome(
            verdict=Verdict.LEAK,
            findings=tuple(_suffix(f, how) for f in outcome.leaks),
            leaks=len(outcome.leaks),
            evidence=evidence,
        )
    first_failures = [t for t in tallies if t.failed_first]
    if first_failures:
        how, evidence = _how_often(tallies, "failed", setting)
        names = sorted({t.test for t in first_failures})
        findings = [
            Finding(
                FindingKind.TEST_FAILURE,
                f"{name} failed on its first run in a process: {how}",
                stack=_failure_output(round_run.run, name),
            )
            for name in names
        ]
        return ExploreOutcome(Verdict.WRONG_ANSWER, tuple(findings), evidence=evidence)
    repeats = sorted({t.test for t in tallies if t.failed})
    if repeats:
        how, evidence = _how_often(tallies, "failed", setting)
        note = Finding(
            FindingKind.TEST_FAILURE,
            f"{', '.join(repeats)} failed only when run again in the same process ({how}): a "
            "test that keeps state between runs cannot be repeated; not counted as a wrong answer",
            stack=_failure_output(round_run.run, repeats[0]),
        )
        return ExploreOutcome(findings=(note,), evidence={**evidence, "repeat_only": True})
    return ExploreOutcome()


def _races(
    races: tuple[Finding, ...], tallies: Sequence[Tally], setting: Setting
) -> ExploreOutcome:
    how, evidence = _how_often(tallies, "failed", setting, what="raced")
    return ExploreOutcome(
        verdict=Verdict.RACE,
        findings=tuple(_suffix(f, how) for f in races),
        races=len(races),
        evidence=evidence,
    )


def _how_often(
    tallies: Sequence[Tally], field_name: str, setting: Setting, what: str | None = None
) -> tuple[str, dict[str, object]]:
    """'leaked in 3 of 40 runs of TestX (at GOMAXPROCS=4; none at 1, 2, 8); race build', and
    the same as data: per test and GOMAXPROCS, runs and runs with evidence."""
    word = what or field_name
    rows = [{"test": t.test, "gomaxprocs": t.procs, "runs": t.runs, "hits": getattr(t, field_name)}
            for t in tallies if t.runs]  # fmt: skip
    hit_tests = sorted({r["test"] for r in rows if r["hits"]})
    evidence: dict[str, object] = {"setting": setting.label, "race": setting.race,
                                   "godebug": setting.godebug}  # fmt: skip
    if not hit_tests:
        runs = sum(t.runs for t in tallies)
        evidence.update(runs=runs, hits=0, by_gomaxprocs=[])
        return f"{word} in an exploration round of {runs} test runs; {setting.label}", evidence
    parts = []
    for test in hit_tests:
        mine = [r for r in rows if r["test"] == test]
        hits, runs = sum(r["hits"] for r in mine), sum(r["runs"] for r in mine)
        seen = [str(r["gomaxprocs"]) for r in mine if r["hits"]]
        clean = [str(r["gomaxprocs"]) for r in mine if not r["hits"]]
        where = f"at GOMAXPROCS={', '.join(seen)}" + (
            f"; none at {', '.join(clean)}" if clean else ""
        )
        parts.append(f"{hits} of {runs} runs of {test} ({where})")
    mine = [r for r in rows if r["test"] in hit_tests]
    evidence.update(
        runs=sum(r["runs"] for r in mine), hits=sum(r["hits"] for r in mine), by_gomaxprocs=mine
    )
    return f"{word} in " + ", ".join(parts) + f"; {setting.label}", evidence


def _suffix(finding: Finding, how: str) -> Finding:
    return replace(finding, message=f"{finding.message} — found by schedule exploration: {how}")


def _cycle(setting: Setting) -> str:
    return ",".join(map(str, setting.cpus)) + " in turn"


def _failure_output(run: RawRun, test: str) -> str:
    """The indented lines under the first '--- FAIL: <test>' of a non-verbose run."""
    lines = run.stdout.decode("utf-8", errors="replace").splitlines()
    marker = f"--- FAIL: {test} "
    for i, line in enumerate(lines):
        if line.startswith(marker):
            body = [line]
            for follow in lines[i + 1 : i + 40]:
                if not follow.startswith((" ", "\t")):
                    break
                body.append(follow)
            return "\n".join(body)[: interpret.TEST_OUTPUT_CAP]
    return ""
