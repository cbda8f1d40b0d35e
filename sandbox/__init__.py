"""Run untrusted Go in isolation and report what happened. No verdicts, no Django.

`open_backend(settings)` picks Docker when an engine answers, else bubblewrap; a box
(`Backend.open_box`) is one job's private machine: files in, commands run, files out.
"""

from sandbox.backends import BackendUnavailable, open_backend
from sandbox.limits import LimitHit, Limits, Usage
from sandbox.run import Box, RawRun, RunSpec
from sandbox.settings import SandboxSettings

__all__ = [
    "BackendUnavailable",
    "Box",
    "LimitHit",
    "Limits",
    "RawRun",
    "RunSpec",
    "SandboxSettings",
    "Usage",
    "open_backend",
]
