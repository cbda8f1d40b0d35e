"""`bank load`: idempotent, updates in place, retires instead of deleting, keeps secrets apart."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from problems.models import FollowUp, Hint, Mutant, Problem, ProblemSecret
from problems.rendering import render_markdown
from problems.sync import load_bank

FIXTURES = Path(__file__).resolve().parents[2] / "platform/practice/tests/fixtures/bank"


@pytest.fixture
def bank_copy(tmp_path: Path) -> Path:
    target = tmp_path / "bank"
    shutil.copytree(FIXTURES, target)
    return target


@pytest.mark.django_db
def test_load_stores_every_field(bank_copy: Path) -> None:
    report = load_bank(bank_copy)
    assert sorted(report.created) == ["quiz-unbuffered", "safe-counter"]
    problem = Problem.objects.get(slug="safe-counter")
    assert problem.title_zh == "并发安全的计数器"
    assert "codehilite" in problem.statement_html_en  # Go block highlighted
    assert "许多协程" in problem.statement_html_zh
    assert "sync.Mutex" in problem.editorial_html_en
    assert sorted(problem.topics.values_list("slug", flat=True)) == ["data-race", "mutex"]
    assert Hint.objects.filter(problem=problem).count() == 2
    assert FollowUp.objects.get(problem=problem).answer_zh.startswith("可以")
    assert problem.limits["race_count"] == 2
    secret = ProblemSecret.objects.get(problem=problem)
    assert "TestConcurrent" in secret.hidden_tests and "mu.Lock" in secret.reference
    assert Mutant.objects.get(problem=problem).expected_verdict == "race"
    # Secrets live only on the secret model, never on the candidate-facing row.
    assert "TestConcurrent" not in problem.public_tests
    quiz = Problem.objects.get(slug="quiz-unbuffered")
    assert quiz.secret.quiz_answer == "b" and [c["id"] for c in quiz.quiz_choices] == ["a", "b"]


@pytest.mark.django_db
def test_load_is_idempotent_and_updates_in_place(bank_copy: Path, django_user_model) -> None:
    from practice.models import Submission

    load_bank(bank_copy)
    problem = Problem.objects.get(slug="safe-counter")
    candidate = django_user_model.objects.create_user("alice")
    Submission.objects.create(user=candidate, problem=problem, mode="run", source="x")
    again = load_bank(bank_copy)
    assert again.created == [] and again.updated == []
    assert sorted(again.unchanged) == ["quiz-unbuffered", "safe-counter"]

    statement = bank_copy / "safe-counter" / "statement.en.md"
    statement.write_text(statement.read_text() + "\nNew paragraph.\n")
    changed = load_bank(bank_copy)
    assert changed.updated == ["safe-counter"]
    problem.refresh_from_db()
    assert "New paragraph." in problem.statement_html_en
    assert Problem.objects.get(slug="safe-counter").pk == problem.pk
    assert Submission.objects.filter(problem=problem).count() == 1


@pytest.mark.django_db
def test_removed_item_is_retired_not_deleted(bank_copy: Path) -> None:
    load_bank(bank_copy)
    shutil.rmtree(bank_copy / "quiz-unbuffered")
    report = load_bank(bank_copy)
    assert report.retired == ["quiz-unbuffered"]
    assert not Problem.objects.get(slug="quiz-unbuffered").is_active
    shutil.copytree(FIXTURES / "quiz-unbuffered", bank_copy / "quiz-unbuffered")
    assert load_bank(bank_copy).updated == ["quiz-unbuffered"]
    assert Problem.objects.get(slug="quiz-unbuffered").is_active


@pytest.mark.django_db
def test_broken_item_is_skipped_and_reported(bank_copy: Path, capsys) -> None:
    (bank_copy / "broken").mkdir()
    (bank_copy / "broken" / "problem.toml").write_text('kind = "nope"\n')
    report = load_bank(bank_copy)
    assert len(report.errors) == 1 and "kind" in report.errors[0]
    assert sorted(report.created) == ["quiz-unbuffered", "safe-counter"]
    call_command("bank", "load", "--bank", str(bank_copy))
    assert "1 skipped" in capsys.readouterr().out


def test_markdown_is_sanitised() -> None:
    html = render_markdown(
        '<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onclick="x">b</b>'
    )
    assert "<script" not in html and "javascript:" not in html and "onclick" not in html


@pytest.mark.django_db
def test_grade_request_from_database_matches_the_loader(bank_copy: Path) -> None:
    from graders.request import Mode
    from problems.loader import load_problem

    load_bank(bank_copy)
    stored = Problem.objects.get(slug="safe-counter")
    source = b"package solution\n"
    for mode in (Mode.RUN, Mode.SUBMIT):
        assert stored.grade_request(source, mode) == load_problem(
            bank_copy / "safe-counter"
        ).grade_request(source, mode)
