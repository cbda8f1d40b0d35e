"""Separate scores (0-100 each) and their weighted total. Pure functions.

- correctness: share of expected tests confirmed passing (by the harness record).
- race_free: 100 when the race runs finished with no report, else 0.
- leak_free: 100 when the leak check ran and found nothing, else 0.
- deadlock_free: 100 unless a run deadlocked (or nothing could run).
- performance: mean over benchmarks of 100 when the candidate is not significantly slower
  than the reference, else 100 / ratio; without benchmarks, 100 when all tests pass.
- static: 100 minus 25 per `go vet` finding (0 when the code does not build).
- total: the weighted mean with the problem's weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graders.request import Weights
from graders.results import BenchmarkResult, Scores

VET_PENALTY = 25.0


@dataclass(frozen=True, slots=True)
class Evidence:
    built: bool
    tests_expected: int
    tests_passed: int
    race_checked: bool
    races: int
    leak_checked: bool
    leaks: int
    deadlocked: bool
    vet_findings: int
    benchmarks: Sequence[BenchmarkResult] = ()


def performance_score(benchmarks: Sequence[BenchmarkResult], all_passed: bool) -> float:
    if not all_passed:
        return 0.0
    if not benchmarks:
        return 100.0
    parts = []
    for bench in benchmarks:
        if bench.ratio is None or not bench.significant or bench.ratio <= 1.0:
            parts.append(100.0)
        else:
            parts.append(100.0 / bench.ratio)
    return sum(parts) / len(parts)


def score(evidence: Evidence, weights: Weights) -> Scores:
    if not evidence.built:
        return Scores()
    expected = max(evidence.tests_expected, 1)
    all_passed = evidence.tests_expected > 0 and evidence.tests_passed == evidence.tests_expected
    parts = {
        "correctness": 100.0 * evidence.tests_passed / expected,
        "race_free": 100.0 if evidence.race_checked and evidence.races == 0 else 0.0,
        "leak_free": 100.0 if evidence.leak_checked and evidence.leaks == 0 else 0.0,
        "deadlock_free": 0.0 if evidence.deadlocked else 100.0,
        "performance": performance_score(evidence.benchmarks, all_passed),
        "static": max(0.0, 100.0 - VET_PENALTY * evidence.vet_findings),
    }
    weight_of = {name: float(getattr(weights, name)) for name in parts}
    total_weight = sum(weight_of.values()) or 1.0
    total = sum(parts[name] * weight_of[name] for name in parts) / total_weight
    return Scores(**{k: round(v, 2) for k, v in parts.items()}, total=round(total, 2))
