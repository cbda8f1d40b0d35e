"""Resource limits of a sandbox box, what a run used, and which limit it hit."""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum

MIB = 1024 * 1024


def nearly_full(path: str) -> bool:
    """Less than 1 MiB left for the sandbox user on the file system at path: a disk limit hit."""
    stats = os.statvfs(path)
    return stats.f_bavail * stats.f_frsize < MIB


class LimitHit(StrEnum):
    WALL_TIME = "wall_time"
    CPU_TIME = "cpu_time"
    MEMORY = "memory"
    PIDS = "pids"
    OUTPUT = "output"
    DISK = "disk"


@dataclass(frozen=True, slots=True)
class Limits:
    wall_seconds: float = 60.0  # per run
    cpu_seconds: int = 120  # per process (RLIMIT_CPU)
    memory_bytes: int = 1024 * MIB  # the whole box, enforced by its memory cgroup
    pids: int = 512  # the whole box; Go needs threads (GOMAXPROCS + blocked syscalls + race)
    output_bytes: int = 1 * MIB  # stdout + stderr of one run
    # The writable scratch (/work and /tmp). It is tmpfs, whose pages count as memory: kept
    # below most memory limits, a full disk is then reported as a full disk.
    disk_bytes: int = 192 * MIB
    cpus: float = 2.0

    def as_dict(self) -> dict[str, float]:
        return {
            "wall_seconds": self.wall_seconds,
            "cpu_seconds": self.cpu_seconds,
            "memory_bytes": self.memory_bytes,
            "pids": self.pids,
            "output_bytes": self.output_bytes,
            "disk_bytes": self.disk_bytes,
            "cpus": self.cpus,
        }


@dataclass(frozen=True, slots=True)
class Usage:
    wall_seconds: float = 0.0
    cpu_seconds: float = 0.0
    memory_peak_bytes: int = 0
