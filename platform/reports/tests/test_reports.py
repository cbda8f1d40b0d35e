"""The team's reports over HTTP: a candidate's report with every score kept apart and its
evidence one click away, the comparison sorted and filtered, the PDF (read back with
poppler's pdftotext and pdftoppm), the CSV as a spreadsheet reads it, the JSON API and its
OpenAPI schema, and the side-by-side view of a similarity flag."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from assessments.tests.conftest import logged_in
from django.urls import reverse


@pytest.fixture
def manager(team):
    return logged_in(team["manager"])


def test_the_report_keeps_scores_apart_with_their_evidence(graded, manager) -> None:
    page = manager.get(reverse("reports:candidate", args=[graded["alice"].pk])).content.decode()
    assert "not checked" in page and "skipped after a failure" in page  # performance: null
    assert 'data-score="race_free"><span class="score">0</span>' in page
    assert 'href="#evidence-1-race_free"' in page and 'id="evidence-1-race_free"' in page
    assert "WARNING: DATA RACE" in page and "TestConcurrentInc" in page and "got 97" in page
    assert "not submitted" in page  # alice never answered the quiz
    assert page.count("<svg") == 7 and 'class="marker"' in page
    bob = manager.get(reverse("reports:candidate", args=[graded["bob"].pk])).content.decode()
    assert "BenchmarkInc" in bob and "Benchmarks" in bob
    assert "similar to carol" in bob  # a thing to look at


def test_the_similarity_flag_opens_side_by_side(graded, manager) -> None:
    from assessments.models import ItemWork

    bob = ItemWork.objects.get(attempt=graded["bob"], item__position=0)
    carol = ItemWork.objects.get(attempt=graded["carol"], item__position=0)
    alice = ItemWork.objects.get(attempt=graded["alice"], item__position=0)
    page = manager.get(reverse("reports:pair", args=[bob.pk, carol.pk])).content.decode()
    assert 'class="match"' in page and "Matching regions" in page
    assert "me.lock.Lock()" in page and "c.mu.Lock()" in page
    from reports.data import similarity_flags

    flags = similarity_flags(graded["bob"].assessment_id)
    assert [f["work"] for f in flags[bob.pk]] == [carol.pk]
    assert alice.pk not in flags  # a one-line change from the starter is not a copy


def test_comparison_sorts_and_filters_by_any_score(graded, manager) -> None:
    url = reverse("reports:compare", args=[graded["bob"].assessment_id])
    page = manager.get(url + "?sort=total&dir=desc").content.decode()
    order = [name for name in ("bob", "carol", "alice") if f'data-candidate="{name}"' in page]
    assert order == ["bob", "carol", "alice"]
    assert page.index('data-candidate="bob"') < page.index('data-candidate="carol"')
    assert page.index('data-candidate="carol"') < page.index('data-candidate="alice"')
    asc = manager.get(url + "?sort=race_free&dir=asc").content.decode()
    assert asc.index('data-candidate="alice"') < asc.index('data-candidate="bob"')
    filtered = manager.get(url + "?min_race_free=50&min_item2=50").content.decode()
    assert 'data-candidate="bob"' in filtered
    assert 'data-candidate="alice"' not in filtered and 'data-candidate="carol"' not in filtered
    from assessments import services

    services.finish(graded["carol"])
    finished = manager.get(url + "?status=finished").content.decode()
    assert 'data-candidate="carol"' in finished and 'data-candidate="bob"' not in finished
    # performance is not checked for alice: a minimum on it leaves her out, never as 0
    assert 'data-candidate="alice"' not in manager.get(url + "?min_performance=0").content.decode()


def test_csv_opens_in_a_spreadsheet(graded, manager, team) -> None:
    from accounts.models import User

    User.objects.filter(username="carol").update(username="卡萝尔")
    response = manager.get(reverse("reports:compare_csv", args=[graded["bob"].assessment_id]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Candidate", "Status", "Correctness"]
    assert len(rows) == 4 and {r[0] for r in rows[1:]} == {"alice", "bob", "卡萝尔"}
    alice = next(r for r in rows if r[0] == "alice")
    assert alice[rows[0].index("Performance")] == ""  # not checked: empty, not 0
    assert alice[rows[0].index("Race-free")] == "0.0"
    same = manager.get(
        reverse("reports:compare", args=[graded["bob"].assessment_id]) + "?format=csv"
    )
    assert same.content == response.content


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_the_pdf_is_the_same_report_with_its_charts(graded, manager, tmp_path: Path) -> None:
    response = manager.get(reverse("reports:candidate_pdf", args=[graded["alice"].pk]))
    assert response["Content-Type"] == "application/pdf" and response.content[:5] == b"%PDF-"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    for expected in (
        "alice",
        "Concurrency screen",
        "A counter safe for concurrent use",
        "not checked",
        "Race report",
        "TestConcurrentInc",
        "Deadlock-free",
    ):
        assert expected in text, expected
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    png = next(tmp_path.glob("page*.png"))
    from PIL import Image  # WeasyPrint's own dependency

    pixels = list(Image.open(png).convert("RGB").get_flattened_data())

    def near(color: tuple[int, int, int]) -> int:
        return sum(1 for p in pixels if all(abs(a - b) < 30 for a, b in zip(p, color, strict=True)))

    assert near((0x9A, 0xB8, 0xCF)) > 50  # the charts' bars are drawn in the PDF
    assert near((0xC0, 0x39, 0x2B)) > 5  # and this candidate's red line


def test_the_api_gives_the_report_as_json(graded, team) -> None:
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(team["manager"])
    report = api.get(f"/api/reports/attempts/{graded['alice'].pk}/").json()
    first = report["items"][0]
    assert first["scores"]["performance"] is None
    assert first["unchecked"]["performance"] == "skipped_after_failure"
    assert first["failing_tests"] == ["TestConcurrentInc"] and first["findings"]["race_free"] == 1
    rows = api.get(f"/api/reports/assessments/{graded['alice'].assessment_id}/candidates/").json()
    assert {r["candidate"] for r in rows} == {"alice", "bob", "carol"}
    bob = next(r for r in rows if r["candidate"] == "bob")
    assert bob["scores"]["total"] == 100 and bob["flags"] == 1
    schema = json.loads(
        api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").content
    )
    assert "/api/reports/attempts/{id}/" in schema["paths"]
    assert "/api/reports/assessments/{id}/candidates/" in schema["paths"]
    assert "CandidateReport" in schema["components"]["schemas"]


def test_an_item_percentile_needs_enough_attempts(graded, manager, settings) -> None:
    url = reverse("reports:candidate", args=[graded["bob"].pk])
    settings.GOCONCUR_PERCENTILE_MIN_ATTEMPTS = 4
    assert "3 attempts: too few" in manager.get(url).content.decode()
    settings.GOCONCUR_PERCENTILE_MIN_ATTEMPTS = 3
    from reports.data import item_reports

    items = item_reports(graded["bob"])
    assert items[0].percentile == pytest.approx(100 * (1 + 0.5 * 2) / 3)  # ties with carol
