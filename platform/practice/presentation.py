"""Turns a stored GradeResult dict into what the templates and the editor draw: scores
(checked or not), findings in the reader's language and grouped, findings per line of the
candidate's file, and bars for the benchmark chart.

Stored results of every schema version pass through here: v1 has numbers for every score
and findings with a message only; v2 may have `null` scores with a reason in `unchecked`,
and findings with a `code` and `params` (see practice/finding_text.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from practice.finding_text import finding_text

CANDIDATE_FILE = "solution.go"

SCORE_LABELS = {
    "correctness": _("Correctness"),
    "race_free": _("Race-free"),
    "leak_free": _("Leak-free"),
    "deadlock_free": _("Deadlock-free"),
    "performance": _("Performance"),
    "static": _("Static checks"),
    "total": _("Total"),
}

# Why a check did not run (graders.results.UncheckedReason); an unknown code shows as is.
UNCHECKED_REASONS = {
    "input_rejected": _("the source was refused"),
    "system_error": _("the grader failed"),
    "build_failed": _("the code did not build"),
    "tests_crashed": _("the tests crashed before this check"),
    "deadlocked": _("the tests deadlocked before this check"),
    "timed_out": _("the tests ran out of time before this check"),
    "limit_hit": _("a resource limit stopped the run first"),
    "race_detector_gave_up": _("too many goroutines for the race detector"),
    "not_in_run_mode": _("a run checks the public examples only"),
    "no_benchmarks": _("this problem has no benchmarks"),
    "skipped_after_failure": _("measured only for a correct solution"),
    "disabled": _("turned off for this grading"),
}

KIND_LABELS = {
    "race": _("data race"),
    "leak": _("leak"),
    "deadlock": _("deadlock"),
    "test_failure": _("test failed"),
    "not_repeatable": _("not repeatable"),
    "vet": _("go vet"),
    "compile": _("build"),
    "limit": _("limit"),
    "panic": _("panic"),
    "rejected": _("refused"),
    "tampering": _("tampering"),
    "performance": _("performance"),
    "system": _("grader"),
}

TEST_STATUS_LABELS = {
    "pass": _("passed"),
    "fail": _("failed"),
    "skip": _("skipped"),
    "timeout": _("timed out"),
    "missing": _("never finished"),
}

STAGE_LABELS = {
    "queued": _("Queued"),
    "running": _("Starting"),
    "building": _("Building"),
    "vetting": _("Vetting"),
    "testing": _("Testing"),
    "race": _("Race runs"),
    "benchmarking": _("Benchmarking"),
    "scoring": _("Scoring"),
    "retrying": _("Retrying (our fault, not yours)"),
    "done": _("Done"),
}


@dataclass(frozen=True)
class ScoreCell:
    name: str
    label: str
    value: float | None  # None: the check never ran
    reason: str = ""  # why it never ran, in the reader's language


def score_cells(result: dict[str, Any] | None) -> list[ScoreCell]:
    scores = (result or {}).get("scores") or {}
    unchecked = (result or {}).get("unchecked") or {}
    cells = []
    for name, label in SCORE_LABELS.items():
        value = scores.get(name)
        reason = ""
        if value is None:
            code = str(unchecked.get(name, ""))
            reason = str(UNCHECKED_REASONS.get(code, code))
        cells.append(ScoreCell(name, str(label), value, reason))
    return cells


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


@dataclass
class FindingView:
    kind: str
    label: str  # the kind, in the reader's language
    text: str  # the finding, in the reader's language
    detail: str  # the engine's own words, when they differ from `text`
    file: str | None
    line: int | None
    stack: str
    count: int = 1


def finding_views(result: dict[str, Any] | None) -> list[FindingView]:
    """The result's findings as the list shows them: identical ones folded, with a count."""
    views: list[FindingView] = []
    seen: dict[tuple, FindingView] = {}
    for finding in (result or {}).get("findings") or []:
        kind, message = str(finding.get("kind", "")), str(finding.get("message", ""))
        text = finding_text(finding)
        key = (kind, finding.get("file"), finding.get("line"), text)
        if key in seen:
            seen[key].count += 1
            continue
        view = FindingView(
            kind=kind,
            label=kind_label(kind),
            text=text,
            detail=message if message != text else "",
            file=finding.get("file"),
            line=finding.get("line"),
            stack=str(finding.get("stack") or ""),
        )
        seen[key] = view
        views.append(view)
    return views


