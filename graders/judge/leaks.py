"""goleak's report after the tests (and at a lone test's end) as findings on the code's lines."""

from __future__ import annotations

from collections.abc import Mapping

from graders.judge.hangs import base_state
from graders.judge.locate import STACK_CAP, first_candidate, location, mark, place, where
from graders.parsers.goroutines import Goroutine, parse_goleak_error
from graders.results import Finding, FindingKind


def leak_findings(
    text: str, by_test: Mapping[str, str] | None = None, total: int = 0
) -> tuple[Finding, ...]:
    """One finding per distinct leak (same wait, same place, same origin), with a count, and
    the tests that left it behind when a per-test check saw it (`by_test`: test -> report).
    `total` counts the goroutines of the whole report when `text` is a cut of it."""
    first: dict[tuple[str, str, str], Goroutine] = {}
    counts: dict[tuple[str, str, str], int] = {}
    listed = parse_goleak_error(text)
    for g in listed:
        key = _leak_key(g)
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, g)
    # A test is blamed for the goroutines started where its own leftovers were started: the
    # state and the top of the stack may differ between its check and the final one (a
    # ticker loop is running at one moment and waiting at the next).
    culprits: dict[str, list[str]] = {}
    for test, report in sorted((by_test or {}).items()):
        for origin in dict.fromkeys(_leak_origin(g) for g in parse_goleak_error(report)):
            culprits.setdefault(origin, []).append(test)
    findings = [_leak_finding(g, counts[key], culprits.get(key[2], [])) for key, g in first.items()]
    if total > len(listed):
        rest = total - len(listed)
        findings.append(
            Finding(
                FindingKind.LEAK,
                f"{rest} more leaked goroutines not listed ({total} in all; the report was cut)",
                code="leaks_not_listed",
                params={"count": rest, "total": total},
            )
        )
    return tuple(findings)


def _leak_finding(g: Goroutine, count: int, tests: list[str]) -> Finding:
    frames = mark(g.frames)
    here = first_candidate(frames)
    created = mark([g.created_by])[0] if g.created_by else None
    origin = created if created and created.candidate else here
    related = [location("created at", created), location("blocked at", here)]
    by = "by " + ", ".join(tests) if tests else "after the tests"
    facts: dict[str, str | int] = {"count": count, "wait_reason": g.state, "place": place(here),
                                   "started_at": place(created)}  # fmt: skip
    if tests:
        facts["tests"] = ", ".join(tests)
    return Finding(
        FindingKind.LEAK,
        f"goroutine leaked {by}: {g.state} at {where(here)}, started at {where(created)}"
        + (f" (x{count})" if count > 1 else ""),
        file=origin.file if origin else None,
        line=origin.line if origin else None,
        stack=g.raw[:STACK_CAP],
        frames=frames,
        related=tuple(r for r in related if r),
        code="leaked_by_test" if tests else "leaked",
        params=facts,
    )


def _leak_key(g: Goroutine) -> tuple[str, str, str]:
    return (base_state(g.state), where(first_candidate(mark(g.frames))), _leak_origin(g))


def _leak_origin(g: Goroutine) -> str:
    return where(mark([g.created_by])[0] if g.created_by else None)
