"""The team's pages (positions, assessments, invitations, who is where) and the candidate's
(start, items in order with a timer, drafts saved as typed, submit, finish, results once
published). Every write re-checks the deadline on the server."""

from __future__ import annotations

import json

from accounts.models import User
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments import access, services
from assessments.forms import AssessmentForm, InviteForm, MemberForm, PositionForm
from assessments.models import Attempt, Invitation, ItemWork, Membership

# ---- the team


@login_required
def position_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_candidate and not user.is_superuser:
        return redirect("assessments:mine")
    form = PositionForm(request.POST or None) if user.is_hiring_manager else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            position = services.create_position(user, **form.cleaned_data)
            return redirect("assessments:position", pk=position.pk)
    positions = access.positions_for(user).annotate(n_assessments=Count("assessments"))
    return render(request, "assessments/positions.html", {"positions": positions, "form": form})


@login_required
def position_detail(request: HttpRequest, pk: int) -> HttpResponse:
    position = access.viewable_position(request.user, pk)
    manages = access.role_in(pk, request.user) == Membership.Role.HIRING_MANAGER
    member_form = MemberForm(request.POST or None) if manages else None
    if request.method == "POST":
        if member_form is None:
            raise Http404
        if member_form.is_valid():
            data = member_form.cleaned_data
            services.add_member(position, data["username"], data["role"])
            return redirect("assessments:position", pk=pk)
    assessments = position.assessments.annotate(
        n_items=Count("items", distinct=True), n_attempts=Count("attempts", distinct=True)
    )
    return render(
        request,
        "assessments/position.html",
        {
            "position": position,
            "manages": manages,
            "members": position.memberships.select_related("user"),
            "member_form": member_form,
            "assessments": assessments,
        },
    )


@login_required
def new_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    position = access.managed_position(request.user, pk)
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        assessment = services.create_assessment(
            position,
            request.user,
            title=data["title"],
            problems=form.ordered_problems(),
            time_limit_minutes=data["time_limit_minutes"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            hints_allowed=data["hints_allowed"],
            with_interview=data["with_interview"],
        )
        return redirect("assessments:assessment", pk=assessment.pk)
    return render(request, "assessments/new.html", {"position": position, "form": form})


def invitation_url(request: HttpRequest, invitation: Invitation) -> str:
    return request.build_absolute_uri(reverse("assessments:invitation", args=[invitation.token]))


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access.viewable_assessment(request.user, pk)
    services.close_expired()
    manages = access.role_in(assessment.position_id, request.user) == "hiring_manager"
    now = timezone.now()
    invitations = assessment.invitations.select_related("attempt__user").annotate(
        n_done=Count(
            "attempt__works",
            filter=Q(attempt__works__state__in=[ItemWork.State.GRADED, ItemWork.State.ANSWERED]),
        ),
        n_grading=Count("attempt__works", filter=Q(attempt__works__state=ItemWork.State.GRADING)),
    )
    rows = []
    counts = {"invited": 0, "working": 0, "finished": 0, "timed_out": 0}
    for invitation in invitations:
        attempt = getattr(invitation, "attempt", None)
        status = attempt.status(now) if attempt else "invited"
        counts[status] += 1
        rows.append(
            {
                "invitation": invitation,
                "attempt": attempt,
                "status": status,
                "link": invitation_url(request, invitation) if manages else "",
                "interviews": list(attempt.interviews.select_related("session__scorecard"))
                if attempt
                else [],
            }
        )
    return render(
        request,
        "assessments/assessment.html",
        {
            "assessment": assessment,
            "items": assessment.items.select_related("problem"),
            "rows": rows,
            "counts": counts,
            "manages": manages,
            "invite_form": InviteForm() if manages else None,
            "interviewers": User.objects.filter(
                position_memberships__position=assessment.position_id
            ),
        },
    )


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access.viewable_assessment(request.user, pk, manage=True)
    form = InviteForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect("assessments:assessment", pk=pk)
    created = services.invite(
        assessment,
        form.cleaned_data["emails"],
        form.cleaned_data["links"],
        lambda invitation: invitation_url(request, invitation),
    )
    messages.info(request, _("%(n)d invitation(s) created.") % {"n": len(created)})
    return redirect("assessments:assessment", pk=pk)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access.viewable_assessment(request.user, pk, manage=True)
    services.publish(assessment)
    messages.info(request, _("Results published: candidates now see their own scores."))
    return redirect("assessments:assessment", pk=pk)


@login_required
@require_POST
def add_interview(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = access.viewable_attempt(request.user, pk)
    if access.role_in(attempt.assessment.position_id, request.user) != "hiring_manager":
        raise Http404
    interviewer = User.objects.filter(pk=request.POST.get("interviewer") or 0).first()
    try:
        if interviewer is None:
            raise services.Refused(_("Choose an interviewer."))
        link = services.add_interview(attempt, interviewer)
    except services.Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.info(request, _("Interview session #%(n)d created.") % {"n": link.session_id})
    return redirect("assessments:assessment", pk=attempt.assessment_id)


# ---- the candidate


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    attempts = Attempt.objects.filter(user=request.user).select_related("assessment__position")
    return render(request, "assessments/mine.html", {"attempts": attempts, "now": timezone.now()})


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = Invitation.objects.select_related("assessment__position").filter(token=token).first()
    if found is None:
        raise Http404
    error = ""
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        try:
            attempt = services.accept(token, request.user)
        except services.Refused as refused:
            error = refused.message
        else:
            return redirect("assessments:take", pk=attempt.pk, number=1)
    assessment = found.assessment
    return render(
        request,
        "assessments/invitation.html",
        {
            "assessment": assessment,
            "n_items": assessment.items.count(),
            "error": error,
            "taken": Attempt.objects.filter(invitation=found).exists(),
        },
        status=400 if error else 200,
    )


def _refused(request: HttpRequest, refused: services.Refused, pk: int, number: int):
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"error": refused.message}, status=refused.status)
    messages.error(request, refused.message)
    return redirect("assessments:take", pk=pk, number=number)


