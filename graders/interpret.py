"""Turns raw sandbox runs into findings and test outcomes. Pure: no sandbox, no clock.

Every location is mapped to the candidate's own file when a frame points into it; the
grader trusts the harness record (with the job's nonce) over anything the process printed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from graders.parsers.bench import parse_bench_output
from graders.parsers.compiler import parse_compiler_output
from graders.parsers.goroutines import (
    Goroutine,
    GoroutineDump,
    parse_goleak_error,
    parse_goroutine_dump,
    split_outside_parentheses,
)
from graders.parsers.gotest_json import TestRun, join_output, parse_test_events
from graders.parsers.race import RaceAccess, RaceReport, parse_race_reports
from graders.prepare import HARNESS_FILE
from graders.results import BenchmarkResult, Finding, FindingKind, Frame, TestResult, TestStatus
from graders.stats import compare_samples
from graders.verdicts import Verdict
from sandbox import LimitHit, RawRun
from sandbox.limits import MIB

SOURCE_ROOT = "/work/src/"
RACE_GOROUTINE_LIMIT = "simultaneously alive goroutines is exceeded"
TEST_OUTPUT_CAP = 8 * 1024
STACK_CAP = 16 * 1024

# Wait reasons of a goroutine that waits for another goroutine, for ever if nobody comes.
BLOCKED_STATES = {
    "chan receive", "chan send", "chan receive (nil chan)", "chan send (nil chan)",
    "select", "select (no cases)", "sync.Mutex.Lock", "sync.RWMutex.Lock",
    "sync.RWMutex.RLock", "sync.WaitGroup.Wait", "sync.Cond.Wait", "semacquire",
    "sync.Once", "synctest.Wait", "chan receive (synctest)", "chan send (synctest)",
    "select (synctest)", "select (no cases, synctest)", "sync.Cond.Wait (synctest)",
    "sync.WaitGroup.Wait (synctest)",
}  # fmt: skip
# Parked, but not on another goroutine: a timer, I/O, or a reason the dump does not name.
IDLE_STATES = {"sleep", "IO wait", "coroutine", "waiting"}
# Any other state (running, runnable, syscall, preempted, "stopping the world", a GC assist...)
# belongs to a goroutine that is still making progress: the code is slow, not stuck.


# --- locations ---------------------------------------------------------------------------


def is_candidate_file(path: str) -> bool:
    """The code under test: any non-test file of the package (grade mode: solution.go)."""
    return path.startswith(SOURCE_ROOT) and not path.endswith("_test.go")


def short_name(path: str) -> str:
    return path[len(SOURCE_ROOT) :] if path.startswith(SOURCE_ROOT) else path


def mark(frames: Iterable[Frame]) -> tuple[Frame, ...]:
    return tuple(
        Frame(f.function, short_name(f.file), f.line, is_candidate_file(f.file)) for f in frames
    )


def first_candidate(frames: Sequence[Frame]) -> Frame | None:
    return next((f for f in frames if f.candidate), None)


def _where(frame: Frame | None) -> str:
    return f"{frame.file}:{frame.line}" if frame else "unknown location"


# --- build and vet -------------------------------------------------------------------------


def compile_findings(run: RawRun) -> list[Finding]:
    if run.limit_hit:
        return [
            Finding(
                FindingKind.LIMIT,
                f"the build hit the {run.limit_hit.value} limit",
                stack=run.output[-STACK_CAP:],
            )
        ]
    diagnostics = parse_compiler_output(run.output)
    findings = [
        Finding(
            FindingKind.COMPILE,
            d.message,
            file=short_name(_absolute(d.file)),
            line=d.line,
            stack=d.raw,
        )
        for d in diagnostics
    ]
    return findings or [
        Finding(FindingKind.COMPILE, "the code does not build", stack=run.output[-STACK_CAP:])
    ]


def vet_findings(run: RawRun) -> list[Finding]:
    if run.exit_code == 0:
        return []
    diagnostics = parse_compiler_output(run.output)
    return [
        Finding(
            FindingKind.VET, d.message, file=short_name(_absolute(d.file)), line=d.line, stack=d.raw
        )
        for d in diagnostics
        if d.file and not d.file.endswith("_test.go")
    ]


def _absolute(path: str | None) -> str:
    if not path:
        return ""
    return path if path.startswith("/") else SOURCE_ROOT + path.removeprefix("./")


# --- one run of a test binary ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HarnessRecord:
    exit_code: int
    tests: dict[str, dict[str, int]]
    leaks: str  # goleak's report, cut between goroutines when it was long
    test_leaks: dict[str, str] = field(default_factory=dict)  # goleak's report at a test's end
    leak_count: int = 0  # goroutines in the whole report, listed or not


@dataclass(frozen=True)
class TestRunOutcome:
    tests: tuple[TestResult, ...] = ()
    verdict: Verdict | None = None
    findings: tuple[Finding, ...] = ()
    races: tuple[Finding, ...] = ()
    leaks: tuple[Finding, ...] = ()
    leak_checked: bool = False
    deadlocked: bool = False
    finished_normally: bool = False  # the harness wrote its record: no crash, no hang
    race_detector_gave_up: bool = False  # too many goroutines alive at once for -race
    notes: tuple[str, ...] = field(default_factory=tuple)


def parse_harness_record(data: bytes | None, nonce: str) -> HarnessRecord | str | None:
    """The record, None when absent, or a string saying why it cannot be trusted."""
    if data is None:
        return None
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return "the harness record is not valid JSON"
    if not isinstance(raw, dict) or raw.get("nonce") != nonce:
        return "the harness record does not carry this job's nonce"
    tests = raw.get("tests") or {}
    if not isinstance(tests, dict):
        return "the harness record has no test table"
    test_leaks = raw.get("test_leaks") or {}
    if not isinstance(test_leaks, dict):
        return "the harness record has a malformed per-test leak table"
    return HarnessRecord(
        int(raw.get("exit_code", 1)),
        tests,
        str(raw.get("leaks") or ""),
        {str(name): str(text) for name, text in test_leaks.items()},
        _int(raw.get("leak_count")),
    )


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def test_run(
    run: RawRun,
    record_bytes: bytes | None,
    *,
    nonce: str,
    expected: Sequence[str],
    instrumented: Sequence[str],
) -> TestRunOutcome:
    text = run.stdout.decode("utf-8", errors="replace")
    events = parse_test_events(text)
    output = join_output(text) + run.stderr.decode("utf-8", errors="replace")
    record = parse_harness_record(record_bytes, nonce)
    findings: list[Finding] = []
    verdict: Verdict | None = None

    dump = parse_goroutine_dump(output) if ("goroutine " in output) else None
    races = race_findings(output)
    timed_out_tests: dict[str, str] = {}

    if isinstance(record, str):
        findings.append(Finding(FindingKind.TAMPERING, record))
        record = None
    limit = run.limit_hit
    # Under a wall or CPU limit _limit_verdict reads the dump itself: classify it once.
    crash = _crash_verdict(dump, output) if limit in (None, LimitHit.OUTPUT) else None
    if limit is LimitHit.OUTPUT and crash is not None:
        # The runtime's own dump (all goroutines of a big program) overflowed the output cap:
        # the crash is the cause, the cut dump its evidence.
        verdict, crash_findings, timed_out_tests = crash
        findings += crash_findings
        findings.append(
            Finding(FindingKind.LIMIT, "the runtime's goroutine dump was cut at the output limit")
        )
    elif limit is not None:
        verdict, limit_findings = _limit_verdict(limit, run, dump)
        findings += limit_findings
    elif crash is not None:
        verdict, crash_findings, timed_out_tests = crash
        findings += crash_findings
    elif record is None:
        verdict = Verdict.RUNTIME_ERROR
        findings.append(
            Finding(
                FindingKind.PANIC,
                "the test process ended before the tests finished (os.Exit, log.Fatal or a crash "
                "in your code?); "
                + (
                    f"killed by signal {run.signal}"
                    if run.signal
                    else f"exit status {run.exit_code}"
                ),
                stack=output[-STACK_CAP:],
            )
        )

    gave_up = RACE_GOROUTINE_LIMIT in output
    if gave_up:
        verdict = Verdict.RUNTIME_ERROR
        findings.append(
            Finding(
                FindingKind.LIMIT,
                "the race detector gave up: more than 8128 goroutines were alive at once "
                "(leaked goroutines pile up across repeated runs)",
            )
        )
    deadlocked = verdict is Verdict.DEADLOCK
    tests = judge_tests(expected, instrumented, events, record, timed_out_tests)
    if verdict is None and any(t.status is not TestStatus.PASS for t in tests):
        verdict = Verdict.WRONG_ANSWER
    if verdict in (None, Verdict.WRONG_ANSWER):
        findings += [_failure_finding(t) for t in tests if t.status is TestStatus.FAIL]
        findings += _forgery_findings(events, record, instrumented)
    leaks: tuple[Finding, ...] = ()
    if record is not None and record.leaks:
        leaks = leak_findings(record.leaks, record.test_leaks, record.leak_count)
    return TestRunOutcome(
        tests=tests,
        verdict=verdict,
        findings=tuple(findings),
        races=races,
        leaks=leaks,
        leak_checked=record is not None,
        deadlocked=deadlocked,
        finished_normally=record is not None and verdict in (None, Verdict.WRONG_ANSWER),
        race_detector_gave_up=gave_up,
    )


def judge_tests(
    expected: Sequence[str],
    instrumented: Sequence[str],
    events: TestRun,
    record: HarnessRecord | None,
    timed_out: dict[str, str],
) -> tuple[TestResult, ...]:
    """A test passes only when the harness saw it pass (for instrumented tests) and the
    event stream agrees; forged PASS lines alone never make a test pass."""
    results = []
    for name in expected:
        summary = events.tests.get(name)
        duration = summary.elapsed if summary else 0.0
        output = _cap(summary.output) if summary else ""
        if name in timed_out:
            status = TestStatus.TIMEOUT
            output = _cap(f"{output}{timed_out[name]}\n")
        elif name in instrumented:
            status = _harness_status(record.tests.get(name) if record else None)
            if status is TestStatus.PASS and summary and summary.fails:
                status = TestStatus.FAIL
        elif summary is None or (record is None and summary.status == "running"):
            status = TestStatus.MISSING
        else:
            status = _event_status(summary.status)
        results.append(TestResult(name, status, round(duration, 4), output))
    return tuple(results)


def _harness_status(counts: dict[str, int] | None) -> TestStatus:
    if not counts:
        return TestStatus.MISSING
    if counts.get("failed", 0):
        return TestStatus.FAIL
    finished = counts.get("passed", 0) + counts.get("skipped", 0)
    if finished < counts.get("started", 0):
        return TestStatus.MISSING
    if counts.get("passed", 0):
        return TestStatus.PASS
    return TestStatus.SKIP


def _event_status(status: str) -> TestStatus:
    return {"pass": TestStatus.PASS, "fail": TestStatus.FAIL, "skip": TestStatus.SKIP}.get(
        status, TestStatus.MISSING
    )


def _forgery_findings(
    events: TestRun, record: HarnessRecord | None, instrumented: Sequence[str]
) -> list[Finding]:
    if record is None:
        return []
    forged = []
    for name in instrumented:
        summary = events.tests.get(name)
        counts = record.tests.get(name) or {}
        if summary and summary.passes > counts.get("passed", 0):
            forged.append(name)
    if not forged:
        return []
    return [
        Finding(
            FindingKind.TAMPERING,
            "the output claims passes the tests never made: " + ", ".join(forged),
        )
    ]


def _failure_finding(test: TestResult) -> Finding:
    return Finding(FindingKind.TEST_FAILURE, f"{test.name} failed", stack=test.output)


def _cap(text: str) -> str:
    return text if len(text) <= TEST_OUTPUT_CAP else "…" + text[-TEST_OUTPUT_CAP:]


# --- hangs, panics, limits -----------------------------------------------------------------


def _crash_verdict(
    dump: GoroutineDump | None, output: str
) -> tuple[Verdict, list[Finding], dict[str, str]] | None:
    """What a runtime crash dump says: a test timeout, a deadlock, out of memory, a panic.
    The third item maps the tests that were running when the clock ran out to a note."""
    if dump is None or not dump.message:
        return None
    if "test timed out" in dump.message:
        verdict, hang = classify_hang(dump)
        stopped = {t.name: f"{dump.message} ({t.name} had run {t.duration})"
                   for t in dump.running_tests}  # fmt: skip
        return verdict, hang, stopped
    if "all goroutines are asleep" in dump.message:
        return Verdict.DEADLOCK, blocked_findings(dump.goroutines, dump), {}
    if "out of memory" in dump.message:
        stack = output[-STACK_CAP:]
        return Verdict.MEMORY_LIMIT, [Finding(FindingKind.LIMIT, dump.message, stack=stack)], {}
    return Verdict.RUNTIME_ERROR, [panic_finding(dump)], {}


def _limit_verdict(
    limit: LimitHit, run: RawRun, dump: GoroutineDump | None
) -> tuple[Verdict, list[Finding]]:
    usage = run.usage
    if limit is LimitHit.MEMORY:
        return Verdict.MEMORY_LIMIT, [
            Finding(
                FindingKind.LIMIT,
                "memory limit exceeded: the kernel killed the program"
                + (
                    f" (peak {usage.memory_peak_bytes // MIB} MiB)"
                    if usage.memory_peak_bytes
                    else ""
                ),
            )
        ]
    if limit is LimitHit.OUTPUT:
        return Verdict.OUTPUT_LIMIT, [
            Finding(
                FindingKind.LIMIT,
                "output limit exceeded: the program printed too much and was stopped",
            )
        ]
    if limit in (LimitHit.WALL_TIME, LimitHit.CPU_TIME):
        if dump is not None and dump.goroutines:
            return classify_hang(dump)
        return Verdict.TIMEOUT, [
            Finding(
                FindingKind.LIMIT, f"{limit.value} limit exceeded after {usage.wall_seconds:.1f}s"
            )
        ]
    if limit is LimitHit.PIDS:
        return Verdict.RUNTIME_ERROR, [
            Finding(
                FindingKind.LIMIT,
                "process limit reached: the program started too many processes or threads",
            )
        ]
    return Verdict.RUNTIME_ERROR, [Finding(FindingKind.LIMIT, f"{limit.value} limit reached")]


def classify_hang(dump: GoroutineDump) -> tuple[Verdict, list[Finding]]:
    """A timed-out run is a deadlock when the code's goroutines all wait on each other, and a
    timeout when one of them is still busy (spinning, sleeping, in a syscall)."""
    involved = [g for g in dump.goroutines if not _is_harness_goroutine(g)]
    candidate = [g for g in involved if any(is_candidate_file(f.file) for f in g.frames)]
    spinning = [g for g in candidate if not _is_parked(g)]
    # A goroutine the runtime could not stop prints no frames, only its creator. It was
    # executing when the clock ran out, which is never a deadlock, whoever started it.
    spinning += [g for g in dump.goroutines if g.stack_unavailable]
    blocked = [g for g in involved if _base_state(g.state) in BLOCKED_STATES]
    sleeping = [g for g in candidate if _base_state(g.state) == "sleep"]
    # A goroutine still computing means the code may yet finish: that is slowness. With
    # none, goroutines that wait on each other are a deadlock, even beside a sleeper.
    if spinning or (sleeping and not blocked):
        return Verdict.TIMEOUT, [_busy_finding(g) for g in spinning or sleeping]
    if blocked:
        return Verdict.DEADLOCK, blocked_findings(blocked, dump)
    return Verdict.TIMEOUT, [
        Finding(
            FindingKind.LIMIT,
            dump.message or "time limit exceeded",
            stack="\n".join(g.raw for g in dump.goroutines)[:STACK_CAP],
        )
    ]


def _busy_finding(g: Goroutine) -> Finding:
    frames = mark(g.frames)
    where = first_candidate(frames)
    place = f"at {_where(where)}"
    created = mark([g.created_by])[0] if g.created_by else None
    if where is None and created and created.candidate:
        where, place = created, f"in a goroutine started at {_where(created)}"
    elif where is None and g.stack_unavailable:
        place = "on another thread (the runtime could not stop it to print its stack)"
    return Finding(
        FindingKind.LIMIT,
        f"time limit exceeded: goroutine {g.id} is still {g.state} {place}",
        file=where.file if where else None,
        line=where.line if where else None,
        stack=g.raw,
        frames=frames,
    )


def blocked_findings(goroutines: Sequence[Goroutine], dump: GoroutineDump) -> list[Finding]:
    """One finding per distinct wait (same state, same place, same origin), with how many
    goroutines wait there; the ones located in the candidate's code first."""
    groups: dict[tuple[str, str, str], list[Goroutine]] = {}
    for g in goroutines:
        if _is_harness_goroutine(g) or _base_state(g.state) not in BLOCKED_STATES:
            continue
        where = first_candidate(mark(g.frames))
        created = mark([g.created_by])[0] if g.created_by else None
        groups.setdefault((_base_state(g.state), _where(where), _where(created)), []).append(g)
    findings = [_blocked_finding(members) for members in groups.values()]
    return sorted(findings, key=lambda f: f.line is None)


