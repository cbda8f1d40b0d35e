"""Goroutine dumps: the runtime's traceback text, and goleak's "found unexpected goroutines" error.

The runtime prints (runtime/traceback.go, Go 1.26):

    panic: test timed out after 2s            <- or "fatal error: ...", "panic: runtime error: ..."
    \trunning tests:                          <- test timeouts only
    \t\tTestHangs (2s)

    goroutine 7 [chan receive, 2 minutes]:  <- GOTRACEBACK=system: "goroutine 7 gp=0x.. m=nil [..]:"
    goconcur/solution.worker(0xc000010000)
    \t/work/src/solution.go:12 +0x1d          <- inlined frames print no "+0x.." offset
    ...51 frames elided...                    <- deep stacks
    created by goconcur/solution.Start in goroutine 6
    \t/work/src/solution.go:30 +0x4c
    [originating from goroutine 6]:           <- GODEBUG=tracebackancestors=N
    ...

Everything here is parsed from possibly hostile text: a parse never raises, and lines it cannot
place are returned in `unparsed`. Frame files are kept exactly as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graders.results import Frame

__all__ = [
    "Ancestor",
    "Goroutine",
    "GoroutineDump",
    "RunningTest",
    "parse_go_duration",
    "parse_goleak_error",
    "parse_goroutine_dump",
]


@dataclass(frozen=True, slots=True)
class Ancestor:
    """One `[originating from goroutine N]:` section (GODEBUG=tracebackancestors=N)."""

    goroutine_id: int
    frames: tuple[Frame, ...]
    created_by: Frame | None = None
    frames_elided: bool = False


@dataclass(frozen=True, slots=True)
class Goroutine:
    id: int
    state: str  # the wait reason or status as printed: "chan receive", "select (no cases)", ...
    wait_minutes: int | None  # None when not printed (blocked < 1 minute, or never seen by a GC)
    frames: tuple[Frame, ...]
    created_by: Frame | None
    created_in_goroutine: int | None
    raw: str
    locked_to_thread: bool = False
    frames_elided: bool = False  # "...N frames elided..." or "...additional frames elided..."
    # "goroutine running on other thread; stack unavailable": it was executing when the dump was
    # taken (a busy loop the runtime could not stop), so it has no frames but is not idle.
    stack_unavailable: bool = False
    ancestors: tuple[Ancestor, ...] = ()
    # Header bits other than state and minutes: "gp=0x..", "m=nil", "mp=0x..", "leaked", "scan",
    # "synctest bubble 3", "labels:{...}".
    header_extra: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RunningTest:
    """One line of a test timeout's `running tests:` list: `\\t\\tTestX (2s)`."""

    name: str
    elapsed: float | None  # seconds; None when the duration did not parse
    duration: str  # as printed, e.g. "1m5s"


@dataclass(frozen=True, slots=True)
class GoroutineDump:
    # The last top-level "panic: ..." or "fatal error: ..." line, as printed. The runtime prints
    # its message right before the dump and then dies, so an earlier one may be program output.
    message: str | None
    fatal: bool  # message is a "fatal error:" (a runtime throw), not a panic
    messages: tuple[str, ...]  # every panic/fatal line seen, nested "\tpanic:" lines included
    signal: str | None  # "[signal SIGSEGV: segmentation violation code=... addr=0x0 pc=...]"
    running_tests: tuple[RunningTest, ...]
    goroutines: tuple[Goroutine, ...]
    runtime_stack: tuple[Frame, ...]  # the "runtime stack:" section of some runtime throws
    unparsed: tuple[str, ...]

    def goroutine(self, goroutine_id: int) -> Goroutine | None:
        for item in self.goroutines:
            if item.id == goroutine_id:
                return item
        return None


