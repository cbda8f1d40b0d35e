"""`bank load`: copies bank folders into the database. Idempotent: an unchanged item is
skipped by its content hash, a changed one is updated in place (its submissions keep
pointing at it), and one gone from the bank is retired, not deleted."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from problems import loader
from problems.models import FollowUp, Hint, Mutant, Problem, ProblemSecret, Topic
from problems.rendering import RENDER_VERSION, highlight_go, render_markdown


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def content_hash(item: loader.Problem) -> str:
    data = dataclasses.asdict(item)
    data.pop("path")
    data["render_version"] = RENDER_VERSION
    blob = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


def load_bank(root: Path, *, retire_missing: bool = True) -> LoadReport:
    report = LoadReport()
    seen: set[str] = set()
    folders = sorted(p for p in Path(root).iterdir() if (p / "problem.toml").is_file())
    for folder in folders:
        try:
            item = loader.load_problem(folder)
        except (loader.ProblemFormatError, OSError, UnicodeDecodeError) as error:
            # A half-written item must not block the others from loading.
            report.errors.append(str(error))
            seen.add(folder.name)  # do not retire an item only because it is broken now
            continue
        seen.add(item.slug)
        outcome = save_problem(item)
        getattr(report, outcome).append(item.slug)
    if retire_missing:
        gone = Problem.objects.filter(is_active=True).exclude(slug__in=seen)
        report.retired = list(gone.values_list("slug", flat=True))
        gone.update(is_active=False)
    return report


@transaction.atomic
def save_problem(item: loader.Problem) -> str:
    """Creates or updates one item; returns "created", "updated" or "unchanged"."""
    digest = content_hash(item)
    problem = Problem.objects.filter(slug=item.slug).first()
    if problem and problem.content_hash == digest and problem.is_active:
        return "unchanged"
    outcome = "updated" if problem else "created"
    problem = problem or Problem(slug=item.slug)
    quiz = item.quiz
    problem.kind = item.kind
    problem.difficulty = item.difficulty
    problem.title_en, problem.title_zh = item.title.en, item.title.zh
    problem.seeds = [{"file": s.file, "section": s.section} for s in item.seeds]
    problem.statement_en, problem.statement_zh = item.statement.en, item.statement.zh
    problem.statement_html_en = render_markdown(item.statement.en)
    problem.statement_html_zh = render_markdown(item.statement.zh)
    problem.editorial_en, problem.editorial_zh = item.editorial.en, item.editorial.zh
    problem.editorial_html_en = render_markdown(item.editorial.en)
    problem.editorial_html_zh = render_markdown(item.editorial.zh)
    problem.starter = item.starter
    problem.public_tests = item.public_tests
    problem.limits = dataclasses.asdict(item.limits)
    problem.weights = dataclasses.asdict(item.weights)
    problem.accepts_starter = item.accepts_starter
    problem.quiz_question_en = quiz.question.en if quiz else ""
    problem.quiz_question_zh = quiz.question.zh if quiz else ""
    problem.quiz_program = quiz.program if quiz else ""
    problem.quiz_program_html = highlight_go(quiz.program) if quiz else ""
    problem.quiz_choices = (
        [{"id": c.id, "en": c.text.en, "zh": c.text.zh} for c in quiz.choices] if quiz else []
    )
    problem.content_hash = digest
    problem.is_active = True
    problem.save()

    problem.topics.set([Topic.objects.get_or_create(slug=slug)[0] for slug in item.topics])
    ProblemSecret.objects.update_or_create(
        problem=problem,
        defaults={
            "reference": item.reference,
            "hidden_tests": item.hidden_tests,
            "bench_tests": item.bench_tests,
            "quiz_answer": quiz.answer if quiz else "",
            "quiz_verify": quiz.verify if quiz else "",
            "quiz_expected_output": quiz.expected_output if quiz else "",
        },
    )
    # Children carry no history of their own (hint reveals count positions), so replace them.
    problem.hints.all().delete()
    Hint.objects.bulk_create(
        Hint(problem=problem, position=i, text_en=h.en, text_zh=h.zh)
        for i, h in enumerate(item.hints, start=1)
    )
    problem.followups.all().delete()
    FollowUp.objects.bulk_create(
        FollowUp(
            problem=problem,
            position=i,
            question_en=f.question.en,
            question_zh=f.question.zh,
            answer_en=f.answer.en,
            answer_zh=f.answer.zh,
        )
        for i, f in enumerate(item.followups, start=1)
    )
    problem.mutants.all().delete()
    Mutant.objects.bulk_create(
        Mutant(
            problem=problem,
            name=m.name,
            expected_verdict=m.expected.value,
            why=m.why,
            source=m.source,
        )
        for m in item.mutants
    )
    return outcome
