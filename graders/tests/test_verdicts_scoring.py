"""Headline precedence, the order of findings, the separate scores and the total."""

import json
import math
from pathlib import Path

from graders.judge.bench import performance_score
from graders.judge.scores import FAILING_CAP, scores, total_score
from graders.request import Weights
from graders.results import (
    FINDING_CODES,
    FINDING_ORDER,
    SCORE_NAMES,
    BenchmarkResult,
    Finding,
    FindingKind,
    UncheckedReason,
    headline_first,
)
from graders.verdicts import PRECEDENCE, Verdict, headline

SCHEMA = json.loads((Path(__file__).parent.parent / "schema" / "grade_result.v2.json").read_text())


def test_every_verdict_has_a_place_in_the_precedence() -> None:
    assert set(PRECEDENCE) == set(Verdict)


def test_headline_picks_the_most_decisive() -> None:
    assert headline(set()) is Verdict.ACCEPTED
    assert headline({Verdict.LEAK, Verdict.RACE}) is Verdict.RACE
    assert headline({Verdict.WRONG_ANSWER, Verdict.DEADLOCK}) is Verdict.DEADLOCK
    assert headline({Verdict.VET_ERROR, Verdict.TOO_SLOW}) is Verdict.VET_ERROR
    assert headline({Verdict.SYSTEM_ERROR, Verdict.COMPILE_ERROR}) is Verdict.SYSTEM_ERROR


def test_every_finding_kind_has_a_place_in_the_order() -> None:
    assert sorted(FINDING_ORDER) == sorted(FindingKind)


def test_the_schema_lists_every_finding_code_kind_and_unchecked_reason() -> None:
    finding = SCHEMA["$defs"]["finding"]["properties"]
    assert set(finding["code"]["enum"]) == set(FINDING_CODES)
    assert set(finding["kind"]["enum"]) == {k.value for k in FindingKind}
    unchecked = SCHEMA["properties"]["unchecked"]
    assert set(unchecked["additionalProperties"]["enum"]) == {r.value for r in UncheckedReason}
    assert set(unchecked["propertyNames"]["enum"]) == {*SCORE_NAMES, "total"}
    assert all(name.isidentifier() and name == name.lower() for name in FINDING_CODES)


def test_the_evidence_for_the_headline_comes_first() -> None:
    # The plain run lost updates before the race run reported the race that caused it.
    wrong = Finding(FindingKind.TEST_FAILURE, "TestConcurrent failed")
    vet = Finding(FindingKind.VET, "copies lock")
    races = [Finding(FindingKind.RACE, f"race {i}", line=i) for i in (9, 13)]
    crash = Finding(FindingKind.PANIC, "concurrent map writes", code="crash_after_race")
    ordered = headline_first([vet, crash, wrong, *races])
    assert [f.message for f in ordered] == [
        "race 9",
        "race 13",
        "concurrent map writes",  # the race's consequence, right after it
        "TestConcurrent failed",
        "copies lock",
    ]


def _bench(ratio: float, significant: bool) -> BenchmarkResult:
    return BenchmarkResult("B", 1.0, 1.0, ratio=ratio, significant=significant)


def test_performance_ties_when_not_significant_and_falls_on_a_log_scale() -> None:
    assert performance_score([_bench(2.0, False)], 3.0) == 100
    assert performance_score([_bench(0.5, True)], 3.0) == 100
    assert performance_score([_bench(3.0, True)], 3.0) == 50  # at the problem's limit
    assert performance_score([_bench(9.0, True)], 3.0) == 0  # at the limit squared
    assert performance_score([_bench(2379.0, True)], 3.0) == 0
    assert performance_score([_bench(2.0, True)], 3.0) == round(
        100 * (1 - math.log(2) / math.log(9))
    )
    scale = [performance_score([_bench(r, True)], 3.0) or 0 for r in (1.1, 1.5, 2, 3, 5, 9)]
    assert scale == sorted(scale, reverse=True) and len(set(scale)) == len(scale)
    assert performance_score([], 3.0) is None  # no benchmark: not checked, not 100


def test_the_total_is_weighted_over_the_checked_parts() -> None:
    weights = Weights(correctness=2, race_free=1, leak_free=1, deadlock_free=0, performance=0,
                      static=0)  # fmt: skip
    parts = {"correctness": 100, "race_free": None, "leak_free": 40}
    assert total_score(parts, weights, Verdict.ACCEPTED) == 80  # (2*100 + 40) / 3
    assert total_score({"race_free": None}, weights, Verdict.ACCEPTED) is None


def test_a_failing_headline_caps_the_total() -> None:
    # All tests pass, no race, no leak, but 2379x slower than the reference: never a pass.
    slow = performance_score([_bench(2379.0, True)], 3.0)
    parts = {"correctness": 100, "race_free": 100, "leak_free": 100, "deadlock_free": 100,
             "static": 100, "performance": slow}  # fmt: skip
    assert total_score(parts, Weights(), Verdict.ACCEPTED) == 90
    assert total_score(parts, Weights(), Verdict.TOO_SLOW) == FAILING_CAP
    assert total_score({"correctness": 20}, Weights(), Verdict.RACE) == 20  # below the cap


def test_null_scores_say_why() -> None:
    parts = {"correctness": 50, "race_free": 0, "leak_free": None, "deadlock_free": None,
             "performance": None, "static": 100}  # fmt: skip
    reasons = {"leak_free": UncheckedReason.TESTS_CRASHED,
               "deadlock_free": UncheckedReason.TESTS_CRASHED,
               "performance": UncheckedReason.SKIPPED_AFTER_FAILURE}  # fmt: skip
    score, unchecked = scores(parts, reasons, Weights(), Verdict.RUNTIME_ERROR)
    assert score.leak_free is None and score.race_free == 0
    assert unchecked == reasons
    assert score.total == round((40 * 50 + 5 * 100) / (40 + 20 + 5))
