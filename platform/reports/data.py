"""What the reports show, read from the database in a few queries: one candidate's report,
an assessment's comparison, and the JSON both give to the API and the webhook.

Overall scores are means over the items of the scores that were checked (SQL's AVG skips
NULL the same way), so a check that did not run is "not checked", never a 0."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from assessments.models import SCORE_NAMES, Assessment, Attempt, Event, ItemWork
from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Count, Max, Q, Sum
from django.urls import reverse
from django.utils import timezone

from reports import evidence, similarity, stats

COLUMNS = (*SCORE_NAMES, "total")
DONE_STATES = (ItemWork.State.GRADED, ItemWork.State.ANSWERED)


@dataclass
class ItemReport:
    work_id: int
    number: int
    title: str
    kind: str
    state: str
    verdict: str
    scores: dict[str, float | None]
    unchecked: dict[str, str]
    evidence: evidence.Evidence
    seconds: float | None
    submissions: int
    hints_revealed: int
    pastes: int
    pasted_chars: int
    largest_paste: int
    percentile: float | None
    graded_attempts: int
    source: str
    submission_id: int | None
    similar: list[dict[str, Any]] = field(default_factory=list)


@lru_cache(maxsize=512)
def starter_hashes(starter: str) -> frozenset[int]:
    return frozenset(similarity.fingerprint_hashes(starter)) if starter else frozenset()


def similarity_flags(assessment_id: int) -> dict[int, list[dict[str, Any]]]:
    """{work id: [{"work", "attempt", "user", "score"}...]} for pairs above the threshold,
    compared within each item of the assessment. Cached until an answer is added: the key
    is the assessment's count of answers and its latest submission time."""
    answers = ItemWork.objects.filter(attempt__assessment_id=assessment_id).aggregate(
        n=Count("pk", filter=Q(submission__isnull=False)), last=Max("submitted_at")
    )
    last = answers["last"].timestamp() if answers["last"] else 0
    key = f"similarity:{assessment_id}:{answers['n']}:{last}"
    flags = cache.get(key)
    if flags is None:
        flags = _similarity_flags(assessment_id)
        cache.set(key, flags, 3600)
    return flags


def _similarity_flags(assessment_id: int) -> dict[int, list[dict[str, Any]]]:
    rows = (
        ItemWork.objects.filter(attempt__assessment_id=assessment_id)
        .exclude(fingerprints=[])
        .values("pk", "item_id", "fingerprints", "attempt_id", "attempt__user__username")
    )
    by_item: dict[int, dict[int, set[int]]] = {}
    who: dict[int, tuple[int, str]] = {}
    for row in rows:
        by_item.setdefault(row["item_id"], {})[row["pk"]] = set(row["fingerprints"])
        who[row["pk"]] = (row["attempt_id"], row["attempt__user__username"])
    starters = dict(
        Assessment.objects.get(pk=assessment_id)
        .items.filter(pk__in=by_item)
        .values_list("pk", "problem__starter")
    )
    flags: dict[int, list[dict[str, Any]]] = {}
    for item_id, hashes in by_item.items():
        for pair in similarity.flagged_pairs(hashes, set(starter_hashes(starters[item_id]))):
            for mine, other in ((pair.left, pair.right), (pair.right, pair.left)):
                flags.setdefault(mine, []).append(
                    {
                        "work": other,
                        "attempt": who[other][0],
                        "user": who[other][1],
                        "score": pair.score,
                    }
                )
    return flags


def _percentiles(works: list[ItemWork]) -> dict[int, tuple[float | None, int]]:
    minimum = settings.GOCONCUR_PERCENTILE_MIN_ATTEMPTS
    out: dict[int, tuple[float | None, int]] = {}
    for work in works:
        if work.state not in DONE_STATES or work.total is None:
            out[work.pk] = (None, 0)
            continue
        population = list(
            ItemWork.objects.filter(
                item__problem_id=work.item.problem_id, state__in=DONE_STATES, total__isnull=False
            ).values_list("total", flat=True)
        )
        value = stats.percentile(work.total, population) if len(population) >= minimum else None
        out[work.pk] = (value, len(population))
    return out