def _blocked_finding(members: list[Goroutine]) -> Finding:
    g = members[0]
    frames = mark(g.frames)
    where = first_candidate(frames)
    created = mark([g.created_by])[0] if g.created_by else None
    related = [r for r in (location("created at", created),) if r]
    if where is None and created and created.candidate:
        where_text = f"a goroutine started at {_where(created)}"
    elif where is None:
        test = next((f.function for f in frames if ".Test" in f.function), "the test")
        where_text = f"{test.rsplit('.', 1)[-1]} (waiting for your code)"
    else:
        where_text = _where(where)
    if len(members) == 1:
        who = f"goroutine {g.id}"
    else:
        ids = ", ".join(str(m.id) for m in members[:5]) + (", …" if len(members) > 5 else "")
        who = f"{len(members)} goroutines ({ids})"
    located = where or (created if created and created.candidate else None)
    # Where a goroutine of the package was started tells apart waits at one line;
    # the testing package's own start of a test goroutine says nothing.
    ours = created and (created.candidate or created.file.endswith("_test.go"))
    origin = f", started at {_where(created)}" if ours and created is not located else ""
    return Finding(
        FindingKind.DEADLOCK,
        f"{who} blocked for ever in {g.state} at {where_text}{origin}"
        + (" (a nil channel blocks for ever: was it never made?)" if "nil chan" in g.state else ""),
        file=located.file if located else None,
        line=located.line if located else None,
        stack=g.raw,
        frames=frames,
        related=tuple(related),
    )


