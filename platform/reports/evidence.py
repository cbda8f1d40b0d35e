"""The evidence behind each score, read out of the engine's result (schema v1 or v2).
Pure functions over the stored JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Which findings explain which score.
FINDINGS_FOR = {
    "race_free": ("race",),
    "leak_free": ("leak",),
    "deadlock_free": ("deadlock",),
    "static": ("vet", "compile"),
    "correctness": ("test_failure", "panic", "limit", "not_repeatable", "rejected", "tampering"),
    "performance": ("performance",),
}


@dataclass(frozen=True, slots=True)
class Evidence:
    failing_tests: list[dict[str, Any]] = field(default_factory=list)
    findings: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by score
    benchmarks: list[dict[str, Any]] = field(default_factory=list)
    tests_total: int = 0
    tests_passed: int = 0

    def for_score(self, name: str) -> int:
        """How many pieces of evidence a score has (for the link's label)."""
        count = len(self.findings.get(name, []))
        if name == "correctness":
            count += len(self.failing_tests)
        if name == "performance":
            count += len(self.benchmarks)
        return count


def _finding(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": raw.get("kind", ""),
        "code": raw.get("code", ""),
        "message": raw.get("message", ""),
        "where": f"{raw['file']}:{raw['line']}" if raw.get("file") and raw.get("line") else "",
        "stack": (raw.get("stack") or "")[:6000],
        "related": [
            f"{r.get('file', '')}:{r.get('line', '')} {r.get('label', '')}".strip()
            for r in raw.get("related") or []
            if isinstance(r, dict)
        ],
    }


def from_result(result: dict[str, Any] | None) -> Evidence:
    if not result:
        return Evidence()
    tests = result.get("tests") or []
    failing = [
        {"name": t.get("name", ""), "status": t.get("status", ""), "output": t.get("output", "")}
        for t in tests
        if t.get("status") not in ("pass", "skip")
    ]
    findings: dict[str, list[dict[str, Any]]] = {}
    for raw in result.get("findings") or []:
        for score, kinds in FINDINGS_FOR.items():
            if raw.get("kind") in kinds:
                findings.setdefault(score, []).append(_finding(raw))
    return Evidence(
        failing_tests=failing,
        findings=findings,
        benchmarks=list(result.get("benchmarks") or []),
        tests_total=len(tests),
        tests_passed=sum(1 for t in tests if t.get("status") == "pass"),
    )
