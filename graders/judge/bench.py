"""Candidate against reference benchmarks, and the performance rule."""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import median

from graders.judge.steps import BenchStep
from graders.parsers.bench import BenchSample, parse_bench_output
from graders.results import BenchmarkResult, Finding, FindingKind
from graders.stats import compare_samples

SIDES = ("candidate", "reference")


def compare_benchmarks(
    step: BenchStep, *, max_ratio: float
) -> tuple[tuple[BenchmarkResult, ...], tuple[Finding, ...]]:
    samples = split_samples(step.run.stdout.decode("utf-8", errors="replace"), step.marker)
    results, findings = [], []
    for name, cand in samples["candidate"].items():
        ref = samples["reference"].get(name, [])
        comparison = compare_samples([s.ns_op for s in cand], [s.ns_op for s in ref])
        result = BenchmarkResult(
            name=name,
            candidate_ns_op=comparison.candidate_median,
            reference_ns_op=comparison.reference_median if ref else None,
            candidate_b_op=_median([s.b_op for s in cand]),
            reference_b_op=_median([s.b_op for s in ref]),
            candidate_allocs_op=_median([s.allocs_op for s in cand]),
            reference_allocs_op=_median([s.allocs_op for s in ref]),
            ratio=comparison.ratio if ref else None,
            ci_low=comparison.ci_low,
            ci_high=comparison.ci_high,
            significant=comparison.significant,
            samples=min(len(cand), len(ref)),
            p_value=comparison.p_value,
        )
        results.append(result)
        if result.significant and result.ratio is not None and result.ratio > max_ratio:
            findings.append(
                Finding(
                    FindingKind.PERFORMANCE,
                    f"{name}: {result.ratio:.1f}x slower than the reference "
                    f"(limit {max_ratio:g}x, 95% CI {result.ci_low:.2f}-{result.ci_high:.2f})",
                    code="too_slow",
                    params={
                        "benchmark": name,
                        "ratio": round(result.ratio, 2),
                        "max_ratio": max_ratio,
                        "ci_low": round(result.ci_low or 0.0, 2),
                        "ci_high": round(result.ci_high or 0.0, 2),
                    },
                )
            )
    return tuple(results), tuple(findings)


def split_samples(text: str, marker: str) -> dict[str, dict[str, list[BenchSample]]]:
    """Each side's samples per benchmark; a marker line opens one run of one side."""
    samples: dict[str, dict[str, list[BenchSample]]] = {side: {} for side in SIDES}
    side: str | None = None
    chunk: list[str] = []

    def flush() -> None:
        if side is None:
            return
        seen: set[str] = set()
        for sample in parse_bench_output("\n".join(chunk)).samples:
            if sample.name in seen:
                continue  # a second line for one benchmark in one run is forged: keep the first
            seen.add(sample.name)
            samples[side].setdefault(sample.name, []).append(sample)

    for line in text.splitlines():
        if line.startswith(marker + " "):
            flush()
            side, chunk = line[len(marker) + 1 :].strip(), []
            if side not in samples:
                side = None
        else:
            chunk.append(line)
    flush()
    return samples


def performance_score(benchmarks: Sequence[BenchmarkResult], max_ratio: float) -> int | None:
    """Mean over benchmarks of: 100 when the candidate is not significantly slower than the
    reference; else 100 * (1 - log(r) / (2 log m)) for ratio r and the problem's limit m,
    so 50 at the limit and 0 from m² on (9x for the default 3x). None without benchmarks."""
    if not benchmarks:
        return None
    limit = max(max_ratio, 1.1)  # a limit at or below 1 would divide by zero
    parts = []
    for bench in benchmarks:
        if bench.ratio is None or not bench.significant or bench.ratio <= 1.0:
            parts.append(100.0)
        else:
            parts.append(max(0.0, 100.0 * (1 - math.log(bench.ratio) / (2 * math.log(limit)))))
    return round(sum(parts) / len(parts))


def _median(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return median(present) if present else None