def panic_finding(dump: GoroutineDump) -> Finding:
    first = dump.goroutines[0] if dump.goroutines else None
    frames = mark(first.frames) if first else ()
    where = first_candidate(frames)
    message = dump.message or "the program crashed"
    if "concurrent map" in message:
        message += " (unsynchronised map access from several goroutines)"
    elif "stack overflow" in message:
        message += " (recursion that never reaches its base case?)"
    return Finding(
        FindingKind.PANIC,
        message,
        file=where.file if where else None,
        line=where.line if where else None,
        stack=(first.raw if first else "")[:STACK_CAP],
        frames=frames,
    )


def _is_harness_goroutine(g: Goroutine) -> bool:
    """Goroutines of the testing machinery: the alarm, the runner, a test waiting for its
    own subtests. They wait because something else does; they are not evidence."""
    blocking = _blocking_frame(g)
    if blocking is None:
        return True
    if blocking.function.startswith("testing.") or blocking.file.endswith(HARNESS_FILE):
        return True
    return not any(is_candidate_file(f.file) or f.file.endswith("_test.go") for f in g.frames)


def _blocking_frame(g: Goroutine) -> Frame | None:
    """The first frame outside the runtime and the sync internals: where the code waits."""
    for frame in g.frames:
        if frame.function != "panic" and not frame.function.startswith(
            ("runtime.", "internal/", "sync.", "time.Sleep")
        ):
            return frame
    return None


