"""The sandbox system check and `manage.py sandbox_selftest`, on the real backends: the
configured one, and Docker with no engine answering (nothing listens on the socket)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from practice.tests.live import NO_ENGINE, ROOT

from grading.checks import sandbox_backend


def test_check_passes_on_the_configured_backend() -> None:
    assert sandbox_backend() == []


def test_check_warns_when_the_backend_cannot_open(monkeypatch) -> None:
    for name, value in NO_ENGINE.items():
        monkeypatch.setenv(name, value)
    [warning] = sandbox_backend()
    assert warning.id == "grading.W001" and "GOCONCUR_SANDBOX=docker" in warning.msg


@pytest.mark.sandbox
def test_selftest_command_passes_on_the_configured_backend(capsys) -> None:
    call_command("sandbox_selftest")
    assert "selftest: ok" in capsys.readouterr().out


def test_selftest_command_exits_non_zero_when_the_backend_is_down() -> None:
    done = subprocess.run(
        [sys.executable, "manage.py", "sandbox_selftest"],
        cwd=ROOT,
        env={**os.environ, **NO_ENGINE},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "no Docker engine answers" in done.stderr and "self-test failed" in done.stderr
