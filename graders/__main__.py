"""Command line: `python -m graders grade --problem DIR --solution FILE.go [--json]` and
`python -m graders check DIR [--json]`. Exit status 0 when accepted, 1 otherwise, 2 on a
system error (retryable) or bad usage."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from graders.pipeline import check, grade
from graders.request import (
    DEFAULT_EXPLORE_SECONDS,
    EngineSettings,
    GradeOptions,
    InvalidOption,
    Mode,
    check_explore_seconds,
)
from graders.results import GradeResult
from graders.verdicts import Verdict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graders", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    grade_cmd = commands.add_parser("grade", help="grade a solution against a bank problem")
    grade_cmd.add_argument("--problem", required=True, help="problem folder (problems/bank/x)")
    grade_cmd.add_argument("--solution", required=True, help="the candidate's solution.go")
    grade_cmd.add_argument("--mode", choices=[m.value for m in Mode], default=Mode.SUBMIT.value)
    check_cmd = commands.add_parser("check", help="run the recipe on any Go package")
    check_cmd.add_argument("directory")
    for command in (grade_cmd, check_cmd):
        command.add_argument("--json", action="store_true", help="print the result as JSON")
        command.add_argument("--backend", choices=["auto", "docker", "bwrap"])
        command.add_argument("--race-count", type=int, help="override -count of race runs")
        command.add_argument("--no-bench", action="store_true", help="skip benchmarks")
        command.add_argument(
            "--explore-seconds",
            type=_explore_seconds,
            help="schedule exploration budget in seconds (0: off; default: the problem's "
            f"limits.explore_seconds, {DEFAULT_EXPLORE_SECONDS:g} for check)",
        )
        command.add_argument("--no-race", action="store_true", help="skip the race runs")
        command.add_argument(
            "--gomaxprocs", type=int, help="run everything at this one GOMAXPROCS (a fault switch)"
        )
        command.add_argument("--progress", action="store_true", help="print stages to stderr")
    args = parser.parse_args(argv)

    settings = EngineSettings.from_env()
    if args.backend:
        from dataclasses import replace

        settings = replace(settings, backend=args.backend)
    try:
        options = GradeOptions(
            race_count=args.race_count,
            run_benchmarks=not args.no_bench,
            explore_seconds=args.explore_seconds,
            race=not args.no_race,
            gomaxprocs=args.gomaxprocs,
        )
    except InvalidOption as error:
        parser.error(str(error))

    def progress(stage: str, detail: dict) -> None:
        if args.progress:
            print(f"[{stage}] {json.dumps(detail)}", file=sys.stderr, flush=True)

    if args.command == "grade":
        from problems.loader import ProblemFormatError, load_problem

        try:
            problem = load_problem(args.problem)
        except ProblemFormatError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        source = Path(args.solution).read_bytes()
        request = problem.grade_request(source, Mode(args.mode))
        result = grade(request, options, settings, progress)
    else:
        result = check(args.directory, options, settings, progress)

    print(
        json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
        if args.json
        else render_text(result)
    )
    if result.verdict is Verdict.SYSTEM_ERROR:
        return 2
    return 0 if result.verdict is Verdict.ACCEPTED else 1


def _explore_seconds(text: str) -> float:
    try:
        seconds = float(text)
        check_explore_seconds(seconds, "--explore-seconds")
    except (ValueError, InvalidOption) as error:
        raise argparse.ArgumentTypeError(str(error)) from error
    return seconds


def render_text(result: GradeResult) -> str:
    lines = [f"verdict: {result.verdict.value}", f"message: {result.message}"]
    scores = " ".join(
        f"{name}={value if value is not None else 'unchecked (' + result.unchecked[name] + ')'}"
        for name, value in asdict(result.scores).items()
    )
    lines.append(f"scores: {scores}")
    for test in result.tests:
        lines.append(f"  test {test.name}: {test.status.value} ({test.duration:.3f}s)")
    for finding in result.findings:
        where = f" at {finding.file}:{finding.line}" if finding.file else ""
        lines.append(f"  [{finding.kind.value}]{where} {finding.message}")
    for bench in result.benchmarks:
        ratio = f"{bench.ratio:.2f}x" if bench.ratio is not None else "n/a"
        lines.append(
            f"  bench {bench.name}: {bench.candidate_ns_op:.0f} ns/op vs "
            f"{bench.reference_ns_op or 0:.0f} ns/op, ratio {ratio}, "
            f"significant={bench.significant}"
        )
    timings = " ".join(f"{k}={v:.2f}s" for k, v in result.timings.items())
    lines.append(f"timings: {timings}")
    if result.sandbox:
        hit = list(result.sandbox.limits_hit)
        lines.append(f"sandbox: {result.sandbox.backend} limits_hit={hit}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
