"""The sandbox side of schedule exploration: the rounds' command lines, the one shell script
that runs them (two at a time, stopping after the first phase with evidence), and each
round's share of that run as a `TestRunStep`. The plan and every decision are in
`graders.judge.explore`."""

from __future__ import annotations

import shlex
from collections.abc import Sequence

from graders import gotool
from graders.judge.explore import EVIDENCE_RUNS
from graders.judge.steps import RunSettings, TestRunStep
from sandbox import RawRun

# -test.cpu entries: more runs than a round of 1.5 s has time for; the four rounds share one
# `sh -c` argument, which Linux caps at 128 KiB (MAX_ARG_STRLEN).
CPU_LIST_LENGTH = 6000
Command = tuple[str, dict[str, str], tuple[str, ...]]  # name, environment, argv


def cpu_list(settings: RunSettings, runs: int) -> tuple[int, ...]:
    """-test.cpu for a round: its GOMAXPROCS cycle repeated; the harness ends it on time."""
    return tuple(settings.cpus[i % len(settings.cpus)] for i in range(runs))


def round_commands(
    phases: Sequence[Sequence[RunSettings]],
    *,
    bin_dir: str,
    out_dir: str,
    env: dict[str, str],
    run_pattern: str | None,
) -> list[list[Command]]:
    """The test binary's command line and environment for every round."""
    commands: list[list[Command]] = []
    for p, phase in enumerate(phases):
        commands.append([])
        for r, settings in enumerate(phase):
            name = f"explore-{p}-{r}"
            binary = f"{bin_dir}/solution.race" if settings.race else f"{bin_dir}/solution.test"
            argv = gotool.explore_args(
                binary,
                timeout_seconds=settings.timeout,
                cpus=cpu_list(settings, CPU_LIST_LENGTH),
                run_pattern=run_pattern,
            )
            round_env = {
                **env,
                "GOCONCUR_HARNESS_OUT": f"{out_dir}/{name}.json",
                "GOCONCUR_LEAKCHECK": "1",
                "GOCONCUR_EXPLORE_SECONDS": f"{settings.explore_seconds:g}",
                "GOCONCUR_EXPLORE_HITS": str(EVIDENCE_RUNS),
            }
            if settings.test_budget:
                round_env["GOCONCUR_TEST_BUDGET"] = f"{settings.test_budget:g}"
            if settings.godebug:
                round_env["GODEBUG"] = settings.godebug
            if settings.race:
                round_env["GORACE"] = "halt_on_error=0 atexit_sleep_ms=0 history_size=2"
                round_env["GOCONCUR_EXPLORE_RACE"] = "1"
            commands[-1].append((name, round_env, argv))
    return commands


def round_files(commands: Sequence[Sequence[Command]]) -> list[str]:
    """What to read back after the rounds, relative to /work."""
    return [f"out/{name}.{ext}" for phase in commands for name, _, _ in phase
            for ext in ("log", "rc", "json")]  # fmt: skip


def round_script(
    commands: Sequence[Sequence[Command]], *, out_dir: str, cwd: str, output_cap: int
) -> str:
    """A shell script that runs each phase's rounds side by side and stops after the first
    phase where a round exited non-zero (evidence, or a crash). Each round's output is cut at
    output_cap in out_dir/<name>.log, its status in <name>.rc."""
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


def collect_rounds(
    phases: Sequence[Sequence[RunSettings]],
    commands: Sequence[Sequence[Command]],
    files: dict[str, bytes],
    whole: RawRun,
) -> list[TestRunStep]:
    """Each round's share of the sandbox run, in phase order: its log, status and record.
    A round that never started (its shell redirect made no log) is no step."""
    steps = []
    for phase, named in zip(phases, commands, strict=True):
        for settings, (name, _, _) in zip(phase, named, strict=True):
            if f"out/{name}.log" not in files:
                continue  # never started: an earlier phase found evidence
            code = files.get(f"out/{name}.rc", b"").strip()
            run = RawRun(
                exit_code=int(code) if code.isdigit() else None,
                signal=None,
                stdout=files.get(f"out/{name}.log", b""),
                stderr=b"",
                usage=whole.usage,
                limit_hit=whole.limit_hit,
            )
            steps.append(TestRunStep(settings, run, files.get(f"out/{name}.json")))
    return steps
