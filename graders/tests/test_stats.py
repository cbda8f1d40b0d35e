"""compare_samples: Mann-Whitney U p-value and bootstrap CI of the ratio of medians."""

from __future__ import annotations

import math
import random

import pytest

from graders.stats import Comparison, compare_samples, mann_whitney_u


def noisy(center: float, spread: float, n: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    return [center * (1 + rng.uniform(-spread, spread)) for _ in range(n)]


def test_identical_distributions_are_not_significant() -> None:
    reference = noisy(100.0, 0.05, 10, seed=1)
    candidate = noisy(100.0, 0.05, 10, seed=2)
    result = compare_samples(candidate, reference)
    assert not result.significant
    assert result.p_value is not None and result.p_value > 0.05
    assert result.ratio == pytest.approx(1.0, abs=0.05)
    assert result.ci_low is not None and result.ci_high is not None
    assert result.ci_low <= 1.0 <= result.ci_high
    assert (result.n_candidate, result.n_reference) == (10, 10)


def test_same_samples_give_ratio_one_and_p_one() -> None:
    samples = noisy(50.0, 0.1, 12, seed=3)
    result = compare_samples(samples, samples)
    assert result.ratio == 1.0
    assert result.p_value == 1.0
    assert not result.significant


def test_twice_as_slow_is_significant() -> None:
    reference = noisy(100.0, 0.03, 10, seed=4)
    candidate = noisy(200.0, 0.03, 10, seed=5)
    result = compare_samples(candidate, reference)
    assert result.significant
    assert result.p_value is not None and result.p_value < 0.001
    assert result.ratio == pytest.approx(2.0, rel=0.05)
    assert result.ci_low is not None and result.ci_high is not None
    assert result.ci_low <= 2.0 <= result.ci_high
    assert result.ci_low > 1.0
    faster = compare_samples(reference, candidate)
    assert faster.significant and faster.ratio == pytest.approx(0.5, rel=0.05)


def test_deterministic_across_calls() -> None:
    reference = noisy(100.0, 0.2, 15, seed=6)
    candidate = noisy(110.0, 0.2, 15, seed=7)
    first = compare_samples(candidate, reference)
    assert compare_samples(candidate, reference) == first
    assert compare_samples(list(candidate), tuple(reference), seed=0) == first
    other_seed = compare_samples(candidate, reference, seed=1)
    assert other_seed.p_value == first.p_value and other_seed.ratio == first.ratio
    assert (other_seed.ci_low, other_seed.ci_high) != (first.ci_low, first.ci_high)


def test_empty_inputs() -> None:
    assert compare_samples([], []) == Comparison(
        candidate_median=None,
        reference_median=None,
        ratio=None,
        ci_low=None,
        ci_high=None,
        p_value=None,
        significant=False,
        n_candidate=0,
        n_reference=0,
    )
    one_side = compare_samples([1.0, 2.0, 3.0], [])
    assert one_side.candidate_median == 2.0 and one_side.ratio is None
    assert one_side.p_value is None and not one_side.significant


def test_fewer_than_three_samples() -> None:
    result = compare_samples([10.0, 11.0], [1.0, 1.1])
    assert result.ratio == pytest.approx(10.0, rel=0.05)
    assert result.ci_low is None and result.ci_high is None
    assert not result.significant


def test_zeros() -> None:
    zeros = compare_samples([0.0] * 5, [0.0] * 5)
    assert zeros.ratio == 1.0 and zeros.p_value == 1.0 and not zeros.significant
    assert (zeros.ci_low, zeros.ci_high) == (1.0, 1.0)
    over_zero = compare_samples([1.0] * 5, [0.0] * 5)
    assert over_zero.ratio is None  # no finite ratio to a zero median
    assert over_zero.ci_low is None


def test_non_finite_values_are_dropped() -> None:
    result = compare_samples([1.0, math.nan, 2.0, 3.0, math.inf], [1.0, 2.0, 3.0])
    assert result.n_candidate == 3
    assert result.ratio == 1.0


def test_mann_whitney_exact_small_samples() -> None:
    # Complete separation: only 2 of the C(n1 + n2, n1) orderings are as extreme.
    assert mann_whitney_u([1, 2, 3], [4, 5, 6]) == pytest.approx(2 / 20)
    assert mann_whitney_u(range(10), range(10, 20)) == pytest.approx(2 / math.comb(20, 10))
    assert mann_whitney_u([1, 2, 3], [1, 2, 3]) == 1.0
    assert mann_whitney_u([], [1.0]) == 1.0


def test_mann_whitney_normal_approximation_with_ties() -> None:
    # Ties force the normal approximation; its value must stay close to the exact one.
    x = [1, 2, 2, 3, 4, 5, 5, 6, 7, 8]
    y = [5, 6, 7, 7, 8, 9, 10, 10, 11, 12]
    p = mann_whitney_u(x, y)
    assert 0.001 < p < 0.05
    assert mann_whitney_u(x, y) == mann_whitney_u(y, x)


def test_large_samples_use_the_approximation_quickly() -> None:
    reference = noisy(100.0, 0.1, 200, seed=8)
    candidate = noisy(103.0, 0.1, 200, seed=9)
    result = compare_samples(candidate, reference, resamples=200)
    assert result.p_value is not None and 0 < result.p_value < 1
    assert result.ci_low is not None and result.ci_low < result.ratio < result.ci_high  # type: ignore[operator]
