"""What people do in an assessment, in one place. Views call these; each checks the
attempt's state itself, on the server: the deadline, a quiz answered once, a submission per
item at a time. A Refused carries the message the person reads."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from practice.models import Submission
from practice.services import SubmissionRefused, check_source

from assessments import scores
from assessments.models import (
    Assessment,
    AssessmentItem,
    Attempt,
    AttemptInterview,
    Event,
    Invitation,
    ItemWork,
    Membership,
    Position,
)
from problems.models import Problem


class Refused(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


# ---- the team's side


@transaction.atomic
def create_position(user: Any, title: str, description: str = "") -> Position:
    position = Position.objects.create(title=title, description=description, created_by=user)
    Membership.objects.create(position=position, user=user, role=Membership.Role.HIRING_MANAGER)
    return position


def add_member(position: Position, user: Any, role: str) -> Membership:
    membership, _created = Membership.objects.update_or_create(
        position=position, user=user, defaults={"role": role}
    )
    return membership


@transaction.atomic
def create_assessment(
    position: Position,
    user: Any,
    *,
    title: str,
    problems: list[Problem],
    time_limit_minutes: int,
    opens_at: datetime,
    closes_at: datetime,
    hints_allowed: bool = False,
    with_interview: bool = False,
) -> Assessment:
    if not problems:
        raise Refused(_("Choose at least one item."))
    if closes_at <= opens_at:
        raise Refused(_("The window must close after it opens."))
    assessment = Assessment.objects.create(
        position=position,
        title=title,
        time_limit_minutes=time_limit_minutes,
        opens_at=opens_at,
        closes_at=closes_at,
        hints_allowed=hints_allowed,
        with_interview=with_interview,
        created_by=user,
    )
    AssessmentItem.objects.bulk_create(
        AssessmentItem(assessment=assessment, position=n, problem=problem)
        for n, problem in enumerate(problems)
    )
    return assessment


def invite(assessment: Assessment, emails: list[str], links: int, url_for: Any) -> list[Invitation]:
    """One invitation per address (sent by e-mail) and `links` more to hand out by hand.
    `url_for(invitation)` makes the absolute link that goes in the message."""
    created = [Invitation.objects.create(assessment=assessment, email=e) for e in emails]
    created += [Invitation.objects.create(assessment=assessment) for _n in range(links)]
    for invitation in created:
        if invitation.email:
            send_invitation(invitation, url_for(invitation))
    return created


def send_invitation(invitation: Invitation, url: str) -> None:
    assessment = invitation.assessment
    body = _(
        "You are invited to the assessment “%(title)s” for %(position)s.\n\n"
        "It has %(items)d items and a time limit of %(minutes)d minutes, counted from "
        "the moment you start. It can be started until %(closes)s (UTC).\n\n"
        "Start here: %(url)s\n"
    ) % {
        "title": assessment.title,
        "position": assessment.position.title,
        "items": assessment.items.count(),
        "minutes": assessment.time_limit_minutes,
        "closes": assessment.closes_at.strftime("%Y-%m-%d %H:%M"),
        "url": url,
    }
    send_mail(
        _("Invitation: %(title)s") % {"title": assessment.title},
        body,
        settings.DEFAULT_FROM_EMAIL,
        [invitation.email],
    )
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())


def publish(assessment: Assessment) -> None:
    Assessment.objects.filter(pk=assessment.pk, published_at__isnull=True).update(
        published_at=timezone.now()
    )


def add_interview(attempt: Attempt, interviewer: Any) -> AttemptInterview:
    """A live session on the assessment's coding items, run by one of the position's
    interviewers; its scorecard and replay join the candidate's report."""
    from interviews.services import create_session

    if not Membership.objects.filter(
        position_id=attempt.assessment.position_id, user=interviewer
    ).exists():
        raise Refused(_("The interviewer must be a member of the position."))
    problems = [
        item.problem
        for item in attempt.assessment.items.select_related("problem")
        if not item.problem.is_quiz
    ]
    title = f"{attempt.assessment.title} · {attempt.user.get_full_name() or attempt.user}"
    session = create_session(interviewer, title[:200], problems, blank=not problems)
    return AttemptInterview.objects.create(attempt=attempt, session=session)


