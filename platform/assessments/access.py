"""Who sees what. A position's assessments, attempts and reports are for its members only
(hiring managers manage, interviewers read); a candidate sees their own attempt, and its
results only once the team publishes them. Outsiders get 404, so ids leak nothing."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from assessments.models import Assessment, Attempt, Membership, Position


def positions_for(user: Any) -> QuerySet[Position]:
    if not user.is_authenticated:
        return Position.objects.none()
    if user.is_superuser:
        return Position.objects.all()
    return Position.objects.filter(memberships__user=user).distinct()


def role_in(position_id: int, user: Any) -> str | None:
    """The member's role, "hiring_manager" for superusers, None for everyone else."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Membership.Role.HIRING_MANAGER
    return (
        Membership.objects.filter(position_id=position_id, user=user)
        .values_list("role", flat=True)
        .first()
    )


def viewable_position(user: Any, pk: int) -> Position:
    if role_in(pk, user) is None:
        raise Http404
    return Position.objects.get(pk=pk)


def managed_position(user: Any, pk: int) -> Position:
    if role_in(pk, user) != Membership.Role.HIRING_MANAGER:
        raise Http404
    return Position.objects.get(pk=pk)


def viewable_assessment(user: Any, pk: int, manage: bool = False) -> Assessment:
    assessment = Assessment.objects.select_related("position").filter(pk=pk).first()
    if assessment is None:
        raise Http404
    role = role_in(assessment.position_id, user)
    if role is None or (manage and role != Membership.Role.HIRING_MANAGER):
        raise Http404
    return assessment


def viewable_attempt(user: Any, pk: int) -> Attempt:
    """For the team's report: members of the attempt's position only."""
    attempt = Attempt.objects.select_related("assessment__position", "user").filter(pk=pk).first()
    if attempt is None or role_in(attempt.assessment.position_id, user) is None:
        raise Http404
    return attempt


def own_attempt(user: Any, pk: int) -> Attempt:
    """For the candidate's side: their own attempt, nobody else's."""
    if not user.is_authenticated:
        raise Http404
    attempt = Attempt.objects.select_related("assessment").filter(pk=pk, user=user).first()
    if attempt is None:
        raise Http404
    return attempt
