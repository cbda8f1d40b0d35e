"""What people do to a session, in one place: create, invite, join, switch, lock, run,
end. Views and consumers call these; each checks the session's state itself."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from grading.options import FaultSwitches
from practice.models import Submission
from practice.services import SubmissionRefused, check_source

from interviews import doc, live
from interviews.models import (
    INVITE_LIFETIME,
    DocUpdate,
    Evaluation,
    Invite,
    Participant,
    Scorecard,
    Session,
    SessionItem,
    SessionRun,
)

RUNS_PER_MINUTE = 12  # per session: both people share it


class Refused(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


@transaction.atomic
def create_session(interviewer, title: str, problems: list, blank: bool) -> Session:
    session = Session.objects.create(interviewer=interviewer, title=title)
    sources = list(problems) + ([None] if blank or not problems else [])
    for position, problem in enumerate(sources):
        item = SessionItem.objects.create(session=session, position=position, problem=problem)
        DocUpdate.objects.create(item=item, update=doc.starter_update(item.starter))
    session.current = session.items.first()
    session.save(update_fields=["current"])
    Invite.objects.create(session=session, expires_at=timezone.now() + INVITE_LIFETIME)
    Participant.objects.create(
        session=session,
        role=Participant.Role.INTERVIEWER,
        name=interviewer.get_full_name() or interviewer.username,
        user=interviewer,
    )
    Evaluation.objects.create(session=session)
    return session


def join(token: str, name: str) -> Participant:
    """The invite admits one person: the first to use it; it is spent in the same UPDATE."""
    name = name.strip()[:80]
    if not name:
        raise Refused(_("Please give your name."))
    now = timezone.now()
    with transaction.atomic():
        invite = Invite.objects.select_related("session").filter(token=token).first()
        if invite is None or not invite.session.is_open:
            raise Refused(_("This invitation is not valid."), status=404)
        spent = Invite.objects.filter(pk=invite.pk, used_at__isnull=True, expires_at__gt=now)
        if not spent.update(used_at=now):
            raise Refused(_("This invitation has expired or was already used."), status=410)
        return Participant.objects.create(
            session=invite.session, role=Participant.Role.CANDIDATE, name=name
        )


def renew_invite(session: Session) -> Invite:
    Invite.objects.filter(session=session).delete()
    return Invite.objects.create(session=session, expires_at=timezone.now() + INVITE_LIFETIME)


def _open(session: Session) -> None:
    if not session.is_open:
        raise Refused(_("The session has ended; it is read-only."), status=409)


def set_controls(session: Session, **controls: object) -> Session:
    """Switch item, lock the editor, disable runs: the interviewer's buttons."""
    _open(session)
    fields = []
    if "current" in controls:
        item = session.items.filter(pk=controls["current"]).first()
        if item is None:
            raise Refused(_("No such item in this session."))
        session.current = item
        fields.append("current")
    for name in ("editor_locked", "runs_disabled"):
        if name in controls:
            setattr(session, name, bool(controls[name]))
            fields.append(name)
    session.save(update_fields=fields)
    live.publish_state(session)
    return session


def current_code(item: SessionItem) -> str:
    return doc.text_of(list(item.updates.values_list("update", flat=True)))


def run(
    session: Session, participant: Participant, mode: str, switches: FaultSwitches
) -> SessionRun:
    """A run through the grading queue, in the interview's context. The code is the shared
    document as the server holds it, so the replay shows exactly what ran."""
    _open(session)
    if not participant.is_interviewer and session.runs_disabled:
        raise Refused(_("The interviewer has turned runs off."), status=403)
    if not participant.is_interviewer:
        switches = FaultSwitches()  # the switches are the interviewer's
    item = session.current
    if item is None or item.problem is None:
        raise Refused(_("A blank file has no tests to run."))
    if mode not in Submission.Mode.values:
        raise Refused(_("Unknown mode."))
    source = current_code(item)
    try:
        check_source(source)
    except SubmissionRefused as refused:
        raise Refused(refused.message, status=refused.status) from refused
    recent = session.runs.filter(created_at__gte=timezone.now() - timedelta(minutes=1)).count()
    if recent >= RUNS_PER_MINUTE:
        raise Refused(_("Too many runs this minute; wait a little."), status=429)
    from grading import grading

    with transaction.atomic():
        submission = Submission.objects.create(
            user=session.interviewer,
            problem=item.problem,
            problem_hash=item.problem.content_hash,
            mode=mode,
            source=source,
            context=Submission.Context.INTERVIEW,
            engine_options=switches.overrides(),
            lease_until=timezone.now()
            + timedelta(seconds=settings.GOCONCUR_QUEUE_DEADLINE_SECONDS),
        )
        session_run = SessionRun.objects.create(
            session=session, item=item, participant=participant, submission=submission
        )
        grading.enqueue_on_commit(submission.pk)
    transaction.on_commit(lambda: live.publish_run(session_run))
    return session_run


def save_evaluation(session: Session, notes=None, rubric=None, recommendation=None) -> Evaluation:
    _open(session)
    evaluation = session.evaluation
    if notes is not None:
        evaluation.notes = notes[:100_000]
    if rubric is not None:
        evaluation.rubric = rubric
    if recommendation is not None:
        evaluation.recommendation = recommendation
    evaluation.save()
    return evaluation


@transaction.atomic
def end(session: Session) -> Scorecard:
    """Read-only from now on; the scorecard keeps what the hiring team reads."""
    _open(session)
    session.status = Session.Status.ENDED
    session.ended_at = timezone.now()
    session.save(update_fields=["status", "ended_at"])
    Invite.objects.filter(session=session, used_at__isnull=True).update(used_at=session.ended_at)
    evaluation = session.evaluation
    last = (
        SessionRun.objects.filter(session=session, submission__status=Submission.Status.DONE)
        .order_by("-submission__finished_at")
        .values_list("submission_id", flat=True)
        .first()
    )
    candidate = session.participants.filter(role=Participant.Role.CANDIDATE).first()
    scorecard = Scorecard.objects.create(
        session=session,
        interviewer=session.interviewer,
        candidate_name=candidate.name if candidate else "",
        rubric=evaluation.rubric,
        recommendation=evaluation.recommendation,
        notes=evaluation.notes,
        last_result_id=last,
    )
    transaction.on_commit(lambda: live.publish_state(session))
    return scorecard
