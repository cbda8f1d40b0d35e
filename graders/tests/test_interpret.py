"""From real captured output to findings on the candidate's lines (fixtures: testdata/)."""

from __future__ import annotations

import json
from pathlib import Path

from graders import interpret, results
from graders.parsers.goroutines import parse_goroutine_dump
from graders.results import FindingKind
from graders.verdicts import Verdict
from sandbox import LimitHit, RawRun, Usage

DATA = Path(__file__).parent / "testdata"


def fixture(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def test_a_timeout_with_blocked_goroutines_is_a_deadlock_on_candidate_lines() -> None:
    dump = parse_goroutine_dump(fixture("goroutines/timeout.txt"))
    verdict, findings = interpret.classify_hang(dump)
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
    findings = interpret.blocked_findings(dump.goroutines, dump)
    assert {f.line for f in findings} >= {7, 19}


def test_leaks_point_at_the_line_that_started_them() -> None:
    text = fixture("goroutines/goleak.txt")
    findings = interpret.leak_findings(text[text.index("found unexpected") :])
    assert [f.kind for f in findings] == [FindingKind.LEAK, FindingKind.LEAK]
    assert {(f.file, f.line) for f in findings} == {("solution.go", 22), ("solution.go", 23)}
    assert "chan receive" in findings[0].message


def test_race_reports_name_both_accesses() -> None:
    findings = interpret.race_findings(fixture("race/counter.txt"))
    assert findings, "a race must be found"
    first = findings[0]
    assert (first.file, first.line) == ("solution.go", 13)
    roles = {r["role"] for r in first.related}
    assert any(role.startswith("previous") for role in roles)
    assert any("created at" in role for role in roles)


def test_forged_race_banner_without_body_is_not_evidence() -> None:
    assert interpret.race_findings("==================\nWARNING: DATA RACE\n") == ()


def _run(stdout: str, limit: LimitHit | None = None, code: int | None = 0) -> RawRun:
    return RawRun(code, None, stdout.encode(), b"", Usage(1.0, 1.0, 0), limit)


def _events(*lines: tuple[str, str]) -> str:
    return "\n".join(json.dumps({"Action": a, "Test": t, "Package": "p"}) for a, t in lines)


def test_forged_passes_without_the_harness_record_do_not_pass() -> None:
    out = _events(("run", "TestA"), ("pass", "TestA"))
    outcome = interpret.test_run(
        _run(out), None, nonce="n", expected=["TestA"], instrumented=["TestA"]
    )
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
    outcome = interpret.test_run(
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
    outcome = interpret.test_run(
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
    outcome = interpret.test_run(
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
    results, findings = interpret.compare_benchmarks("\n".join(parts), marker, max_ratio=1.5)
    (bench,) = results
    assert bench.significant and 1.9 < bench.ratio < 2.1
    assert bench.candidate_allocs_op == 2 and bench.reference_b_op == 32
    assert findings and findings[0].kind is FindingKind.PERFORMANCE


def test_identical_leaks_are_reported_once_with_a_count() -> None:
    text = fixture("goroutines/goleak.txt")
    error = text[text.index("found unexpected") :]
    body = error[error.index("[") + 1 : error.rindex("]")]
    doubled = f"found unexpected goroutines:\n[{body} {body}]"
    findings = interpret.leak_findings(doubled)
    assert len(findings) == 2
    assert all(f.message.endswith("(x2)") for f in findings)


def test_race_detector_goroutine_limit_is_recognised() -> None:
    line = "race: limit on 8128 simultaneously alive goroutines is exceeded, dying\n"
    out = json.dumps({"Action": "output", "Package": "p", "Output": line})
    outcome = interpret.test_run(
        _run(out, code=66), None, nonce="n", expected=["TestA"], instrumented=["TestA"]
    )
    assert outcome.race_detector_gave_up
    assert any("8128" in f.message for f in outcome.findings)
