"""`go tool test2json -t` output (and `go test -json`): one JSON event per line.

Events (cmd/internal/test2json, Go 1.26) carry `Action` (start, run, pause, cont, pass, fail,
skip, bench, output, attr, artifacts; `go test -json` adds build-output and build-fail with an
`ImportPath`), `Package`, `Test`, `Elapsed` and `Output`. Lines that are not events, such as the
test binary's stderr when it bypasses test2json (a timeout's goroutine dump), are kept in
`unparsed`, in order, so the caller can hand them to another parser.

Worth knowing when reading the result: test2json emits no terminal event for a test whose binary
died (timeout, panic) and, in Go 1.26, none for benchmarks either: such tests stay `running`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

__all__ = [
    "OUTPUT_CAP",
    "TestRun",
    "TestSummary",
    "iter_events",
    "join_output",
    "parse_test_events",
]

OUTPUT_CAP = 64 * 1024  # bytes of output kept per test (the tail), and for the package

# Worst first: a test run several times (-count, -cpu) reports its worst outcome.
_SEVERITY = {"fail": 3, "running": 2, "pass": 1, "skip": 0}
_TERMINAL = ("pass", "fail", "skip")


@dataclass(frozen=True, slots=True)
class TestSummary:
    __test__ = False  # not a pytest test class, despite the name

    name: str  # full name: "TestX" or "TestX/sub"
    status: str  # "pass" | "fail" | "skip" | "running" (started or seen, never finished)
    elapsed: float  # seconds, summed over every terminal event of this test
    output: str  # accumulated Output of its events; only the tail when truncated
    output_truncated: bool
    runs: int  # "run" events: one per execution (-count=N gives N)
    passes: int  # "pass" events; forged output may add extra ones
    fails: int  # "fail" events
    skips: int  # "skip" events

    @property
    def conflicting(self) -> bool:
        """Both a pass and a fail were reported (flaky under -count, or forged events)."""
        return self.passes > 0 and self.fails > 0


@dataclass(frozen=True, slots=True)
class TestRun:
    __test__ = False  # not a pytest test class, despite the name

    tests: dict[str, TestSummary]  # by full test name, in order of first appearance
    package: str | None  # the Package of the first event that named one
    package_action: str | None  # the last package-level pass/fail (skip: no test files); or None
    package_elapsed: float | None
    package_output: str  # Output of events without a Test (PASS, FAIL, "ok  pkg 0.1s", ...)
    package_output_truncated: bool
    build_output: str  # build-output events of `go test -json` (compiler errors)
    build_failed: bool  # a build-fail event, or a FailedBuild field
    unparsed: tuple[str, ...]  # lines that are not test2json events, in order

    def status(self, name: str) -> str | None:
        summary = self.tests.get(name)
        return summary.status if summary is not None else None


class _Tail:
    """Keeps the last `cap` bytes of a growing text without holding all of it."""

    def __init__(self, cap: int = OUTPUT_CAP) -> None:
        self.cap = cap
        self.chunks: list[str] = []
        self.size = 0
        self.truncated = False

    def add(self, text: str) -> None:
        self.chunks.append(text)
        self.size += len(text)
        # Every character is at least one UTF-8 byte, so the last 4 * cap characters always hold
        # the last cap bytes that the byte-exact cut in `text()` keeps.
        if self.size > 8 * self.cap:
            joined = "".join(self.chunks)
            self.chunks = [joined[-4 * self.cap :]]
            self.size = len(self.chunks[0])
            self.truncated = True

    def text(self) -> tuple[str, bool]:
        joined = "".join(self.chunks)
        data = joined.encode("utf-8", "surrogatepass")
        if len(data) <= self.cap:
            return joined, self.truncated
        # Cut on bytes; a character split by the cut is dropped rather than mangled.
        tail = data[-self.cap :].decode("utf-8", "ignore")
        return tail, True


class _Test:
    def __init__(self, name: str) -> None:
        self.name = name
        self.runs = 0
        self.passes = 0
        self.fails = 0
        self.skips = 0
        self.elapsed = 0.0
        self.output = _Tail()

    def summary(self) -> TestSummary:
        finished = self.passes + self.fails + self.skips
        statuses = []
        if self.fails:
            statuses.append("fail")
        if self.runs > finished or finished == 0:
            statuses.append("running")
        if self.passes:
            statuses.append("pass")
        if self.skips:
            statuses.append("skip")
        status = max(statuses, key=_SEVERITY.__getitem__)
        output, truncated = self.output.text()
        return TestSummary(
            name=self.name,
            status=status,
            elapsed=self.elapsed,
            output=output,
            output_truncated=truncated,
            runs=self.runs,
            passes=self.passes,
            fails=self.fails,
            skips=self.skips,
        )


def _decode(line: str) -> dict[str, Any] | None:
    """The event on this line, or None. Only objects with a string Action count as events."""
    try:
        value = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if isinstance(value, dict) and isinstance(value.get("Action"), str):
        return value
    return None


def iter_events(text: str) -> Iterator[tuple[dict[str, Any] | None, str]]:
    """Yields (event, line) per line; event is None for a line that is not a test2json event.

    A line whose start is junk glued to an event (stderr written without a newline just before
    test2json's line) yields the junk as its own non-event line, then the event.
    """
    lines = text.split("\n")
    if lines and not lines[-1]:
        lines.pop()  # the newline ending the text does not start another line
    for line in lines:
        line = line.removesuffix("\r")
        stripped = line.strip()
        if not stripped:
            yield None, line
            continue
        event = _decode(stripped) if stripped.startswith("{") else None
        if event is None:
            start = stripped.find('{"')
            if start > 0:
                event = _decode(stripped[start:])
                if event is not None:
                    yield None, stripped[:start]
                    yield event, stripped[start:]
                    continue
        yield event, line


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if math.isfinite(number) and number >= 0 else None


def parse_test_events(text: str) -> TestRun:
    tests: dict[str, _Test] = {}
    package: str | None = None
    package_action: str | None = None
    package_elapsed: float | None = None
    package_output = _Tail()
    build_output = _Tail()
    build_failed = False
    unparsed: list[str] = []

    for event, line in iter_events(text):
        if event is None:
            if line.strip():
                unparsed.append(line)
            continue
        action = event["Action"]
        name = event.get("Test")
        output = event.get("Output")
        output = output if isinstance(output, str) else None
        if package is None and isinstance(event.get("Package"), str):
            package = event["Package"]
        if event.get("FailedBuild"):
            build_failed = True
        if action == "build-output":
            if output is not None:
                build_output.add(output)
            continue
        if action == "build-fail":
            build_failed = True
            continue
        if not isinstance(name, str) or not name:
            if action == "output" and output is not None:
                package_output.add(output)
            elif action in _TERMINAL:
                package_action = action
                package_elapsed = _number(event.get("Elapsed"))
            continue
        test = tests.get(name)
        if test is None:
            test = tests[name] = _Test(name)
        if action == "run":
            test.runs += 1
        elif action == "pass":
            test.passes += 1
            test.elapsed += _number(event.get("Elapsed")) or 0.0
        elif action == "fail":
            test.fails += 1
            test.elapsed += _number(event.get("Elapsed")) or 0.0
        elif action == "skip":
            test.skips += 1
            test.elapsed += _number(event.get("Elapsed")) or 0.0
        elif action == "output" and output is not None:
            test.output.add(output)
        # pause, cont, bench, attr, artifacts, start: nothing to aggregate.

    package_text, package_truncated = package_output.text()
    build_text, _ = build_output.text()
    return TestRun(
        tests={name: test.summary() for name, test in tests.items()},
        package=package,
        package_action=package_action,
        package_elapsed=package_elapsed,
        package_output=package_text,
        package_output_truncated=package_truncated,
        build_output=build_text,
        build_failed=build_failed,
        unparsed=tuple(unparsed),
    )


def join_output(text: str) -> str:
    """The plain text a test binary printed, rebuilt from test2json events.

    Output of "output" and "build-output" events is concatenated as is (test2json may split one
    printed line over two events, as it does for benchmark results); lines that are not events are
    kept with their newline. Plain text without events comes back unchanged (CRLF becomes LF).
    """
    parts: list[str] = []
    for event, line in iter_events(text):
        if event is None:
            parts.append(line + "\n")
        elif event["Action"] in ("output", "build-output"):
            output = event.get("Output")
            if isinstance(output, str):
                parts.append(output)
    return "".join(parts)
