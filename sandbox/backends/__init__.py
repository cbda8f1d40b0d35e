"""Backend selection: Docker when an engine answers and the image exists, else bubblewrap.

`GOCONCUR_SANDBOX=docker|bwrap` forces one; a forced backend that cannot run is an error,
never a silent fall back.
"""

from __future__ import annotations

import threading
from typing import Protocol

from sandbox.limits import Limits
from sandbox.run import Box
from sandbox.settings import SandboxSettings


class BackendUnavailable(RuntimeError):
    """No sandbox can run here: the infrastructure's fault, never the candidate's."""


class Backend(Protocol):
    name: str

    def open_box(self, limits: Limits) -> Box: ...

    def close(self) -> None: ...


_lock = threading.Lock()
_cache: dict[SandboxSettings, Backend] = {}


def open_backend(settings: SandboxSettings) -> Backend:
    """The process-wide backend for these settings (pools live as long as the process)."""
    with _lock:
        if settings not in _cache:
            _cache[settings] = _make(settings)
        return _cache[settings]


def _make(settings: SandboxSettings) -> Backend:
    from sandbox.backends.bwrap import BwrapBackend, BwrapUnavailable
    from sandbox.backends.docker import DockerBackend, DockerUnavailable

    kind = settings.backend
    reasons = []
    if kind in ("auto", "docker"):
        try:
            return DockerBackend(settings.image, pool_size=settings.pool_size)
        except DockerUnavailable as error:
            if kind == "docker":
                raise BackendUnavailable(str(error)) from error
            reasons.append(f"docker: {error}")
    if kind in ("auto", "bwrap"):
        try:
            return BwrapBackend(settings.rootfs, settings.cgroup_parent, settings.jobs_dir)
        except BwrapUnavailable as error:
            reasons.append(f"bwrap: {error}")
    if kind not in ("auto", "docker", "bwrap"):
        reasons.append(f"unknown backend {kind!r} (use auto, docker or bwrap)")
    raise BackendUnavailable("; ".join(reasons))
