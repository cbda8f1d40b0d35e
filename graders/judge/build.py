"""The build and vet step: compile errors and vet warnings on the candidate's lines."""

from __future__ import annotations

from dataclasses import dataclass

from graders.judge.locate import STACK_CAP, absolute, short_name
from graders.judge.steps import BuildStep
from graders.parsers.compiler import parse_compiler_output
from graders.results import Finding, FindingKind
from graders.verdicts import Verdict
from sandbox import RawRun


@dataclass(frozen=True, slots=True)
class BuildJudgement:
    built: bool
    verdict: Verdict | None
    findings: tuple[Finding, ...]
    vet_warnings: int = 0


class EngineFault(RuntimeError):
    """The step's output cannot be judged for reasons that are not the candidate's."""


def judge_build(step: BuildStep) -> BuildJudgement:
    """Compile error from the plain build first (then the race build); vet only when both
    built. A job cut short without a limit hit is the engine's fault, never a clean vet."""
    runs = step.runs
    cut_short = [name for name, run in runs.items() if not exited(run)]
    if cut_short and any(run.limit_hit for run in runs.values()):
        # A build that outgrows the box's limits (time, memory) is the code's doing.
        return BuildJudgement(False, Verdict.COMPILE_ERROR, compile_findings(runs[cut_short[0]]))
    if cut_short:
        raise EngineFault("the build was cut short: " + ", ".join(cut_short))
    for name in ("plain", "race"):
        if not runs[name].ok:
            return BuildJudgement(False, Verdict.COMPILE_ERROR, compile_findings(runs[name]))
    if "reference" in runs and not runs["reference"].ok:
        raise EngineFault("the reference does not build:\n" + runs["reference"].output)
    warnings = vet_findings(runs["vet"])
    return BuildJudgement(True, Verdict.VET_ERROR if warnings else None, warnings, len(warnings))


def exited(run: RawRun) -> bool:
    """The command ended by itself (its status is known and not a signal's)."""
    return run.exit_code is not None and run.exit_code < 128


def compile_findings(run: RawRun) -> tuple[Finding, ...]:
    if run.limit_hit:
        limit = run.limit_hit.value
        return (
            Finding(
                FindingKind.LIMIT,
                f"the build hit the {limit} limit",
                stack=run.output[-STACK_CAP:],
                code="build_limit",
                params={"limit": limit},
            ),
        )
    findings = tuple(
        Finding(
            FindingKind.COMPILE,
            d.message,
            file=short_name(absolute(d.file)),
            line=d.line,
            stack=d.raw,
            code="compile_error",
            params={"place": _place(d.file, d.line), "detail": d.message},
        )
        for d in parse_compiler_output(run.output)
    )
    return findings or (
        Finding(
            FindingKind.COMPILE,
            "the code does not build",
            stack=run.output[-STACK_CAP:],
            code="does_not_build",
        ),
    )


def vet_findings(run: RawRun) -> tuple[Finding, ...]:
    if run.exit_code == 0:
        return ()
    return tuple(
        Finding(
            FindingKind.VET,
            d.message,
            file=short_name(absolute(d.file)),
            line=d.line,
            stack=d.raw,
            code="vet_warning",
            params={"place": _place(d.file, d.line), "detail": d.message},
        )
        for d in parse_compiler_output(run.output)
        if d.file and not d.file.endswith("_test.go")
    )


def _place(file: str | None, line: int | None) -> str:
    if not file:
        return ""
    name = short_name(absolute(file))
    return f"{name}:{line}" if line else name
