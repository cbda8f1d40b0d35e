"""End to end: real solutions graded by real `go test` in the real sandbox."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from graders import GradeOptions, Mode, Verdict, check, grade, results
from graders.request import EngineSettings, ProblemLimits
from graders.results import FindingKind, GradeResult
from graders.tests.contract import assert_contract
from problems.loader import load_problem
from problems.validation import validate_problem

HERE = Path(__file__).parent
PROBLEM = load_problem(HERE / "problems" / "parallel-sum")

pytestmark = [pytest.mark.sandbox, pytest.mark.slow]


@cache
def _graded(name: str, settings: EngineSettings, bench: bool = False) -> GradeResult:
    mutants = {m.name: m.source for m in PROBLEM.mutants}
    source = PROBLEM.reference if name == "reference" else mutants[name]
    options = GradeOptions(run_benchmarks=bench)
    result = grade(PROBLEM.grade_request(source.encode()), options, settings)
    return assert_contract(result)


def _lines(result: GradeResult, kind: FindingKind) -> set[int | None]:
    return {f.line for f in result.findings if f.kind is kind and f.file == "solution.go"}


def test_every_solution_of_the_fixture_gets_its_verdict(engine: EngineSettings) -> None:
    checks = validate_problem(PROBLEM, engine, GradeOptions())
    failed = [c for c in checks if not c.ok and c.subject != "metadata"]
    assert not failed, failed


def test_reference_is_accepted_with_full_scores(engine: EngineSettings) -> None:
    result = _graded("reference", engine)
    assert result.verdict is Verdict.ACCEPTED, result.message
    assert result.scores.total == 100
    assert {t.name for t in result.tests} == {
        "TestSmall", "TestManyWorkers", "TestConcurrentCallers", "TestCancelled",
    }  # fmt: skip
    assert result.timings["test"] > 0 and result.sandbox.backend == engine.backend


def test_race_evidence_names_both_lines(engine: EngineSettings) -> None:
    result = _graded("race_shared_total", engine)
    assert result.verdict is Verdict.RACE
    race = next(f for f in result.findings if f.kind is FindingKind.RACE)
    assert race.file == "solution.go" and race.line == 28  # sum += local
    assert any(r["file"] == "solution.go" for r in race.related)
    assert "WARNING: DATA RACE" in race.stack
    assert result.scores.race_free == 0  # correctness varies: lost updates are luck


def test_leak_evidence_points_at_the_go_statement(engine: EngineSettings) -> None:
    result = _graded("leak_no_drain_on_cancel", engine)
    assert result.verdict is Verdict.LEAK, result.message
    assert 20 in _lines(result, FindingKind.LEAK)  # the `go func` line
    # Named only when the test ran alone: the parallel TestConcurrentCallers may overlap it.
    leaks = [f.message for f in result.findings if f.kind is FindingKind.LEAK]
    assert all("by TestCancelled" in m or "after the tests" in m for m in leaks), leaks
    assert result.scores.leak_free == 0 and result.scores.correctness == 100


def test_deadlock_evidence_lists_blocked_goroutines(engine: EngineSettings) -> None:
    result = _graded("deadlock_wait_before_read", engine)
    assert result.verdict is Verdict.DEADLOCK, result.message
    blocked = [f for f in result.findings if f.kind is FindingKind.DEADLOCK]
    assert any("chan send" in f.message for f in blocked)
    assert any("sync.WaitGroup.Wait" in f.message for f in blocked)
    assert result.scores.deadlock_free == 0


def test_vet_and_compile_findings_carry_lines(engine: EngineSettings) -> None:
    vet = _graded("vet_error_lost_cancel", engine)
    assert vet.verdict is Verdict.VET_ERROR
    assert 11 in _lines(vet, FindingKind.VET)
    broken = _graded("compile_error_wrong_signature", engine)
    assert broken.verdict is Verdict.COMPILE_ERROR
    assert _lines(broken, FindingKind.COMPILE)
    assert broken.scores.total == 0


def test_benchmarks_compare_with_the_reference(engine: EngineSettings) -> None:
    slow = _graded("too_slow_goroutine_per_number", engine, bench=True)
    assert slow.verdict is Verdict.TOO_SLOW
    (bench,) = slow.benchmarks
    assert bench.significant and bench.ratio > 3 and bench.samples >= 10
    assert bench.candidate_allocs_op > bench.reference_allocs_op
    assert slow.scores.performance < 34


def test_run_mode_uses_only_public_examples(engine: EngineSettings) -> None:
    request = PROBLEM.grade_request(PROBLEM.starter.encode(), Mode.RUN)
    result = grade(request, GradeOptions(), engine)
    assert [t.name for t in result.tests] == ["TestSmall"]
    assert result.verdict is Verdict.WRONG_ANSWER


def test_check_runs_an_ordinary_package(engine: EngineSettings) -> None:
    result = check(str(HERE / "packages" / "ordinary"), GradeOptions(), engine)
    assert result.verdict is Verdict.ACCEPTED, result.to_dict()
    assert {t.name for t in result.tests} == {
        "TestFlushOnSize", "TestFlushOnTimer", "TestConcurrentAdds", "TestReadsTestdata",
    }  # fmt: skip
    assert result.scores.leak_free == 100 and result.scores.race_free == 100


def test_check_finds_a_leak_in_an_external_test_package(engine: EngineSettings) -> None:
    result = check(str(HERE / "packages" / "leaky"), GradeOptions(), engine)
    assert result.verdict is Verdict.LEAK, result.to_dict()
    leak = next(f for f in result.findings if f.kind is FindingKind.LEAK)
    assert leak.file == "ticker.go" and leak.line == 13


def test_a_hang_seen_only_under_race_is_cut_at_one_test_budget(engine: EngineSettings) -> None:
    # The race run repeats the tests (-count, -cpu=1,2,4) under one clock six times the plain
    # run's; the harness stops a single test at the plain run's limit instead.
    limits = ProblemLimits(test_timeout_seconds=3)
    result = check(
        str(HERE / "packages" / "hangs_on_four_cpus"), GradeOptions(), engine, limits=limits
    )
    assert result.verdict is Verdict.DEADLOCK, result.to_dict()
    (test,) = result.tests
    assert test.status is results.TestStatus.TIMEOUT  # passed in the plain run, hung under -cpu=4
    assert "test timed out after 3s" in test.output and "TestWork had run 3s" in test.output
    blocked = next(f for f in result.findings if f.kind is FindingKind.DEADLOCK)
    assert (blocked.file, blocked.line) == ("work.go", 12)


def test_endless_recursion_is_a_stack_overflow_on_its_line(engine: EngineSettings) -> None:
    result = check(str(HERE / "packages" / "endless_recursion"), GradeOptions(), engine)
    assert result.verdict is Verdict.RUNTIME_ERROR, result.to_dict()
    crash = next(f for f in result.findings if f.kind is FindingKind.PANIC)
    assert "stack overflow" in crash.message
    # The innermost frame is Depth's prologue (line 5), where the stack check fails.
    assert crash.file == "depth.go" and crash.line in (5, 6)


def test_a_leak_is_blamed_on_the_test_that_left_it(engine: EngineSettings) -> None:
    result = check(str(HERE / "packages" / "leaks_in_one_test"), GradeOptions(), engine)
    assert result.verdict is Verdict.LEAK, result.to_dict()
    (leak,) = [f for f in result.findings if f.kind is FindingKind.LEAK]
    assert leak.message.startswith("goroutine leaked by TestWatch: chan receive"), leak.message
    assert (leak.file, leak.line) == ("watch.go", 21)


def test_thousands_of_leaked_goroutines_are_a_leak_with_a_count(engine: EngineSettings) -> None:
    result = check(str(HERE / "packages" / "mass_leak"), GradeOptions(), engine)
    assert result.verdict is Verdict.LEAK, result.to_dict()
    leaks = [f for f in result.findings if f.kind is FindingKind.LEAK]
    assert (leaks[0].file, leaks[0].line) == ("spawn.go", 8)
    assert any("(5000 in all; the report was cut)" in f.message for f in leaks), leaks


def test_same_solution_same_verdict(engine: EngineSettings) -> None:
    verdicts = {
        grade(
            PROBLEM.grade_request(PROBLEM.mutants[0].source.encode()), GradeOptions(), engine
        ).verdict
        for _ in range(3)
    }
    assert len(verdicts) == 1


def test_a_crash_caused_by_a_race_is_reported_as_the_race(engine: EngineSettings) -> None:
    # The plain run dies of "close of closed channel"; the race binary still runs and names
    # the unsynchronised flag behind it (issue 13, point 3).
    result = check(str(HERE / "packages" / "crash_from_race"), GradeOptions(), engine)
    assert_contract(result)
    assert result.verdict is Verdict.RACE, result.to_dict()
    first = result.findings[0]
    assert first.kind is FindingKind.RACE and first.file == "stopper.go"
    assert first.line in (16, 18), first.message  # the flag's read and write
    consequence = next(f for f in result.findings if f.kind is FindingKind.PANIC)
    assert consequence.code == "crash_after_race"
    assert "close of closed channel" in consequence.params["detail"]
    assert result.scores.race_free == 0 and result.scores.leak_free is None
    assert result.unchecked["leak_free"] == "tests_crashed"


def test_a_test_that_cannot_be_repeated_is_not_a_wrong_answer(engine: EngineSettings) -> None:
    # A package-level counter: the test passes on its first run in any process and fails on
    # every repeat of -count in one process (issue 13, point 5).
    result = check(str(HERE / "packages" / "repeat_stateful"), GradeOptions(), engine)
    assert_contract(result)
    assert result.verdict is Verdict.ACCEPTED, result.to_dict()
    (note,) = [f for f in result.findings if f.kind is FindingKind.NOT_REPEATABLE]
    assert note.code == "test_not_repeatable"
    assert note.params["test"] == "TestFirstIDIsOne" and note.params["run"] == 2
    assert note.params["cpu"] == 1
    assert [t.status for t in result.tests] == [results.TestStatus.PASS]


def test_a_failure_under_one_cpu_names_the_setting(engine: EngineSettings) -> None:
    result = check(str(HERE / "packages" / "needs_two_cpus"), GradeOptions(), engine)
    assert_contract(result)
    assert result.verdict is Verdict.WRONG_ANSWER, result.to_dict()
    (failure,) = [f for f in result.findings if f.kind is FindingKind.TEST_FAILURE]
    assert failure.code == "test_failed_with_settings"
    assert failure.params["cpu"] == 1 and failure.params["run"] == 1
    assert "GOMAXPROCS=1" in failure.message
