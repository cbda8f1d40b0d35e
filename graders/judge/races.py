"""Race detector reports as findings naming both accesses on the code's lines."""

from __future__ import annotations

from graders.judge.locate import STACK_CAP, first_candidate, location, mark, place, where
from graders.parsers.race import RaceAccess, RaceReport, parse_race_reports
from graders.results import Finding, FindingKind, Frame

# The race detector's own limit (ThreadSanitizer): past it, it stops the program.
RACE_GOROUTINE_LIMIT_TEXT = "simultaneously alive goroutines is exceeded"
RACE_GOROUTINE_LIMIT = 8128


def race_findings(output: str) -> tuple[Finding, ...]:
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for report in parse_race_reports(output):
        if report.access is None:
            continue  # a banner without a body is not evidence (cut, or printed by the code)
        access, previous = report.access, report.previous
        here, here_text = _race_place(access, report)
        there, there_text = (
            _race_place(previous, report) if previous else (None, "at an unknown location")
        )
        key = (here_text, there_text)
        if key in seen:
            continue
        seen.add(key)
        kind_before = previous.kind if previous else "access"
        related = [location(f"previous {kind_before}", there)]
        related += [
            location(f"goroutine {origin.id} created at", first_candidate(mark(origin.frames)))
            for origin in report.goroutines
        ]
        located = here or there
        findings.append(
            Finding(
                FindingKind.RACE,
                f"data race: {access.kind} {here_text} conflicts with an earlier "
                f"{kind_before} {there_text}",
                file=located.file if located else None,
                line=located.line if located else None,
                stack=report.raw[:STACK_CAP],
                frames=mark(access.frames),
                related=tuple(r for r in related if r),
                code="data_race",
                params={
                    "access": access.kind,
                    "place": _param_place(here, here_text),
                    "previous_access": kind_before,
                    "previous_place": _param_place(there, there_text),
                },
            )
        )
    return tuple(findings)


def _param_place(frame: Frame | None, text: str) -> str:
    """file:line of a located access; for the test's own line, the file:line in the text."""
    if frame is not None:
        return place(frame)
    return text.rsplit("(", 1)[-1].rstrip(")") if text.endswith(")") else ""


def _race_place(access: RaceAccess, report: RaceReport) -> tuple[Frame | None, str]:
    """Where one access of a race happened, in the candidate's code when at all possible:
    its own frame; else where its goroutine was started (the runtime may print only
    `raceread()` for an access inside the sync internals); else the first frame outside
    the runtime, which is the test's."""
    frames = mark(access.frames)
    here = first_candidate(frames)
    if here is not None:
        return here, f"at {where(here)}"
    origin = next((g for g in report.goroutines if g.id == access.goroutine), None)
    started = first_candidate(mark(origin.frames)) if origin else None
    if started is not None:
        return started, f"in a goroutine started at {where(started)}"
    outside = next(
        (f for f in frames if not f.function.startswith(("runtime.", "internal/"))), None
    )
    if outside is not None:
        name = outside.function.rsplit("/", 1)[-1].split(".", 1)[-1]
        return None, f"in {name} ({outside.file}:{outside.line})"
    return None, "at an unknown location"