# ---- the candidate's side


def accept(token: str, user: Any, now: datetime | None = None) -> Attempt:
    """Starts the attempt (the clock starts now), or returns it when it already exists:
    opening the link again, from any device, goes back to the same work."""
    now = now or timezone.now()
    invitation = Invitation.objects.select_related("assessment").filter(token=token).first()
    if invitation is None:
        raise Refused(_("This invitation is not valid."), status=404)
    existing = Attempt.objects.filter(invitation=invitation).first()
    if existing is not None:
        if existing.user_id != user.pk:
            raise Refused(_("This invitation was already used by someone else."), status=410)
        return existing
    assessment = invitation.assessment
    if now < assessment.opens_at:
        raise Refused(
            _("This assessment opens at %(when)s (UTC).")
            % {"when": assessment.opens_at.strftime("%Y-%m-%d %H:%M")},
            status=403,
        )
    if now >= assessment.closes_at:
        raise Refused(_("This assessment has closed."), status=410)
    if Attempt.objects.filter(assessment=assessment, user=user).exists():
        raise Refused(_("You have already taken this assessment."), status=409)
    deadline = min(now + timedelta(minutes=assessment.time_limit_minutes), assessment.closes_at)
    try:
        return _start(invitation, user, now, deadline)
    except IntegrityError:  # a racing start of the same invitation (a double click, two people)
        winner = Attempt.objects.filter(invitation=invitation).first()
        if winner is not None and winner.user_id == user.pk:
            return winner
        raise Refused(_("This invitation was already used by someone else."), status=410) from None


def _start(invitation: Invitation, user: Any, now: datetime, deadline: datetime) -> Attempt:
    assessment = invitation.assessment
    with transaction.atomic():
        attempt = Attempt.objects.create(
            invitation=invitation,
            assessment=assessment,
            user=user,
            started_at=now,
            deadline=deadline,
        )
        blank = scores.not_submitted()
        ItemWork.objects.bulk_create(
            ItemWork(attempt=attempt, item=item, draft=item.problem.starter, **blank)
            for item in assessment.items.select_related("problem")
        )
    return attempt


def _open_for_work(attempt: Attempt, now: datetime | None = None) -> None:
    now = now or timezone.now()
    if attempt.finished_at is not None:
        raise Refused(_("You have finished this assessment; nothing more can be changed."), 409)
    if now >= attempt.deadline:
        raise Refused(
            _("Time is up: the deadline was %(when)s (UTC). Work saved before it is kept.")
            % {"when": attempt.deadline.strftime("%Y-%m-%d %H:%M:%S")},
            status=409,
        )


def work_for(attempt: Attempt, number: int) -> ItemWork:
    work = (
        ItemWork.objects.select_related("item__problem")
        .filter(attempt=attempt, item__position=number - 1)
        .first()
    )
    if work is None:
        raise Refused(_("No such item."), status=404)
    return work


def record_open(attempt: Attempt, work: ItemWork) -> None:
    """Opening an item starts its clock (and stops the previous item's)."""
    if attempt.is_over():
        return
    last = attempt.events.filter(kind=Event.Kind.OPEN).order_by("-at", "-id").first()
    if last is None or last.item_id != work.item_id:
        Event.objects.create(attempt=attempt, item=work.item, kind=Event.Kind.OPEN)


def save_draft(attempt: Attempt, work: ItemWork, source: str, pasted: list[int]) -> datetime:
    """The draft, saved as typed; pastes are recorded with their size."""
    _open_for_work(attempt)
    try:
        check_source(source) if source.strip() else None
    except SubmissionRefused as refused:
        raise Refused(refused.message, refused.status) from None
    now = timezone.now()
    ItemWork.objects.filter(pk=work.pk).update(draft=source, draft_saved_at=now)
    Event.objects.bulk_create(
        Event(attempt=attempt, item=work.item, kind=Event.Kind.PASTE, size=max(0, int(size)))
        for size in pasted[:50]
        if int(size) > 0
    )
    return now


