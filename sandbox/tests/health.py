"""Is the host healthy after a box? Shared by the sandbox and attack tests."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

SANDBOX_UID = "10001"
# Pre-started Docker boxes wait in the pool doing nothing but this.
IDLE_POOL = ("sleep infinity", "/sbin/docker-init -- sleep infinity")


def leftover_sandbox_processes(wait_seconds: float = 10.0) -> list[str]:
    """Sandbox-user processes still alive (Docker removes finished boxes in the background,
    so this waits a little for them to go)."""
    deadline = time.monotonic() + wait_seconds
    while True:
        listing = subprocess.run(["pgrep", "-a", "-u", SANDBOX_UID], capture_output=True,
                                 text=True)  # fmt: skip
        left = [line for line in listing.stdout.splitlines()
                if line.split(maxsplit=1)[-1] not in IDLE_POOL]  # fmt: skip
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.25)


def leftover_box_mounts() -> list[str]:
    return [line for line in Path("/proc/mounts").read_text().splitlines()
            if "/goconcur/jobs/box-" in line]  # fmt: skip
