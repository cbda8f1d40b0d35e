"""Collects a run's stdout and stderr up to a byte cap shared by both streams."""

from __future__ import annotations


class OutputCollector:
    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.stdout = bytearray()
        self.stderr = bytearray()
        self.truncated = False

    @property
    def size(self) -> int:
        return len(self.stdout) + len(self.stderr)

    def add(self, chunk: bytes, *, is_stderr: bool) -> bool:
        """Keep what fits; return False once the cap is exceeded (the run should be killed)."""
        room = self.cap - self.size
        target = self.stderr if is_stderr else self.stdout
        if len(chunk) > room:
            target.extend(chunk[: max(room, 0)])
            self.truncated = True
            return False
        target.extend(chunk)
        return True
