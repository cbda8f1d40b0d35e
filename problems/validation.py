"""`manage.py bank validate [SLUG...]`: the bank proves itself in the real sandbox.

Every reference must be accepted, every starter must build and (unless the item says
otherwise) not be accepted, every mutant must get exactly the verdict its name claims, every
quiz program must behave as its answer says, and the metadata must be complete in both
languages. Exit status 0 only when everything holds. No Django here.
"""

from __future__ import annotations

import argparse
import re
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from graders import GradeOptions, GradeResult, Mode, Verdict, grade
from graders.programs import run_program
from graders.request import EngineSettings, InvalidOption
from problems.loader import Problem, ProblemFormatError, load_problem

BANK = Path(__file__).resolve().parent / "bank"
# A mutant that misses its verdict is graded again this many times: its bug may show under
# some schedules only. Passing on a retry is reported as flaky; references get no retry.
MUTANT_RETRIES = 2
NOT_A_STARTER = {Verdict.ACCEPTED, Verdict.COMPILE_ERROR, Verdict.REJECTED_INPUT,
                 Verdict.SYSTEM_ERROR}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Check:
    item: str
    subject: str  # "metadata", "reference", "starter", "mutant leak_x", "quiz"
    expected: str
    got: str
    ok: bool
    seconds: float = 0.0
    detail: str = ""
    flaky: bool = False  # passed only on a retry


# The page prints the title as its H1 and heads the editorial section itself ("Editorial",
# "Explanation"), so Markdown that does the same shows the reader everything twice.
_SECTION_NAMES = {"editorial", "explanation", "题解", "解析"}


def _headings(markdown: str) -> list[tuple[int, str]]:
    """(level, text) of each ATX heading outside fenced code."""
    found, fenced = [], False
    for line in markdown.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and (match := re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)):
            found.append((len(match.group(1)), match.group(2)))
    return found


def repeated_headings(problem: Problem) -> list[str]:
    issues = []
    for name, text in (("statement", problem.statement), ("editorial", problem.editorial)):
        for lang in ("en", "zh"):
            headings = _headings(getattr(text, lang))
            if any(level == 1 for level, _ in headings):
                issues.append(f"{name}.{lang} has an H1 (the page prints the title; start at ##)")
            first = headings[0][1] if headings else ""
            # "Editorial: why" and "题解\uff1a..." repeat it too.
            lead = re.split(r"[:\uff1a]", first)[0].strip().lower()
            if name == "editorial" and lead in _SECTION_NAMES:
                issues.append(f"{name}.{lang} starts with a heading the page already prints")
    return issues


def check_metadata(problem: Problem) -> list[str]:
    """What is missing or malformed, in words an author can act on."""
    issues = []
    for name, text in (
        ("title", problem.title),
        ("statement", problem.statement),
        ("editorial", problem.editorial),
    ):
        for lang in ("en", "zh"):
            if not getattr(text, lang).strip():
                issues.append(f"{name}.{lang} is empty")
    issues += repeated_headings(problem)
    if not problem.topics:
        issues.append("no topics")
    if not problem.seeds or not all(s.file and s.section for s in problem.seeds):
        issues.append("no seed section ([[seeds]] with file and section)")
    if not 1 <= len(problem.hints) <= 3:
        issues.append(f"{len(problem.hints)} hints (want 1-3)")
    if not 3 <= len(problem.followups) <= 6:
        issues.append(f"{len(problem.followups)} follow-ups (want 3-6)")
    if problem.is_coding:
        if len(problem.mutants) < 3:
            issues.append(f"{len(problem.mutants)} mutants (want at least 3)")
        if "func Test" not in problem.public_tests:
            issues.append("public_test.go has no test")
        if "func Test" not in problem.hidden_tests:
            issues.append("hidden_test.go has no test")
        if "TestMain" in problem.public_tests + problem.hidden_tests:
            issues.append("tests must not declare TestMain (the grader owns it)")
        for mutant in problem.mutants:
            if not mutant.why:
                issues.append(f"mutant {mutant.name} lacks its '// mutant: ...' first line")
        if any(m.expected is Verdict.TOO_SLOW for m in problem.mutants) and not problem.bench_tests:
            issues.append("a too_slow mutant needs bench_test.go")
    elif problem.quiz is None or len(problem.quiz.choices) < 2:
        issues.append("a quiz needs a question and at least two choices")
    return issues


