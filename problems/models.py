"""The bank, mirrored for the web. Candidate-visible fields live on Problem and Hint;
what only the grader or interviewers may read lives in ProblemSecret, Mutant and FollowUp,
so a view that forgets to filter cannot leak it by accident."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from graders.request import GradeRequest, Mode


def _zh(language: str | None = None) -> bool:
    return (language or get_language() or "en").lower().startswith("zh")


class Topic(models.Model):
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug


class Problem(models.Model):
    class Kind(models.TextChoices):
        IMPLEMENT = "implement", _("Implement")
        FIX = "fix", _("Fix")
        QUIZ = "quiz", _("Quiz")

    class Difficulty(models.TextChoices):
        EASY = "easy", _("Easy")
        MEDIUM = "medium", _("Medium")
        HARD = "hard", _("Hard")

    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    difficulty = models.CharField(max_length=10, choices=Difficulty.choices)
    title_en = models.CharField(max_length=200)
    title_zh = models.CharField(max_length=200)
    topics = models.ManyToManyField(Topic, related_name="problems", blank=True)
    seeds = models.JSONField(default=list, blank=True)
    statement_en = models.TextField(blank=True)
    statement_zh = models.TextField(blank=True)
    statement_html_en = models.TextField(blank=True)
    statement_html_zh = models.TextField(blank=True)
    editorial_en = models.TextField(blank=True)
    editorial_zh = models.TextField(blank=True)
    editorial_html_en = models.TextField(blank=True)
    editorial_html_zh = models.TextField(blank=True)
    starter = models.TextField(blank=True)
    public_tests = models.TextField(blank=True)
    limits = models.JSONField(default=dict, blank=True)
    weights = models.JSONField(default=dict, blank=True)
    accepts_starter = models.BooleanField(default=False)
    quiz_question_en = models.TextField(blank=True)
    quiz_question_zh = models.TextField(blank=True)
    quiz_program = models.TextField(blank=True)
    quiz_program_html = models.TextField(blank=True)
    quiz_choices = models.JSONField(default=list, blank=True)  # [{"id", "en", "zh"}]
    content_hash = models.CharField(max_length=64, blank=True)
    # An item removed from the bank is retired, never deleted: its submissions stay.
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug

    @property
    def is_quiz(self) -> bool:
        return self.kind == self.Kind.QUIZ

    def title(self, language: str | None = None) -> str:
        return self.title_zh if _zh(language) else self.title_en

    def statement_html(self, language: str | None = None) -> str:
        return self.statement_html_zh if _zh(language) else self.statement_html_en

    def editorial_html(self, language: str | None = None) -> str:
        return self.editorial_html_zh if _zh(language) else self.editorial_html_en

    def quiz_question(self, language: str | None = None) -> str:
        return self.quiz_question_zh if _zh(language) else self.quiz_question_en

    def quiz_choice_list(self, language: str | None = None) -> list[tuple[str, str]]:
        key = "zh" if _zh(language) else "en"
        return [(choice["id"], choice[key]) for choice in self.quiz_choices]

    def grade_request(self, source: bytes, mode: Mode) -> GradeRequest:
        """The engine request, built by the loader's own code from the stored item."""
        # Imported here: pages never need the engine, only the grading worker does.
        from graders.request import ProblemLimits, Weights
        from problems import loader

        secret = self.secret
        item = loader.Problem(
            slug=self.slug,
            path=Path(""),
            kind=self.kind,
            difficulty=self.difficulty,
            title=loader.Text(self.title_en, self.title_zh),
            topics=(),
            seeds=(),
            statement=loader.Text(self.statement_en, self.statement_zh),
            editorial=loader.Text(self.editorial_en, self.editorial_zh),
            hints=(),
            followups=(),
            limits=ProblemLimits(**self.limits),
            weights=Weights(**self.weights),
            accepts_starter=self.accepts_starter,
            starter=self.starter,
            reference=secret.reference,
            public_tests=self.public_tests,
            hidden_tests=secret.hidden_tests,
            bench_tests=secret.bench_tests,
        )
        return item.grade_request(source, mode)


class ProblemSecret(models.Model):
    """Grader-only material: never rendered, never serialised for candidates."""

    problem = models.OneToOneField(Problem, on_delete=models.CASCADE, related_name="secret")
    reference = models.TextField(blank=True)
    hidden_tests = models.TextField(blank=True)
    bench_tests = models.TextField(blank=True)
    quiz_answer = models.CharField(max_length=20, blank=True)
    quiz_verify = models.CharField(max_length=20, blank=True)
    quiz_expected_output = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"secret of {self.problem.slug}"


class Hint(models.Model):
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="hints")
    position = models.PositiveSmallIntegerField()
    text_en = models.TextField()
    text_zh = models.TextField()

    class Meta:
        ordering = ["problem", "position"]
        constraints = [
            models.UniqueConstraint(fields=["problem", "position"], name="unique_hint_position")
        ]

    def __str__(self) -> str:
        return f"{self.problem.slug} hint {self.position}"

    def text(self, language: str | None = None) -> str:
        return self.text_zh if _zh(language) else self.text_en


class FollowUp(models.Model):
    """The interviewer's ladder of deeper questions, with model answers."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="followups")
    position = models.PositiveSmallIntegerField()
    question_en = models.TextField()
    question_zh = models.TextField()
    answer_en = models.TextField()
    answer_zh = models.TextField()

    class Meta:
        ordering = ["problem", "position"]

    def __str__(self) -> str:
        return f"{self.problem.slug} follow-up {self.position}"


class Mutant(models.Model):
    """A known-wrong solution and the verdict it must get (grader only)."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="mutants")
    name = models.CharField(max_length=100)
    expected_verdict = models.CharField(max_length=30)
    why = models.CharField(max_length=300, blank=True)
    source = models.TextField()

    class Meta:
        ordering = ["problem", "name"]

    def __str__(self) -> str:
        return f"{self.problem.slug}/{self.name}"
