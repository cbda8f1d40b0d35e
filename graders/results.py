"""The result of grading: frozen dataclasses that serialise to the versioned JSON schema.

`schema/grade_result.v2.json` describes `GradeResult.to_dict()`. Adding an optional field
keeps the version; renaming, removing or changing a meaning bumps it. Version 2 made a score
whose check did not run `null` (with its reason in `unchecked`) and gave every finding a
`code` and `params` for translation (the codes and their parameters: `FINDING_CODES`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from graders.verdicts import Verdict

SCHEMA_VERSION = 2
ParamValue = str | int | float


class FindingKind(StrEnum):
    RACE = "race"
    LEAK = "leak"
    DEADLOCK = "deadlock"
    TEST_FAILURE = "test_failure"
    NOT_REPEATABLE = "not_repeatable"  # a test that fails only when repeated in one process
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


# Every finding's `code` names the shape of its message; `params` carries the facts that fill
# it, so the web can say the same thing in another language. The message itself stays the
# English detail. Codes are stable: a new shape gets a new code, a code keeps its parameters.
# Parameter conventions: `place` and `started_at` are "file:line" ("" when the evidence names
# no line), `count` is how many goroutines share the finding, `goroutines` their ids ("1, 2, …"),
# `detail` a message from Go itself (compiler, vet, runtime) that is not translated.
FINDING_CODES: dict[str, tuple[str, ...]] = {
    # build and vet
    "build_limit": ("limit",),
    "compile_error": ("place", "detail"),
    "does_not_build": (),
    "vet_warning": ("place", "detail"),
    # input refused, engine failure
    "rejected_input": ("detail",),
    "system_error": ("detail",),
    # the harness record and the event stream
    "record_not_json": (),
    "record_wrong_nonce": (),
    "record_malformed": (),
    "forged_passes": ("tests",),
    "process_exited": ("exit_code",),
    "process_killed": ("signal",),
    # test outcomes; `run` counts the test's runs in one process (1 = the first), `cpu` is
    # GOMAXPROCS (the -cpu setting), `race` is 1 under the race detector, else 0
    "test_failed": ("test",),
    "test_failed_under": ("test", "flags"),  # no per-run record: the run's flags
    "test_failed_with_settings": ("test", "cpu", "run", "runs", "race"),
    "test_not_repeatable": ("test", "cpu", "run", "runs", "race"),
    # limits
    "memory_limit": (),
    "memory_limit_peak": ("peak_mib",),
    "out_of_memory": ("detail",),
    "output_limit": (),
    "dump_cut_at_output_limit": (),
    "time_limit": ("limit", "seconds"),
    "pids_limit": (),
    "limit_reached": ("limit",),
    "race_detector_gave_up": ("goroutine_limit",),
    # hangs: still busy (a timeout) or blocked for ever (a deadlock)
    "still_running": ("goroutine", "state", "place"),
    "still_running_in_goroutine": ("goroutine", "state", "started_at"),
    "still_running_unseen": ("goroutine", "state"),
    "hang_unexplained": ("detail",),
    "blocked": ("count", "goroutines", "wait_reason", "place", "started_at"),
    "blocked_in_goroutine": ("count", "goroutines", "wait_reason", "started_at"),
    "blocked_in_test": ("count", "goroutines", "wait_reason", "test", "started_at"),
    "blocked_nil_channel": ("count", "goroutines", "wait_reason", "place"),
    # crashes
    "panic": ("detail", "place"),
    "concurrent_map_access": ("detail", "place"),
    "stack_overflow": ("detail", "place"),
    "crash_after_race": ("detail", "place"),
    # leaks
    "leaked": ("count", "wait_reason", "place", "started_at"),
    "leaked_by_test": ("count", "wait_reason", "place", "started_at", "tests"),
    "leaks_not_listed": ("count", "total"),
    # races: `access` and `previous_access` are read or write; `place` is where the access
    # happened in the code, else where its goroutine was started, else the test's line
    "data_race": ("access", "place", "previous_access", "previous_place"),
    # schedule exploration: how often a bug showed in the round that found it. `what` is
    # leaked, raced, failed, hung or crashed; `hits` of `runs` runs of `tests` (comma-separated)
    # showed it, at the GOMAXPROCS values `gomaxprocs` and not at `clean_gomaxprocs`; `setting`
    # is the build and GODEBUG knob ("race build, GODEBUG=asyncpreemptoff=1")
    "found_by_exploration": (
        "what",
        "hits",
        "runs",
        "tests",
        "gomaxprocs",
        "clean_gomaxprocs",
        "setting",
    ),
    # benchmarks
    "too_slow": ("benchmark", "ratio", "max_ratio", "ci_low", "ci_high"),
}


@dataclass(frozen=True, slots=True)
class Finding:
    kind: FindingKind
    message: str  # English, with the raw detail
    file: str | None = None  # the candidate's file name ("solution.go") when it maps there
    line: int | None = None
    stack: str = ""  # the raw evidence (race report, goroutine stack, vet output)
    frames: tuple[Frame, ...] = ()
    related: tuple[dict[str, Any], ...] = ()  # extra located lines, e.g. the race's other access
    code: str = ""  # a key of FINDING_CODES
    params: dict[str, ParamValue] = field(default_factory=dict)


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
    FindingKind.NOT_REPEATABLE,
    FindingKind.LEAK,
    FindingKind.VET,
    FindingKind.PERFORMANCE,
)


# A crash a race explains is listed right after the races, as their consequence.
CONSEQUENCE_CODES = frozenset({"crash_after_race"})


def headline_first(findings: list[Finding] | tuple[Finding, ...]) -> tuple[Finding, ...]:
    """The findings, the ones behind the most decisive verdict first; stable within a kind."""

    def rank(finding: Finding) -> float:
        if finding.code in CONSEQUENCE_CODES:
            return FINDING_ORDER.index(FindingKind.RACE) + 0.5
        return FINDING_ORDER.index(finding.kind)

    return tuple(sorted(findings, key=rank))


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


class UncheckedReason(StrEnum):
    """Why a score is null: its check did not run, or did not run to its end."""

    INPUT_REJECTED = "input_rejected"  # the source was refused before anything ran
    SYSTEM_ERROR = "system_error"  # the engine failed; nothing can be trusted
    BUILD_FAILED = "build_failed"  # nothing ran
    TESTS_CRASHED = "tests_crashed"  # the run ended in a panic or a kill before the check
    DEADLOCKED = "deadlocked"  # the run hung with every goroutine blocked
    TIMED_OUT = "timed_out"  # the run was stopped at its time limit
    LIMIT_HIT = "limit_hit"  # memory, output or process limit
    RACE_DETECTOR_GAVE_UP = "race_detector_gave_up"  # too many goroutines alive for -race
    NOT_IN_RUN_MODE = "not_in_run_mode"  # "run" builds and tests only; submit measures
    NO_BENCHMARKS = "no_benchmarks"  # no reference or no benchmark to compare with
    SKIPPED_AFTER_FAILURE = "skipped_after_failure"  # speed is measured only on passing code
    DISABLED = "disabled"  # turned off by the options


@dataclass(frozen=True, slots=True)
class Scores:
    """0-100 each; None when the check did not run (`GradeResult.unchecked` says why)."""

    correctness: int | None = None
    race_free: int | None = None
    leak_free: int | None = None
    deadlock_free: int | None = None
    performance: int | None = None
    static: int | None = None
    total: int | None = None


SCORE_NAMES: tuple[str, ...] = (
    "correctness", "race_free", "leak_free", "deadlock_free", "performance", "static",
)  # fmt: skip


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
    unchecked: dict[str, UncheckedReason] = field(default_factory=dict)  # null score -> why
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
