from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from grading.stages import step_report

from practice import presentation
from practice.forms import FilterForm, QuizForm, SubmitForm, find_undecodable
from practice.models import HintReveal, Submission
from practice.progress import (
    State,
    annotate_state,
    filter_state,
    is_solved,
    progress_summary,
    quiz_status,
)
from practice.services import (
    SUBMIT_FIELDS,
    SubmissionRefused,
    answer_quiz,
    create_submission,
    reveal_quiz,
)
from problems.models import Problem, Topic

CHART_TOPICS = 15  # the chart shows the biggest topics; the table below lists them all


def problem_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    problems = Problem.objects.filter(is_active=True).prefetch_related("topics")
    problems = annotate_state(problems, request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            problems = problems.filter(
                Q(title_en__icontains=data["q"])
                | Q(title_zh__icontains=data["q"])
                | Q(slug__icontains=data["q"])
                | Q(statement_en__icontains=data["q"])
                | Q(statement_zh__icontains=data["q"])
            )
        if data["topic"]:
            problems = problems.filter(topics__slug=data["topic"])
        if data["difficulty"]:
            problems = problems.filter(difficulty=data["difficulty"])
        if data["kind"]:
            problems = problems.filter(kind=data["kind"])
        if request.user.is_authenticated and data["state"]:
            problems = filter_state(problems, data["state"])
    return render(
        request,
        "practice/problem_list.html",
        {"form": form, "problems": problems.distinct(), "topics": Topic.objects.all()},
    )


def _problem_or_404(slug: str) -> Problem:
    return get_object_or_404(Problem.objects.filter(is_active=True), slug=slug)


def problem_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The hot page. What every visitor sees is a cached fragment (per item version and
    language, see the template); the user's own state costs a few small queries, kept
    plain: compiling one query with annotations costs more than running four simple ones."""
    problem = _problem_or_404(slug)
    user = request.user
    hint_count = cache.get_or_set(
        f"hint-count:{problem.pk}:{problem.content_hash}", problem.hints.count, 600
    )
    context: dict = {"problem": problem, "hint_count": hint_count}
    if not user.is_authenticated:
        context.update(solved=False, hints=[], source=problem.starter)
        return render(request, "practice/problem_detail.html", context)
    shown = (
        HintReveal.objects.filter(user=user, problem=problem)
        .values_list("revealed", flat=True)
        .first()
    ) or 0
    recent = list(
        Submission.objects.filter(
            user=user, problem=problem, context=Submission.Context.PRACTICE
        ).only("id", "mode", "status", "verdict", "score", "created_at")[:5]
    )
    quiz = quiz_status(user, problem) if problem.is_quiz else None
    context.update(
        solved=quiz.state is State.SOLVED if quiz else is_solved(user, problem),
        quiz=quiz,
        # The answer and the explanation reach the page only once the quiz is closed.
        quiz_answer=problem.secret.quiz_answer if quiz and quiz.shows_answer else None,
        hints=list(problem.hints.all()[:shown]) if shown else [],
        more_hints=shown < hint_count,
        source=(
            Submission.objects.values_list("source", flat=True).get(pk=recent[0].pk)
            if recent
            else problem.starter
        ),
        recent=recent,
    )
    return render(request, "practice/problem_detail.html", context)


@csrf_exempt  # checked in _submit, once the raw body has been kept (see below)
def submit(request: HttpRequest, slug: str) -> HttpResponse:
    # CSRF's check reads request.POST, and a multipart body read that way is gone: read
    # the raw bytes first, so a field that is not UTF-8 can be refused, not mangled.
    if request.method == "POST":
        request.body  # noqa: B018 - kept on the request for find_undecodable
    return _submit(request, slug)


@csrf_protect
@login_required
@require_POST
def _submit(request: HttpRequest, slug: str) -> HttpResponse:
    problem = get_object_or_404(
        Problem.objects.filter(is_active=True).only(*SUBMIT_FIELDS), slug=slug
    )
    wants_json = "application/json" in request.headers.get("Accept", "")

    def refuse(message: str, status: int, retry_after: int | None = None, **extra):
        if wants_json:
            response = JsonResponse({"error": message, **extra}, status=status)
            if retry_after:
                response["Retry-After"] = str(retry_after)
            return response
        context = {"problem": problem, "message": message}
        return render(request, "practice/refused.html", context, status=status)

    undecodable = find_undecodable(request.META.get("CONTENT_TYPE", ""), request.body)
    if undecodable:
        return refuse(undecodable.message(), 400, fields={undecodable.field: ["not UTF-8"]})
    form = SubmitForm(request.POST)
    if not form.is_valid():
        return refuse(form.problem_text(), 400, fields=form.errors)
    try:
        submission = create_submission(
            request.user, problem, form.cleaned_data["source"], form.cleaned_data["mode"]
        )
    except SubmissionRefused as refused:
        return refuse(refused.message, refused.status, refused.retry_after)
    if wants_json:
        return JsonResponse(
            {
                "id": submission.pk,
                "status": submission.status,
                "ws": f"/ws/submissions/{submission.pk}/",
                "poll": reverse("practice:submission_state", args=[submission.pk]),
            },
            status=202,
        )
    return redirect("practice:submission_detail", pk=submission.pk)


def _own_submission(request: HttpRequest, pk: int) -> Submission:
    submission = get_object_or_404(Submission.objects.select_related("problem"), pk=pk)
    # Staff may look (support); anyone else only at their own. 404, not 403: ids leak nothing.
    # An assessment's results stay hidden from its candidate (the reports app shows them).
    mine = submission.user_id == request.user.pk
    if not request.user.is_staff and (not mine or submission.context == "assessment"):
        raise Http404
    return submission


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _own_submission(request, pk)
    return render(request, "practice/submission_detail.html", _result_context(submission))


def _result_context(submission: Submission) -> dict:
    result = submission.result if submission.is_done else None
    return {
        "submission": submission,
        "problem": submission.problem,
        "result": result,
        "lines": presentation.annotated_lines(submission.source, result),
        "stage_label": presentation.STAGE_LABELS.get(submission.stage, submission.stage),
        **presentation.result_parts(result),
    }


@login_required
def submission_state(request: HttpRequest, pk: int) -> JsonResponse:
    """What the page polls (or fetches on the "done" event): state, result HTML, marks."""
    submission = _own_submission(request, pk)
    data = {
        "id": submission.pk,
        "status": submission.status,
        "stage": "done" if submission.is_done else submission.stage,
        "verdict": submission.verdict,
    }
    if submission.is_done:
        context = _result_context(submission)
        data["html"] = render_to_string("practice/_result.html", context, request=request)
        data["marks"] = presentation.line_marks(submission.result)
        # Which steps ran and which were skipped (with why), for the progress panel.
        data["stages"] = [r.to_dict() for r in step_report(submission.result, submission.mode)]
    return JsonResponse(data)


@login_required
def history(request: HttpRequest) -> HttpResponse:
    submissions = (
        Submission.objects.filter(user=request.user, context=Submission.Context.PRACTICE)
        .select_related("problem")
        .defer("source", "result", "last_error")
    )
    page = Paginator(submissions, 30).get_page(request.GET.get("page"))
    return render(request, "practice/history.html", {"page": page})


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    summary = progress_summary(request.user)
    return render(
        request,
        "practice/progress.html",
        {
            "overall": summary.overall,
            "rows": summary.topics,
            "chart": summary.topics[:CHART_TOPICS],
        },
    )


@login_required
@require_POST
def reveal_hint(request: HttpRequest, slug: str) -> HttpResponse:
    problem = _problem_or_404(slug)
    reveal, _ = HintReveal.objects.get_or_create(user=request.user, problem=problem)
    if reveal.revealed < problem.hints.count():
        reveal.revealed += 1
        reveal.save(update_fields=["revealed"])
    return redirect(reverse("practice:problem_detail", args=[slug]) + "#hints")


@login_required
@require_POST
def quiz_answer(request: HttpRequest, slug: str) -> HttpResponse:
    problem = _problem_or_404(slug)
    form = QuizForm(request.POST)
    try:
        if not form.is_valid():
            raise SubmissionRefused(_("Choose one of the options."))
        answer_quiz(request.user, problem, form.cleaned_data["choice"])
    except SubmissionRefused as refused:
        messages.error(request, refused.message)
    return redirect(reverse("practice:problem_detail", args=[slug]) + "#quiz")


@login_required
@require_POST
def quiz_reveal(request: HttpRequest, slug: str) -> HttpResponse:
    problem = _problem_or_404(slug)
    if problem.is_quiz:
        try:
            reveal_quiz(request.user, problem)
        except SubmissionRefused as refused:
            messages.error(request, refused.message)
    return redirect(reverse("practice:problem_detail", args=[slug]) + "#quiz")
