"""The bank as a whole: every item loads with complete metadata in both languages, the
kinds and verdicts are covered, and every seed chapter is in the coverage table. (The
sandbox half, `bank validate`, runs every solution for real in `make test`.)"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from graders.verdicts import Verdict
from problems.loader import load_bank
from problems.validation import BANK, check_metadata

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
COVERAGE = BANK.parent / "COVERAGE.md"
PROBLEMS = load_bank(BANK)


@pytest.mark.parametrize("problem", PROBLEMS, ids=[p.slug for p in PROBLEMS])
def test_item_metadata_is_complete(problem) -> None:
    assert check_metadata(problem) == []


def test_the_bank_has_enough_of_each_kind() -> None:
    kinds = Counter(p.kind for p in PROBLEMS)
    assert len(PROBLEMS) >= 40
    assert kinds["implement"] >= 15 and kinds["fix"] >= 12 and kinds["quiz"] >= 10


def test_mutants_exercise_every_verdict_a_solution_can_earn() -> None:
    labels = {m.expected for p in PROBLEMS for m in p.mutants}
    reachable = set(Verdict) - {Verdict.ACCEPTED, Verdict.SYSTEM_ERROR}
    assert reachable - labels == set()


def test_slugs_match_folders() -> None:
    assert all(p.slug == p.path.name for p in PROBLEMS)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles live outside the repo")
def test_every_seed_chapter_is_in_the_coverage_table() -> None:
    table = COVERAGE.read_text(encoding="utf-8")
    for seed in sorted(SEEDS.glob("*.txt")):
        assert seed.name in table, f"{seed.name} has no coverage section"
        for chapter in re.findall(
            r"^第[一二三四五六七八九十]+章[:\uff1a].*$", seed.read_text(), flags=re.MULTILINE
        ):
            assert chapter.strip() in table, f"{seed.name}: {chapter} is not covered"


def test_a_statement_or_editorial_that_repeats_the_page_heading_is_refused() -> None:
    from dataclasses import replace

    from problems.loader import Text
    from problems.validation import repeated_headings

    item = PROBLEMS[0]
    fenced = "Intro\n\n```sh\n# a shell comment, not a heading\n```\n\n## Part\n"
    assert repeated_headings(replace(item, statement=Text(fenced, fenced))) == []
    doubled = replace(
        item,
        statement=Text(f"# {item.title.en}\n\nBody", "正文"),
        editorial=Text("## Editorial: why\n\nBody", "# 题解\n\n正文"),
    )
    assert repeated_headings(doubled) == [
        "statement.en has an H1 (the page prints the title; start at ##)",
        "editorial.en starts with a heading the page already prints",
        "editorial.zh has an H1 (the page prints the title; start at ##)",
        "editorial.zh starts with a heading the page already prints",
    ]
