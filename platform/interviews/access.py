"""Who is this, in this session? The interviewer by their account; the candidate by the
key their browser's Django session received when the invite admitted them."""

from __future__ import annotations

from typing import Any

from interviews.models import Participant, Session

SESSION_KEY = "interview_keys"  # {session id: participant key} in the Django session


def remember(django_session: Any, participant: Participant) -> None:
    keys = dict(django_session.get(SESSION_KEY, {}))
    keys[str(participant.session_id)] = participant.key
    django_session[SESSION_KEY] = keys


def participant_for(session_id: int, user: Any, django_session: Any) -> Participant | None:
    if user is not None and user.is_authenticated:
        mine = Participant.objects.filter(
            session_id=session_id, user=user, role=Participant.Role.INTERVIEWER
        ).first()
        if mine is not None:
            return mine
    key = (django_session.get(SESSION_KEY, {}) if django_session is not None else {}).get(
        str(session_id)
    )
    if not key:
        return None
    return (
        Participant.objects.filter(session_id=session_id, key=key).select_related("session").first()
    )


def may_review(session: Session, user: Any) -> bool:
    """The replay and the scorecard: the session's interviewer and the hiring team; for a
    session held for an assessment, only that position's members (assessments.access)."""
    if user is None or not user.is_authenticated:
        return False
    if session.interviewer_id == user.pk or user.is_superuser:
        return True
    from assessments.models import AttemptInterview

    position = (
        AttemptInterview.objects.filter(session_id=session.pk)
        .values_list("attempt__assessment__position_id", flat=True)
        .first()
    )
    if position is not None:
        from assessments.access import role_in

        return role_in(position, user) is not None
    return user.is_hiring_manager