# Numbers are bounded so int() never meets Python's 4300-digit limit on forged input.
_HEADER = re.compile(r"^goroutine (\d{1,19})((?: [A-Za-z]+=\S*)*) \[(.*)\]:\s*$")
_CREATED = re.compile(r"^created by (\S+?)(?: in goroutine (\d{1,19}))?\s*$")
_ELIDED = re.compile(r"^\.\.\.(?:\d{1,9}|additional) frames elided\.\.\.\s*$")
_ORIGIN = re.compile(r"^\[originating from goroutine (\d{1,19})\]:\s*$")
_LOCATION = re.compile(r"^\s*(\S.*?):(\d{1,9})(?:\s.*)?$")
_MESSAGE = re.compile(r"^(panic|fatal error): ")
_NESTED_MESSAGE = re.compile(r"^\t+(?:panic|fatal error): ")
_RUNNING_TEST = re.compile(r"^\t\t(\S+) \(([^()]*)\)\s*$")
_SIGNAL = re.compile(r"^\[signal .*\]\s*$")
_MINUTES = re.compile(r"^(\d{1,12}) minutes$")
_DURATION_PART = re.compile(r"(\d{1,12}(?:\.\d{1,12})?)(h|ms|m|s|us|µs|μs|ns)")
_GOLEAK_HEADER = re.compile(r"^\[?Goroutine (\d{1,19}) in state ")
_GOLEAK_SUFFIX = " on top of the stack:"

_DURATION_UNITS = {
    "h": 3600.0,
    "m": 60.0,
    "s": 1.0,
    "ms": 1e-3,
    "us": 1e-6,
    "µs": 1e-6,
    "μs": 1e-6,
    "ns": 1e-9,
}


def parse_go_duration(text: str) -> float | None:
    """Seconds in a Go `time.Duration` string ("2s", "1m5s", "1.5ms"); None when it is not one."""
    text = text.strip()
    if not text:
        return None
    position = 0
    total = 0.0
    for match in _DURATION_PART.finditer(text):
        if match.start() != position:
            return None
        total += float(match.group(1)) * _DURATION_UNITS[match.group(2)]
        position = match.end()
    if position != len(text):
        return None
    return total


def parse_location(line: str) -> tuple[str, int] | None:
    """`\\t/work/src/solution.go:12 +0x1d fp=.. sp=..` -> ("/work/src/solution.go", 12)."""
    match = _LOCATION.match(line)
    if match is None:
        return None
    return match.group(1), int(match.group(2))


def parse_function(line: str) -> str | None:
    """`testing.(*T).Run(0xc0, {0x5, 0x0?})` -> "testing.(*T).Run"; None if not a call line.

    The runtime prints arguments without parentheses inside, so the last "(" opens them.
    """
    stripped = line.strip()
    if not stripped.endswith(")"):
        return None
    name = stripped[: stripped.rfind("(")]
    # No regex here: a line of a million "(" must stay linear.
    if not name or any(char.isspace() for char in name):
        return None
    return name


class _Stack:
    """Accumulates one goroutine's frames (and its ancestors') line by line."""

    def __init__(self) -> None:
        self.frames: list[Frame] = []
        self.created_by: Frame | None = None
        self.created_in: int | None = None
        self.elided = False
        self.unavailable = False
        self.ancestors: list[tuple[int, _Stack]] = []
        self._pending_function: str | None = None
        self._pending_creator: tuple[str, int | None] | None = None

    @property
    def _target(self) -> _Stack:
        return self.ancestors[-1][1] if self.ancestors else self

    def feed(self, line: str) -> bool:
        """Takes one line of the stack; False when the line does not belong to a stack."""
        target = self._target
        if line.lstrip().startswith("goroutine running on other thread"):
            target.unavailable = True
            return True
        if line.startswith("\t"):
            location = parse_location(line)
            if location is None:
                return False
            return target._locate(*location)
        if _ELIDED.match(line):
            target._flush()
            target.elided = True
            return True
        origin = _ORIGIN.match(line)
        if origin:
            target._flush()
            self.ancestors.append((int(origin.group(1)), _Stack()))
            return True
        created = _CREATED.match(line)
        if created:
            target._flush()
            parent = int(created.group(2)) if created.group(2) else None
            target._pending_creator = (created.group(1), parent)
            return True
        function = parse_function(line) if line[:1] not in (" ", "") else None
        if function is None:
            return False
        target._flush()
        target._pending_function = function
        return True

    def _locate(self, file: str, line: int) -> bool:
        if self._pending_function is not None:
            self.frames.append(Frame(self._pending_function, file, line))
            self._pending_function = None
            return True
        if self._pending_creator is not None:
            name, parent = self._pending_creator
            self.created_by = Frame(name, file, line)
            self.created_in = parent
            self._pending_creator = None
            return True
        return False

    def _flush(self) -> None:
        """A function or creator line whose location never came (cut output): keep the name."""
        if self._pending_function is not None:
            self.frames.append(Frame(self._pending_function, "", 0))
            self._pending_function = None
        if self._pending_creator is not None:
            name, parent = self._pending_creator
            self.created_by = Frame(name, "", 0)
            self.created_in = parent
            self._pending_creator = None

    def finish(self) -> None:
        self._flush()
        for _, ancestor in self.ancestors:
            ancestor._flush()


