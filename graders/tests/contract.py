"""The v2 result contract every test result must keep: the JSON schema, and each finding's
`params` exactly the parameters its `code` declares in FINDING_CODES."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import jsonschema

from graders.results import FINDING_CODES, Finding, GradeResult

SCHEMA = json.loads((Path(__file__).parent.parent / "schema" / "grade_result.v2.json").read_text())


def assert_coded(findings: Iterable[Finding]) -> None:
    for finding in findings:
        assert finding.code in FINDING_CODES, finding
        assert set(finding.params) == set(FINDING_CODES[finding.code]), finding
        assert all(isinstance(v, (str, int, float)) for v in finding.params.values()), finding


def assert_contract(result: GradeResult) -> GradeResult:
    jsonschema.validate(result.to_dict(), SCHEMA)
    assert_coded(result.findings)
    return result