def _base_state(state: str) -> str:
    """The wait reason alone, should a state still carry ", N minutes" or other suffixes."""
    return split_outside_parentheses(state)[0].strip()


def _is_parked(g: Goroutine) -> bool:
    state = _base_state(g.state)
    return state in BLOCKED_STATES or state in IDLE_STATES


# --- leaks and races -------------------------------------------------------------------------


def leak_findings(
    text: str, by_test: Mapping[str, str] | None = None, total: int = 0
) -> tuple[Finding, ...]:
    """One finding per distinct leak (same wait, same place, same origin), with a count, and
    the tests that left it behind when a per-test check saw it (`by_test`: test -> report).
    `total` counts the goroutines of the whole report when `text` is a cut of it."""
    findings: dict[tuple[str, str, str], Finding] = {}
    counts: dict[tuple[str, str, str], int] = {}
    listed = parse_goleak_error(text)
    for g in listed:
        frames = mark(g.frames)
        where = first_candidate(frames)
        created = mark([g.created_by])[0] if g.created_by else None
        origin = created if created and created.candidate else where
        related = [location("created at", created), location("blocked at", where)]
        key = _leak_key(g)
        counts[key] = counts.get(key, 0) + 1
        findings.setdefault(
            key,
            Finding(
                FindingKind.LEAK,
                f"goroutine leaked after the tests: {g.state} at {_where(where)}, "
                f"started at {_where(created)}",
                file=origin.file if origin else None,
                line=origin.line if origin else None,
                stack=g.raw[:STACK_CAP],
                frames=frames,
                related=tuple(r for r in related if r),
            ),
        )
    # A test is blamed for the goroutines started where its own leftovers were started: the
    # state and the top of the stack may differ between its check and the final one (a
    # ticker loop is running at one moment and waiting at the next).
    culprits: dict[str, list[str]] = {}
    for test, report in sorted((by_test or {}).items()):
        for origin in dict.fromkeys(_leak_origin(g) for g in parse_goleak_error(report)):
            culprits.setdefault(origin, []).append(test)
    located = [
        _leak_message(f, counts[key], culprits.get(key[2], [])) for key, f in findings.items()
    ]
    if total > len(listed):
        located.append(
            Finding(
                FindingKind.LEAK,
                f"{total - len(listed)} more leaked goroutines not listed "
                f"({total} in all; the report was cut)",
            )
        )
    return tuple(located)


