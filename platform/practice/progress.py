"""Per-user state of problems (solved, answer shown, attempted or new) and counts per topic.

A problem is *solved* by an accepted submission, or for a quiz by a right answer given
before any "show the answer". A quiz whose answer was shown is *revealed*: it is never
solved afterwards and takes no more answers. *Attempted* is anything else tried."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from accounts.models import User
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from practice.models import QuizAttempt, QuizReveal, Submission
from problems.models import Problem, Topic


class State(StrEnum):
    NEW = "new"
    ATTEMPTED = "attempted"
    REVEALED = "revealed"
    SOLVED = "solved"


def state_of(solved: bool, revealed: bool, attempted: bool) -> State:
    if solved:
        return State.SOLVED
    if revealed:
        return State.REVEALED
    return State.ATTEMPTED if attempted else State.NEW


def annotate_state(problems: QuerySet[Problem], user: User) -> QuerySet[Problem]:
    """Adds `solved`, `revealed` and `attempted` (booleans) for the user."""
    if not user.is_authenticated:
        return problems
    mine = Submission.objects.filter(
        user=user, problem=OuterRef("pk"), context=Submission.Context.PRACTICE
    )
    quiz = QuizAttempt.objects.filter(user=user, problem=OuterRef("pk"))
    shown = Q(Exists(QuizReveal.objects.filter(user=user, problem=OuterRef("pk"))))
    solved = Q(Exists(mine.filter(mode=Submission.Mode.SUBMIT, verdict="accepted"))) | (
        Q(Exists(quiz.filter(correct=True))) & ~shown
    )
    attempted = Q(Exists(mine)) | Q(Exists(quiz)) | shown
    return problems.annotate(
        solved=ExpressionWrapper(solved, output_field=BooleanField()),
        revealed=ExpressionWrapper(shown & ~solved, output_field=BooleanField()),
        attempted=ExpressionWrapper(attempted, output_field=BooleanField()),
    )


def filter_state(problems: QuerySet[Problem], state: str) -> QuerySet[Problem]:
    """Problems (annotated by annotate_state) in one state; the list's filter."""
    return {
        State.SOLVED: problems.filter(solved=True),
        State.REVEALED: problems.filter(revealed=True),
        State.ATTEMPTED: problems.filter(attempted=True, solved=False, revealed=False),
        State.NEW: problems.filter(attempted=False),
    }[State(state)]


@dataclass(frozen=True)
class QuizStatus:
    state: State
    attempts: int  # answers given, right or wrong
    last: QuizAttempt | None
    revealed_after: int | None  # wrong answers before the answer was shown

    @property
    def open(self) -> bool:
        """Still takes answers."""
        return self.state in (State.NEW, State.ATTEMPTED)

    @property
    def shows_answer(self) -> bool:
        return not self.open


def quiz_status(user: User, problem: Problem) -> QuizStatus:
    attempts = list(QuizAttempt.objects.filter(user=user, problem=problem))  # newest first
    reveal = QuizReveal.objects.filter(user=user, problem=problem).first()
    solved = any(a.correct for a in attempts) and reveal is None
    return QuizStatus(
        state=state_of(solved, reveal is not None, bool(attempts)),
        attempts=len(attempts),
        last=attempts[0] if attempts else None,
        revealed_after=reveal.attempts_before if reveal else None,
    )


def is_solved(user: User, problem: Problem) -> bool:
    if problem.is_quiz:
        return quiz_status(user, problem).state is State.SOLVED
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
    attempted: int  # tried, not solved, answer not shown
    revealed: int

    @property
    def new(self) -> int:
        return self.total - self.solved - self.attempted - self.revealed

    @property
    def percent(self) -> int:
        return round(100 * self.solved / self.total) if self.total else 0

    def bars(self) -> list[tuple[str, float]]:
        """(state, percent of the topic's problems) for the stacked bar, new left empty."""
        counts = [("solved", self.solved), ("attempted", self.attempted)]
        counts.append(("revealed", self.revealed))
        return [(name, round(100 * n / self.total, 2)) for name, n in counts if n and self.total]


def _counts(topic: str, states: list[State]) -> TopicProgress:
    return TopicProgress(
        topic=topic,
        total=len(states),
        solved=states.count(State.SOLVED),
        attempted=states.count(State.ATTEMPTED),
        revealed=states.count(State.REVEALED),
    )


@dataclass(frozen=True)
class Summary:
    overall: TopicProgress  # every active problem once
    topics: list[TopicProgress]  # most problems first


def progress_summary(user: User) -> Summary:
    problems = annotate_state(Problem.objects.filter(is_active=True), user)
    state = {p.pk: state_of(p.solved, p.revealed, p.attempted) for p in problems}
    topics = []
    for topic in Topic.objects.prefetch_related("problems"):
        states = [state[p.pk] for p in topic.problems.all() if p.pk in state]
        if states:
            topics.append(_counts(topic.slug, states))
    topics.sort(key=lambda row: (-row.total, row.topic))
    return Summary(overall=_counts("", list(state.values())), topics=topics)


def topic_progress(user: User) -> list[TopicProgress]:
    return progress_summary(user).topics
