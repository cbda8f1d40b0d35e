"""Where evidence points: frames mapped to the candidate's own files and lines."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graders.results import Frame

SOURCE_ROOT = "/work/src/"
STACK_CAP = 16 * 1024  # raw evidence kept per finding


def is_candidate_file(path: str) -> bool:
    """The code under test: any non-test file of the package (grade mode: solution.go)."""
    return path.startswith(SOURCE_ROOT) and not path.endswith("_test.go")


def short_name(path: str) -> str:
    return path[len(SOURCE_ROOT) :] if path.startswith(SOURCE_ROOT) else path


def absolute(path: str | None) -> str:
    """A compiler's relative path ("./solution.go") as the box sees it."""
    if not path:
        return ""
    return path if path.startswith("/") else SOURCE_ROOT + path.removeprefix("./")


def mark(frames: Iterable[Frame]) -> tuple[Frame, ...]:
    return tuple(
        Frame(f.function, short_name(f.file), f.line, is_candidate_file(f.file)) for f in frames
    )


def first_candidate(frames: Sequence[Frame]) -> Frame | None:
    return next((f for f in frames if f.candidate), None)


def place(frame: Frame | None) -> str:
    """ "file:line" for a finding's params; "" when there is no frame."""
    return f"{frame.file}:{frame.line}" if frame else ""


def where(frame: Frame | None) -> str:
    """The same, for an English message."""
    return place(frame) or "unknown location"


def location(role: str, frame: Frame | None) -> dict[str, object] | None:
    """A located line for `Finding.related` (None when there is no frame)."""
    if frame is None:
        return None
    return {"role": role, "file": frame.file, "line": frame.line, "function": frame.function,
            "candidate": frame.candidate}  # fmt: skip
