"""A stand-in engine for tests of the queue and the pages (the real one needs the sandbox).

It reads directives from comments in the candidate's source:
  // fake: sleep=SECONDS        take this long (emitting the engine's stages)
  // fake: system_error         return a retryable system error
  // fake: crash                raise, as a broken engine would
  // fake: log=PATH             append "start <pid>" / "finish <pid>" lines (exactly-once checks)
Without `sync.Mutex` in the source it reports a race on the first line with `++`.
"""

from __future__ import annotations

import os
import re
import time
from typing import Any

from graders.results import Finding, FindingKind, Frame, GradeResult, Scores, TestResult, TestStatus
from graders.verdicts import Verdict


def _directive(source: str, name: str) -> str | None:
    match = re.search(rf"//\s*fake:\s*{name}(?:=(\S+))?", source)
    return (match.group(1) or "") if match else None


def grade(request: Any, options: Any = None, settings: Any = None, on_event: Any = None):
    source = request.candidate_source.decode()
    emit = on_event or (lambda stage, detail: None)
    log = _directive(source, "log")
    if log:
        with open(log, "a") as handle:
            handle.write(f"start {os.getpid()}\n")
    sleep = float(_directive(source, "sleep") or 0)
    stages = ["building", "vetting", "testing", "race", "benchmarking", "scoring"]
    for stage in stages:
        emit(stage, {"fake": True})
        time.sleep(sleep / len(stages))
    if _directive(source, "crash") is not None:
        raise RuntimeError("fake engine crashed")
    if _directive(source, "system_error") is not None:
        result = GradeResult(
            verdict=Verdict.SYSTEM_ERROR,
            scores=Scores(),
            message="fake sandbox down",
            retryable=True,
        )
    elif "sync.Mutex" in source:
        result = GradeResult(
            verdict=Verdict.ACCEPTED,
            scores=Scores(100, 100, 100, 100, 100, 100, 100),
            tests=(TestResult("TestSingle", TestStatus.PASS, 0.01),),
        )
    else:
        line = next((i for i, text in enumerate(source.splitlines(), 1) if "++" in text), 1)
        result = GradeResult(
            verdict=Verdict.RACE,
            scores=Scores(correctness=100, race_free=0, total=60),
            findings=(
                Finding(
                    kind=FindingKind.RACE,
                    message="data race: this write races with another write",
                    file="solution.go",
                    line=line,
                    stack="WARNING: DATA RACE (fake)",
                    frames=(Frame("solution.(*Counter).Inc", "solution.go", line, True),),
                    related=({"file": "solution.go", "line": line, "message": "other write"},),
                ),
            ),
            tests=(TestResult("TestConcurrent", TestStatus.PASS, 0.02),),
        )
    emit("done", {"verdict": result.verdict.value})
    if log:
        with open(log, "a") as handle:
            handle.write(f"finish {os.getpid()}\n")
    return result
