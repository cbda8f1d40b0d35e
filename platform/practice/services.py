"""Creating submissions: size cap, per-user rate limit, then the row and its task."""

from __future__ import annotations

from datetime import timedelta

from accounts.models import User
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from practice.models import QuizAttempt, QuizReveal, Submission
from problems.models import Problem

# What creating a submission reads of its problem: the statements are not needed to queue.
SUBMIT_FIELDS = ("id", "slug", "kind", "title_en", "title_zh", "is_active", "content_hash")


class SubmissionRefused(Exception):
    """Not accepted; the message is for the person and says what to do."""

    def __init__(self, message: str, *, status: int = 400, retry_after: int | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after


def check_source(source: str) -> None:
    size = len(source.encode("utf-8", errors="surrogatepass"))
    limit = settings.GOCONCUR_MAX_SOURCE_BYTES
    if size > limit:
        raise SubmissionRefused(
            _("Your code is %(size).1f KiB; the limit is %(limit)d KiB. Please shorten it.")
            % {"size": size / 1024, "limit": limit // 1024},
            status=413,
        )
    if not source.strip():
        raise SubmissionRefused(_("The code is empty."))
    if "\x00" in source:
        raise SubmissionRefused(_("The code contains a NUL byte."))


def check_rate(user: User) -> None:
    now = timezone.now()
    window = Q(created_at__gte=now - timedelta(minutes=1))
    counts = Submission.objects.filter(user=user, context=Submission.Context.PRACTICE).aggregate(
        in_flight=Count("pk", filter=~Q(status=Submission.Status.DONE)),
        recent=Count("pk", filter=window),
        oldest=Min("created_at", filter=window),
    )
    in_flight = counts["in_flight"]
    if in_flight >= settings.GOCONCUR_MAX_IN_FLIGHT:
        raise SubmissionRefused(
            ngettext(
                "You already have %(n)d submission waiting to be graded; "
                "please wait for it to finish.",
                "You already have %(n)d submissions waiting to be graded; "
                "please wait for one to finish.",
                in_flight,
            )
            % {"n": in_flight},
            status=429,
            retry_after=5,
        )
    limit = settings.GOCONCUR_RATE_LIMIT_PER_MINUTE
    if counts["recent"] >= limit:
        wait = max(1, int((counts["oldest"] + timedelta(minutes=1) - now).total_seconds()) + 1)
        raise SubmissionRefused(
            _("At most %(limit)d runs and submissions per minute. Try again in %(wait)d s.")
            % {"limit": limit, "wait": wait},
            status=429,
            retry_after=wait,
        )


def create_submission(user: User, problem: Problem, source: str, mode: str) -> Submission:
    if problem.is_quiz:
        raise SubmissionRefused(_("A quiz is answered by choosing an option, not with code."))
    if not problem.is_active:
        raise SubmissionRefused(_("This problem has been retired."), status=410)
    if mode not in Submission.Mode.values:
        raise SubmissionRefused(_("Unknown mode."))
    check_source(source)
    check_rate(user)  # most refusals end here, without taking the write lock
    from grading import grading  # the queue module imports Celery; keep forms light

    # Check again and insert under one lock, or racing requests of one user all pass the
    # check: SQLite's IMMEDIATE transaction is that lock; elsewhere the user's row is.
    with transaction.atomic():
        if connection.features.has_select_for_update:
            list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk"))
        check_rate(user)
        submission = Submission.objects.create(
            user=user,
            problem=problem,
            problem_hash=problem.content_hash,
            mode=mode,
            source=source,
            lease_until=timezone.now()
            + timedelta(seconds=settings.GOCONCUR_QUEUE_DEADLINE_SECONDS),
        )
        grading.enqueue_on_commit(submission.pk)
    # No "queued" event: nobody can be listening to a submission that did not exist yet
    # (the page subscribes after this returns, and gets the row's state on connect).
    return submission


def answer_quiz(user: User, problem: Problem, choice: str) -> QuizAttempt:
    """One answer, counted. Solved by a right answer only; after the answer was shown, or
    once solved, no more answers are taken (they could not change anything)."""
    ids = {c["id"] for c in problem.quiz_choices}
    if choice not in ids:
        raise SubmissionRefused(_("Choose one of the options."))
    with transaction.atomic():
        if connection.features.has_select_for_update:
            list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk"))
        if QuizReveal.objects.filter(user=user, problem=problem).exists():
            raise SubmissionRefused(
                _("The answer has been shown: this quiz takes no more answers.")
            )
        if QuizAttempt.objects.filter(user=user, problem=problem, correct=True).exists():
            raise SubmissionRefused(_("You have already solved this quiz."))
        correct = choice == problem.secret.quiz_answer
        return QuizAttempt.objects.create(
            user=user, problem=problem, choice=choice, correct=correct
        )


def reveal_quiz(user: User, problem: Problem) -> QuizReveal:
    """Shows the answer, once and for good: the quiz then counts as revealed, not solved."""
    with transaction.atomic():
        if connection.features.has_select_for_update:
            list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk"))
        if QuizAttempt.objects.filter(user=user, problem=problem, correct=True).exists():
            raise SubmissionRefused(_("You have already solved this quiz."))
        reveal, _created = QuizReveal.objects.get_or_create(
            user=user,
            problem=problem,
            defaults={
                "attempts_before": QuizAttempt.objects.filter(user=user, problem=problem).count()
            },
        )
        return reveal
