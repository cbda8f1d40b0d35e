"""Headline precedence and the separate scores."""

from graders.request import Weights
from graders.results import FINDING_ORDER, BenchmarkResult, Finding, FindingKind, headline_first
from graders.scoring import Evidence, performance_score, score
from graders.verdicts import PRECEDENCE, Verdict, headline


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


def test_the_evidence_for_the_headline_comes_first() -> None:
    # The plain run lost updates before the race run reported the race that caused it.
    wrong = Finding(FindingKind.TEST_FAILURE, "TestConcurrent failed")
    vet = Finding(FindingKind.VET, "copies lock")
    races = [Finding(FindingKind.RACE, f"race {i}", line=i) for i in (9, 13)]
    ordered = headline_first([vet, wrong, *races])
    assert [f.message for f in ordered] == [
        "race 9",
        "race 13",
        "TestConcurrent failed",
        "copies lock",
    ]


def _bench(ratio: float, significant: bool) -> BenchmarkResult:
    return BenchmarkResult("B", 1.0, 1.0, ratio=ratio, significant=significant)


def test_performance_ties_when_not_significant() -> None:
    assert performance_score([_bench(2.0, False)], True) == 100.0
    assert performance_score([_bench(2.0, True)], True) == 50.0
    assert performance_score([_bench(0.5, True)], True) == 100.0
    assert performance_score([], True) == 100.0
    assert performance_score([_bench(1.0, False)], False) == 0.0


def test_scores_stay_separate_and_total_follows_weights() -> None:
    evidence = Evidence(
        built=True,
        tests_expected=4,
        tests_passed=4,
        race_checked=True,
        races=1,
        leak_checked=True,
        leaks=0,
        deadlocked=False,
        vet_findings=0,
    )
    scores = score(
        evidence,
        Weights(correctness=1, race_free=1, leak_free=0, deadlock_free=0, performance=0, static=0),
    )
    assert scores.correctness == 100 and scores.race_free == 0 and scores.leak_free == 100
    assert scores.total == 50


def test_nothing_scores_when_the_code_does_not_build() -> None:
    evidence = Evidence(
        built=False,
        tests_expected=3,
        tests_passed=0,
        race_checked=False,
        races=0,
        leak_checked=False,
        leaks=0,
        deadlocked=False,
        vet_findings=0,
    )
    assert score(evidence, Weights()).total == 0
