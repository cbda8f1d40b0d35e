"""The separate scores (0-100 each, or None when their check did not run) and the total.

- total: the weighted mean over the scores that were checked; None when none was.
- A headline other than `accepted` caps the total at FAILING_CAP, so failing code never
  totals like a pass, whatever its other parts earned.
"""

from __future__ import annotations

from collections.abc import Mapping

from graders.request import Weights
from graders.results import SCORE_NAMES, Scores, UncheckedReason
from graders.verdicts import Verdict

VET_PENALTY = 25
FAILING_CAP = 59


def static_score(vet_warnings: int) -> int:
    return max(0, 100 - VET_PENALTY * vet_warnings)


def correctness_score(passed: int, expected: int) -> int:
    return round(100 * passed / expected) if expected else 0


def total_score(parts: Mapping[str, int | None], weights: Weights, verdict: Verdict) -> int | None:
    checked = {name: value for name, value in parts.items() if value is not None}
    weight = sum(float(getattr(weights, name)) for name in checked)
    if not weight:
        return None
    total = sum(value * float(getattr(weights, name)) for name, value in checked.items()) / weight
    if verdict is not Verdict.ACCEPTED:
        total = min(total, FAILING_CAP)
    return round(total)


def scores(
    parts: Mapping[str, int | None],
    reasons: Mapping[str, UncheckedReason],
    weights: Weights,
    verdict: Verdict,
) -> tuple[Scores, dict[str, UncheckedReason]]:
    """The scores, and why each null one is null (the total's reason: its parts' first)."""
    total = total_score(parts, weights, verdict)
    unchecked = {name: reasons[name] for name in SCORE_NAMES if parts.get(name) is None}
    if total is None and unchecked:
        unchecked["total"] = next(iter(unchecked.values()))
    return Scores(**{name: parts.get(name) for name in SCORE_NAMES}, total=total), unchecked