def validate_problem(
    problem: Problem,
    settings: EngineSettings,
    options: GradeOptions,
    report: Callable[[Check], None] = lambda check: None,
    mutant_retries: int = MUTANT_RETRIES,
) -> list[Check]:
    checks: list[Check] = []

    def record(check: Check) -> None:
        checks.append(check)
        report(check)

    issues = check_metadata(problem)
    record(Check(problem.slug, "metadata", "complete", "; ".join(issues) or "complete", not issues))
    if problem.quiz is not None:
        record(_check_quiz(problem, settings))
        return checks
    quick = replace(options, run_benchmarks=False)
    record(
        _grade_check(
            problem,
            "reference",
            problem.reference,
            settings,
            quick,
            lambda v: v is Verdict.ACCEPTED,
            "accepted",
        )
    )
    if problem.accepts_starter:
        record(
            _grade_check(
                problem,
                "starter",
                problem.starter,
                settings,
                quick,
                lambda v: v is Verdict.ACCEPTED,
                "accepted",
            )
        )
    else:
        record(
            _grade_check(
                problem,
                "starter",
                problem.starter,
                settings,
                quick,
                lambda v: v not in NOT_A_STARTER,
                "builds, not accepted",
            )
        )
    for mutant in problem.mutants:
        wanted = mutant.expected
        mutant_options = options if wanted is Verdict.TOO_SLOW else quick
        record(
            _grade_check(
                problem,
                f"mutant {mutant.name}",
                mutant.source,
                settings,
                mutant_options,
                lambda v, w=wanted: v is w,
                wanted.value,
                retries=mutant_retries,
            )
        )
    return checks


def _grade_check(
    problem: Problem,
    subject: str,
    source: str,
    settings: EngineSettings,
    options: GradeOptions,
    accept: Callable[[Verdict], bool],
    expected: str,
    retries: int = 0,
) -> Check:
    started = time.monotonic()
    result, misses = grade_until(
        lambda: grade(problem.grade_request(source.encode(), Mode.SUBMIT), options, settings),
        accept,
        retries,
    )
    ok = accept(result.verdict)
    if ok:
        detail = f"FLAKY: first got {', '.join(misses)}" if misses else ""
    elif result.verdict is Verdict.SYSTEM_ERROR:
        detail = f"system error: {result.message}"
    else:
        detail = f"every run missed ({', '.join(misses)}): {result.message}"
    seconds = time.monotonic() - started
    return Check(problem.slug, subject, expected, result.verdict.value, ok, seconds, detail,
                 flaky=ok and bool(misses))  # fmt: skip


def grade_until(
    grade_once: Callable[[], GradeResult], accept: Callable[[Verdict], bool], retries: int
) -> tuple[GradeResult, list[str]]:
    """Grades until a verdict is accepted; returns the last result and the verdicts missed
    before it. A wrong verdict is graded again `retries` times (mutants: a concurrency bug
    shows under some schedules only); a system_error, the infrastructure's and retryable by
    definition, once more on top."""
    misses: list[str] = []
    system_errors = 0
    while True:
        result = grade_once()
        if accept(result.verdict):
            return result, misses
        misses.append(result.verdict.value)
        if result.verdict is Verdict.SYSTEM_ERROR:
            system_errors += 1
            if system_errors > 1:
                return result, misses
        elif len(misses) - system_errors > retries:
            return result, misses


