"""Comparing two sets of benchmark timings, the way benchstat does.

`compare_samples(candidate, reference)` reports the ratio of medians (candidate / reference, so
2.0 means the candidate takes twice as long), a percentile-bootstrap confidence interval for that
ratio, and a two-sided Mann-Whitney U test p-value:

- p-value: exact (the distribution of U counted over all rank arrangements) when neither sample
  has ties within the pooled data and n_candidate * n_reference <= 400; otherwise the normal
  approximation with tie correction and continuity correction, which is accurate for n >= 8.
  Identical pooled values give p = 1.
- CI: `resamples` bootstrap draws with a private `random.Random(seed)`, so the same input always
  gives the same interval; the interval covers 1 - alpha (95% by default).
- `significant` is p < alpha, and never with fewer than 3 samples on either side (CI is None then).

Non-finite values (NaN, infinities) are dropped before anything is computed; the n_* fields count
what was kept. A zero reference median gives ratio 1.0 when the candidate median is zero too, and
None otherwise (a ratio to zero is not a number JSON can carry).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

__all__ = ["Comparison", "compare_samples", "mann_whitney_u"]

MIN_SAMPLES = 3
_EXACT_LIMIT = 400  # n1 * n2 up to which the exact U distribution is counted (20 x 20)


@dataclass(frozen=True, slots=True)
class Comparison:
    candidate_median: float | None  # None when there is no sample
    reference_median: float | None
    ratio: float | None  # candidate_median / reference_median
    ci_low: float | None
    ci_high: float | None
    p_value: float | None  # None when either side is empty
    significant: bool
    n_candidate: int
    n_reference: int


def _finite(values: Sequence[float]) -> list[float]:
    kept: list[float] = []
    for value in values:
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue
        if math.isfinite(number):
            kept.append(number)
    return kept


def _ratio(candidate: float, reference: float) -> float | None:
    if reference == 0:
        return 1.0 if candidate == 0 else None
    return candidate / reference


def _ranks(values: list[float]) -> tuple[list[float], list[int]]:
    """Average ranks (1-based) of `values`, and the sizes of the tie groups."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    ties: list[int] = []
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        average = (start + end) / 2 + 1
        for position in range(start, end + 1):
            ranks[order[position]] = average
        ties.append(end - start + 1)
        start = end + 1
    return ranks, ties


def _u_counts(n1: int, n2: int) -> list[int]:
    """How many orderings of n1 + n2 distinct values give each U in 0..n1*n2.

    f(i, j) = f(i - 1, j) shifted by j + f(i, j - 1): the largest of the i + j values is either
    an x (it beats all j y's) or a y. Rows are built bottom-up, so memory stays O(n2 * n1 * n2).
    """
    previous = [[1] for _ in range(n2 + 1)]  # i = 0: U is always 0
    for i in range(1, n1 + 1):
        current: list[list[int]] = [[1]]  # j = 0: U is always 0
        for j in range(1, n2 + 1):
            counts = [0] * (i * j + 1)
            for u, count in enumerate(previous[j]):
                counts[u + j] += count
            for u, count in enumerate(current[j - 1]):
                counts[u] += count
            current.append(counts)
        previous = current
    return previous[n2]


def _exact_p(u: float, n1: int, n2: int) -> float:
    counts = _u_counts(n1, n2)
    total = sum(counts)
    k = round(u)  # U is an integer when there are no ties
    lower = sum(counts[: k + 1]) / total
    upper = sum(counts[k:]) / total
    return min(1.0, 2 * min(lower, upper))


def mann_whitney_u(x: Sequence[float], y: Sequence[float]) -> float:
    """Two-sided p-value of the Mann-Whitney U test of x against y (1.0 if either is empty)."""
    n1, n2 = len(x), len(y)
    if n1 == 0 or n2 == 0:
        return 1.0
    pooled = [float(value) for value in x] + [float(value) for value in y]
    ranks, ties = _ranks(pooled)
    u = sum(ranks[:n1]) - n1 * (n1 + 1) / 2
    if all(size == 1 for size in ties) and n1 * n2 <= _EXACT_LIMIT:
        return _exact_p(u, n1, n2)
    n = n1 + n2
    tie_term = sum(size**3 - size for size in ties) / (n * (n - 1)) if n > 1 else 0.0
    variance = n1 * n2 / 12 * ((n + 1) - tie_term)
    if variance <= 0:
        return 1.0  # every value is the same: nothing tells the samples apart
    mean = n1 * n2 / 2
    z = (abs(u - mean) - 0.5) / math.sqrt(variance)
    if z <= 0:
        return 1.0
    return min(1.0, math.erfc(z / math.sqrt(2)))


def _percentile(ordered: list[float], fraction: float) -> float:
    position = fraction * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    weight = position - low
    return ordered[low] * (1 - weight) + ordered[high] * weight


def _bootstrap(
    candidate: list[float], reference: list[float], alpha: float, resamples: int, seed: int
) -> tuple[float | None, float | None]:
    rng = random.Random(seed)
    ratios: list[float] = []
    for _ in range(resamples):
        draw_candidate = rng.choices(candidate, k=len(candidate))
        draw_reference = rng.choices(reference, k=len(reference))
        ratio = _ratio(median(draw_candidate), median(draw_reference))
        if ratio is not None:
            ratios.append(ratio)
    # Draws with a zero reference median have no ratio; with too few left there is no interval.
    if len(ratios) < max(1, resamples // 2):
        return None, None
    ratios.sort()
    return _percentile(ratios, alpha / 2), _percentile(ratios, 1 - alpha / 2)


def compare_samples(
    candidate: Sequence[float],
    reference: Sequence[float],
    alpha: float = 0.05,
    resamples: int = 2000,
    seed: int = 0,
) -> Comparison:
    cand = _finite(candidate)
    ref = _finite(reference)
    cand_median = median(cand) if cand else None
    ref_median = median(ref) if ref else None
    ratio = None
    if cand_median is not None and ref_median is not None:
        ratio = _ratio(cand_median, ref_median)
    p_value = mann_whitney_u(cand, ref) if cand and ref else None
    enough = len(cand) >= MIN_SAMPLES and len(ref) >= MIN_SAMPLES
    ci_low = ci_high = None
    if enough and resamples > 0 and 0 < alpha < 1:
        ci_low, ci_high = _bootstrap(cand, ref, alpha, resamples, seed)
    return Comparison(
        candidate_median=cand_median,
        reference_median=ref_median,
        ratio=ratio,
        ci_low=ci_low,
        ci_high=ci_high,
        p_value=p_value,
        significant=bool(enough and p_value is not None and p_value < alpha),
        n_candidate=len(cand),
        n_reference=len(ref),
    )