@dataclass(slots=True)
class _Building:
    id: int
    state: str
    wait_minutes: int | None
    locked: bool
    extra: tuple[str, ...]
    lines: list[str]
    stack: _Stack

    def build(self) -> Goroutine:
        self.stack.finish()
        ancestors = tuple(
            Ancestor(
                goroutine_id=gid,
                frames=tuple(stack.frames),
                created_by=stack.created_by,
                frames_elided=stack.elided,
            )
            for gid, stack in self.stack.ancestors
        )
        return Goroutine(
            id=self.id,
            state=self.state,
            wait_minutes=self.wait_minutes,
            frames=tuple(self.stack.frames),
            created_by=self.stack.created_by,
            created_in_goroutine=self.stack.created_in,
            raw="\n".join(self.lines),
            locked_to_thread=self.locked,
            frames_elided=self.stack.elided,
            stack_unavailable=self.stack.unavailable,
            ancestors=ancestors,
            header_extra=self.extra,
        )


def _parse_status(text: str) -> tuple[str, int | None, bool, tuple[str, ...]]:
    """`chan receive (scan), 2 minutes, locked to thread` -> state, minutes, locked, extras."""
    extra: list[str] = []
    labels = text.find(" labels:{")
    if labels >= 0:
        extra.append(text[labels + 1 :])
        text = text[:labels]
    parts = split_outside_parentheses(text)
    state = parts[0]
    for flag in ("scan", "leaked"):
        suffix = f" ({flag})"
        if state.endswith(suffix):
            state = state[: -len(suffix)]
            extra.insert(0, flag)
    minutes: int | None = None
    locked = False
    for part in parts[1:]:
        match = _MINUTES.match(part)
        if match:
            minutes = int(match.group(1))
        elif part == "locked to thread":
            locked = True
        elif part:
            extra.append(part)
    return state, minutes, locked, tuple(extra)