def line_marks(result: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The marks on the candidate's lines, for the editor and the code view. The same text
    on one line is one mark with a count; a line that several findings point back to (the
    earlier write of three races) is one mark that names their lines, unless a finding of
    its own is drawn there already."""
    marks: dict[tuple[int, str, str], dict[str, Any]] = {}
    related: dict[tuple[int, str, str], list[int]] = {}
    for finding in (result or {}).get("findings") or []:
        kind = str(finding.get("kind", ""))
        text = finding_text(finding)
        own_line = finding.get("line") if finding.get("file") == CANDIDATE_FILE else None
        if own_line:
            _add_mark(marks, int(own_line), kind, text)
        for extra in finding.get("related") or []:
            if extra.get("file") != CANDIDATE_FILE or not extra.get("line"):
                continue
            if extra["line"] == own_line:  # both accesses on one line: the mark says it
                continue
            role = re.sub(r"^goroutine \d+ ", "goroutine ", str(extra.get("role") or ""))
            if role not in RELATED_ROLES:
                note = str(extra.get("message") or extra.get("label") or text)
                _add_mark(marks, int(extra["line"]), kind, note)
                continue
            pointers = related.setdefault((int(extra["line"]), kind, role), [])
            if own_line and own_line != extra["line"] and own_line not in pointers:
                pointers.append(int(own_line))
    marked = {(mark["line"], mark["kind"]) for mark in marks.values()}
    for (line, kind, role), pointers in related.items():
        if (line, kind) in marked:  # its own finding already names the other line
            continue
        text = str(RELATED_ROLES[role])
        if pointers:
            lines = ", ".join(str(n) for n in sorted(pointers))
            see = ngettext("(see line %(lines)s)", "(see lines %(lines)s)", len(pointers))
            text += " " + see % {"lines": lines}
        _add_mark(marks, line, kind, text)
    return sorted(marks.values(), key=lambda mark: mark["line"])


def _add_mark(marks: dict, line: int, kind: str, text: str) -> None:
    key = (line, kind, text)
    if key in marks:
        marks[key]["count"] += 1
    else:
        marks[key] = {"line": line, "kind": kind, "label": kind_label(kind), "message": text,
                      "count": 1}  # fmt: skip


# What a line named in a finding's `related` did in it (the roles graders.judge gives; the
# same "created at" serves leaks and deadlocks, so the words fit both).
RELATED_ROLES = {
    "previous read": _("the earlier read of a race"),
    "previous write": _("the earlier write of a race"),
    "goroutine created at": _("a goroutine of this race was started here"),
    "created at": _("the goroutine was started here"),
    "blocked at": _("the goroutine is blocked here"),
}


@dataclass
class Line:
    number: int
    text: str
    findings: list[dict[str, Any]] = field(default_factory=list)


def annotated_lines(source: str, result: dict[str, Any] | None) -> list[Line]:
    lines = [Line(i, text) for i, text in enumerate(source.splitlines() or [""], start=1)]
    for mark in line_marks(result):
        if 1 <= mark["line"] <= len(lines):
            lines[mark["line"] - 1].findings.append(mark)
    return lines


def excerpt(lines: list[Line], context: int = 3) -> list[Line]:
    """The marked lines and a few around them: what the landing page shows."""
    marked = [line.number for line in lines if line.findings]
    if not marked:
        return lines
    first, last = max(1, min(marked) - context), min(len(lines), max(marked) + context)
    return lines[first - 1 : last]


@dataclass(frozen=True)
class Bar:
    name: str
    candidate: float
    reference: float | None
    candidate_percent: float  # of the longest bar in the chart
    reference_percent: float


def benchmark_bars(result: dict[str, Any] | None) -> list[Bar]:
    benches = (result or {}).get("benchmarks") or []
    top = max(
        [b.get("candidate_ns_op") or 0 for b in benches]
        + [b.get("reference_ns_op") or 0 for b in benches]
        + [1]
    )
    bars = []
    for bench in benches:
        cand = float(bench.get("candidate_ns_op") or 0)
        ref = bench.get("reference_ns_op")
        bars.append(
            Bar(
                name=str(bench.get("name", "")),
                candidate=cand,
                reference=float(ref) if ref is not None else None,
                candidate_percent=max(0.5, 100 * cand / top),
                reference_percent=max(0.5, 100 * float(ref) / top) if ref else 0.0,
            )
        )
    return bars


def test_rows(result: dict[str, Any] | None) -> list[dict[str, Any]]:
    return [
        {
            **test,
            "status_label": str(TEST_STATUS_LABELS.get(test.get("status"), test.get("status"))),
        }
        for test in (result or {}).get("tests") or []
    ]


def result_parts(result: dict[str, Any] | None) -> dict[str, Any]:
    """Everything _result.html draws, from one stored result."""
    tests = test_rows(result)
    return {
        "tests_passed": sum(1 for test in tests if test.get("status") == "pass"),
        "scores": score_cells(result),
        "findings": finding_views(result),
        "tests": tests,
        "bars": benchmark_bars(result),
    }
