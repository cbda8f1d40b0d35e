"""parse_race_reports / parse_race_output over real `-race` output (testdata/race).

Which goroutine ids race, and which access the detector catches first, change between captures:
tests check kinds, relations and file:line, which do not.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from graders.parsers.race import (
    RaceOutput,
    RaceReport,
    parse_race_output,
    parse_race_reports,
)
from graders.results import Frame

TESTDATA = Path(__file__).parent / "testdata" / "race"
SOLUTION = "/work/src/solution.go"
SOLUTION_TEST = "/work/src/solution_test.go"


def read(case: str) -> str:
    return (TESTDATA / f"{case}.txt").read_text(encoding="utf-8", errors="replace")


def place(frame: Frame) -> tuple[str, str, int]:
    return frame.function, frame.file, frame.line


def check_goroutines_match_accesses(report: RaceReport) -> None:
    """Every non-main access names a goroutine whose creation the report lists."""
    listed = {g.id for g in report.goroutines}
    for access in (report.access, report.previous):
        assert access is not None
        if access.main:
            assert access.goroutine is None
        else:
            assert access.goroutine in listed


@pytest.mark.parametrize("case", ["counter", "json_counter"])
def test_counter_increment_race(case: str) -> None:
    output = parse_race_output(read(case))
    assert output.reports
    assert output.race_detected == ("TestCount",)
    for report in output.reports:
        assert report.complete and report.unparsed == ()
        assert report.test == "TestCount"
        assert report.access is not None and report.previous is not None
        # counter++ reads then writes: each report pairs a write with a read or a write.
        assert {report.access.kind, report.previous.kind} <= {"read", "write"}
        assert "write" in (report.access.kind, report.previous.kind)
        assert report.access.address == report.previous.address
        assert report.access.goroutine != report.previous.goroutine
        for access in (report.access, report.previous):
            assert place(access.frames[0]) == ("goconcur/solution.Count.func1", SOLUTION, 13)
        check_goroutines_match_accesses(report)
        for goroutine in report.goroutines:
            assert goroutine.status in ("running", "finished")
            assert place(goroutine.frames[0]) == ("goconcur/solution.Count", SOLUTION, 11)
            assert place(goroutine.frames[1]) == ("goconcur/solution.TestCount", SOLUTION_TEST, 6)


def test_slice_read_write_race() -> None:
    output = parse_race_output(read("slice"))
    (report,) = output.reports
    assert report.complete
    assert report.access is not None and report.previous is not None
    kinds = {report.access.kind: report.access, report.previous.kind: report.previous}
    assert set(kinds) == {"read", "write"}
    assert place(kinds["write"].frames[0]) == ("goconcur/solution.(*Buffer).Set", SOLUTION, 7)
    assert place(kinds["read"].frames[0]) == ("goconcur/solution.(*Buffer).Get", SOLUTION, 9)
    check_goroutines_match_accesses(report)
    writer = next(g for g in report.goroutines if g.id == kinds["write"].goroutine)
    assert place(writer.frames[0]) == ("goconcur/solution.Poll", SOLUTION, 15)
    # Not verbose: no "=== RUN"; the detection line follows "--- FAIL: TestPoll".
    assert report.test is None
    assert output.race_detected == ("TestPoll",)


def test_closure_shared_variable_race() -> None:
    (report,) = parse_race_reports(read("closure"))
    assert report.access is not None and report.previous is not None
    lines = {report.access.frames[0].line, report.previous.frames[0].line}
    assert lines <= {13, 14} and 14 in lines  # `if i > last` reads, `last = i` writes
    assert all(
        a.frames[0].function == "goconcur/solution.Last.func1"
        for a in (report.access, report.previous)
    )
    check_goroutines_match_accesses(report)
    assert all(
        place(g.frames[0]) == ("goconcur/solution.Last", SOLUTION, 11) for g in report.goroutines
    )


def test_race_with_a_finished_goroutine() -> None:
    output = parse_race_output(read("finished"))
    assert output.race_detected == ("TestMode",)
    assert len(output.reports) >= 1
    first = output.reports[0]
    assert first.access is not None and first.previous is not None
    assert (first.access.kind, first.previous.kind) == ("read", "write")
    assert place(first.previous.frames[0]) == ("goconcur/solution.load", SOLUTION, 7)
    loader = next(g for g in first.goroutines if g.id == first.previous.goroutine)
    assert loader.status == "finished"
    assert place(loader.frames[0]) == ("goconcur/solution.Mode", SOLUTION, 12)
    reader = next(g for g in first.goroutines if g.id == first.access.goroutine)
    assert reader.status == "running"
    assert reader.frames[-1].file == "_testmain.go"
    # The map itself races too: runtime frames on top, the candidate's line below.
    runtime_frames = [
        r
        for r in output.reports
        if r.access and r.access.frames[0].function.startswith("runtime.map")
    ]
    for report in runtime_frames:
        assert report.access is not None
        assert place(report.access.frames[1]) == ("goconcur/solution.Mode", SOLUTION, 14)


def test_main_goroutine_and_atomic_races() -> None:
    output = parse_race_output(read("main_goroutine"))
    assert output.found == 2
    assert output.race_detected == ()
    plain, atomic = output.reports
    assert plain.access is not None and plain.previous is not None
    assert (plain.access.kind, plain.previous.kind) == ("write", "write")
    assert plain.access.main and plain.access.goroutine is None
    assert place(plain.access.frames[0]) == ("main.main", SOLUTION, 23)
    assert place(plain.previous.frames[0]) == ("main.mark", SOLUTION, 13)
    (creator,) = plain.goroutines
    assert (creator.id, creator.status) == (plain.previous.goroutine, "finished")
    assert place(creator.frames[0]) == ("main.main", SOLUTION, 20)
    # Go 1.26 prints an atomic access as a plain "write" with sync/atomic frames.
    assert atomic.previous is not None and atomic.previous.kind == "write"
    assert [f.function for f in atomic.previous.frames] == ["sync/atomic.AddInt64"] * 2
    assert atomic.previous.frames[1].file == "<autogenerated>"


def test_raw_spans_the_report() -> None:
    (report,) = parse_race_reports(read("slice"))
    lines = report.raw.splitlines()
    assert lines[:2] == ["==================", "WARNING: DATA RACE"]
    assert lines[-1] == "=================="
    assert any(line.startswith("Goroutine ") for line in lines)


# ---- hostile input -------------------------------------------------------------------------


def test_forged_banners() -> None:
    output = parse_race_output(read("forged_banner"))
    empty, noisy, atomic, cut = output.reports
    # A banner without a body is returned, but is not complete.
    assert empty.access is None and empty.previous is None and empty.closed
    assert not empty.complete
    assert empty.test == "TestForged"

    # A 26-digit goroutine id is more than a header allows: the line is not read as an access.
    assert noisy.access is None
    assert any(
        line.startswith("Write at 0x00c000012345 by goroutine 9999") for line in noisy.unparsed
    )
    assert noisy.previous is not None and noisy.previous.main
    assert noisy.previous.frames == ()  # "[failed to restore the stack]"
    assert [(g.id, g.status) for g in noisy.goroutines] == [(7, "zombie")]
    assert noisy.goroutines[0].frames == (Frame("main.main", "", 0), Frame("main.other", "", 0))
    assert "an interleaved line of program output" in noisy.unparsed
    assert not noisy.closed  # a second banner cut it short

    assert atomic.complete
    assert atomic.access is not None and atomic.access.kind == "atomic write"
    assert atomic.previous is not None and atomic.previous.kind == "atomic read"

    assert cut.access is not None and cut.access.kind == "write" and cut.access.frames == ()
    assert not cut.closed and not cut.complete
    assert output.race_detected == ("TestForged",)
    assert output.found is None  # more digits than a count has


def test_forged_header_with_bad_address_is_unparsed() -> None:
    (_, noisy, *_) = parse_race_reports(read("forged_banner"))
    assert "Read at 0xZZ by goroutine 7:" in noisy.unparsed


def test_truncated_report() -> None:
    (report,) = parse_race_reports(read("truncated_slice"))
    assert not report.closed and not report.complete
    assert report.access is not None and report.access.kind == "write"
    assert report.previous is not None and report.previous.kind == "read"
    assert report.previous.frames == ()  # cut inside the first function name


def test_binary_junk_and_random_text() -> None:
    data = (TESTDATA.parent / "goroutines" / "forged_binary.txt").read_bytes()
    for text in (data.decode("utf-8", "replace"), data.decode("latin-1")):
        assert isinstance(parse_race_output(text), RaceOutput)
    rng = random.Random(11)
    pieces = [
        "==================\n",
        "WARNING: DATA RACE\n",
        "Read at 0x1 by goroutine 2:\n",
        "  f()\n",
        "      /a.go:1 +0x1\n",
        "Goroutine 2 (running) created at:\n",
        "\n",
        "x",
    ]
    for _ in range(300):
        parse_race_output("".join(rng.choice(pieces) for _ in range(rng.randrange(30))))
    for line in ("=" * 200_000, "  " + "(" * 200_000 + ")", "Read at 0x" + "1" * 100_000):
        parse_race_output(line)


@pytest.mark.parametrize("case", ["counter", "json_counter", "finished"])
def test_every_prefix_parses(case: str) -> None:
    text = read(case)
    step = max(1, len(text) // 89)
    for end in range(0, len(text), step):
        parse_race_output(text[:end])
