"""The first screen: what goconcur is, and one real result drawn on real code.

The example is a stored grading of a bank item's starter (platform/practice/examples/
landing.json, written by scripts/capture_landing_example.py), rendered through the same
presentation steps as a candidate's own result, so it shows exactly what a user will see.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import get_language

from practice import presentation
from problems.models import Problem

EXAMPLE = Path(__file__).resolve().parent / "examples" / "landing.json"


@cache
def _example() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def example_context(language: str) -> dict[str, Any]:
    example = _example()
    result = example["result"]
    lines = presentation.annotated_lines(example["source"], result)
    return {
        "example_title": example["title"]["zh" if language.startswith("zh") else "en"],
        "example_slug": example["slug"],
        "example_result": result,
        "example_lines": presentation.excerpt(lines),
        "example_findings": [
            f for f in presentation.finding_views(result) if f.file == presentation.CANDIDATE_FILE
        ][:3],
    }


def landing(request: HttpRequest) -> HttpResponse:
    context = example_context(get_language() or "en")
    context["problem_count"] = Problem.objects.filter(is_active=True).count()
    context["example_exists"] = Problem.objects.filter(
        is_active=True, slug=context["example_slug"]
    ).exists()
    return render(request, "practice/landing.html", context)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; send them to the SVG."""
    return redirect(static("practice/favicon.svg"), permanent=True)
