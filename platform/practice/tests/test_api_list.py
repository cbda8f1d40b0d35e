"""GET /api/submissions/: only the user's own, filtered (problem, verdict, mode, status,
date) and paginated; the API docs (Swagger UI) load every asset from this server."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from practice.models import Submission


@pytest.fixture
def api(candidate) -> APIClient:
    client = APIClient()
    client.force_authenticate(candidate)
    return client


@pytest.fixture
def history(bank, candidate, make_user) -> dict[str, Submission]:
    def make(user, problem, mode, verdict, days_ago=0) -> Submission:
        submission = Submission.objects.create(
            user=user, problem=bank[problem], mode=mode, source="secret", status="done",
            verdict=verdict,
        )  # fmt: skip
        created = timezone.now() - timedelta(days=days_ago)
        Submission.objects.filter(pk=submission.pk).update(created_at=created)
        return submission

    bob = make_user("bob")
    return {
        "old_race": make(candidate, "safe-counter", "submit", "race", days_ago=10),
        "run": make(candidate, "safe-counter", "run", "accepted", days_ago=1),
        "accepted": make(candidate, "safe-counter", "submit", "accepted"),
        "bobs": make(bob, "safe-counter", "submit", "accepted"),
    }


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_lists_only_my_submissions_newest_first(api, history) -> None:
    response = api.get("/api/submissions/")
    body = response.json()
    assert _ids(response) == [history[k].pk for k in ("accepted", "run", "old_race")]
    assert body["count"] == 3 and history["bobs"].pk not in _ids(response)
    assert "source" not in body["results"][0] and "result" not in body["results"][0]
    assert body["results"][0]["problem"] == "safe-counter"
    assert api.get(f"/api/submissions/{history['bobs'].pk}/").status_code == 404


def test_filters_and_pages(api, history) -> None:
    get = lambda query: _ids(api.get(f"/api/submissions/?{query}"))  # noqa: E731
    assert get("verdict=race") == [history["old_race"].pk]
    assert get("mode=run") == [history["run"].pk]
    assert get("mode=submit&verdict=accepted") == [history["accepted"].pk]
    assert get("problem=safe-counter&mode=submit") == [
        history["accepted"].pk,
        history["old_race"].pk,
    ]
    assert get("problem=quiz-unbuffered") == []
    since = (timezone.now() - timedelta(days=2)).date().isoformat()
    assert get(f"created_after={since}") == [history["accepted"].pk, history["run"].pk]
    assert get(f"created_before={since}") == [history["old_race"].pk]
    page = api.get("/api/submissions/?limit=2&offset=2").json()
    assert page["count"] == 3 and [r["id"] for r in page["results"]] == [history["old_race"].pk]
    assert page["previous"] and page["next"] is None
    # Nonsense is refused with the reason, not answered with an empty list.
    bad = api.get("/api/submissions/?mode=fast")
    assert bad.status_code == 400 and "mode" in bad.json()
    assert api.get("/api/submissions/?created_after=yesterday").status_code == 400


def test_anonymous_gets_nothing(bank, history) -> None:
    assert APIClient().get("/api/submissions/").status_code == 401


def test_docs_load_assets_from_our_server(client) -> None:
    html = client.get("/api/docs/").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets, html
    for url in assets:
        assert url.startswith("/"), f"{url} is not on this server"
        if url.startswith("/static/"):
            assert client.get(url).status_code == 200, url
    assert any("/static/drf_spectacular_sidecar/" in url for url in assets)
    assert "cdn" not in html.lower() and "https://" not in html.split("</head>")[0]
