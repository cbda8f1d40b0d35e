"""A per-box cgroup: the memory, pids and CPU limits, and the counters that say which fired.

bubblewrap sets no resource limits itself, so the bwrap backend puts every process of a
box into one of these. cgroup v1 (separate hierarchies) and v2 (one tree) are both handled.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")
V1_CONTROLLERS = ("memory", "pids", "cpu", "cpuacct")


class CgroupError(RuntimeError):
    pass


@dataclass(frozen=True, slots=True)
class Counters:
    oom_kills: int
    pids_refused: int
    cpu_seconds: float
    memory_peak: int


def is_v2() -> bool:
    return (ROOT / "cgroup.controllers").exists()


class BoxCgroup:
    def __init__(self, parent: str, name: str) -> None:
        self.v2 = is_v2()
        if self.v2:
            self.dirs = {"all": ROOT / parent / name}
        else:
            self.dirs = {c: ROOT / c / parent / name for c in V1_CONTROLLERS}

    @classmethod
    def existing(cls, parent: str, prefix: str) -> list[BoxCgroup]:
        """The box cgroups under `parent` whose names start with `prefix`."""
        base = ROOT / parent if is_v2() else ROOT / "pids" / parent
        if not base.is_dir():
            return []
        return [cls(parent, path.name) for path in base.glob(prefix + "-*") if path.is_dir()]

    def create(self, memory_bytes: int, pids: int, cpus: float) -> None:
        try:
            for path in self.dirs.values():
                path.mkdir(parents=True, exist_ok=True)
            period = 100_000
            quota = int(cpus * period)
            if self.v2:
                self._enable_v2_controllers()
                self._write("all", "memory.max", memory_bytes)
                self._write("all", "memory.swap.max", 0, optional=True)
                self._write("all", "pids.max", pids)
                self._write("all", "cpu.max", f"{quota} {period}")
            else:
                self.set_memory(memory_bytes)
                self._write("pids", "pids.max", pids)
                self._write("cpu", "cpu.cfs_period_us", period)
                self._write("cpu", "cpu.cfs_quota_us", quota)
        except OSError as error:
            raise CgroupError(f"cannot set up cgroup {self.dirs}: {error}") from error

    def set_memory(self, memory_bytes: int) -> None:
        if self.v2:
            self._write("all", "memory.max", memory_bytes)
            return
        # v1 refuses memory below memsw, so the order depends on the direction of the change.
        current = self._int("memory", "memory.limit_in_bytes")
        names = ["memory.limit_in_bytes", "memory.memsw.limit_in_bytes"]
        for name in names if memory_bytes < current else reversed(names):
            self._write("memory", name, memory_bytes, optional=name.startswith("memory.memsw"))

    def procs_files(self) -> list[Path]:
        """Where a process writes its pid to join the box (all hierarchies)."""
        return [path / "cgroup.procs" for path in self.dirs.values()]

    def reset_peak(self) -> None:
        if not self.v2:
            self._write("memory", "memory.max_usage_in_bytes", 0, optional=True)

    def counters(self) -> Counters:
        if self.v2:
            events = self._keyed("all", "memory.events")
            pid_events = self._keyed("all", "pids.events")
            cpu = self._keyed("all", "cpu.stat").get("usage_usec", 0) / 1e6
            peak = self._int("all", "memory.peak")
            return Counters(events.get("oom_kill", 0), pid_events.get("max", 0), cpu, peak)
        oom = self._keyed("memory", "memory.oom_control").get("oom_kill", 0)
        refused = self._keyed("pids", "pids.events").get("max", 0)
        cpu = self._int("cpuacct", "cpuacct.usage") / 1e9
        peak = self._int("memory", "memory.max_usage_in_bytes")
        return Counters(oom, refused, cpu, peak)

    def pids(self) -> list[int]:
        path = self.dirs["all" if self.v2 else "pids"] / "cgroup.procs"
        try:
            return [int(line) for line in path.read_text().split()]
        except OSError:
            return []

    def kill_all(self, attempts: int = 50) -> None:
        """SIGKILL everything in the box until it is empty (forks may race the first pass)."""
        if self.v2 and (self.dirs["all"] / "cgroup.kill").exists():
            self._write("all", "cgroup.kill", 1, optional=True)
        for _ in range(attempts):
            pids = self.pids()
            if not pids:
                return
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.01)

    def destroy(self) -> None:
        self.kill_all()
        for path in self.dirs.values():
            for _ in range(50):
                try:
                    path.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.02)  # the kernel frees a killed task's cgroup lazily

    def _enable_v2_controllers(self) -> None:
        parent = self.dirs["all"].parent
        for controller in ("+memory", "+pids", "+cpu"):
            with contextlib.suppress(OSError):
                (parent / "cgroup.subtree_control").write_text(controller)

    def _write(self, key: str, name: str, value: object, *, optional: bool = False) -> None:
        try:
            (self.dirs[key] / name).write_text(str(value))
        except OSError:
            if not optional:
                raise

    def _int(self, key: str, name: str) -> int:
        try:
            return int((self.dirs[key] / name).read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return 0

    def _keyed(self, key: str, name: str) -> dict[str, int]:
        values: dict[str, int] = {}
        try:
            for line in (self.dirs[key] / name).read_text().splitlines():
                parts = line.split()
                if len(parts) == 2 and parts[1].lstrip("-").isdigit():
                    values[parts[0]] = int(parts[1])
        except OSError:
            pass
        return values