def _leak_key(g: Goroutine) -> tuple[str, str, str]:
    return (_base_state(g.state), _where(first_candidate(mark(g.frames))), _leak_origin(g))


def _leak_origin(g: Goroutine) -> str:
    return _where(mark([g.created_by])[0] if g.created_by else None)


def _leak_message(finding: Finding, count: int, tests: list[str]) -> Finding:
    message = finding.message
    if tests:
        message = message.replace("after the tests", "by " + ", ".join(tests), 1)
    if count > 1:
        message += f" (x{count})"
    return replace(finding, message=message)


def location(role: str, frame: Frame | None) -> dict[str, object] | None:
    """A located line for `Finding.related` (None when there is no frame)."""
    if frame is None:
        return None
    return {"role": role, "file": frame.file, "line": frame.line, "function": frame.function,
            "candidate": frame.candidate}  # fmt: skip


def race_findings(output: str) -> tuple[Finding, ...]:
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for report in parse_race_reports(output):
        if report.access is None:
            continue  # a banner without a body is not evidence (cut, or printed by the code)
        access, previous = report.access, report.previous
        now_frames = mark(access.frames)
        here, here_text = _race_place(access, report)
        there, there_text = (
            _race_place(previous, report) if previous else (None, "at an unknown location")
        )
        key = (here_text, there_text)
        if key in seen:
            continue
        seen.add(key)
        kind_before = previous.kind if previous else "access"
        related = [location(f"previous {kind_before}", there)]
        related += [
            location(f"goroutine {origin.id} created at", first_candidate(mark(origin.frames)))
            for origin in report.goroutines
        ]
        located = here or there
        findings.append(
            Finding(
                FindingKind.RACE,
                f"data race: {access.kind} {here_text} conflicts with an earlier "
                f"{kind_before} {there_text}",
                file=located.file if located else None,
                line=located.line if located else None,
                stack=report.raw[:STACK_CAP],
                frames=now_frames,
                related=tuple(r for r in related if r),
            )
        )
    return tuple(findings)


