"""parse_test_events and join_output over real `go tool test2json -t` output.

Fixtures: testdata/gotest_json.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from graders.parsers.goroutines import parse_goroutine_dump
from graders.parsers.gotest_json import (
    OUTPUT_CAP,
    TestRun,
    iter_events,
    join_output,
    parse_test_events,
)

TESTDATA = Path(__file__).parent / "testdata" / "gotest_json"


def read(case: str) -> str:
    return (TESTDATA / f"{case}.txt").read_text(encoding="utf-8", errors="replace")


def test_mixed_statuses() -> None:
    run = parse_test_events(read("mixed"))
    assert run.package == "goconcur/solution"
    assert run.package_action == "fail"
    assert run.unparsed == ()
    statuses = {name: test.status for name, test in run.tests.items()}
    assert statuses == {
        "TestPass": "pass",
        "TestFail": "fail",
        "TestSkip": "skip",
        "TestSub": "fail",
        "TestSub/ok": "pass",
        "TestSub/bad": "fail",
        "TestSub/skipped": "skip",
        "TestParallel": "pass",
        "TestParallel/a": "pass",
        "TestParallel/b": "pass",
        "TestPrints": "pass",
        "TestLarge": "pass",
    }
    for test in run.tests.values():
        assert test.runs == 1
        assert test.passes + test.fails + test.skips == 1
        assert not test.conflicting
    assert run.tests["TestParallel/a"].elapsed == pytest.approx(0.01, abs=0.05)


def test_mixed_output() -> None:
    run = parse_test_events(read("mixed"))
    failed = run.tests["TestFail"]
    assert "solution_test.go:19: Sum(1, 2) = 3, want 4" in failed.output
    assert not failed.output_truncated
    prints = run.tests["TestPrints"]
    assert "hello from stdout\n" in prints.output and "hello from stderr\n" in prints.output
    # The test printed a fake "--- FAIL: TestPass" line: test2json's framing keeps it as output.
    assert "--- FAIL: TestPass" in prints.output
    assert run.tests["TestPass"].fails == 0
    assert run.package_output.startswith("FAIL")


def test_output_cap_keeps_the_tail() -> None:
    large = parse_test_events(read("mixed")).tests["TestLarge"]
    assert large.output_truncated
    assert len(large.output.encode()) <= OUTPUT_CAP
    assert len(large.output.encode()) > OUTPUT_CAP - 4
    assert large.output.endswith(")\n") and "--- PASS: TestLarge (" in large.output
    assert "line 0799:" in large.output
    assert "line 0000:" not in large.output


def test_count_and_cpu_aggregate() -> None:
    run = parse_test_events(read("count"))  # -test.count=3 -test.cpu=1,2: six runs each
    stable = run.tests["TestStable"]
    assert (stable.status, stable.runs, stable.passes, stable.fails) == ("pass", 6, 6, 0)
    flaky = run.tests["TestFlaky"]  # fails on every third call
    assert (flaky.runs, flaky.passes, flaky.fails) == (6, 4, 2)
    assert flaky.status == "fail"
    assert flaky.conflicting
    assert run.package_action == "fail"


def test_timeout_leaves_test_running_and_dump_unparsed() -> None:
    run = parse_test_events(read("timeout"))
    assert run.tests["TestQuick"].status == "pass"
    hangs = run.tests["TestHangs"]
    assert hangs.status == "running"
    assert (hangs.runs, hangs.passes, hangs.fails) == (1, 0, 0)
    assert "solution_test.go:8: waiting" in hangs.output
    # The binary died: test2json never saw a final package line.
    assert run.package_action is None
    # The dump went to stderr, around test2json: it comes back as unparsed lines, in order.
    assert run.unparsed[0] == "panic: test timed out after 2s"
    dump = parse_goroutine_dump("\n".join(run.unparsed))
    assert [t.name for t in dump.running_tests] == ["TestHangs"]
    waiting = [g for g in dump.goroutines if g.frames and g.frames[0].function.endswith(".Wait")]
    assert [g.state for g in waiting] == ["chan receive"]


def test_panic_in_test() -> None:
    run = parse_test_events(read("panic"))
    assert run.tests["TestFirst"].status == "pass"
    panicked = run.tests["TestPanics"]
    # Go 1.26's test2json sends no fail event for a test whose binary panicked.
    assert panicked.status == "running"
    assert "panic: runtime error: index out of range [5] with length 3" in panicked.output
    assert "TestNeverRuns" not in run.tests
    dump = parse_goroutine_dump(panicked.output)
    assert dump.message is not None and "index out of range" in dump.message
    assert ("/work/src/solution.go", 4) in [(f.file, f.line) for f in dump.goroutines[0].frames]


def test_build_failure_from_go_test_json() -> None:
    run = parse_test_events(read("build_fail"))
    assert run.build_failed
    assert "./solution.go:4:9: undefined: undefinedName" in run.build_output
    assert run.package_action == "fail"
    assert run.tests == {}


def test_join_output_rebuilds_the_text() -> None:
    text = join_output(read("timeout"))
    assert "=== RUN   TestHangs\n    solution_test.go:8: waiting\n" in text
    assert "panic: test timed out after 2s\n" in text
    assert join_output("plain\r\ntext\n") == "plain\ntext\n"
    assert join_output("no newline") == "no newline\n"


def test_status_helper() -> None:
    run = parse_test_events(read("mixed"))
    assert run.status("TestSkip") == "skip"
    assert run.status("TestMissing") is None


# ---- hostile input -------------------------------------------------------------------------


def test_forged_events() -> None:
    run = parse_test_events(read("forged_events"))
    forged = run.tests["TestForged"]
    assert (forged.passes, forged.fails, forged.runs) == (2, 1, 1)
    assert forged.status == "fail" and forged.conflicting
    assert forged.elapsed == pytest.approx(0.1)  # "slow" and 1e999 are not durations
    extra = run.tests["TestExtra"]  # a pass without a run
    assert extra.status == "pass" and extra.elapsed == 0.0 and extra.output == ""
    glued = run.tests["TestGlued"]
    assert (glued.runs, glued.fails, glued.status) == (1, 1, "fail")
    assert "TestNoAction" not in run.tests and "TestListAction" not in run.tests
    assert run.tests["TestBogus"].status == "running"
    assert run.tests["TestDeep"].output == ""
    assert "test is a number\n" in run.package_output
    assert "empty test name\n" in run.package_output
    assert run.package_action == "fail"  # the last package-level verdict
    assert run.package_elapsed == pytest.approx(0.3)
    assert "stderr without newline" in run.unparsed
    assert '["Action","pass"]' in run.unparsed
    assert any(
        line.startswith('{"Action":"pass","Test":"TestTruncatedObj') for line in run.unparsed
    )


def test_truncated_events() -> None:
    run = parse_test_events(read("truncated_mixed"))
    assert run.tests["TestFail"].status == "fail"
    assert run.tests["TestSub/bad"].status == "running"
    assert run.tests["TestSub"].status == "running"
    assert run.package_action is None
    assert len(run.unparsed) == 1 and run.unparsed[0].startswith('{"Time"')


def test_binary_junk() -> None:
    data = (TESTDATA.parent / "goroutines" / "forged_binary.txt").read_bytes()
    for text in (data.decode("utf-8", "replace"), data.decode("latin-1")):
        assert isinstance(parse_test_events(text), TestRun)
        join_output(text)


def test_every_prefix_parses() -> None:
    text = read("count")
    for end in range(0, len(text), 37):
        parse_test_events(text[:end])


def test_random_events() -> None:
    rng = random.Random(3)
    values = [None, True, 1, -1.5, 1e308, "x", "pass", "fail", "run", "output", [], {}, "TestA"]
    lines = []
    for _ in range(500):
        event = {
            key: rng.choice(values)
            for key in ("Action", "Test", "Package", "Elapsed", "Output", "FailedBuild")
            if rng.random() < 0.7
        }
        lines.append(json.dumps(event))
    run = parse_test_events("\n".join(lines))
    assert all(t.status in ("pass", "fail", "skip", "running") for t in run.tests.values())
    deep = "[" * 100_000 + "]" * 100_000
    assert parse_test_events(deep).unparsed == (deep,)
    nested = '{"a":' * 100_000
    assert parse_test_events(nested).unparsed == (nested,)
    assert next(iter_events('{"Action":"run"' * 10_000))[0] is None
