"""Small filters for the report templates: dictionary lookups and how a score reads."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from reports import stats

register = template.Library()

# Why a score is null (the engine's `unchecked` reasons and the assessment's own).
REASONS = {
    "not_submitted": _("not submitted"),
    "not_applicable": _("does not apply"),
    "input_rejected": _("code refused"),
    "system_error": _("grader failed"),
    "build_failed": _("did not build"),
    "tests_crashed": _("tests crashed"),
    "deadlocked": _("deadlocked first"),
    "timed_out": _("timed out first"),
    "limit_hit": _("a limit was hit first"),
    "race_detector_gave_up": _("race detector gave up"),
    "not_in_run_mode": _("not measured in this mode"),
    "no_benchmarks": _("no benchmark for this item"),
    "skipped_after_failure": _("skipped after a failure"),
    "disabled": _("switched off"),
    "not_reported": _("not reported"),
}


@register.filter
def get(mapping: Any, key: Any) -> Any:
    if mapping is None:
        return None
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def reason(code: str) -> str:
    return str(REASONS.get(code, code))


@register.filter
def score(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"


@register.filter
def duration(seconds: float | None) -> str:
    return stats.duration(seconds)


@register.filter
def evidence_count(item: Any, name: str) -> int:
    return item.evidence.for_score(name)
