"""Engine tests grade real code in the real sandbox, on each backend that runs here."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graders.request import EngineSettings
from sandbox.backends import BackendUnavailable, open_backend


@pytest.fixture(scope="session", params=["bwrap", "docker"])
def engine(request: pytest.FixtureRequest) -> EngineSettings:
    settings = replace(EngineSettings.from_env(), backend=request.param, pool_size=1)
    try:
        open_backend(settings)
    except BackendUnavailable as error:
        if request.param == "docker":
            pytest.skip(f"no Docker engine here: {error}")
        pytest.fail(f"the bubblewrap sandbox must work here: {error}")
    return settings