def _check_quiz(problem: Problem, settings: EngineSettings) -> Check:
    quiz = problem.quiz
    assert quiz is not None
    started = time.monotonic()
    if quiz.verify == "none":
        return Check(problem.slug, "quiz", "not runnable", "explained", True)
    run = run_program(quiz.program.encode(), race=quiz.verify == "race", settings=settings)
    if quiz.verify == "output":
        ok, got = run.stdout == quiz.expected_output, run.stdout
    elif quiz.verify == "deadlock":
        ok = "all goroutines are asleep" in run.output or run.deadlocked
        got = "deadlock" if ok else f"exit {run.exit_code}"
    elif quiz.verify == "race":
        ok, got = "WARNING: DATA RACE" in run.output, "race" if run.raced else "no race"
    else:
        ok, got = False, f"unknown verify mode {quiz.verify!r}"
    return Check(
        problem.slug,
        "quiz",
        quiz.verify,
        got[:200],
        ok,
        time.monotonic() - started,
        "" if ok else run.output[-2000:],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="manage.py bank validate", description=__doc__)
    parser.add_argument("slugs", nargs="*", help="items to validate (default: all)")
    parser.add_argument("--bank", default=str(BANK), help="bank folder")
    parser.add_argument("--backend", choices=["auto", "docker", "bwrap"])
    parser.add_argument(
        "--strict",
        action="store_true",
        help="no retries: a mutant must get its verdict on the first run",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=2,
        help="items validated at once (gradings wait on timeouts: overlap them)",
    )
    parser.add_argument(
        "--explore-seconds",
        type=float,
        default=None,
        help="schedule exploration budget for every grading (default: each item's own limit)",
    )
    args = parser.parse_args(argv)
    try:
        options = GradeOptions(explore_seconds=args.explore_seconds)
    except InvalidOption as error:
        parser.error(str(error))
    settings = EngineSettings.from_env()
    if args.backend:
        settings = replace(settings, backend=args.backend)
    root = Path(args.bank)
    folders = (
        [root / slug for slug in args.slugs]
        if args.slugs
        else sorted(p for p in root.iterdir() if (p / "problem.toml").is_file())
    )
    checks: list[Check] = []

    def show(check: Check) -> None:
        mark = "FAIL" if not check.ok else "ok~ " if check.flaky else "ok  "
        print(
            f"{mark} {check.item:40} {check.subject:42} want {check.expected:22} "
            f"got {check.got[:40].replace(chr(10), ' '):40} {check.seconds:6.1f}s",
            flush=True,
        )
        if check.detail:
            print(f"       {check.detail[:400]}", flush=True)

    lock = threading.Lock()

    def show_locked(check: Check) -> None:
        with lock:
            show(check)

    def validate_folder(folder: Path) -> list[Check]:
        try:
            problem = load_problem(folder)
        except (ProblemFormatError, OSError) as error:
            check = Check(folder.name, "format", "loads", str(error), False)
            show_locked(check)
            return [check]
        retries = 0 if args.strict else MUTANT_RETRIES
        return validate_problem(problem, settings, options, show_locked, retries)

    with ThreadPoolExecutor(max_workers=max(args.jobs, 1)) as pool:
        for found in pool.map(validate_folder, folders):
            checks += found
    failed = [c for c in checks if not c.ok]
    flaky = [c for c in checks if c.flaky]
    items = len({c.item for c in checks})
    print(
        f"\n{len(checks) - len(failed)} passed ({len(flaky)} of them flaky), {len(failed)} "
        f"failed ({items} items, {sum(c.seconds for c in checks):.0f}s of grading)"
    )
    for check in flaky:
        print(f"  FLAKY {check.item}: {check.subject}: {check.detail}")
    for check in failed:
        print(f"  FAIL {check.item}: {check.subject}: want {check.expected}, got {check.got}")
    return 0 if not failed and checks else 1


if __name__ == "__main__":
    sys.exit(main())
