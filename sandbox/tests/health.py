"""Did a box leave anything behind on the host? Shared by the sandbox and attack tests.

Checks are per box (other jobs may run on the same host at the same time): no process is
left in the box's cgroup, its scratch is unmounted, its container is gone."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path


def box_processes(box_id: str) -> list[str]:
    """Processes whose cgroup still names the box."""
    left = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if box_id in (proc / "cgroup").read_text():
                left.append(f"{proc.name} {(proc / 'cmdline').read_bytes()[:200]!r}")
        except OSError:
            continue
    return left


def box_mounts(box_id: str) -> list[str]:
    name = box_id.rsplit("-", 1)[0] if box_id.startswith("box") else ""  # the box's folder
    lines = Path("/proc/mounts").read_text().splitlines()
    return [line for line in lines if name and name in line]


def container_exists(box_id: str) -> bool:
    found = subprocess.run(["docker", "inspect", box_id], capture_output=True)
    return found.returncode == 0


def leftovers(backend: str, box_id: str, wait_seconds: float = 30.0) -> list[str]:
    """What survives the box; Docker removes finished boxes in the background, so wait
    (killing a busy box and unmounting it takes the engine seconds on a loaded machine)."""
    assert box_id, "the result must name its box"
    deadline = time.monotonic() + wait_seconds
    while True:
        left = box_processes(box_id)
        if backend == "bwrap":
            left += box_mounts(box_id)
        elif container_exists(box_id):
            left.append(f"container {box_id} still exists")
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.25)
