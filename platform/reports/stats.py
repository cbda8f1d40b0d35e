"""Numbers for the reports: time per item, means that skip what was not checked,
percentiles, histograms. Pure functions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime


def time_per_item(opens: Sequence[tuple[int, datetime]], end: datetime) -> dict[int, float]:
    """Seconds spent on each item, from the ordered (item id, opened at) events: an item's
    time runs from its opening until the next item opens, or the attempt ends."""
    spent: dict[int, float] = {}
    for n, (item, at) in enumerate(opens):
        until = opens[n + 1][1] if n + 1 < len(opens) else end
        until = min(until, end)
        if until > at:
            spent[item] = spent.get(item, 0.0) + (until - at).total_seconds()
    return spent


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the values that were checked; None when none was."""
    checked = [v for v in values if v is not None]
    return sum(checked) / len(checked) if checked else None


def percentile(value: float, population: Sequence[float]) -> float:
    """Mid-rank percentile of `value` in `population` (which includes it): ties count half,
    so the best of ten identical scores is at the 50th, not the 100th."""
    below = sum(1 for v in population if v < value)
    equal = sum(1 for v in population if v == value)
    return 100.0 * (below + 0.5 * equal) / len(population)


def histogram(values: Iterable[float | None], bins: int = 10) -> list[int]:
    """Counts per bin over 0-100; 100 falls in the last bin. None is left out."""
    counts = [0] * bins
    for value in values:
        if value is None:
            continue
        counts[min(bins - 1, max(0, int(value * bins // 100)))] += 1
    return counts


def duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
