"""What goes into one sandboxed command and what comes out, and the box protocol."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from sandbox.limits import LimitHit, Limits, Usage


@dataclass(frozen=True, slots=True)
class RunSpec:
    argv: tuple[str, ...]
    env: Mapping[str, str] = field(default_factory=dict)
    cwd: str = "/work"
    wall_seconds: float | None = None  # None: the box's limit
    output_bytes: int | None = None  # None: the box's limit
    # Run as the candidate user (sandbox/users.py): for anything that executes the
    # candidate's code. Whatever it leaves running is killed when the run ends.
    untrusted: bool = False


@dataclass(frozen=True, slots=True)
class RawRun:
    exit_code: int | None  # None when killed by a signal
    signal: int | None
    stdout: bytes
    stderr: bytes
    usage: Usage
    limit_hit: LimitHit | None = None
    truncated: bool = False  # output was cut at the output limit

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and self.limit_hit is None

    @property
    def output(self) -> str:
        """stdout then stderr as text; invalid UTF-8 is replaced, never fatal."""
        return (self.stdout + self.stderr).decode("utf-8", errors="replace")


class Box(Protocol):
    """One job's private sandbox: scratch at /work, a read-only root, no network."""

    backend: str
    id: str  # unique on this host: the bwrap box's cgroup/dir name, the Docker container id
    limits: Limits

    def write_files(self, files: Mapping[str, bytes]) -> None:
        """Write files under /work (paths relative to it), readable by the sandbox user."""

    def set_memory(self, memory_bytes: int) -> None:
        """Change the box's memory limit: builds need more than the tests may use."""

    def remove(self, paths: Sequence[str]) -> None:
        """Delete paths under /work, e.g. sources before the test binary runs."""

    def run(self, spec: RunSpec) -> RawRun: ...

    def read_files(self, paths: Sequence[str], max_bytes: int) -> dict[str, bytes]:
        """Regular files only, never through a symlink, each cut at max_bytes."""
        ...

    def close(self) -> None: ...
