"""Candidates with graded answers. The results are shaped as the engine's schema v2 stores
them (a null score with its `unchecked` reason), stored on real Submission rows and copied
onto the work by the assessments app's own receiver of `submission_done`."""

from __future__ import annotations

from typing import Any

import pytest
from assessments import services
from assessments.receivers import store_scores
from assessments.tests.conftest import FIXED, assessment, team  # noqa: F401 - fixtures
from practice.models import Submission

from reports.similarity import fingerprint_hashes

# Alice's own idea: an atomic read, but a plain increment (so it races).
RACY_ATOMIC_READ = """package solution

import "sync/atomic"

// Counter counts events from many goroutines.
type Counter struct {
	n int64
}

func (c *Counter) Inc() {
	c.n++
}

func (c *Counter) Value() int {
	return int(atomic.LoadInt64(&c.n))
}
"""


def v2_result(**overrides: Any) -> dict[str, Any]:
    result = {
        "schema_version": 2,
        "verdict": "race",
        "scores": {
            "correctness": 75,
            "race_free": 0,
            "leak_free": 100,
            "deadlock_free": 100,
            "performance": None,
            "static": 100,
            "total": 59,
        },
        "unchecked": {"performance": "skipped_after_failure"},
        "findings": [
            {
                "kind": "race",
                "code": "race",
                "params": {},
                "message": "data race: write at solution.go:9 by goroutine 8",
                "file": "solution.go",
                "line": 9,
                "stack": "WARNING: DATA RACE\nWrite at 0x00c by goroutine 8:\n"
                "  solution.(*Counter).Inc()",
                "frames": [],
                "related": [{"file": "solution.go", "line": 9, "label": "previous write"}],
            }
        ],
        "tests": [
            {"name": "TestInc", "status": "pass", "duration": 0.1, "output": ""},
            {"name": "TestConcurrentInc", "status": "fail", "duration": 0.2, "output": "got 97"},
        ],
        "benchmarks": [],
        "timings": {},
        "message": "race",
        "retryable": False,
    }
    result.update(overrides)
    return result


def grade(attempt, number: int, source: str, result: dict[str, Any]) -> Submission:
    """The candidate submits through the service, then the grading stores `result`."""
    work = services.work_for(attempt, number)
    submission = services.submit(attempt, work, source)
    Submission.objects.filter(pk=submission.pk).update(
        status="done", verdict=result["verdict"], result=result
    )
    store_scores(sender=Submission, submission_id=submission.pk)
    return submission


@pytest.fixture
def graded(assessment, make_user):  # noqa: F811 - the fixture imported above
    """Three candidates: alice (race, a performance not checked), bob (accepted), and
    carol, who copied bob's answer with the variables renamed and a comment added."""
    people = {}
    for name in ("alice", "bob", "carol"):
        user = make_user(name)
        invitation = services.invite(assessment, [], 1, str)[0]
        people[name] = services.accept(invitation.token, user)
    racy = RACY_ATOMIC_READ
    grade(people["alice"], 1, racy, v2_result())
    accepted = v2_result(
        verdict="accepted",
        scores=dict.fromkeys(
            ("correctness", "race_free", "leak_free", "deadlock_free", "performance", "static"),
            100,
        )
        | {"total": 100},
        unchecked={},
        findings=[],
        tests=[{"name": "TestInc", "status": "pass", "duration": 0.1, "output": ""}],
        benchmarks=[
            {
                "name": "BenchmarkInc",
                "candidate_ns_op": 21.0,
                "reference_ns_op": 20.0,
                "candidate_b_op": 0,
                "reference_b_op": 0,
                "candidate_allocs_op": 0,
                "reference_allocs_op": 0,
                "ratio": 1.05,
                "ci_low": 0.98,
                "ci_high": 1.1,
                "significant": False,
                "samples": 10,
                "p_value": 0.4,
            }
        ],
    )
    grade(people["bob"], 1, FIXED, accepted)
    copied = FIXED.replace("mu", "lock").replace("c *Counter", "me *Counter").replace("c.", "me.")
    grade(people["carol"], 1, "// my own work\n" + copied, accepted)
    services.answer_quiz(people["bob"], services.work_for(people["bob"], 2), "b")
    services.answer_quiz(people["carol"], services.work_for(people["carol"], 2), "a")
    assert fingerprint_hashes(copied)
    return people
