"""Backend selection: Docker when an engine answers and the image exists, else bubblewrap.

`GOCONCUR_SANDBOX=docker|bwrap` forces one; a forced backend that cannot run is an error,
never a silent fall back.
"""

from __future__ import annotations

import threading
from typing import Protocol

from sandbox.limits import Limits
from sandbox.run import Box


class BackendUnavailable(RuntimeError):
    """No sandbox can run here: the infrastructure's fault, never the candidate's."""


class Backend(Protocol):
    name: str

    def open_box(self, limits: Limits) -> Box: ...

    def close(self) -> None: ...


_lock = threading.Lock()
_cache: dict[tuple, Backend] = {}


def open_backend(
    kind: str, *, rootfs: str, image: str, pool_size: int = 2, cgroup_parent: str = "goconcur"
) -> Backend:
    """The process-wide backend for these settings (pools live as long as the process)."""
    key = (kind, rootfs, image, pool_size)
    with _lock:
        if key not in _cache:
            _cache[key] = _make(kind, rootfs, image, pool_size, cgroup_parent)
        return _cache[key]


def _make(kind: str, rootfs: str, image: str, pool_size: int, cgroup_parent: str) -> Backend:
    from sandbox.backends.bwrap import BwrapBackend, BwrapUnavailable
    from sandbox.backends.docker import DockerBackend, DockerUnavailable

    reasons = []
    if kind in ("auto", "docker"):
        try:
            return DockerBackend(image, pool_size=pool_size)
        except DockerUnavailable as error:
            if kind == "docker":
                raise BackendUnavailable(str(error)) from error
            reasons.append(f"docker: {error}")
    if kind in ("auto", "bwrap"):
        try:
            return BwrapBackend(rootfs, cgroup_parent)
        except BwrapUnavailable as error:
            reasons.append(f"bwrap: {error}")
    if kind not in ("auto", "docker", "bwrap"):
        reasons.append(f"unknown backend {kind!r} (use auto, docker or bwrap)")
    raise BackendUnavailable("; ".join(reasons))