@login_required
def take(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    attempt = access.own_attempt(request.user, pk)
    try:
        work = services.work_for(attempt, number)
    except services.Refused:
        raise Http404 from None
    services.record_open(attempt, work)
    problem = work.item.problem
    works = list(attempt.works.select_related("item").only("state", "item__position"))
    return render(
        request,
        "assessments/take.html",
        {
            "attempt": attempt,
            "assessment": attempt.assessment,
            "work": work,
            "problem": problem,
            "works": works,
            "number": number,
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number < len(works) else None,
            "over": attempt.is_over(),
            "choices": problem.quiz_choice_list() if problem.is_quiz else [],
            "hints": list(problem.hints.order_by("position")[: work.hints_revealed])
            if attempt.assessment.hints_allowed
            else [],
            "more_hints": attempt.assessment.hints_allowed
            and work.hints_revealed < problem.hints.count(),
        },
    )


@login_required
@require_POST
def save_draft(request: HttpRequest, pk: int, number: int) -> JsonResponse:
    attempt = access.own_attempt(request.user, pk)
    try:
        payload = json.loads(request.body or b"{}")
        source = str(payload.get("source", ""))
        pasted = [int(size) for size in payload.get("pasted", [])]
    except (ValueError, TypeError, AttributeError):
        return JsonResponse({"error": _("The draft could not be read.")}, status=400)
    try:
        saved = services.save_draft(attempt, services.work_for(attempt, number), source, pasted)
    except services.Refused as refused:
        return JsonResponse({"error": refused.message}, status=refused.status)
    return JsonResponse({"saved_at": saved.isoformat()})


@login_required
@require_POST
def submit(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    attempt = access.own_attempt(request.user, pk)
    try:
        work = services.work_for(attempt, number)
        services.submit(attempt, work, request.POST.get("source", ""))
    except services.Refused as refused:
        return _refused(request, refused, pk, number)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"state": ItemWork.State.GRADING}, status=202)
    messages.info(request, _("Answer received. Results are shown when the team publishes them."))
    return redirect("assessments:take", pk=pk, number=number)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    attempt = access.own_attempt(request.user, pk)
    try:
        work = services.work_for(attempt, number)
        services.answer_quiz(attempt, work, request.POST.get("choice", ""))
    except services.Refused as refused:
        return _refused(request, refused, pk, number)
    messages.info(request, _("Answer recorded. It is final."))
    return redirect("assessments:take", pk=pk, number=number)


@login_required
@require_POST
def hint(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    attempt = access.own_attempt(request.user, pk)
    try:
        services.reveal_hint(attempt, services.work_for(attempt, number))
    except services.Refused as refused:
        return _refused(request, refused, pk, number)
    return redirect("assessments:take", pk=pk, number=number)


@login_required
def item_state(request: HttpRequest, pk: int, number: int) -> JsonResponse:
    """What the candidate's page polls: received, being graded, done. Never a verdict."""
    attempt = access.own_attempt(request.user, pk)
    try:
        work = services.work_for(attempt, number)
    except services.Refused:
        raise Http404 from None
    return JsonResponse(
        {
            "state": work.state,
            "draft_saved_at": work.draft_saved_at.isoformat() if work.draft_saved_at else None,
            "deadline": attempt.deadline.isoformat(),
            "over": attempt.is_over(),
        }
    )


@login_required
@require_POST
def finish(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = access.own_attempt(request.user, pk)
    services.finish(attempt)
    return redirect("assessments:done", pk=pk)


@login_required
def done(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = access.own_attempt(request.user, pk)
    if not attempt.is_over():
        return redirect("assessments:take", pk=pk, number=1)
    published = attempt.assessment.is_published
    works = attempt.works.select_related("item__problem") if published else []
    return render(
        request,
        "assessments/done.html",
        {"attempt": attempt, "assessment": attempt.assessment, "works": works},
    )
