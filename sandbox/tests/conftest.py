"""Backends under test: bubblewrap must work wherever the suite runs (as root); Docker is
tested too whenever an engine answers (make image starts one)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from sandbox import Limits, SandboxSettings
from sandbox.backends import BackendUnavailable, open_backend
from sandbox.run import Box


def _backend(kind: str):
    settings = replace(SandboxSettings.from_env(), backend=kind, pool_size=1)
    try:
        return open_backend(settings)
    except BackendUnavailable as error:
        if kind == "docker":
            pytest.skip(f"no Docker engine here: {error}")
        pytest.fail(f"the bubblewrap sandbox must work here: {error}")


@pytest.fixture(params=["bwrap", "docker"])
def backend(request: pytest.FixtureRequest):
    return _backend(request.param)


@pytest.fixture
def box(backend) -> Iterator[Box]:
    opened = backend.open_box(
        Limits(
            memory_bytes=256 << 20,
            pids=64,
            wall_seconds=10,
            output_bytes=64 << 10,
            disk_bytes=64 << 20,
        )
    )
    try:
        yield opened
    finally:
        opened.close()