def submit(attempt: Attempt, work: ItemWork, source: str) -> Submission:
    """A coding item's answer, graded by the grading queue (context assessment). Submitting
    again replaces the answer; one grading per item at a time."""
    from grading import grading
    from reports.similarity import fingerprint_hashes

    _open_for_work(attempt)
    problem = work.item.problem
    if problem.is_quiz:
        raise Refused(_("A quiz is answered by choosing an option."))
    try:
        check_source(source)
    except SubmissionRefused as refused:
        raise Refused(refused.message, refused.status) from None
    if work.submission_id and work.state == ItemWork.State.GRADING:
        raise Refused(_("Your previous answer to this item is still being graded."), 429)
    with transaction.atomic():
        submission = Submission.objects.create(
            user=attempt.user,
            problem=problem,
            problem_hash=problem.content_hash,
            mode=Submission.Mode.SUBMIT,
            source=source,
            context=Submission.Context.ASSESSMENT,
            lease_until=timezone.now()
            + timedelta(seconds=settings.GOCONCUR_QUEUE_DEADLINE_SECONDS),
        )
        ItemWork.objects.filter(pk=work.pk).update(
            submission=submission,
            state=ItemWork.State.GRADING,
            submitted_at=submission.created_at,
            submissions_count=F("submissions_count") + 1,
            draft=source,
            draft_saved_at=submission.created_at,
            fingerprints=fingerprint_hashes(source),
        )
        Event.objects.create(attempt=attempt, item=work.item, kind=Event.Kind.SUBMIT)
        grading.enqueue_on_commit(submission.pk)
    return submission


def answer_quiz(attempt: Attempt, work: ItemWork, choice: str) -> None:
    """Final: the first answer stands (one conditional UPDATE), and it is not revealed."""
    _open_for_work(attempt)
    problem = work.item.problem
    if not problem.is_quiz:
        raise Refused(_("This item is answered with code."))
    if choice not in {c["id"] for c in problem.quiz_choices}:
        raise Refused(_("Choose one of the options."))
    correct = choice == problem.secret.quiz_answer
    answered = ItemWork.objects.filter(pk=work.pk, quiz_choice="").update(
        quiz_choice=choice, state=ItemWork.State.ANSWERED, submitted_at=timezone.now(),
        submissions_count=1,
        **{k: v for k, v in scores.quiz(correct).items()},
    )  # fmt: skip
    if not answered:
        raise Refused(_("This quiz was already answered; an answer is final."), 409)
    Event.objects.create(attempt=attempt, item=work.item, kind=Event.Kind.SUBMIT)


def reveal_hint(attempt: Attempt, work: ItemWork) -> int:
    _open_for_work(attempt)
    if not attempt.assessment.hints_allowed:
        raise Refused(_("Hints are not allowed in this assessment."), 403)
    available = work.item.problem.hints.count()
    ItemWork.objects.filter(pk=work.pk, hints_revealed__lt=available).update(
        hints_revealed=F("hints_revealed") + 1
    )
    return ItemWork.objects.values_list("hints_revealed", flat=True).get(pk=work.pk)


def finish(attempt: Attempt, timed_out: bool = False) -> bool:
    """Ends the attempt once (a conditional UPDATE); the team's webhook follows as soon
    as every answer is graded."""
    now = timezone.now()
    if not timed_out and now >= attempt.deadline:
        timed_out = True
    ended = Attempt.objects.filter(pk=attempt.pk, finished_at__isnull=True).update(
        finished_at=min(now, attempt.deadline), timed_out=timed_out
    )
    if ended:
        Event.objects.create(attempt=attempt, kind=Event.Kind.FINISH, at=min(now, attempt.deadline))
        from assessments.notify import notify_when_graded

        transaction.on_commit(lambda: notify_when_graded(attempt.pk))
    return bool(ended)


def close_expired(now: datetime | None = None) -> list[int]:
    """Attempts whose deadline passed unfinished are finished as timed out (run on a timer
    and before the team's pages read them)."""
    now = now or timezone.now()
    closed = []
    for attempt in Attempt.objects.filter(finished_at__isnull=True, deadline__lte=now):
        if finish(attempt, timed_out=True):
            closed.append(attempt.pk)
    return closed