def split_outside_parentheses(text: str) -> list[str]:
    """Splits on ", " except inside (...): "select (no cases, synctest), 2 minutes"."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0 and text.startswith(", ", i):
            parts.append(text[start:i])
            start = i + 2
    parts.append(text[start:])
    return parts


def _start_goroutine(match: re.Match[str], line: str) -> _Building:
    state, minutes, locked, extra = _parse_status(match.group(3))
    fields = tuple(match.group(2).split())
    return _Building(
        id=int(match.group(1)),
        state=state,
        wait_minutes=minutes,
        locked=locked,
        extra=fields + extra,
        lines=[line],
        stack=_Stack(),
    )


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").split("\n")


def parse_goroutine_dump(text: str) -> GoroutineDump:
    """Parses a runtime traceback (panic, fatal error, test timeout) found anywhere in `text`."""
    messages: list[str] = []
    message: str | None = None
    signal: str | None = None
    running: list[RunningTest] = []
    goroutines: list[Goroutine] = []
    runtime_stack: _Stack | None = None
    unparsed: list[str] = []
    current: _Building | None = None
    in_running_tests = False
    in_runtime_stack = False

    for line in _lines(text):
        header = _HEADER.match(line)
        if header:
            if current is not None:
                goroutines.append(current.build())
            current = _start_goroutine(header, line)
            in_running_tests = False
            continue
        if current is not None:
            if not line.strip():
                goroutines.append(current.build())
                current = None
                continue
            if current.stack.feed(line):
                current.lines.append(line)
                continue
            # Not part of a stack (e.g. "exit status 2" right after the dump): close it and read
            # the line as top-level text.
            goroutines.append(current.build())
            current = None
        if runtime_stack is not None and in_runtime_stack:
            if line.strip() and runtime_stack.feed(line):
                continue
            in_runtime_stack = False
        if in_running_tests:
            test = _RUNNING_TEST.match(line)
            if test:
                running.append(
                    RunningTest(test.group(1), parse_go_duration(test.group(2)), test.group(2))
                )
                continue
            in_running_tests = False
        if _MESSAGE.match(line):
            message = line.rstrip()
            messages.append(message)
        elif _NESTED_MESSAGE.match(line):
            messages.append(line.strip())
        elif line.strip() == "running tests:" and line.startswith("\t"):
            in_running_tests = True
        elif _SIGNAL.match(line):
            signal = line.strip()
        elif line.strip() == "runtime stack:" and runtime_stack is None:
            runtime_stack = _Stack()
            in_runtime_stack = True
        elif line.strip():
            unparsed.append(line)
    if current is not None:
        goroutines.append(current.build())
    frames: tuple[Frame, ...] = ()
    if runtime_stack is not None:
        runtime_stack.finish()
        frames = tuple(runtime_stack.frames)
    return GoroutineDump(
        message=message,
        fatal=bool(message and message.startswith("fatal error:")),
        messages=tuple(messages),
        signal=signal,
        running_tests=tuple(running),
        goroutines=tuple(goroutines),
        runtime_stack=frames,
        unparsed=tuple(unparsed),
    )


def _goleak_state(text: str) -> tuple[str, int | None, bool, tuple[str, ...]]:
    # goleak keeps everything after the goroutine id, so a GOTRACEBACK=system header leaves
    # "gp=0x.. m=nil [chan receive" here; the state is what follows the bracket.
    fields: tuple[str, ...] = ()
    if "[" in text:
        before, _, text = text.rpartition("[")
        fields = tuple(before.split())
    state, minutes, locked, extra = _parse_status(text.rstrip("]"))
    return state, minutes, locked, fields + extra


def _goleak_header(line: str) -> tuple[int, str] | None:
    """`[Goroutine 7 in state chan receive, with pkg.f on top of the stack:` -> (7, state)."""
    match = _GOLEAK_HEADER.match(line)
    stripped = line.rstrip()
    if match is None or not stripped.endswith(_GOLEAK_SUFFIX):
        return None
    # Partitioning instead of a regex with two greedy groups keeps hostile lines linear.
    body = stripped[match.end() : -len(_GOLEAK_SUFFIX)]
    state, separator, _function = body.rpartition(", with ")
    if not separator:
        return None
    return int(match.group(1)), state


def parse_goleak_error(text: str) -> tuple[Goroutine, ...]:
    """The goroutines in goleak v1.3.0's `Find`/`VerifyNone` error text.

    Format: "found unexpected goroutines:\\n[Goroutine 7 in state chan receive, with
    pkg.worker on top of the stack:\\n<stack>\\n Goroutine 8 in state ...\\n<stack>\\n]". When the
    error went through t.Error, every continuation line is indented with spaces: they are ignored.
    goleak prints no "goroutine N [...]:" line, so `raw` starts with its own "Goroutine N" header.
    """
    found: list[Goroutine] = []
    current: _Building | None = None
    for original in _lines(text):
        line = original.lstrip(" ")
        header = _goleak_header(line)
        if header:
            if current is not None:
                found.append(current.build())
            state, minutes, locked, extra = _goleak_state(header[1])
            current = _Building(
                id=header[0],
                state=state,
                wait_minutes=minutes,
                locked=locked,
                extra=extra,
                lines=[line.removeprefix("[")],
                stack=_Stack(),
            )
            continue
        if current is None:
            continue
        if not line.strip():
            continue
        if line.strip() == "]":
            found.append(current.build())
            current = None
            continue
        if current.stack.feed(line):
            current.lines.append(line)
            continue
        found.append(current.build())
        current = None
    if current is not None:
        found.append(current.build())
    return tuple(found)