def item_reports(attempt: Attempt, now: datetime | None = None) -> list[ItemReport]:
    works = list(
        attempt.works.select_related("item__problem", "submission").order_by("item__position")
    )
    end = min(attempt.ended_at, now or timezone.now())
    opens = list(
        attempt.events.filter(kind=Event.Kind.OPEN)
        .order_by("at", "id")
        .values_list("item_id", "at")
    )
    seconds = stats.time_per_item(opens, end)
    pastes = {
        row["item_id"]: row
        for row in attempt.events.filter(kind=Event.Kind.PASTE)
        .values("item_id")
        .annotate(n=Count("id"), chars=Sum("size"), largest=Max("size"))
    }
    flags = similarity_flags(attempt.assessment_id)
    percentiles = _percentiles(works)
    reports = []
    for work in works:
        problem = work.item.problem
        paste = pastes.get(work.item_id, {})
        result = work.submission.result if work.submission and work.state == "graded" else None
        reports.append(
            ItemReport(
                work_id=work.pk,
                number=work.item.number,
                title=problem.title(),
                kind=problem.kind,
                state=work.state,
                verdict=work.verdict,
                scores={name: getattr(work, name) for name in COLUMNS},
                unchecked=dict(work.unchecked or {}),
                evidence=evidence.from_result(result),
                seconds=seconds.get(work.item_id),
                submissions=work.submissions_count,
                hints_revealed=work.hints_revealed,
                pastes=paste.get("n", 0),
                pasted_chars=paste.get("chars") or 0,
                largest_paste=paste.get("largest") or 0,
                percentile=percentiles[work.pk][0],
                graded_attempts=percentiles[work.pk][1],
                source=work.submission.source if work.submission else "",
                submission_id=work.submission_id,
                similar=flags.get(work.pk, []),
            )
        )
    return reports


def overall(items: list[ItemReport]) -> dict[str, float | None]:
    return {name: stats.mean(item.scores[name] for item in items) for name in COLUMNS}


def interviews(attempt: Attempt) -> list[dict[str, Any]]:
    out = []
    for link in attempt.interviews.select_related("session__interviewer", "session__scorecard"):
        session = link.session
        card = getattr(session, "scorecard", None)
        out.append(
            {
                "session": session.pk,
                "title": session.title,
                "interviewer": session.interviewer.username,
                "status": session.status,
                "recommendation": card.get_recommendation_display() if card else "",
                "recommendation_code": card.recommendation if card else "",
                "rubric": card.rubric if card else {},
                "notes": card.notes if card else "",
                "replay": reverse("interviews:replay", args=[session.pk]),
                "scorecard": reverse("interviews:scorecard", args=[session.pk]) if card else "",
            }
        )
    return out


def candidate_report(attempt: Attempt) -> dict[str, Any]:
    items = item_reports(attempt)
    return {
        "attempt": attempt,
        "items": items,
        "overall": overall(items),
        "interviews": interviews(attempt),
        "time_used": (min(attempt.ended_at, timezone.now()) - attempt.started_at).total_seconds(),
        "pastes": sum(item.pastes for item in items),
        "flags": sum(len(item.similar) for item in items),
    }


# ---- the comparison


