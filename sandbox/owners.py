"""Which worker process owns a box: boxes of a dead local owner are reclaimed."""

from __future__ import annotations

import os


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, only not ours to signal
    return True
