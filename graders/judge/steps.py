"""What the pipeline's steps hand to the judge: plain data, no sandbox handles.

Runs of the test binary are a list, each labelled with the settings it ran under, so a new
kind of run (more repetitions, other GOMAXPROCS values) is one more item, not a new field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from graders.request import Weights
from graders.results import SandboxInfo, UncheckedReason
from sandbox import RawRun


class RunPurpose(StrEnum):
    PLAIN = "plain"  # the first run: every test once, leak check, no race detector
    RACE = "race"  # the race binary repeated (-count) under several GOMAXPROCS (-cpu)
    CONFIRM = "confirm"  # one test alone in a fresh process: was a failure on a repeat real?
    EXPLORE = "explore"  # a round of schedule exploration (graders/judge/explore.py)


@dataclass(frozen=True, slots=True)
class RunSettings:
    purpose: RunPurpose
    race: bool = False
    count: int = 1  # -test.count: runs of each test in the one process, per CPU setting
    cpus: tuple[int, ...] = ()  # -test.cpu values; () keeps the box's GOMAXPROCS
    tests: tuple[str, ...] = ()  # only these tests; () runs every expected test
    timeout: float = 20.0  # the whole process's -test.timeout, seconds
    test_budget: float | None = None  # one test's limit inside a longer run, seconds
    godebug: str = ""  # a GODEBUG knob of an exploration round, e.g. asyncpreemptoff=1
    explore_seconds: float = 0.0  # an exploration round starts no test run after this long

    def describe(self) -> str:
        """The flags in words, for messages: "-race -count=4 -cpu=1,2,4"."""
        parts = ["-race"] if self.race else []
        if self.count != 1:
            parts.append(f"-count={self.count}")
        if self.cpus:
            parts.append("-cpu=" + ",".join(map(str, self.cpus)))
        if self.godebug:
            parts.append(f"GODEBUG={self.godebug}")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class TestRunStep:
    """One process of a test binary: what the sandbox saw and the harness record it left."""

    __test__ = False  # not a pytest class

    settings: RunSettings
    run: RawRun
    record: bytes | None


@dataclass(frozen=True, slots=True)
class BuildStep:
    """The side-by-side build: "plain", "race", "vet" and, with a reference, "reference"."""

    runs: Mapping[str, RawRun]


@dataclass(frozen=True, slots=True)
class BenchStep:
    """Candidate and reference benchmark output, interleaved and split by `marker` lines."""

    run: RawRun
    marker: str


@dataclass(frozen=True, slots=True)
class Context:
    """What the judge must know about the job beyond the steps' output."""

    nonce: str  # the harness record must carry it
    expected: tuple[str, ...]  # top-level tests that must pass
    instrumented: tuple[str, ...]  # tests whose outcome the harness records itself
    weights: Weights = field(default_factory=Weights)
    bench_max_ratio: float = 3.0
    # Why benchmarks are never run for this job (None: they run when the code passes).
    no_benchmarks_because: UncheckedReason | None = None
    race_checked: bool = True  # False: the options turned the race runs off


@dataclass(frozen=True, slots=True)
class Steps:
    """Everything the pipeline observed, in the order it happened."""

    build: BuildStep | None = None
    runs: tuple[TestRunStep, ...] = ()
    bench: BenchStep | None = None
    timings: Mapping[str, float] = field(default_factory=dict)
    sandbox: SandboxInfo | None = None
