"""Data race reports of the race detector (`-race`), found among other output.

A report (Go 1.26, ThreadSanitizer's Go format):

    ==================
    WARNING: DATA RACE
    Read at 0x00c000094198 by goroutine 15:        <- or "Write at", "... by main goroutine:"
      goconcur/solution.Count.func1()              <- function: two spaces
          /work/src/solution.go:13 +0x7b           <- location: six spaces

    Previous write at 0x00c000094198 by goroutine 11:
      ...

    Goroutine 15 (running) created at:             <- "(finished)" when it already exited
      ...
    ==================

then, in a test, `    testing.go:1712: race detected during execution of test`; in a program,
`Found 2 data race(s)` at exit. Go 1.26 prints atomic accesses as plain reads and writes (with
sync/atomic frames on top); "Atomic read/write" kinds are accepted too, as TSan spells them.

test2json output is read as well: its events are joined back into the printed text first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graders.parsers.goroutines import parse_function, parse_location
from graders.parsers.gotest_json import join_output
from graders.results import Frame

__all__ = [
    "RaceAccess",
    "RaceGoroutine",
    "RaceOutput",
    "RaceReport",
    "parse_race_output",
    "parse_race_reports",
]

_SEPARATOR = "=================="
_BANNER = "WARNING: DATA RACE"


@dataclass(frozen=True, slots=True)
class RaceAccess:
    kind: str  # "read" | "write" | "atomic read" | "atomic write" (lower case, as printed)
    address: str | None  # "0x00c000094198"
    goroutine: int | None  # None for the main goroutine
    main: bool  # "by main goroutine"
    frames: tuple[Frame, ...]


@dataclass(frozen=True, slots=True)
class RaceGoroutine:
    id: int
    status: str  # "running" | "finished" (as printed)
    frames: tuple[Frame, ...]  # where it was created


@dataclass(frozen=True, slots=True)
class RaceReport:
    access: RaceAccess | None  # the racing access; None when the report has no body (forged/cut)
    previous: RaceAccess | None  # the earlier conflicting access
    goroutines: tuple[RaceGoroutine, ...]
    test: str | None  # the test running when it was printed (from "=== RUN" and friends)
    raw: str  # from the opening separator to the closing one (or where the text ended)
    unparsed: tuple[str, ...]  # lines inside the report that fit nowhere
    closed: bool  # the closing "==================" was seen

    @property
    def complete(self) -> bool:
        """Both accesses were read and the report was closed: not a bare or cut banner."""
        return self.access is not None and self.previous is not None and self.closed


@dataclass(frozen=True, slots=True)
class RaceOutput:
    reports: tuple[RaceReport, ...]
    # Tests that testing marked with "race detected during execution of test", in order; the name
    # is the test running at that point, None when the output did not say.
    race_detected: tuple[str | None, ...]
    found: int | None  # "Found N data race(s)" at a program's exit


_ACCESS = re.compile(
    r"^(Previous )?((?:[Aa]tomic )?(?:[Rr]ead|[Ww]rite)) at (0x[0-9a-fA-F]{1,32}) by "
    r"(?:goroutine (\d{1,19})|(main goroutine)):\s*$"
)
_CREATED = re.compile(r"^Goroutine (\d{1,19}) \((\w+)\) created at:\s*$")
_TEST_MARK = re.compile(r"^(?:=== (?:RUN|CONT|NAME|PAUSE) |--- (?:FAIL|PASS|SKIP): )\s*(\S+)")
_DETECTED = re.compile(r"^\s+testing\.go:\d{1,9}: race detected during execution of test\s*$")
_FOUND = re.compile(r"^Found (\d{1,9}) data race\(s\)\s*$")


class _Section:
    def __init__(self, header: re.Match[str]) -> None:
        self.header = header
        self.frames: list[Frame] = []
        self.pending: str | None = None

    def feed(self, line: str) -> bool:
        if line.startswith("    "):
            location = parse_location(line)
            if location is not None and self.pending is not None:
                self.frames.append(Frame(self.pending, *location))
                self.pending = None
                return True
        if line.startswith("  ") and not line.startswith("   "):
            function = parse_function(line)
            if function is not None:
                self.flush()
                self.pending = function
                return True
            if line.strip() == "[failed to restore the stack]":
                return True
        return False

    def flush(self) -> None:
        if self.pending is not None:
            self.frames.append(Frame(self.pending, "", 0))
            self.pending = None


class _Report:
    def __init__(self, test: str | None) -> None:
        self.test = test
        self.lines: list[str] = [_SEPARATOR, _BANNER]
        self.access: RaceAccess | None = None
        self.previous: RaceAccess | None = None
        self.goroutines: list[RaceGoroutine] = []
        self.unparsed: list[str] = []
        self.section: _Section | None = None

    def feed(self, line: str) -> None:
        self.lines.append(line)
        if not line.strip():
            return
        if self.section is not None and self.section.feed(line):
            return
        header = _ACCESS.match(line) or _CREATED.match(line)
        if header:
            self._close_section()
            self.section = _Section(header)
            return
        self.unparsed.append(line)

    def _close_section(self) -> None:
        section = self.section
        self.section = None
        if section is None:
            return
        section.flush()
        frames = tuple(section.frames)
        header = section.header
        if header.re is _CREATED:
            self.goroutines.append(RaceGoroutine(int(header.group(1)), header.group(2), frames))
            return
        access = RaceAccess(
            kind=header.group(2).lower(),
            address=header.group(3),
            goroutine=int(header.group(4)) if header.group(4) else None,
            main=header.group(5) is not None,
            frames=frames,
        )
        # Keep the first of each: a repeated header inside one report is noise, not a new race.
        if header.group(1):
            if self.previous is None:
                self.previous = access
        elif self.access is None:
            self.access = access

    def build(self, closed: bool) -> RaceReport:
        self._close_section()
        if closed:
            self.lines.append(_SEPARATOR)
        return RaceReport(
            access=self.access,
            previous=self.previous,
            goroutines=tuple(self.goroutines),
            test=self.test,
            raw="\n".join(self.lines),
            unparsed=tuple(self.unparsed),
            closed=closed,
        )


def parse_race_output(text: str) -> RaceOutput:
    lines = join_output(text).split("\n")
    reports: list[RaceReport] = []
    detected: list[str | None] = []
    found: int | None = None
    test: str | None = None
    current: _Report | None = None
    index = 0
    while index < len(lines):
        line = lines[index].rstrip("\r")
        index += 1
        stripped = line.strip()
        if stripped == _SEPARATOR:
            if current is not None:
                reports.append(current.build(closed=True))
                current = None
                continue
            # A report opens with the separator and the banner on the next line.
            if index < len(lines) and lines[index].strip() == _BANNER:
                index += 1
                current = _Report(test)
            continue
        if current is not None:
            if stripped == _BANNER:
                # A new banner without the closing separator: the previous report was cut.
                reports.append(current.build(closed=False))
                current = _Report(test)
                continue
            current.feed(line)
            continue
        mark = _TEST_MARK.match(line)
        if mark:
            test = mark.group(1)
        elif _DETECTED.match(line):
            detected.append(test)
        elif (count := _FOUND.match(line)) is not None:
            found = int(count.group(1))
    if current is not None:
        reports.append(current.build(closed=False))
    return RaceOutput(tuple(reports), tuple(detected), found)


def parse_race_reports(text: str) -> tuple[RaceReport, ...]:
    return parse_race_output(text).reports
