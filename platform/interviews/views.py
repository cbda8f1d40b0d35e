"""Pages and actions of a session. The interviewer's panel (follow-ups, notes, rubric,
full results) is rendered only for the interviewer participant: the candidate's HTML,
sockets and JSON never contain it."""

from __future__ import annotations

import contextlib
import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from grading.options import FaultSwitches

from interviews import services
from interviews.access import may_review, participant_for, remember
from interviews.forms import JoinForm, NewSessionForm, clean_rubric
from interviews.models import (
    SKILLS,
    DocUpdate,
    Invite,
    Participant,
    Rating,
    Session,
    SessionRun,
)
from problems.models import FollowUp
from problems.rendering import render_markdown


def _interviewer_only(request: HttpRequest) -> None:
    if not request.user.is_authenticated or not request.user.is_interviewer:
        raise PermissionDenied


def _participant(request: HttpRequest, pk: int) -> Participant:
    participant = participant_for(pk, request.user, request.session)
    if participant is None:
        raise Http404  # 404, not 403: session ids leak nothing
    return participant


def _refused(error: services.Refused) -> JsonResponse:
    return JsonResponse({"error": error.message}, status=error.status)


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_interviewer:
        sessions = Session.objects.filter(interviewer=user)
    elif user.is_hiring_manager:
        # Sessions held for an assessment are listed to that position's members only.
        sessions = Session.objects.filter(status=Session.Status.ENDED).exclude(
            Q(assessment_link__isnull=False)
            & ~Q(assessment_link__attempt__assessment__position__memberships__user=user)
        )
    else:
        raise PermissionDenied
    return render(
        request, "interviews/list.html", {"sessions": sessions.select_related("interviewer")}
    )


@login_required
def new_session(request: HttpRequest) -> HttpResponse:
    _interviewer_only(request)
    form = NewSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = services.create_session(
            request.user,
            form.cleaned_data["title"],
            list(form.cleaned_data["problems"]),
            form.cleaned_data["blank"],
        )
        return redirect("interviews:session", pk=session.pk)
    return render(request, "interviews/new.html", {"form": form})


def join(request: HttpRequest, token: str) -> HttpResponse:
    # The person the link already admitted comes back in (a closed tab, a new visit).
    invite = Invite.objects.filter(token=token).only("session_id").first()
    if invite and participant_for(invite.session_id, None, request.session) is not None:
        return redirect("interviews:session", pk=invite.session_id)
    form = JoinForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.join(token, form.cleaned_data["name"])
        except services.Refused as refused:
            error = refused.message
        else:
            remember(request.session, participant)
            return redirect("interviews:session", pk=participant.session_id)
    return render(request, "interviews/join.html", {"form": form, "error": error})


def session_page(request: HttpRequest, pk: int) -> HttpResponse:
    me = _participant(request, pk)
    session = Session.objects.select_related("current__problem").get(pk=pk)
    item = session.current
    context = {
        "session": session,
        "me": me,
        "item": item,
        "items": session.items.select_related("problem"),
        "statement": item.problem.statement_html() if item and item.problem else "",
        "runs": SessionRun.objects.filter(session=session)
        .select_related("participant", "submission")
        .order_by("-id")[:20],
    }
    if me.is_interviewer:  # the private panel exists in this page only for the interviewer
        evaluation = session.evaluation
        context.update(
            invite=getattr(session, "invite", None),
            followups=FollowUp.objects.filter(problem=item.problem)
            if item and item.problem
            else [],
            evaluation=evaluation,
            skills=[(key, label, evaluation.rubric.get(key, {})) for key, label in SKILLS],
            ratings=Rating.choices,
        )
    return render(request, "interviews/session.html", context)


def _own(request: HttpRequest, pk: int) -> Session:
    me = _participant(request, pk)
    if not me.is_interviewer:
        raise PermissionDenied
    return Session.objects.get(pk=pk)


@require_POST
def control(request: HttpRequest, pk: int) -> HttpResponse:
    session = _own(request, pk)
    controls: dict[str, object] = {}
    if "current" in request.POST:
        controls["current"] = request.POST["current"]
    for name in ("editor_locked", "runs_disabled"):
        if name in request.POST:
            controls[name] = request.POST[name] in {"1", "true", "on"}
    try:
        services.set_controls(session, **controls)
    except services.Refused as refused:
        return _refused(refused)
    return JsonResponse({"ok": True})


@require_POST
def run(request: HttpRequest, pk: int) -> HttpResponse:
    me = _participant(request, pk)
    session = Session.objects.select_related("current__problem").get(pk=pk)
    try:
        session_run = services.run(
            session, me, request.POST.get("mode", "run"), FaultSwitches.from_post(request.POST)
        )
    except services.Refused as refused:
        return _refused(refused)
    return JsonResponse({"run": session_run.pk}, status=202)


@require_POST
def evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    session = _own(request, pk)
    try:
        data = json.loads(request.body or b"{}")
        rubric = clean_rubric(data["rubric"]) if "rubric" in data else None
        recommendation = data.get("recommendation")
        if recommendation not in (None, "", *Rating.values):
            raise ValueError("unknown recommendation")
        services.save_evaluation(
            session, notes=data.get("notes"), rubric=rubric, recommendation=recommendation
        )
    except (ValueError, KeyError, TypeError) as error:
        return JsonResponse({"error": str(error)}, status=400)
    except services.Refused as refused:
        return _refused(refused)
    return JsonResponse({"saved": True})


@require_POST
def renew_invite(request: HttpRequest, pk: int) -> HttpResponse:
    session = _own(request, pk)
    if session.is_open:
        services.renew_invite(session)
    return redirect("interviews:session", pk=pk)


@require_POST
def end(request: HttpRequest, pk: int) -> HttpResponse:
    session = _own(request, pk)
    with contextlib.suppress(services.Refused):  # already ended: the scorecard exists
        services.end(session)
    return redirect("interviews:scorecard", pk=pk)


def _reviewable(request: HttpRequest, pk: int) -> Session:
    session = get_object_or_404(Session, pk=pk)
    if not may_review(session, request.user):
        raise Http404
    return session


def replay(request: HttpRequest, pk: int) -> HttpResponse:
    session = _reviewable(request, pk)
    return render(
        request,
        "interviews/replay.html",
        {"session": session, "data_url": reverse("interviews:replay_data", args=[pk])},
    )


def replay_data(request: HttpRequest, pk: int) -> JsonResponse:
    from interviews.timeline import timeline

    session = _reviewable(request, pk)
    return JsonResponse(timeline(session))


def scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    session = _reviewable(request, pk)
    card = getattr(session, "scorecard", None)
    if card is None:
        raise Http404
    labels = dict(SKILLS)
    rows = [
        (labels.get(skill, skill), Rating(v["rating"]).label if v.get("rating") else "", v)
        for skill, v in card.rubric.items()
    ]
    return render(
        request,
        "interviews/scorecard.html",
        {
            "session": session,
            "card": card,
            "rows": rows,
            "notes_html": render_markdown(card.notes),
            "edits": DocUpdate.objects.filter(item__session=session).count(),
        },
    )
