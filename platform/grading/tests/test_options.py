"""Fault switches become GradeOptions overrides, applied by the engine's own dataclass."""

from __future__ import annotations

import pytest

from graders import GradeOptions
from grading.options import MANY_RUNS_SECONDS, FaultSwitches, apply


def test_switches_become_engine_options() -> None:
    switches = FaultSwitches.from_post({"gomaxprocs_1": "on", "many_runs": "1", "race_off": "true"})
    options = apply(GradeOptions(), switches.overrides())
    assert options.gomaxprocs == 1
    assert options.explore_seconds == MANY_RUNS_SECONDS
    assert options.race is False


def test_no_switch_keeps_every_default() -> None:
    assert FaultSwitches.from_post({}).overrides() == {}
    assert apply(GradeOptions(), {}) == GradeOptions()


def test_an_unknown_option_is_refused() -> None:
    with pytest.raises(ValueError, match="no_such_field"):
        apply(GradeOptions(), {"no_such_field": 1})
