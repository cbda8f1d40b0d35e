"""What the engine is asked to do: a grading request and the options that tune the recipe."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from sandbox.settings import SandboxSettings


class Mode(StrEnum):
    RUN = "run"  # public examples only: build, vet, tests; quick
    SUBMIT = "submit"  # hidden tests, race runs, leak check, benchmarks


@dataclass(frozen=True, slots=True)
class SourceFile:
    name: str
    content: bytes


@dataclass(frozen=True, slots=True)
class ProblemLimits:
    test_timeout_seconds: float = 20.0
    memory_mb: int = 512
    race_count: int = 4
    bench_max_ratio: float = 3.0


@dataclass(frozen=True, slots=True)
class Weights:
    correctness: float = 40
    race_free: float = 20
    leak_free: float = 15
    deadlock_free: float = 10
    performance: float = 10
    static: float = 5


@dataclass(frozen=True, slots=True)
class GradeRequest:
    """A candidate's `solution.go` against a problem's trusted test files."""

    candidate_source: bytes
    test_files: tuple[SourceFile, ...]  # trusted *_test.go: public (+ hidden for submit)
    bench_files: tuple[SourceFile, ...] = ()  # trusted benchmarks, built into both binaries
    reference_source: bytes | None = None  # needed for benchmarks
    mode: Mode = Mode.SUBMIT
    limits: ProblemLimits = field(default_factory=ProblemLimits)
    weights: Weights = field(default_factory=Weights)


@dataclass(frozen=True, slots=True)
class GradeOptions:
    """Every default of the recipe in one place; override with dataclasses.replace."""

    race_cpus: tuple[int, ...] = (1, 2, 4)
    race_count: int | None = None  # None: the problem's limits.race_count
    bench_samples: int = 10
    bench_time: str = "100ms"
    bench_procs: int = 1
    run_benchmarks: bool = True
    max_source_bytes: int = 64 * 1024
    max_output_bytes: int = 1024 * 1024


# The engine is configured by where its sandbox runs: one settings object, read once.
EngineSettings = SandboxSettings
