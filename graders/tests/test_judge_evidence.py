"""From real captured output to findings on the candidate's lines (fixtures: testdata/):
the judge's evidence modules, one process of a test binary at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graders import results
from graders.judge import Context, RunPurpose, RunSettings, TestRunStep
from graders.judge.bench import compare_benchmarks
from graders.judge.hangs import blocked_findings, classify_hang, crash_stop
from graders.judge.leaks import leak_findings
from graders.judge.races import race_findings
from graders.judge.steps import BenchStep
from graders.judge.tests import RunOutcome, read_run
from graders.parsers.goroutines import parse_goroutine_dump
from graders.results import FindingKind
from graders.tests.contract import assert_coded
from graders.verdicts import Verdict
from sandbox import LimitHit, RawRun, Usage

DATA = Path(__file__).parent / "testdata"


def fixture(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def test_a_timeout_with_blocked_goroutines_is_a_deadlock_on_candidate_lines() -> None:
    dump = parse_goroutine_dump(fixture("goroutines/timeout.txt"))
    verdict, findings = classify_hang(dump)
    assert verdict is Verdict.DEADLOCK
    located = {(f.file, f.line) for f in findings}
    assert ("solution.go", 8) in located  # chan receive
    assert ("solution.go", 17) in located  # mutex
    assert all(f.kind is FindingKind.DEADLOCK for f in findings)
    states = " ".join(f.message for f in findings)
    assert "sync.WaitGroup.Wait" in states and "select" in states
    assert not any("testing" in (f.file or "") for f in findings)


def test_all_goroutines_asleep_is_a_deadlock() -> None:
    dump = parse_goroutine_dump(fixture("goroutines/deadlock.txt"))
    findings = blocked_findings(dump.goroutines)
    assert {f.line for f in findings} >= {7, 19}
    nil_wait = [f for f in findings if "(nil chan)" in f.message]
    assert nil_wait and all("was it never made?" in f.message for f in nil_wait)


def test_leaks_point_at_the_line_that_started_them() -> None:
    text = fixture("goroutines/goleak.txt")
    findings = leak_findings(text[text.index("found unexpected") :])
    assert [f.kind for f in findings] == [FindingKind.LEAK, FindingKind.LEAK]
    assert {(f.file, f.line) for f in findings} == {("solution.go", 22), ("solution.go", 23)}
    assert "chan receive" in findings[0].message


def test_leaks_name_the_test_that_left_them_when_a_per_test_check_saw_them() -> None:
    text = fixture("goroutines/goleak.txt")
    report = text[text.index("found unexpected") :]
    worker_only = report[: report.index(" Goroutine 23")] + "]"
    findings = leak_findings(report, {"TestStart": report, "TestWorker": worker_only})
    by_line = {f.line: f.message for f in findings}
    assert by_line[22].startswith("goroutine leaked by TestStart, TestWorker: chan receive")
    assert by_line[23].startswith("goroutine leaked by TestStart: select")
    unattributed = leak_findings(report, {"TestOther": ""})
    assert all("after the tests" in f.message for f in unattributed)


def test_a_cut_leak_report_says_how_many_goroutines_it_left_out() -> None:
    text = fixture("goroutines/goleak.txt")
    report = text[text.index("found unexpected") :]  # lists 2 goroutines
    *listed, rest = leak_findings(report, total=5000)
    assert len(listed) == 2 and rest.kind is FindingKind.LEAK
    assert (
        rest.message == "4998 more leaked goroutines not listed (5000 in all; the report was cut)"
    )
    assert len(leak_findings(report, total=2)) == 2


def test_race_reports_name_both_accesses() -> None:
    findings = race_findings(fixture("race/counter.txt"))
    assert findings, "a race must be found"
    first = findings[0]
    assert (first.file, first.line) == ("solution.go", 13)
    roles = {r["role"] for r in first.related}
    assert any(role.startswith("previous") for role in roles)
    assert any("created at" in role for role in roles)


def test_a_race_inside_the_sync_internals_points_at_where_its_goroutine_started() -> None:
    # WaitGroup.Add inside the goroutine: both access stacks stop in runtime.race*, with no
    # line of the candidate's file; the goroutine that made the earlier read was started
    # at solution.go:15.
    findings = race_findings(fixture("race/waitgroup_add.txt"))
    assert len(findings) == 1
    race = findings[0]
    assert (race.file, race.line) == ("solution.go", 15)
    assert "read in a goroutine started at solution.go:15" in race.message
    assert "write in TestCount (solution_test.go:7)" in race.message
    assert "unknown location" not in race.message


def test_goroutines_blocked_at_one_place_are_one_finding_with_a_count() -> None:
    # Locks taken in opposite orders: dozens of goroutines in sync.Mutex.Lock on two lines.
    dump = parse_goroutine_dump(fixture("goroutines/timeout_lock_order.txt"))
    verdict, findings = classify_hang(dump)
    assert verdict is Verdict.DEADLOCK
    blocked = sum(1 for g in dump.goroutines if "sync.Mutex.Lock" in g.state)
    assert blocked > len(findings)  # grouped, not one finding per goroutine
    on_lines = [f for f in findings if f.file == "solution.go"]
    assert {f.line for f in on_lines} <= {13, 15} and on_lines
    assert findings[0].file == "solution.go"  # the candidate's lines before the test's wait
    assert any(" goroutines (" in f.message for f in on_lines)
    assert len({f.message for f in findings}) == len(findings)


def test_forged_race_banner_without_body_is_not_evidence() -> None:
    assert race_findings("==================\nWARNING: DATA RACE\n") == ()


def _run(stdout: str, limit: LimitHit | None = None, code: int | None = 0) -> RawRun:
    return RawRun(code, None, stdout.encode(), b"", Usage(1.0, 1.0, 0), limit)


def _read(
    run: RawRun,
    record: bytes | None,
    *,
    nonce: str,
    expected: list[str],
    instrumented: list[str],
) -> RunOutcome:
    context = Context(nonce=nonce, expected=tuple(expected), instrumented=tuple(instrumented))
    outcome = read_run(TestRunStep(RunSettings(RunPurpose.PLAIN), run, record), context)
    assert_coded((*outcome.findings, *outcome.races, *outcome.leaks))
    return outcome


def _events(*lines: tuple[str, str]) -> str:
    return "\n".join(json.dumps({"Action": a, "Test": t, "Package": "p"}) for a, t in lines)


def test_forged_passes_without_the_harness_record_do_not_pass() -> None:
    out = _events(("run", "TestA"), ("pass", "TestA"))
    outcome = _read(_run(out), None, nonce="n", expected=["TestA"], instrumented=["TestA"])
    assert outcome.verdict is Verdict.RUNTIME_ERROR
    assert outcome.tests[0].status is results.TestStatus.MISSING


def test_a_record_with_the_wrong_nonce_is_tampering() -> None:
    record = json.dumps(
        {
            "nonce": "forged",
            "exit_code": 0,
            "tests": {"TestA": {"started": 1, "passed": 1}},
            "leaks": "",
        }
    )
    out = _events(("run", "TestA"), ("pass", "TestA"))
    outcome = _read(
        _run(out), record.encode(), nonce="real", expected=["TestA"], instrumented=["TestA"]
    )
    assert outcome.verdict is Verdict.RUNTIME_ERROR
    assert any(f.kind is FindingKind.TAMPERING for f in outcome.findings)


def test_harness_record_decides_each_test() -> None:
    record = json.dumps(
        {
            "nonce": "n",
            "exit_code": 1,
            "leaks": "",
            "tests": {"TestA": {"started": 1, "passed": 1}, "TestB": {"started": 1, "failed": 1}},
        }
    )
    out = _events(("run", "TestA"), ("pass", "TestA"), ("run", "TestB"), ("pass", "TestB"))
    outcome = _read(
        _run(out, code=1),
        record.encode(),
        nonce="n",
        expected=["TestA", "TestB"],
        instrumented=["TestA", "TestB"],
    )
    statuses = {t.name: t.status for t in outcome.tests}
    assert statuses == {"TestA": results.TestStatus.PASS, "TestB": results.TestStatus.FAIL}
    assert outcome.verdict is Verdict.WRONG_ANSWER
    assert any(f.kind is FindingKind.TAMPERING for f in outcome.findings)


def test_memory_limit_from_the_sandbox() -> None:
    outcome = _read(
        _run("", LimitHit.MEMORY, None), None, nonce="n", expected=["TestA"], instrumented=["TestA"]
    )
    assert outcome.verdict is Verdict.MEMORY_LIMIT


def test_benchmarks_compare_interleaved_samples() -> None:
    marker = "@@goconcur-x"
    parts = []
    for i in range(10):
        parts.append(f"{marker} candidate")
        parts.append(f"BenchmarkPut \t 1000 \t {2000 + i} ns/op \t 64 B/op \t 2 allocs/op")
        parts.append(f"{marker} reference")
        parts.append(f"BenchmarkPut \t 1000 \t {1000 + i} ns/op \t 32 B/op \t 1 allocs/op")
    run = RawRun(0, None, "\n".join(parts).encode(), b"", Usage(1.0, 1.0, 0), None)
    results, findings = compare_benchmarks(BenchStep(run, marker), max_ratio=1.5)
    (bench,) = results
    assert bench.significant and 1.9 < bench.ratio < 2.1
    assert bench.candidate_allocs_op == 2 and bench.reference_b_op == 32
    assert findings and findings[0].kind is FindingKind.PERFORMANCE
    assert findings[0].code == "too_slow" and findings[0].params["benchmark"] == "BenchmarkPut"


def test_identical_leaks_are_reported_once_with_a_count() -> None:
    text = fixture("goroutines/goleak.txt")
    error = text[text.index("found unexpected") :]
    body = error[error.index("[") + 1 : error.rindex("]")]
    doubled = f"found unexpected goroutines:\n[{body} {body}]"
    findings = leak_findings(doubled)
    assert len(findings) == 2
    assert all(f.message.endswith("(x2)") for f in findings)


def test_race_detector_goroutine_limit_is_recognised() -> None:
    line = "race: limit on 8128 simultaneously alive goroutines is exceeded, dying\n"
    out = json.dumps({"Action": "output", "Package": "p", "Output": line})
    outcome = _read(_run(out, code=66), None, nonce="n", expected=["TestA"], instrumented=["TestA"])
    assert outcome.race_detector_gave_up
    assert any("8128" in f.message for f in outcome.findings)


def test_a_timeout_while_code_still_spins_is_a_timeout_not_a_deadlock() -> None:
    # The test waits in chan receive for a goroutine that busy-loops: preempted, it prints
    # as runnable with its frames.
    dump = parse_goroutine_dump(fixture("goroutines/timeout_spinning.txt"))
    verdict, findings = classify_hang(dump)
    assert verdict is Verdict.TIMEOUT
    assert [(f.file, f.line) for f in findings] == [("solution.go", 7)]


def test_a_goroutine_running_on_another_thread_is_busy_even_without_a_stack() -> None:
    # Without async preemption the loop keeps its thread and the runtime prints only its
    # creator; the test waiting for it must not turn the run into a deadlock.
    dump = parse_goroutine_dump(fixture("goroutines/timeout_spinning_unavailable.txt"))
    spinner = next(g for g in dump.goroutines if g.stack_unavailable)
    assert spinner.state == "running" and spinner.frames == ()
    assert spinner.created_by and spinner.created_by.function.endswith(".TestSpins")
    verdict, findings = classify_hang(dump)
    assert verdict is Verdict.TIMEOUT
    assert len(findings) == 1 and "another thread" in findings[0].message


def test_a_goroutine_stopping_the_world_is_busy() -> None:
    # A poller of runtime.Stack(all) is often caught in "stopping the world": a transient
    # wait of a goroutine that is still working, so the hang is a timeout.
    dump = parse_goroutine_dump(fixture("goroutines/timeout_stopping_the_world.txt"))
    assert any(g.state == "stopping the world" for g in dump.goroutines)
    verdict, findings = classify_hang(dump)
    assert verdict is Verdict.TIMEOUT
    assert [(f.file, f.line) for f in findings] == [("solution.go", 10)]


def test_a_crash_dump_cut_by_the_output_cap_is_still_the_crash() -> None:
    # A panic in a program with many goroutines prints all of them (GOTRACEBACK=all): the
    # cap cuts the dump, but the verdict is the panic, on the candidate's line.
    cut = fixture("goroutines/panic_crowd.txt")[: 16 * 1024]
    outcome = _cut_at_output_cap(cut, "TestCrowd")
    assert outcome.verdict is Verdict.RUNTIME_ERROR
    panic = next(f for f in outcome.findings if f.kind is FindingKind.PANIC)
    assert "TODO" in panic.message and (panic.file, panic.line) == ("solution.go", 4)
    assert any("cut at the output limit" in f.message for f in outcome.findings)


def test_a_flood_of_output_is_an_output_limit() -> None:
    flood = _events(("run", "TestA")) + "\n" + "spam panic: not at line start\n" * 2000
    outcome = _cut_at_output_cap(flood, "TestA")
    assert outcome.verdict is Verdict.OUTPUT_LIMIT


def _cut_at_output_cap(stdout: str, test: str) -> RunOutcome:
    """A test run the sandbox stopped at the output limit, with no harness record."""
    run = _run(stdout, LimitHit.OUTPUT, code=None)
    return _read(run, None, nonce="n", expected=[test], instrumented=[test])


@pytest.mark.parametrize(
    "name", sorted(p.name for p in (DATA / "goroutines").glob("*.txt")), ids=lambda n: n[:-4]
)
def test_every_captured_dump_gives_coded_findings(name: str) -> None:
    # Each finding's params are exactly those its code declares (FINDING_CODES), so the web
    # can render it in any language.
    text = (DATA / "goroutines" / name).read_text(encoding="utf-8", errors="replace")
    dump = parse_goroutine_dump(text)
    stop = crash_stop(dump, text)
    hang = classify_hang(dump)[1] if dump.goroutines else []
    leaks = (
        leak_findings(text[text.index("found unexpected") :]) if "found unexpected" in text else ()
    )
    assert_coded([*(stop.findings if stop else ()), *hang, *leaks])
    assert_coded(race_findings(fixture("race/counter.txt")))
