"""Turns a stored GradeResult dict into what the templates and the editor draw:
findings per line of the candidate's file, and bars for the benchmark chart."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CANDIDATE_FILE = "solution.go"


@dataclass
class Line:
    number: int
    text: str
    findings: list[dict[str, Any]] = field(default_factory=list)


def line_marks(result: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Every (line, kind, message) in the candidate's file, for the editor's decorations."""
    marks: list[dict[str, Any]] = []
    for finding in (result or {}).get("findings", []):
        kind, message = finding.get("kind", ""), finding.get("message", "")
        if finding.get("file") == CANDIDATE_FILE and finding.get("line"):
            marks.append({"line": int(finding["line"]), "kind": kind, "message": message})
        for extra in finding.get("related") or []:
            if extra.get("file") == CANDIDATE_FILE and extra.get("line"):
                note = extra.get("message") or extra.get("label") or message
                marks.append({"line": int(extra["line"]), "kind": kind, "message": str(note)})
    return marks


def annotated_lines(source: str, result: dict[str, Any] | None) -> list[Line]:
    lines = [Line(i, text) for i, text in enumerate(source.splitlines() or [""], start=1)]
    for mark in line_marks(result):
        if 1 <= mark["line"] <= len(lines):
            lines[mark["line"] - 1].findings.append(mark)
    return lines


@dataclass(frozen=True)
class Bar:
    name: str
    candidate: float
    reference: float | None
    y: int
    candidate_width: float
    reference_width: float


def benchmark_bars(result: dict[str, Any] | None, width: float = 320) -> list[Bar]:
    benches = (result or {}).get("benchmarks") or []
    top = max(
        [b.get("candidate_ns_op") or 0 for b in benches]
        + [b.get("reference_ns_op") or 0 for b in benches]
        + [1]
    )
    bars = []
    for i, bench in enumerate(benches):
        cand = float(bench.get("candidate_ns_op") or 0)
        ref = bench.get("reference_ns_op")
        bars.append(
            Bar(
                name=str(bench.get("name", "")),
                candidate=cand,
                reference=float(ref) if ref is not None else None,
                y=i * 44,
                candidate_width=max(1.0, width * cand / top),
                reference_width=max(1.0, width * float(ref) / top) if ref else 0.0,
            )
        )
    return bars
