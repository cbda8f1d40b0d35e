"""The judge's rules joining the runs of one job, on captured real output (testdata/), with
no sandbox: the race behind a crash, failures seen only on a repeat or with one CPU, the
wrong-answer rule, hangs seen only under -race, and null scores with their reasons."""

from __future__ import annotations

import json
from pathlib import Path

from graders import results
from graders.judge import (
    BuildStep,
    Context,
    RunPurpose,
    RunSettings,
    Steps,
    TestRunStep,
    judge,
    plan,
)
from graders.judge.tests import read_run
from graders.request import Mode
from graders.results import FindingKind, GradeResult, UncheckedReason
from graders.tests.contract import assert_contract
from graders.verdicts import Verdict
from sandbox import LimitHit, RawRun, Usage

DATA = Path(__file__).parent / "testdata"
PLAIN = RunSettings(RunPurpose.PLAIN)
RACE = RunSettings(RunPurpose.RACE, race=True, count=4, cpus=(1, 2, 4))
BUILT = BuildStep({name: RawRun(0, None, b"", b"", Usage(1.0, 1.0, 0), None)
                   for name in ("plain", "race", "vet")})  # fmt: skip


def fixture(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _context(*tests: str) -> Context:
    return Context(nonce="n", expected=tests, instrumented=tests)


def _record(tests: dict[str, dict[str, int]], failures: list[dict] | None = None) -> bytes:
    record = {"nonce": "n", "exit_code": 0, "tests": tests, "leaks": "", "failures": failures}
    return json.dumps(record).encode()


def _step(
    settings: RunSettings,
    stdout: str = "",
    record: bytes | None = None,
    code: int | None = 0,
    limit: LimitHit | None = None,
) -> TestRunStep:
    return TestRunStep(
        settings, RawRun(code, None, stdout.encode(), b"", Usage(1, 1, 0), limit), record
    )


def _judge(context: Context, *runs: TestRunStep) -> GradeResult:
    return assert_contract(judge(Steps(build=BUILT, runs=runs), context))


PASSED = {"started": 1, "passed": 1}


# --- a crash hides the race that caused it (issue 13, point 3) -------------------------------


def test_a_race_found_after_a_crash_is_the_headline_and_the_crash_its_consequence() -> None:
    crash = fixture("goroutines/concurrent_map_writes.txt")
    plain = _step(PLAIN, crash, code=2)
    race = _step(RACE, fixture("race/counter.txt") + crash, code=2)
    result = _judge(_context("TestCount"), plain, race)
    assert result.verdict is Verdict.RACE, result.message
    kinds = [f.kind for f in result.findings]
    assert kinds[0] is FindingKind.RACE
    consequence = result.findings[kinds.index(FindingKind.PANIC)]
    assert consequence.code == "crash_after_race"
    assert "concurrent map writes" in consequence.params["detail"]
    assert consequence.params["place"] == "solution.go:8"
    assert "consequence of the data race" in consequence.message
    assert result.scores.race_free == 0
    assert result.scores.leak_free is None
    assert result.unchecked["leak_free"] is UncheckedReason.TESTS_CRASHED


def test_a_crash_without_a_race_stays_a_runtime_error_with_unchecked_scores() -> None:
    crash = fixture("goroutines/concurrent_map_writes.txt")
    plain = _step(PLAIN, crash, code=2)
    clean = _step(RACE, "", _record({"TestCount": {"started": 12, "passed": 12}}))
    result = _judge(_context("TestCount"), plain, clean)
    assert result.verdict is Verdict.RUNTIME_ERROR
    assert result.findings[0].code == "concurrent_map_access"
    assert result.scores.race_free == 100  # the race run ended: no race under 12 schedules
    assert result.scores.leak_free is None and result.scores.deadlock_free == 100
    # Before: race_free 0 and leak_free 0 for checks that never ran.
    alone = _judge(_context("TestCount"), plain)
    assert alone.scores.race_free is None and alone.scores.leak_free is None
    assert alone.scores.deadlock_free is None
    assert set(alone.unchecked) == {"race_free", "leak_free", "deadlock_free", "performance"}
    assert alone.unchecked["race_free"] is UncheckedReason.TESTS_CRASHED


def test_the_race_run_follows_a_crash_but_not_a_hang() -> None:
    context = _context("TestCount")
    crashed = read_run(
        _step(PLAIN, fixture("goroutines/concurrent_map_writes.txt"), code=2), context
    )
    hung = read_run(_step(PLAIN, fixture("goroutines/timeout.txt"), code=2), _context("TestHangs"))
    arguments = {"mode": Mode.SUBMIT, "count": 4, "cpus": (1, 2, 4), "test_timeout": 5.0}
    assert plan.race_run(crashed, **arguments) == RunSettings(
        RunPurpose.RACE, race=True, count=4, cpus=(1, 2, 4), timeout=30.0, test_budget=5.0
    )
    assert plan.race_run(hung, **arguments) is None


# --- repetition must not invent failures (issue 13, point 5) --------------------------------

STATEFUL = {"TestRobot": {"started": 12, "passed": 1, "failed": 11}}
ON_REPEAT = [{"test": "TestRobot", "cpu": 1, "run": run} for run in range(2, 13)]


def _confirm(settings: RunSettings, test: str, fails_on: int | None) -> TestRunStep:
    """One confirmation process: it passes, or fails on its run `fails_on`."""
    if fails_on is None:
        return _step(settings, "", _record({test: {"started": settings.count, "passed": 1}}))
    counts = {test: {"started": settings.count, "passed": fails_on - 1, "failed": 1}}
    return _step(settings, "", _record(counts, [{"test": test, "cpu": 1, "run": fails_on}]))


def test_a_failure_only_on_repeats_in_one_process_is_a_test_that_cannot_be_repeated() -> None:
    context = _context("TestRobot")
    plain = _step(PLAIN, "", _record({"TestRobot": PASSED}))
    race = _step(RACE, "", _record(STATEFUL, ON_REPEAT))
    outcomes = [read_run(plain, context), read_run(race, context)]
    repeated, *fresh = plan.confirmations(outcomes, test_timeout=5.0)
    # At the failing GOMAXPROCS: once repeated up to the failing run, and in fresh processes
    # as many times as the runs it took to fail, at least -count (4).
    assert (repeated.count, repeated.cpus, repeated.tests, repeated.race) == (
        2, (1,), ("TestRobot",), True,
    )  # fmt: skip
    assert len(fresh) == 4
    assert {(c.cpus, c.tests, c.count, c.race) for c in fresh} == {((1,), ("TestRobot",), 1, True)}
    again = [_confirm(repeated, "TestRobot", 2), *(_confirm(c, "TestRobot", None) for c in fresh)]
    result = _judge(context, plain, race, *again)
    assert result.verdict is Verdict.ACCEPTED, result.message
    assert [t.status for t in result.tests] == [results.TestStatus.PASS]
    (note,) = [f for f in result.findings if f.kind is FindingKind.NOT_REPEATABLE]
    assert note.code == "test_not_repeatable"
    assert note.params == {"test": "TestRobot", "cpu": 1, "run": 2, "runs": 12, "race": 1}
    assert "cannot be repeated in one process" in note.message
    assert not any(f.kind is FindingKind.TEST_FAILURE for f in result.findings)
    assert result.message == "accepted: 1/1 tests passed"


def test_a_repeat_failure_is_the_codes_unless_the_confirmations_show_otherwise() -> None:
    context = _context("TestRobot")
    plain = _step(PLAIN, "", _record({"TestRobot": PASSED}))
    race = _step(RACE, "", _record(STATEFUL, ON_REPEAT))
    repeated, *fresh = plan.confirmations(
        [read_run(plain, context), read_run(race, context)], test_timeout=5.0
    )
    passes = [_confirm(c, "TestRobot", None) for c in fresh]
    cases = {
        # It failed alone in a fresh process too.
        "fails alone": [_confirm(repeated, "TestRobot", 2), _confirm(fresh[0], "TestRobot", 1),
                        *passes[1:]],
        # Flaky: it did not fail again when repeated, so repetition is not shown to cause it.
        "flaky": [_confirm(repeated, "TestRobot", None), *passes],
        "not confirmed": [],
    }  # fmt: skip
    for case, confirmations in cases.items():
        result = _judge(context, plain, race, *confirmations)
        assert result.verdict is Verdict.WRONG_ANSWER, case
        failure = next(f for f in result.findings if f.kind is FindingKind.TEST_FAILURE)
        assert failure.code == "test_failed_with_settings"
        assert failure.params == {"test": "TestRobot", "cpu": 1, "run": 2, "runs": 12, "race": 1}
        assert not any(f.kind is FindingKind.NOT_REPEATABLE for f in result.findings), case


def test_a_failure_with_one_cpu_names_the_setting() -> None:
    # A test that needs GOMAXPROCS >= 2 passes in the plain run and fails on its first run
    # of the race binary, under -cpu=1: a real failure, and the message says where.
    context = _context("TestParallel")
    plain = _step(PLAIN, "", _record({"TestParallel": PASSED}))
    counts = {"TestParallel": {"started": 12, "passed": 8, "failed": 4}}
    failures = [{"test": "TestParallel", "cpu": 1, "run": run} for run in (1, 2, 3, 4)]
    race = _step(RACE, "", _record(counts, failures))
    outcomes = [read_run(plain, context), read_run(race, context)]
    assert plan.confirmations(outcomes, test_timeout=5.0) == ()  # run 1 needs no confirmation
    result = _judge(context, plain, race)
    assert result.verdict is Verdict.WRONG_ANSWER
    (failure,) = [f for f in result.findings if f.kind is FindingKind.TEST_FAILURE]
    assert failure.params == {"test": "TestParallel", "cpu": 1, "run": 1, "runs": 12, "race": 1}
    assert "GOMAXPROCS=1 (-cpu=1), on run 1 of 12" in failure.message
    assert result.tests[0].status is results.TestStatus.FAIL


def test_a_plain_failure_names_its_gomaxprocs() -> None:
    context = _context("TestA")
    failed = {"TestA": {"started": 1, "failed": 1}}
    plain = _step(PLAIN, "", _record(failed, [{"test": "TestA", "cpu": 2, "run": 1}]))
    result = _judge(context, plain, _step(RACE, "", _record(failed)))
    (failure,) = [f for f in result.findings if f.kind is FindingKind.TEST_FAILURE]
    assert failure.message == "TestA failed with GOMAXPROCS=2, on run 1 of 1 in one process"
    assert result.verdict is Verdict.WRONG_ANSWER


# --- the wrong-answer rule and the other merge rules ---------------------------------------


def test_a_race_explains_the_wrong_answer_and_comes_first() -> None:
    context = _context("TestCount")
    failed = {"TestCount": {"started": 1, "failed": 1}}
    plain = _step(PLAIN, "", _record(failed))
    race = _step(RACE, fixture("race/counter.txt"), _record({"TestCount": {"started": 12,
                 "failed": 12}}))  # fmt: skip
    result = _judge(context, plain, race)
    assert result.verdict is Verdict.RACE
    assert [f.kind for f in result.findings][:2] == [FindingKind.RACE, FindingKind.TEST_FAILURE]
    assert result.scores.correctness == 0 and result.scores.race_free == 0
    assert result.scores.total is not None and result.scores.total <= 59


def test_a_leak_does_not_explain_a_failing_test() -> None:
    text = fixture("goroutines/goleak.txt")
    record = json.loads(_record({"TestA": {"started": 1, "failed": 1}, "TestB": PASSED}))
    record["leaks"] = text[text.index("found unexpected") :]
    context = _context("TestA", "TestB")
    plain = _step(PLAIN, "", json.dumps(record).encode())
    race = _step(RACE, "", _record({"TestA": {"started": 3, "failed": 3}, "TestB": PASSED}))
    result = _judge(context, plain, race)
    assert result.verdict is Verdict.WRONG_ANSWER
    assert result.scores.leak_free == 0 and result.scores.correctness == 50


def test_a_hang_seen_only_under_race_is_a_deadlock_of_that_test() -> None:
    context = _context("TestDone", "TestHangs")
    plain = _step(PLAIN, "", _record({"TestDone": PASSED, "TestHangs": PASSED}))
    race = _step(RACE, fixture("goroutines/timeout.txt"), None, code=2)
    result = _judge(context, plain, race)
    assert result.verdict is Verdict.DEADLOCK
    statuses = {t.name: t.status for t in result.tests}
    assert statuses == {
        "TestDone": results.TestStatus.PASS,
        "TestHangs": results.TestStatus.TIMEOUT,
    }
    assert result.scores.deadlock_free == 0 and result.scores.leak_free == 100
    assert result.unchecked["race_free"] is UncheckedReason.DEADLOCKED


def test_code_that_does_not_build_scores_nothing_but_correctness() -> None:
    broken = RawRun(1, None, b"./solution.go:3:1: syntax error\n", b"", Usage(1, 1, 0), None)
    result = assert_contract(
        judge(Steps(build=BuildStep({**BUILT.runs, "plain": broken})), _context("TestA"))
    )
    assert result.verdict is Verdict.COMPILE_ERROR
    assert result.scores.correctness == 0 and result.scores.total == 0
    assert result.scores.static is None
    assert result.unchecked["race_free"] is UncheckedReason.BUILD_FAILED
    assert result.findings[0].params == {"place": "solution.go:3", "detail": "syntax error"}
