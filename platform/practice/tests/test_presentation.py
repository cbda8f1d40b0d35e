"""What the result pages say: findings from their code and params in both languages, scores
that were never checked, identical findings folded with a count. Pure functions over stored
result dicts (v1 as stored before the schema change, v2 as the engine writes now)."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from graders.results import FINDING_CODES
from practice.finding_text import FINDING_TEMPLATES, finding_text
from practice.presentation import finding_views, line_marks, score_cells

NUMBERS = {"count": 3, "total": 40, "run": 2, "runs": 10, "cpu": 4, "race": 1, "exit_code": 0,
           "goroutine": 7, "peak_mib": 512, "goroutine_limit": 8128, "seconds": 10.0,
           "ratio": 2379.4, "max_ratio": 3.0, "ci_low": 2100.0, "ci_high": 2600.5}  # fmt: skip
WORDS = {"access": "write", "previous_access": "read", "wait_reason": "chan receive",
         "state": "select", "limit": "memory", "place": "solution.go:12"}  # fmt: skip


def sample(code: str) -> dict:
    return {
        "kind": "race",
        "message": f"the engine's English for {code}",
        "code": code,
        "params": {
            name: NUMBERS.get(name, WORDS.get(name, f"<{name}>")) for name in FINDING_CODES[code]
        },
    }


@pytest.mark.parametrize("code", sorted(FINDING_CODES))
def test_every_engine_code_has_a_template_in_both_languages(code: str) -> None:
    assert code in FINDING_TEMPLATES
    finding = sample(code)
    with translation.override("en"):
        english = finding_text(finding)
    with translation.override("zh-hans"):
        chinese = finding_text(finding)
    for text in (english, chinese):
        assert text != finding["message"], "the template did not render with its params"
        assert "%(" not in text
        for name in FINDING_CODES[code]:  # every fact reaches the reader
            if name not in NUMBERS and name not in WORDS:
                assert f"<{name}>" in text, name
    assert english != chinese, f"{code} has no Chinese translation"


def test_templates_name_only_params_the_engine_sends() -> None:
    assert set(FINDING_TEMPLATES) <= set(FINDING_CODES)


def test_words_numbers_and_missing_places_read_naturally() -> None:
    race = {"code": "data_race", "message": "m",
            "params": {"access": "write", "place": "solution.go:9", "previous_access": "read",
                       "previous_place": ""}}  # fmt: skip
    with translation.override("zh-hans"):
        text = finding_text(race)
    assert "solution.go:9" in text and "写" in text and "读" in text
    slow = sample("too_slow")
    with translation.override("en"):
        assert "2379 times" in finding_text(slow)


@pytest.mark.parametrize(
    "finding",
    [
        {"kind": "race", "message": "v1 text"},  # a stored v1 result: no code
        {"kind": "race", "message": "v1 text", "code": "from_the_future", "params": {}},
        {"kind": "race", "message": "v1 text", "code": "data_race", "params": {"access": "x"}},
    ],
)
def test_no_code_an_unknown_code_or_missing_params_show_the_engine_message(finding) -> None:
    assert finding_text(finding) == "v1 text"


V1 = {"schema_version": 1, "verdict": "deadlock",
      "scores": {"correctness": 0.0, "race_free": 0.0, "leak_free": 0.0, "deadlock_free": 0.0,
                 "performance": 0.0, "static": 100.0, "total": 10.0}}  # fmt: skip
V2 = {"schema_version": 2, "verdict": "deadlock",
      "scores": {"correctness": 0, "race_free": None, "leak_free": None, "deadlock_free": 0,
                 "performance": None, "static": 100, "total": 10},
      "unchecked": {"race_free": "deadlocked", "leak_free": "deadlocked",
                    "performance": "some_new_reason"}}  # fmt: skip


def test_scores_never_checked_say_so_and_why() -> None:
    with translation.override("en"):
        cells = {cell.name: cell for cell in score_cells(V2)}
    assert cells["race_free"].value is None
    assert cells["race_free"].reason == "the tests deadlocked before this check"
    assert cells["performance"].reason == "some_new_reason"  # unknown: shown as sent
    assert cells["deadlock_free"].value == 0 and cells["static"].value == 100
    assert all(cell.value is not None for cell in score_cells(V1))  # v1 renders as it was


def test_the_result_shows_unchecked_scores_in_chinese() -> None:
    with translation.override("zh-hans"):
        html = render_to_string("practice/_result.html", {
            "result": V2, "submission": {"mode": "submit", "pk": 1},
            "scores": score_cells(V2), "findings": [], "tests_passed": 1,
            "tests": [{"name": "TestA", "status": "pass", "status_label": "通过"},
                      {"name": "TestB", "status": "fail", "status_label": "失败"}]})  # fmt: skip
    assert html.count("未检查") == 3
    assert "2 个测试中通过了 1 个" in html
    assert "测试在这项检查之前就死锁了" in html
    assert "Race-free" not in html and "无数据竞争" in html


RACES = {"findings": [
    {"kind": "race", "message": "m", "file": "solution.go", "line": 50, "code": "data_race",
     "params": {"access": "write", "place": "solution.go:50", "previous_access": "read",
                "previous_place": "solution.go:42"},
     "related": [{"role": "previous read", "file": "solution.go", "line": 42}]},
    {"kind": "race", "message": "m", "file": "solution.go", "line": 50, "code": "data_race",
     "params": {"access": "write", "place": "solution.go:50", "previous_access": "read",
                "previous_place": "solution.go:42"},
     "related": [{"role": "previous read", "file": "solution.go", "line": 42}]},
    {"kind": "race", "message": "m", "file": "solution.go", "line": 56, "code": "data_race",
     "params": {"access": "read", "place": "solution.go:56", "previous_access": "write",
                "previous_place": "solution.go:42"},
     "related": [{"role": "previous read", "file": "solution.go", "line": 42},
                 {"role": "goroutine 7 created at", "file": "solution.go", "line": 30}]},
]}  # fmt: skip


def test_the_same_finding_on_one_line_is_one_mark_with_a_count() -> None:
    with translation.override("en"):
        marks = line_marks(RACES)
        views = finding_views(RACES)
    by_line = {}
    for mark in marks:
        by_line.setdefault(mark["line"], []).append(mark)
    assert [m["count"] for m in by_line[50]] == [2]
    assert by_line[50][0]["label"] == "data race"
    assert by_line[50][0]["message"].startswith("Data race: a write at solution.go:50")
    # Line 42 is the earlier access of three findings on two lines: one mark naming them.
    assert [m["message"] for m in by_line[42]] == ["the earlier read of a race (see lines 50, 56)"]
    assert by_line[30][0]["message"] == "a goroutine of this race was started here (see line 56)"
    assert [v.count for v in views] == [2, 1]

    assert views[0].detail == "m"  # the engine's own words stay available


def test_a_line_with_its_own_finding_gets_no_pointer_mark_besides() -> None:
    def race(line: int, other: int) -> dict:
        earlier = {"role": "previous write", "file": "solution.go", "line": other}
        return {"kind": "race", "message": "m", "file": "solution.go", "line": line,
                "related": [earlier]}  # fmt: skip

    marks = line_marks({"findings": [race(50, 42), race(42, 50)]})
    assert sorted(m["line"] for m in marks) == [42, 50]


def test_every_word_the_result_pages_own_is_in_chinese() -> None:
    from practice import finding_text, presentation

    tables = [presentation.SCORE_LABELS, presentation.UNCHECKED_REASONS,
              presentation.KIND_LABELS, presentation.TEST_STATUS_LABELS,
              presentation.STAGE_LABELS, presentation.RELATED_ROLES,
              finding_text._WAIT_REASONS, finding_text._LIMITS, finding_text._ACCESS]  # fmt: skip
    same_in_both = {"go vet", "panic", "CPU"}
    for table in tables:
        for text in table.values():
            with translation.override("en"):
                english = str(text)
            with translation.override("zh-hans"):
                chinese = str(text)
            assert chinese != english or english in same_in_both, english


def test_benchmark_bars_are_drawn_to_one_scale() -> None:
    from practice.presentation import benchmark_bars

    bars = benchmark_bars({"benchmarks": [
        {"name": "BenchmarkA", "candidate_ns_op": 400.0, "reference_ns_op": 100.0},
        {"name": "BenchmarkB", "candidate_ns_op": 200.0, "reference_ns_op": None}]})  # fmt: skip
    assert [(b.candidate_percent, b.reference_percent) for b in bars] == [(100, 25), (50, 0)]
    with translation.override("zh-hans"):
        html = render_to_string("practice/_result.html", {
            "result": {"verdict": "too_slow", "benchmarks": [{}]},
            "submission": {"mode": "submit", "pk": 1}, "bars": bars})  # fmt: skip
    assert "width: calc(25.0% * .7)" in html and "你的 400" in html
