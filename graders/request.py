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


# Schedule exploration (graders/judge/explore.py): seconds of repeated runs under several
# schedules after the plain and race runs found nothing; 0 turns it off. On the corpus of
# intermittent bugs 2 s found as much as 4 s (README, "Schedule exploration"); 3 s keeps a
# margin for packages with more tests and a typical item under 10 s on two cores.
DEFAULT_EXPLORE_SECONDS = 3.0
MAX_EXPLORE_SECONDS = 300.0


MAX_GOMAXPROCS = 64  # beyond this a setting tells nothing more about schedules


class InvalidOption(ValueError):
    """An option or limit that makes no sense; the message says which and why."""


def check_explore_seconds(value: object, where: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidOption(f"{where} must be a number of seconds, not {value!r}")
    if not 0 <= value <= MAX_EXPLORE_SECONDS:
        raise InvalidOption(
            f"{where} must be between 0 (off) and {MAX_EXPLORE_SECONDS:g} seconds, not {value!r}"
        )


@dataclass(frozen=True, slots=True)
class ProblemLimits:
    test_timeout_seconds: float = 20.0
    memory_mb: int = 512
    race_count: int = 4
    bench_max_ratio: float = 3.0
    explore_seconds: float = DEFAULT_EXPLORE_SECONDS

    def __post_init__(self) -> None:
        check_explore_seconds(self.explore_seconds, "limits.explore_seconds")


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
    explore_seconds: float | None = None  # None: the problem's limits.explore_seconds; 0: off
    race: bool = True  # False: no race runs or race rounds; race_free is left unchecked
    gomaxprocs: int | None = None  # every run (tests, race, exploration, benchmarks) at this one

    def __post_init__(self) -> None:
        if not self.race_cpus or any(
            isinstance(n, bool) or not isinstance(n, int) or n < 1 for n in self.race_cpus
        ):
            raise InvalidOption(
                f"race_cpus must list GOMAXPROCS values >= 1, not {self.race_cpus!r}"
            )
        if self.race_count is not None and (
            isinstance(self.race_count, bool) or not isinstance(self.race_count, int)
            or self.race_count < 1
        ):  # fmt: skip
            raise InvalidOption(f"race_count must be at least 1, not {self.race_count!r}")
        if (
            isinstance(self.bench_samples, bool)
            or not isinstance(self.bench_samples, int)
            or (self.bench_samples < 1)
        ):
            raise InvalidOption(f"bench_samples must be at least 1, not {self.bench_samples!r}")
        if self.explore_seconds is not None:
            check_explore_seconds(self.explore_seconds, "explore_seconds")
        if not isinstance(self.race, bool):
            raise InvalidOption(f"race must be true or false, not {self.race!r}")
        if self.gomaxprocs is not None and (
            isinstance(self.gomaxprocs, bool) or not isinstance(self.gomaxprocs, int)
            or not 1 <= self.gomaxprocs <= MAX_GOMAXPROCS
        ):  # fmt: skip
            raise InvalidOption(
                f"gomaxprocs must be between 1 and {MAX_GOMAXPROCS}, not {self.gomaxprocs!r}"
            )


# The engine is configured by where its sandbox runs: one settings object, read once.
EngineSettings = SandboxSettings
