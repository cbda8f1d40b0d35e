"""The result of grading: frozen dataclasses that serialise to the versioned JSON schema.

`schema/grade_result.v1.json` describes `GradeResult.to_dict()`. Adding an optional field
keeps the version; renaming, removing or changing a meaning bumps it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from graders.verdicts import Verdict

SCHEMA_VERSION = 1


class FindingKind(StrEnum):
    RACE = "race"
    LEAK = "leak"
    DEADLOCK = "deadlock"
    TEST_FAILURE = "test_failure"
    VET = "vet"
    COMPILE = "compile"
    LIMIT = "limit"
    PANIC = "panic"
    REJECTED = "rejected"
    TAMPERING = "tampering"
    PERFORMANCE = "performance"
    SYSTEM = "system"


@dataclass(frozen=True, slots=True)
class Frame:
    """One stack frame; `candidate` is true when it points into the candidate's file."""

    function: str
    file: str
    line: int
    candidate: bool = False


@dataclass(frozen=True, slots=True)
class Finding:
    kind: FindingKind
    message: str
    file: str | None = None  # the candidate's file name ("solution.go") when it maps there
    line: int | None = None
    stack: str = ""  # the raw evidence (race report, goroutine stack, vet output)
    frames: tuple[Frame, ...] = ()
    related: tuple[dict[str, Any], ...] = ()  # extra located lines, e.g. the race's other access


# Findings are listed in the order of the verdicts they explain (see verdicts.PRECEDENCE), so
# the first one is the evidence for the headline: a race before the wrong count it caused.
FINDING_ORDER: tuple[FindingKind, ...] = (
    FindingKind.SYSTEM,
    FindingKind.REJECTED,
    FindingKind.COMPILE,
    FindingKind.DEADLOCK,
    FindingKind.LIMIT,
    FindingKind.PANIC,
    FindingKind.RACE,
    FindingKind.TAMPERING,
    FindingKind.TEST_FAILURE,
    FindingKind.LEAK,
    FindingKind.VET,
    FindingKind.PERFORMANCE,
)


def headline_first(findings: list[Finding] | tuple[Finding, ...]) -> tuple[Finding, ...]:
    """The findings, the ones behind the most decisive verdict first; stable within a kind."""
    return tuple(sorted(findings, key=lambda f: FINDING_ORDER.index(f.kind)))


class TestStatus(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    SKIP = "skip"
    TIMEOUT = "timeout"
    MISSING = "missing"  # expected but never reported as finished


@dataclass(frozen=True, slots=True)
class TestResult:
    name: str
    status: TestStatus
    duration: float = 0.0
    output: str = ""


@dataclass(frozen=True, slots=True)
class BenchmarkResult:
    name: str
    candidate_ns_op: float
    reference_ns_op: float | None
    candidate_b_op: float | None = None
    reference_b_op: float | None = None
    candidate_allocs_op: float | None = None
    reference_allocs_op: float | None = None
    ratio: float | None = None  # candidate / reference, medians
    ci_low: float | None = None
    ci_high: float | None = None
    significant: bool = False
    samples: int = 0
    p_value: float | None = None


@dataclass(frozen=True, slots=True)
class Scores:
    correctness: float = 0.0
    race_free: float = 0.0
    leak_free: float = 0.0
    deadlock_free: float = 0.0
    performance: float = 0.0
    static: float = 0.0
    total: float = 0.0


@dataclass(frozen=True, slots=True)
class SandboxInfo:
    backend: str
    box_id: str = ""
    limits_hit: tuple[str, ...] = ()
    limits: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class GradeResult:
    verdict: Verdict
    scores: Scores
    findings: tuple[Finding, ...] = ()
    tests: tuple[TestResult, ...] = ()
    benchmarks: tuple[BenchmarkResult, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    sandbox: SandboxInfo | None = None
    message: str = ""
    retryable: bool = False  # true only for system_error
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return _plain(data)


def _plain(value: Any) -> Any:
    """asdict keeps enum members and tuples; JSON wants their values and lists."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, StrEnum):
        return value.value
    return value