def _race_place(access: RaceAccess, report: RaceReport) -> tuple[Frame | None, str]:
    """Where one access of a race happened, in the candidate's code when at all possible:
    its own frame; else where its goroutine was started (the runtime may print only
    `raceread()` for an access inside the sync internals); else the first frame outside
    the runtime, which is the test's."""
    frames = mark(access.frames)
    here = first_candidate(frames)
    if here is not None:
        return here, f"at {_where(here)}"
    origin = next((g for g in report.goroutines if g.id == access.goroutine), None)
    started = first_candidate(mark(origin.frames)) if origin else None
    if started is not None:
        return started, f"in a goroutine started at {_where(started)}"
    outside = next(
        (f for f in frames if not f.function.startswith(("runtime.", "internal/"))), None
    )
    if outside is not None:
        name = outside.function.rsplit("/", 1)[-1].split(".", 1)[-1]
        return None, f"in {name} ({outside.file}:{outside.line})"
    return None, "at an unknown location"


# --- benchmarks ----------------------------------------------------------------------------


def compare_benchmarks(
    text: str, marker: str, *, max_ratio: float
) -> tuple[list[BenchmarkResult], list[Finding]]:
    samples: dict[str, dict[str, list]] = {"candidate": {}, "reference": {}}
    side = None
    chunk: list[str] = []

    def flush() -> None:
        if side is None:
            return
        seen: set[str] = set()
        for sample in parse_bench_output("\n".join(chunk)).samples:
            if sample.name in seen:
                continue  # a second line for one benchmark in one run is forged: keep the first
            seen.add(sample.name)
            samples[side].setdefault(sample.name, []).append(sample)

    for line in text.splitlines():
        if line.startswith(marker + " "):
            flush()
            side, chunk = line[len(marker) + 1 :].strip(), []
            if side not in samples:
                side = None
        else:
            chunk.append(line)
    flush()
    results, findings = [], []
    for name, cand in samples["candidate"].items():
        ref = samples["reference"].get(name, [])
        comparison = compare_samples([s.ns_op for s in cand], [s.ns_op for s in ref])
        result = BenchmarkResult(
            name=name,
            candidate_ns_op=comparison.candidate_median,
            reference_ns_op=comparison.reference_median if ref else None,
            candidate_b_op=_median([s.b_op for s in cand]),
            reference_b_op=_median([s.b_op for s in ref]),
            candidate_allocs_op=_median([s.allocs_op for s in cand]),
            reference_allocs_op=_median([s.allocs_op for s in ref]),
            ratio=comparison.ratio if ref else None,
            ci_low=comparison.ci_low,
            ci_high=comparison.ci_high,
            significant=comparison.significant,
            samples=min(len(cand), len(ref)),
            p_value=comparison.p_value,
        )
        results.append(result)
        if result.significant and result.ratio is not None and result.ratio > max_ratio:
            findings.append(
                Finding(
                    FindingKind.PERFORMANCE,
                    f"{name}: {result.ratio:.1f}x slower than the reference "
                    f"(limit {max_ratio:g}x, 95% CI {result.ci_low:.2f}-{result.ci_high:.2f})",
                )
            )
    return results, findings


