"""The attack suite: hostile programs graded through the real pipeline and sandbox.
Each gets its labelled verdict, the host stays healthy, and the next job grades normally."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from graders import GradeOptions, GradeResult, Verdict, grade
from graders.request import EngineSettings, Mode
from problems.loader import load_problem
from sandbox.tests.health import leftovers

ATTACKS = Path(__file__).parent / "attacks"
TARGET = load_problem(ATTACKS / "problem")
OPTIONS = GradeOptions(race_count=1, race_cpus=(2,))
NAMES = sorted(p.name for p in ATTACKS.iterdir() if (p / "expected.toml").exists())

pytestmark = [pytest.mark.sandbox, pytest.mark.slow]


def _grade(source: bytes, engine: EngineSettings):
    return grade(TARGET.grade_request(source, Mode.SUBMIT), OPTIONS, engine)


@pytest.mark.parametrize("name", NAMES)
def test_attack_gets_its_verdict(name: str, engine: EngineSettings) -> None:
    expected = tomllib.loads((ATTACKS / name / "expected.toml").read_text())
    os.environ["GOCONCUR_TEST_CANARY_SECRET"] = "do-not-leak"  # host_secrets looks for it
    try:
        result = _grade((ATTACKS / name / "solution.go").read_bytes(), engine)
    finally:
        del os.environ["GOCONCUR_TEST_CANARY_SECRET"]
    # A list: several readings are fair, e.g. whether the code's kill reached its test driver.
    allowed = (
        expected["verdict"] if isinstance(expected["verdict"], list) else [expected["verdict"]]
    )
    assert result.verdict in {Verdict(v) for v in allowed}, result.to_dict()
    if "limit" in expected:
        assert expected["limit"] in result.sandbox.limits_hit, result.to_dict()
    _assert_host_healthy(result)


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (b"package solution\n\nfunc Attack() int { return 42 }\n" + b"// pad\n" * 20000, "limit"),
        (b"package solution\n\nfunc Attack() int { return 42 } // \xff\xfe\n", "UTF-8"),
    ],
)
def test_oversized_or_non_utf8_source_is_rejected(
    source: bytes, reason: str, engine: EngineSettings
) -> None:
    result = _grade(source, engine)
    assert result.verdict is Verdict.REJECTED_INPUT
    assert reason in result.message


def test_the_next_job_grades_normally_after_attacks(engine: EngineSettings) -> None:
    result = _grade(TARGET.reference.encode(), engine)
    assert result.verdict is Verdict.ACCEPTED, result.to_dict()
    assert result.scores.total == 100


def _assert_host_healthy(result: GradeResult) -> None:
    if result.sandbox is None:
        return  # refused before any box was opened
    left = leftovers(result.sandbox.backend, result.sandbox.box_id)
    assert not left, f"the job left things behind: {left}"
