"""Per-user state of problems: solved, attempted or new, and counts per topic."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import User
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from practice.models import QuizAttempt, Submission
from problems.models import Problem, Topic


def annotate_state(problems: QuerySet[Problem], user: User) -> QuerySet[Problem]:
    if not user.is_authenticated:
        return problems
    mine = Submission.objects.filter(
        user=user, problem=OuterRef("pk"), context=Submission.Context.PRACTICE
    )
    quiz = QuizAttempt.objects.filter(user=user, problem=OuterRef("pk"))
    solved = Q(Exists(mine.filter(mode=Submission.Mode.SUBMIT, verdict="accepted"))) | Q(
        Exists(quiz.filter(correct=True))
    )
    attempted = Q(Exists(mine)) | Q(Exists(quiz))
    return problems.annotate(
        solved=ExpressionWrapper(solved, output_field=BooleanField()),
        attempted=ExpressionWrapper(attempted, output_field=BooleanField()),
    )


def is_solved(user: User, problem: Problem) -> bool:
    if problem.is_quiz:
        return QuizAttempt.objects.filter(user=user, problem=problem).exists()
    return Submission.objects.filter(
        user=user,
        problem=problem,
        mode=Submission.Mode.SUBMIT,
        verdict="accepted",
        context=Submission.Context.PRACTICE,
    ).exists()


@dataclass(frozen=True)
class TopicProgress:
    topic: str
    total: int
    solved: int
    attempted: int

    @property
    def percent(self) -> int:
        return round(100 * self.solved / self.total) if self.total else 0


def topic_progress(user: User) -> list[TopicProgress]:
    problems = annotate_state(Problem.objects.filter(is_active=True), user)
    state = {p.pk: (p.solved, p.attempted) for p in problems}
    rows = []
    for topic in Topic.objects.prefetch_related("problems"):
        ids = [p.pk for p in topic.problems.all() if p.pk in state]
        if not ids:
            continue
        rows.append(
            TopicProgress(
                topic=topic.slug,
                total=len(ids),
                solved=sum(state[i][0] for i in ids),
                attempted=sum(state[i][1] and not state[i][0] for i in ids),
            )
        )
    return rows
