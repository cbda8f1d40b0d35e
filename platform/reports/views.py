"""The hiring team's reports: a candidate's report (HTML, or PDF made by WeasyPrint from the
same template), an assessment's comparison (HTML or CSV), and the side-by-side view of two
similar answers. Members of the position only; everyone else gets 404."""

from __future__ import annotations

import csv
import io

from assessments import access
from assessments.models import Attempt, ItemWork
from assessments.services import close_expired
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from practice.presentation import SCORE_LABELS

from reports import charts, data, similarity
from reports.pdf import html_to_pdf


def _score_columns() -> list[tuple[str, str]]:
    return [(name, str(SCORE_LABELS[name])) for name in data.COLUMNS]


def _report_context(request: HttpRequest, pk: int) -> dict:
    attempt = access.viewable_attempt(request.user, pk)
    close_expired()
    attempt.refresh_from_db()
    report = data.candidate_report(attempt)
    rows = data.comparison_rows(attempt.assessment)
    counts = data.distributions(rows)
    mine = report["overall"]
    report["charts"] = [
        charts.distribution(
            label,
            counts[name],
            mine[name],
            _("this candidate") if mine[name] is not None else "",
        )
        for name, label in _score_columns()
    ]
    report["n_candidates"] = len(rows)
    report["columns"] = _score_columns()
    report["assessment"] = attempt.assessment
    return report


@login_required
def candidate(request: HttpRequest, pk: int) -> HttpResponse:
    if request.GET.get("format") == "pdf":
        return candidate_pdf(request, pk)
    return render(request, "reports/candidate.html", _report_context(request, pk))


@login_required
def candidate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    context = _report_context(request, pk)
    html = render_to_string("reports/candidate_pdf.html", context, request=request)
    pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    name = slugify(f"{context['attempt'].assessment.title}-{context['attempt'].user.username}")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="report-{name or pk}.pdf"'
    return response


def _comparison(request: HttpRequest, pk: int) -> dict:
    assessment = access.viewable_assessment(request.user, pk)
    close_expired()
    rows = data.comparison_rows(assessment)
    sort = request.GET.get("sort", "total")
    if sort not in data.SORTABLE and not (sort.startswith("item") and sort[4:].isdigit()):
        sort = "total"
    descending = request.GET.get("dir", "desc") != "asc"
    minimums = data.filters_from(request.GET)
    status = request.GET.get("status", "")
    if status in Attempt.Status.values:
        rows_in = [row for row in rows if row["status"] == status]
    else:
        rows_in, status = rows, ""
    shown = data.sort_and_filter(rows_in, sort, descending, minimums)
    counts = data.distributions(rows)
    items = list(assessment.items.select_related("problem"))
    return {
        "assessment": assessment,
        "rows": shown,
        "n_all": len(rows),
        "items": items,
        "columns": _score_columns(),
        "sort": sort,
        "descending": descending,
        "minimums": minimums,
        "status": status,
        "statuses": Attempt.Status.choices,
        "charts": [charts.distribution(label, counts[name]) for name, label in _score_columns()],
    }


def _rows_html(context: dict) -> str:
    """The comparison's body rows, built here rather than in the template: 500 candidates
    times a dozen cells cost the template engine (and even format_html) most of the page's
    time. Names are escaped; the other cells are numbers this module formats."""
    cells = [name for name, _label in context["columns"]]
    numbers = [item.number for item in context["items"]]
    link = reverse("reports:candidate", args=[0]).replace("/0/", "/{}/")
    grading = f' <small class="muted">({escape(_("grading"))})</small>'
    statuses = {key: escape(label) for key, label in Attempt.Status.choices}
    out = []
    for row in context["rows"]:
        name = escape(row["candidate"])
        scores, items = row["scores"], row["items"]
        out.append(
            f'<tr data-candidate="{name}"><td><a href="{link.format(row["attempt"])}">{name}</a>'
            f"</td><td>{statuses[row['status']]}{grading if row['grading'] else ''}</td>"
            + "".join(f'<td data-score="{c}">{_number(scores[c])}</td>' for c in cells)
            + "".join(f"<td>{_number(items.get(n))}</td>" for n in numbers)
            + f"<td>{row['minutes']}</td><td>{row['pastes'] or ''}</td>"
            f"<td>{row['flags'] or ''}</td></tr>"
        )
    return mark_safe("".join(out))  # names escaped above, the rest are numbers


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"


@login_required
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    if request.GET.get("format") == "csv":
        return compare_csv(request, pk)
    context = _comparison(request, pk)
    context["rows_html"] = _rows_html(context)
    return render(request, "reports/compare.html", context)


def _cell(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


@login_required
def compare_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """UTF-8 with a BOM (so spreadsheets read the encoding), one row per candidate; an
    empty cell is a score that was not checked."""
    context = _comparison(request, pk)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Candidate"),
            _("Status"),
            *[label for _name, label in context["columns"]],
            *[f"{_('Item')} {item.number}: {item.problem.title()}" for item in context["items"]],
            _("Minutes"),
            _("Pastes"),
            _("Similarity flags"),
        ]
    )
    for row in context["rows"]:
        writer.writerow(
            [
                row["candidate"],
                Attempt.Status(row["status"]).label,
                *[_cell(row["scores"][name]) for name, _label in context["columns"]],
                *[_cell(row["items"].get(item.number)) for item in context["items"]],
                row["minutes"],
                row["pastes"],
                row["flags"],
            ]
        )
    response = HttpResponse(
        ("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    name = slugify(context["assessment"].title) or str(pk)
    response["Content-Disposition"] = f'attachment; filename="comparison-{name}.csv"'
    return response


@login_required
def pair(request: HttpRequest, left: int, right: int) -> HttpResponse:
    """Two answers to one item side by side, the matching regions marked."""
    works = {
        work.pk: work
        for work in ItemWork.objects.select_related(
            "attempt__user", "attempt__assessment", "item__problem", "submission"
        ).filter(pk__in=[left, right])
    }
    if len(works) != 2 or works[left].item_id != works[right].item_id:
        raise Http404
    access.viewable_attempt(request.user, works[left].attempt_id)  # 404 for non-members
    sources = [works[pk].submission.source if works[pk].submission else "" for pk in (left, right)]
    starter = works[left].item.problem.starter
    left_lines, right_lines, regions = similarity.matching_lines(*sources, base=starter)
    base = data.starter_hashes(starter)
    score = similarity.score(
        set(works[left].fingerprints), set(works[right].fingerprints), set(base)
    )

    def lines(source: str, marked: set[int]) -> list[tuple[int, str, bool]]:
        return [(n, text, n in marked) for n, text in enumerate(source.splitlines(), start=1)]

    return render(
        request,
        "reports/pair.html",
        {
            "item": works[left].item,
            "left": works[left],
            "right": works[right],
            "left_lines": lines(sources[0], left_lines),
            "right_lines": lines(sources[1], right_lines),
            "regions": regions,
            "score": score,
            "threshold": similarity.THRESHOLD,
        },
    )