def _median(values: Sequence[float | None]) -> float | None:
    present = sorted(v for v in values if v is not None)
    if not present:
        return None
    mid = len(present) // 2
    return present[mid] if len(present) % 2 else (present[mid - 1] + present[mid]) / 2


# --- summary -------------------------------------------------------------------------------


def summary(verdict: Verdict, tests: Sequence[TestResult], findings: Sequence[Finding]) -> str:
    passed = sum(1 for t in tests if t.status is TestStatus.PASS)
    head = f"{passed}/{len(tests)} tests passed" if tests else "no tests ran"
    key = {
        Verdict.RACE: FindingKind.RACE, Verdict.LEAK: FindingKind.LEAK,
        Verdict.DEADLOCK: FindingKind.DEADLOCK, Verdict.VET_ERROR: FindingKind.VET,
        Verdict.COMPILE_ERROR: FindingKind.COMPILE,
    }.get(verdict)  # fmt: skip
    lead = next((f for f in findings if key and f.kind is key), None) or next(
        (f for f in findings if f.kind not in (FindingKind.TEST_FAILURE,)), None
    )
    if verdict is Verdict.ACCEPTED:
        return f"accepted: {head}"
    detail = f": {lead.message}" if lead else ""
    return f"{verdict.value} ({head}){detail}"
