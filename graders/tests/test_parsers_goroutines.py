"""parse_goroutine_dump and parse_goleak_error over real Go 1.26 output (testdata/goroutines).

Goroutine ids change from one capture to the next, so tests find goroutines by what they run and
check ids through their relations (created_in_goroutine); files and lines are stable.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from graders.parsers.goroutines import (
    Goroutine,
    GoroutineDump,
    parse_go_duration,
    parse_goleak_error,
    parse_goroutine_dump,
)
from graders.results import Frame

TESTDATA = Path(__file__).parent / "testdata" / "goroutines"
SOLUTION = "/work/src/solution.go"
SOLUTION_TEST = "/work/src/solution_test.go"


def read(case: str) -> str:
    return (TESTDATA / f"{case}.txt").read_text(encoding="utf-8", errors="replace")


def running_function(dump: GoroutineDump, function: str) -> Goroutine:
    matches = [g for g in dump.goroutines if any(f.function == function for f in g.frames)]
    assert len(matches) == 1, [g.id for g in matches]
    return matches[0]


def location(frame: Frame | None) -> tuple[str, int] | None:
    return None if frame is None else (frame.file, frame.line)


@pytest.mark.parametrize("case", ["timeout", "timeout_minutes"])
def test_test_timeout_dump(case: str) -> None:
    dump = parse_goroutine_dump(read(case))

    assert dump.message is not None and dump.message.startswith("panic: test timed out after ")
    assert not dump.fatal
    assert [t.name for t in dump.running_tests] == ["TestHangs", "TestHangs/sub"]
    assert dump.unparsed == ()

    test = running_function(dump, "goconcur/solution.TestHangs")
    assert test.state == "chan receive"
    assert (SOLUTION_TEST, 18) in [(f.file, f.line) for f in test.frames]
    assert test.created_by is not None and test.created_by.function == "testing.(*T).Run"
    assert test.created_in_goroutine == 1

    expected = {
        "goconcur/solution.recvForever": ("chan receive", 8, 37),
        "goconcur/solution.selectForever": ("select", 11, 38),
        "goconcur/solution.lockForever": ("sync.Mutex.Lock", 17, 39),
        "goconcur/solution.waitForever": ("sync.WaitGroup.Wait", 19, 40),
        "goconcur/solution.sleepLong": ("sleep", 21, 41),
    }
    for function, (state, line, created_line) in expected.items():
        goroutine = running_function(dump, function)
        assert goroutine.state == state, function
        frame = next(f for f in goroutine.frames if f.function == function)
        assert (frame.file, frame.line) == (SOLUTION, line)
        assert goroutine.created_by is not None
        assert goroutine.created_by.function == "goconcur/solution.Start"
        assert location(goroutine.created_by) == (SOLUTION, created_line)
        assert goroutine.created_in_goroutine == test.id
        assert not goroutine.frames_elided

    mutex = running_function(dump, "goconcur/solution.lockForever")
    assert mutex.frames[0] == Frame(
        "internal/sync.runtime_SemacquireMutex", "/usr/local/go/src/runtime/sema.go", 95
    )
    sub = running_function(dump, "goconcur/solution.TestHangs.func1")
    assert location(sub.frames[0]) == (SOLUTION_TEST, 20)
    alarm = running_function(dump, "testing.(*M).startAlarm.func1")
    assert alarm.state == "running"
    assert alarm.created_in_goroutine is None  # "created by time.goFunc" names no goroutine


def test_timeout_running_tests_durations() -> None:
    assert [t.elapsed for t in parse_goroutine_dump(read("timeout")).running_tests] == [2.0, 2.0]
    minutes = parse_goroutine_dump(read("timeout_minutes")).running_tests
    assert [(t.duration, t.elapsed) for t in minutes] == [("1m5s", 65.0), ("1m5s", 65.0)]


def test_wait_minutes_only_after_a_minute() -> None:
    short = parse_goroutine_dump(read("timeout"))
    assert all(g.wait_minutes is None for g in short.goroutines)

    long = parse_goroutine_dump(read("timeout_minutes"))
    for function in ("recvForever", "selectForever", "lockForever", "waitForever", "sleepLong"):
        goroutine = running_function(long, f"goconcur/solution.{function}")
        assert goroutine.wait_minutes == 1
        assert goroutine.header_extra == ()
    assert long.goroutine(1) is not None and long.goroutine(1).wait_minutes == 1
    # Blocked after the test's GC cycles: the runtime has no wait start to print.
    assert running_function(long, "goconcur/solution.TestHangs.func1").wait_minutes is None


def test_elided_frames() -> None:
    dump = parse_goroutine_dump(read("timeout"))
    deep = next(g for g in dump.goroutines if g.frames and g.frames[0].function.endswith(".deep"))
    assert deep.frames_elided
    assert deep.state == "chan receive"
    assert location(deep.frames[0]) == (SOLUTION, 26)
    assert {(f.function, f.file, f.line) for f in deep.frames[1:]} == {
        ("goconcur/solution.deep", SOLUTION, 28)
    }
    assert 50 <= len(deep.frames) <= 101  # the runtime prints 100 frames around the gap
    assert location(deep.created_by) == (SOLUTION, 42)


def test_gotraceback_system_header_fields() -> None:
    dump = parse_goroutine_dump(read("timeout_system"))
    assert dump.message == "panic: test timed out after 2s"
    assert dump.unparsed == ()
    main = dump.goroutine(1)
    assert main is not None
    assert main.state == "chan receive"
    assert main.header_extra[0].startswith("gp=0x") and main.header_extra[1] == "m=nil"
    assert main.frames[0].function == "runtime.gopark"
    # Runtime-internal goroutines appear at this level, with their own wait reasons.
    states = {g.state for g in dump.goroutines}
    assert {"force gc (idle)", "GC sweep wait", "finalizer wait"} <= states
    running = next(g for g in dump.goroutines if g.state == "running")
    assert running.header_extra[1].startswith("m=") and running.header_extra[2].startswith("mp=")
    # Frames carry "fp= sp= pc=" after the offset; the location is still read.
    assert running.frames[0].function == "panic"
    assert running.frames[0].file == "/usr/local/go/src/runtime/panic.go"
    assert running.frames[0].line > 0
    mutex = running_function(dump, "goconcur/solution.lockForever")
    assert mutex.state == "sync.Mutex.Lock"


def test_traceback_ancestors() -> None:
    dump = parse_goroutine_dump(read("timeout_ancestors"))
    assert dump.unparsed == ()
    test = running_function(dump, "goconcur/solution.TestHangs")
    receiver = running_function(dump, "goconcur/solution.recvForever")
    assert receiver.created_in_goroutine == test.id
    # The goroutine's own stack stops at its creator; ancestors are kept apart.
    assert [f.function for f in receiver.frames] == ["goconcur/solution.recvForever"]
    assert [a.goroutine_id for a in receiver.ancestors] == [test.id, 1]
    creator = receiver.ancestors[0]
    assert creator.frames[0].function == "goconcur/solution.Start"
    assert creator.frames[0].file == SOLUTION
    assert creator.created_by is not None and creator.created_by.function == "testing.(*T).Run"
    assert receiver.ancestors[1].frames[-1].function == "main.main"


def test_deadlock() -> None:
    dump = parse_goroutine_dump(read("deadlock"))
    assert dump.message == "fatal error: all goroutines are asleep - deadlock!"
    assert dump.fatal
    assert dump.running_tests == ()
    main = dump.goroutine(1)
    assert main is not None and main.state == "sync.WaitGroup.Wait"
    assert location(main.frames[-1]) == (SOLUTION, 19)
    assert main.created_by is None
    states = {g.state: g for g in dump.goroutines if g.id != 1}
    assert set(states) == {"chan send", "chan send (nil chan)", "select (no cases)"}
    assert location(states["chan send"].created_by) == (SOLUTION, 14)
    assert location(states["chan send (nil chan)"].created_by) == (SOLUTION, 15)
    assert location(states["select (no cases)"].frames[0]) == (SOLUTION, 17)
    assert all(g.created_in_goroutine == 1 for g in states.values())


def test_concurrent_map_writes() -> None:
    dump = parse_goroutine_dump(read("concurrent_map_writes"))
    assert dump.message == "fatal error: concurrent map writes"
    assert dump.fatal
    (writer,) = dump.goroutines
    assert writer.state == "running"
    assert [f.function for f in writer.frames] == ["internal/runtime/maps.fatal", "main.fill"]
    assert location(writer.frames[1]) == (SOLUTION, 8)
    assert location(writer.created_by) == (SOLUTION, 17)


def test_nil_map_panic() -> None:
    dump = parse_goroutine_dump(read("nil_map"))
    assert dump.message == "panic: assignment to entry in nil map"
    assert not dump.fatal
    (goroutine,) = dump.goroutines
    assert [(f.function, f.line) for f in goroutine.frames] == [
        ("main.(*Registry).Add", 5),  # inlined: printed without "+0x" offset
        ("main.main.func1", 12),
    ]
    assert goroutine.created_in_goroutine == 1


def test_nil_dereference_signal() -> None:
    dump = parse_goroutine_dump(read("nil_deref"))
    assert dump.message == (
        "panic: runtime error: invalid memory address or nil pointer dereference"
    )
    assert dump.signal is not None and dump.signal.startswith("[signal SIGSEGV")
    (goroutine,) = dump.goroutines
    assert goroutine.id == 1
    assert location(goroutine.frames[-1]) == (SOLUTION, 9)


def test_goroutine_raw_keeps_evidence() -> None:
    dump = parse_goroutine_dump(read("deadlock"))
    main = dump.goroutine(1)
    assert main is not None
    assert main.raw.splitlines()[0] == "goroutine 1 [sync.WaitGroup.Wait]:"
    assert main.raw.splitlines()[-1].startswith("\t/work/src/solution.go:19")


@pytest.mark.parametrize("case", ["goleak", "goleak_verify"])
def test_goleak_error(case: str) -> None:
    leaked = parse_goleak_error(read(case))
    assert [g.state for g in leaked] == ["chan receive", "select"]
    worker, poller = leaked
    assert worker.frames == (Frame("goconcur/solution.worker", SOLUTION, 6),)
    assert poller.frames == (Frame("goconcur/solution.poller", SOLUTION, 12),)
    assert location(worker.created_by) == (SOLUTION, 22)
    assert location(poller.created_by) == (SOLUTION, 23)
    assert worker.created_in_goroutine == poller.created_in_goroutine is not None
    assert worker.id != poller.id
    assert worker.raw.startswith(f"Goroutine {worker.id} in state chan receive")


def test_goleak_text_is_not_a_dump() -> None:
    # goleak prints "Goroutine N in state", never the runtime's "goroutine N [...]:" header.
    assert parse_goroutine_dump(read("goleak")).goroutines == ()


def test_go_duration() -> None:
    assert parse_go_duration("2s") == 2.0
    assert parse_go_duration("1h2m3.5s") == pytest.approx(3723.5)
    assert parse_go_duration("150ms") == pytest.approx(0.15)
    assert parse_go_duration("1µs") == pytest.approx(1e-6)
    for junk in ("", "2", "s", "2x", "2s junk", "-1s"):
        assert parse_go_duration(junk) is None


# ---- hostile input -------------------------------------------------------------------------


def test_truncated_dump_mid_frame() -> None:
    dump = parse_goroutine_dump(read("truncated_timeout"))
    assert dump.message == "panic: test timed out after 2s"
    mutex = running_function(dump, "goconcur/solution.lockForever")
    # The location line was cut: the frame keeps its function, without a place.
    assert mutex.frames[-1] == Frame("goconcur/solution.lockForever", "", 0)
    assert mutex.created_by is None
    assert dump.unparsed == ("\t/work/src/sol",)


def test_forged_dump() -> None:
    dump = parse_goroutine_dump(read("forged_dump"))
    # The last top-level message wins: what the runtime prints right before it dies.
    assert dump.message == "panic: the real one"
    assert dump.messages == (
        "panic: a message printed by the program itself",
        "panic: the real one",
        "panic: nested while panicking",
    )
    assert dump.signal is not None
    ids = [g.id for g in dump.goroutines]
    assert ids[:2] == [1, 2] and 3 in ids
    assert 99999999999999999999999999999 not in ids  # more digits than a goroutine id has

    labelled = dump.goroutine(2)
    assert labelled is not None
    assert labelled.state == "chan receive"
    assert labelled.wait_minutes == 3
    assert labelled.locked_to_thread
    assert "scan" in labelled.header_extra and "synctest bubble 4" in labelled.header_extra
    assert any(extra.startswith("labels:{") for extra in labelled.header_extra)
    assert [a.goroutine_id for a in labelled.ancestors] == [1]
    assert labelled.ancestors[0].frames_elided
    assert labelled.ancestors[0].created_by is not None
    assert location(labelled.created_by) == (SOLUTION, 20)

    leaked = dump.goroutine(3)
    assert leaked is not None
    assert leaked.state == "select"
    assert "leaked" in leaked.header_extra and "gp=0x1" in leaked.header_extra
    assert leaked.wait_minutes is None  # 17 digits: more than the header allows, not read
    assert leaked.created_in_goroutine is None

    assert [t.name for t in dump.running_tests] == ["TestA", "TestB", "TestC"]
    assert [t.elapsed for t in dump.running_tests] == [2.0, None, 3723.5]
    assert dump.runtime_stack == (
        Frame("runtime.throw", "/usr/local/go/src/runtime/panic.go", 1101),
    )


def test_forged_goleak() -> None:
    leaked = parse_goleak_error(read("forged_goleak"))
    assert [g.id for g in leaked] == [7, 8, 10]
    first, second, third = leaked
    # ", with" is split at its last occurrence; the rest reads like a runtime header's extras.
    assert first.state == "chan receive" and "with a" in first.header_extra
    assert second.state == "select" and second.wait_minutes == 2
    assert "gp=0x1" in second.header_extra
    assert second.created_by == Frame("goconcur/solution.Start", "", 0)
    assert third.state == "sleep" and third.frames == ()


def test_binary_junk() -> None:
    data = (TESTDATA / "forged_binary.txt").read_bytes()
    for text in (data.decode("utf-8", "replace"), data.decode("latin-1")):
        dump = parse_goroutine_dump(text)
        assert isinstance(dump, GoroutineDump)
        parse_goleak_error(text)


@pytest.mark.parametrize(
    "case",
    ["timeout", "timeout_system", "timeout_ancestors", "deadlock", "nil_map", "goleak"],
)
def test_every_prefix_parses(case: str) -> None:
    text = read(case)
    step = max(1, len(text) // 97)
    for end in range(0, len(text), step):
        parse_goroutine_dump(text[:end])
        parse_goleak_error(text[:end])


def test_random_text_and_pathological_lines() -> None:
    rng = random.Random(7)
    alphabet = "goroutine []:()\t\n 0123456789.,/created by in minutes panic: fatal error:"
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(400)))
        parse_goroutine_dump(text)
        parse_goleak_error(text)
    # Long hostile lines stay fast (no regex backtracking blow-up).
    for line in (
        "(" * 200_000 + ")",
        "goroutine 1 [" + "]:" * 100_000,
        "\t" + "a:1" * 100_000,
        "Goroutine 1 in state " + ", with " * 50_000 + " on top of the stack:",
        "created by " + "x" * 200_000,
    ):
        parse_goroutine_dump(line)
        parse_goleak_error(line)


def test_a_state_with_a_comma_inside_parentheses_stays_whole() -> None:
    dump = parse_goroutine_dump(
        "goroutine 9 [select (no cases, synctest), 2 minutes]:\n"
        "main.f()\n\t/work/src/solution.go:3 +0x1\n"
    )
    assert dump.goroutines[0].state == "select (no cases, synctest)"
    assert dump.goroutines[0].wait_minutes == 2