def comparison_rows(assessment: Assessment) -> list[dict[str, Any]]:
    """One row per candidate: overall scores (SQL AVG over items, NULLs skipped), each
    item's total, time used, pastes and similarity flags. Four queries, whatever the size."""
    now = timezone.now()
    attempts = list(
        Attempt.objects.filter(assessment=assessment)
        .select_related("user")
        .annotate(**{f"avg_{name}": Avg(f"works__{name}") for name in COLUMNS})
        .order_by("pk")
    )
    per_item: dict[int, dict[int, float | None]] = {}
    grading: dict[int, int] = {}
    work_attempt: dict[int, int] = {}
    numbers = dict(assessment.items.values_list("pk", "position"))
    for pk, attempt_id, item_id, total, state in ItemWork.objects.filter(
        item_id__in=numbers
    ).values_list("pk", "attempt_id", "item_id", "total", "state"):
        per_item.setdefault(attempt_id, {})[numbers[item_id] + 1] = total
        work_attempt[pk] = attempt_id
        if state == ItemWork.State.GRADING:
            grading[attempt_id] = grading.get(attempt_id, 0) + 1
    pastes = dict(
        Event.objects.filter(attempt__assessment=assessment, kind=Event.Kind.PASTE)
        .values("attempt_id")
        .annotate(n=Count("id"))
        .values_list("attempt_id", "n")
    )
    flagged: dict[int, int] = {}
    for work_id, others in similarity_flags(assessment.pk).items():
        flagged[work_attempt[work_id]] = flagged.get(work_attempt[work_id], 0) + len(others)
    rows = []
    for attempt in attempts:
        rows.append(
            {
                "attempt": attempt.pk,
                "candidate": attempt.user.username,
                "status": attempt.status(now),
                "started_at": attempt.started_at,
                "minutes": round(
                    (min(attempt.ended_at, now) - attempt.started_at).total_seconds() / 60, 1
                ),
                "scores": {name: getattr(attempt, f"avg_{name}") for name in COLUMNS},
                "items": per_item.get(attempt.pk, {}),
                "grading": grading.get(attempt.pk, 0),
                "pastes": pastes.get(attempt.pk, 0),
                "flags": flagged.get(attempt.pk, 0),
            }
        )
    return rows


SORTABLE = (*COLUMNS, "candidate", "minutes", "pastes", "flags", "status")


def sort_and_filter(
    rows: list[dict[str, Any]], sort: str, descending: bool, minimums: dict[str, float]
) -> list[dict[str, Any]]:
    """Rows whose scores reach every minimum (a score not checked reaches none), sorted;
    rows without the sort key (not checked) always come last."""
    kept = [
        row
        for row in rows
        if all(
            (value := _key(row, name)) is not None and value >= minimum
            for name, minimum in minimums.items()
        )
    ]
    present = [row for row in kept if _key(row, sort) is not None]
    missing = [row for row in kept if _key(row, sort) is None]
    present.sort(key=lambda row: _key(row, sort), reverse=descending)
    return present + missing


def _key(row: dict[str, Any], name: str) -> Any:
    if name in COLUMNS:
        return row["scores"][name]
    if name.startswith("item") and name[4:].isdigit():
        return row["items"].get(int(name[4:]))
    return row.get(name)


def distributions(rows: list[dict[str, Any]]) -> dict[str, list[int]]:
    return {name: stats.histogram(row["scores"][name] for row in rows) for name in COLUMNS}


# ---- JSON for the API and the webhook


def attempt_payload(attempt: Attempt) -> dict[str, Any]:
    items = item_reports(attempt)
    return {
        "attempt": attempt.pk,
        "assessment": attempt.assessment_id,
        "position": attempt.assessment.position_id,
        "candidate": attempt.user.username,
        "status": attempt.status(),
        "started_at": attempt.started_at.isoformat(),
        "finished_at": attempt.finished_at.isoformat() if attempt.finished_at else None,
        "deadline": attempt.deadline.isoformat(),
        "overall": overall(items),
        "items": [
            {
                "number": item.number,
                "title": item.title,
                "kind": item.kind,
                "state": item.state,
                "verdict": item.verdict,
                "scores": item.scores,
                "unchecked": item.unchecked,
                "seconds": item.seconds,
                "submissions": item.submissions,
                "percentile": item.percentile,
                "failing_tests": [t["name"] for t in item.evidence.failing_tests],
                "findings": {k: len(v) for k, v in item.evidence.findings.items()},
                "pastes": item.pastes,
                "similar": [{"attempt": s["attempt"], "score": s["score"]} for s in item.similar],
            }
            for item in items
        ],
        "interviews": interviews(attempt),
        "report_url": reverse("reports:candidate", args=[attempt.pk]),
    }


def filters_from(query: Any) -> dict[str, float]:
    """?min_correctness=50&min_item2=80 -> {"correctness": 50.0, "item2": 80.0}."""
    out = {}
    for key, value in query.items():
        if key.startswith("min_") and value not in ("", None):
            name = key[4:]
            if name in COLUMNS or (name.startswith("item") and name[4:].isdigit()):
                try:
                    out[name] = float(value)
                except ValueError:
                    continue
    return out
