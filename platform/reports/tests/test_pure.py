"""The reports' pure parts on fixtures: scores from results v1 and v2, evidence, time per
item, percentiles, histograms, the SVG chart, winnowing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from assessments import scores

from reports import charts, evidence, similarity, stats
from reports.tests.conftest import v2_result


def test_a_score_that_did_not_run_stays_null_with_its_reason() -> None:
    row = scores.from_result(v2_result())
    assert row["performance"] is None and row["unchecked"]["performance"] == "skipped_after_failure"
    assert row["correctness"] == 75 and row["race_free"] == 0 and row["verdict"] == "race"
    v1 = scores.from_result({"verdict": "accepted", "scores": {"correctness": 100.0}})
    assert v1["correctness"] == 100 and v1["unchecked"]["race_free"] == "not_reported"
    crashed = scores.from_result(None)
    assert crashed["total"] is None and crashed["unchecked"]["total"] == "system_error"
    blank = scores.not_submitted()
    assert blank["correctness"] == 0 and blank["race_free"] is None
    assert scores.quiz(True)["total"] == 100 and scores.quiz(False)["leak_free"] is None


def test_evidence_is_sorted_by_the_score_it_explains() -> None:
    found = evidence.from_result(v2_result())
    assert [t["name"] for t in found.failing_tests] == ["TestConcurrentInc"]
    assert found.findings["race_free"][0]["where"] == "solution.go:9"
    assert "previous write" in found.findings["race_free"][0]["related"][0]
    assert found.for_score("race_free") == 1 and found.for_score("correctness") == 1
    assert found.tests_passed == 1 and found.tests_total == 2
    assert evidence.from_result(None).for_score("correctness") == 0


def test_time_per_item_runs_until_the_next_item_opens() -> None:
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    opens = [(1, t0), (2, t0 + timedelta(minutes=10)), (1, t0 + timedelta(minutes=15))]
    spent = stats.time_per_item(opens, t0 + timedelta(minutes=20))
    assert spent == {1: 900.0, 2: 300.0}
    assert stats.time_per_item([], t0) == {}


def test_means_percentiles_histograms() -> None:
    assert stats.mean([None, 50, 100]) == 75 and stats.mean([None]) is None
    assert stats.percentile(80, [10, 50, 80, 90]) == 62.5
    assert stats.percentile(5, [5] * 10) == 50
    assert stats.histogram([0, 9.9, 10, 100, None], bins=10) == [2, 1, 0, 0, 0, 0, 0, 0, 0, 1]
    assert stats.duration(3725) == "1:02:05" and stats.duration(65) == "1:05"


def test_the_chart_is_svg_with_the_candidate_marked() -> None:
    svg = charts.distribution("Race-free <&>", [1, 0, 3], 50, "this candidate")
    assert svg.startswith("<svg") and svg.count('class="bar"') == 3
    assert 'class="marker"' in svg and "Race-free &lt;&amp;&gt;" in svg
    assert 'class="marker"' not in charts.distribution("x", [0, 0])


GO = """package solution

import "sync"

// Pool runs jobs.
type Pool struct {
	wg   sync.WaitGroup
	jobs chan func()
}

func New(n int) *Pool {
	p := &Pool{jobs: make(chan func())}
	for i := 0; i < n; i++ {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for job := range p.jobs {
				job()
			}
		}()
	}
	return p
}

func (p *Pool) Close() { close(p.jobs); p.wg.Wait() }
"""


def test_winnowing_ignores_names_literals_comments_and_order() -> None:
    base = set(similarity.fingerprint_hashes(GO))
    renamed = GO.replace("jobs", "queue").replace("Pool", "Workers").replace("job", "task")
    commented = GO.replace("\n\t", "\n\t// step\n\t")
    head, close = GO.split("func (p *Pool) Close()")
    reordered = (
        head.split("func New")[0]
        + "func (p *Pool) Close()"
        + close
        + "\nfunc New"
        + head.split("func New")[1]
    )
    for copy in (renamed, commented, reordered):
        assert similarity.score(base, set(similarity.fingerprint_hashes(copy))) >= 0.8
    tokens = similarity.tokens('x := "a"  // c\n')
    assert [t.text for t in tokens] == ["V", ":=", "L"]
    assert similarity.score(base, base, base) == 0.0  # all starter code: nothing to compare


def test_flagged_pairs_and_matching_lines() -> None:
    other = """package solution

func Sum(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}
"""
    hashes = {
        1: set(similarity.fingerprint_hashes(GO)),
        2: set(similarity.fingerprint_hashes(GO.replace("jobs", "work"))),
        3: set(similarity.fingerprint_hashes(other)),
    }
    pairs = similarity.flagged_pairs(hashes)
    assert [(p.left, p.right) for p in pairs] == [(1, 2)]
    left, right, regions = similarity.matching_lines(GO, GO.replace("jobs", "work"))
    assert 12 in left and 12 in right and regions[0][0] <= 12 <= regions[0][1]
