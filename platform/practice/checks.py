"""System checks. A host that grades needs a sandbox backend that opens: Docker answering
with the image present, or bubblewrap with the root filesystem. Cheap, no Go is run
(`manage.py sandbox_selftest` does that); a warning, because a web-only host has none."""

from __future__ import annotations

from typing import Any

from django.core import checks


def sandbox_backend(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from dataclasses import replace

    from sandbox import BackendUnavailable, SandboxSettings, open_backend

    engine = SandboxSettings.from_env()
    try:
        # pool_size=0: no boxes are started; the backend only proves it can open.
        open_backend(replace(engine, pool_size=0))
    except BackendUnavailable as error:
        return [
            checks.Warning(
                f"No usable sandbox backend (GOCONCUR_SANDBOX={engine.backend}): {error}",
                hint="A worker here would answer every grading with a retried system_error. "
                "Run `make image`, start the Docker engine or set GOCONCUR_SANDBOX; "
                "`manage.py sandbox_selftest` runs Go in the sandbox.",
                id="practice.W001",
            )
        ]
    return []
