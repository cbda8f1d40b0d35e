"""The engine's result (schema v1 or v2) as the columns an ItemWork keeps. Pure functions.

Version 2 makes a score null when its check did not run and says why in `unchecked`; a
version 1 result has every score (a check that did not run scored 0 there, and nothing
says so). An item never submitted scores 0 for correctness and total, so skipping an item
never raises an average, and its other scores are null ("not_submitted"). A quiz has a
correctness only; its other scores do not apply."""

from __future__ import annotations

from typing import Any

from assessments.models import SCORE_NAMES

NOT_SUBMITTED = "not_submitted"
NOT_APPLICABLE = "not_applicable"  # a quiz has no race, leak... score
COLUMNS = (*SCORE_NAMES, "total")


def from_result(result: dict[str, Any] | None) -> dict[str, Any]:
    """{score name: float or None, ..., "unchecked": {name: reason}, "verdict": str}."""
    result = result or {}
    scores = result.get("scores") or {}
    unchecked = dict(result.get("unchecked") or {})
    row: dict[str, Any] = {}
    for name in COLUMNS:
        value = scores.get(name)
        row[name] = float(value) if isinstance(value, (int, float)) else None
        if row[name] is None and name not in unchecked:
            unchecked[name] = "system_error" if not scores else "not_reported"
    row["unchecked"] = {name: str(reason) for name, reason in unchecked.items() if name in row}
    row["verdict"] = str(result.get("verdict", ""))
    return row


def not_submitted() -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row["correctness"] = row["total"] = 0.0
    row["unchecked"] = {name: NOT_SUBMITTED for name in SCORE_NAMES if name != "correctness"}
    row["verdict"] = ""
    return row


def quiz(correct: bool) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row["correctness"] = row["total"] = 100.0 if correct else 0.0
    row["unchecked"] = {name: NOT_APPLICABLE for name in SCORE_NAMES if name != "correctness"}
    row["verdict"] = "correct" if correct else "wrong"
    return row
