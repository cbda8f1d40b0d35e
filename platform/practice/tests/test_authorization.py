"""Authorization matrix: what a candidate (or a stranger) can reach, through every surface,
never shows hidden tests, the reference, mutants, follow-ups or other people's code."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from practice.models import Submission

# Strings that occur only in grader- or interviewer-only material of the fixture bank.
SECRETS = {
    "hidden test": "TestConcurrent",
    "reference": "defer c.mu.Unlock()\n\tc.n++",
    "mutant": "mutant: no lock at all",
    "follow-up answer": "atomic.Int64 is enough",
    "other user's code": "BOBS-PRIVATE-CODE",
}


@pytest.fixture
def world(bank, make_user, candidate):
    bob = make_user("bob")
    theirs = Submission.objects.create(
        user=bob,
        problem=bank["safe-counter"],
        mode="submit",
        status="done",
        verdict="accepted",
        source="// BOBS-PRIVATE-CODE",
        result={"verdict": "accepted"},
    )
    mine = Submission.objects.create(
        user=candidate,
        problem=bank["safe-counter"],
        mode="run",
        status="done",
        verdict="race",
        source="package solution",
        result={"verdict": "race", "findings": []},
    )
    return {"theirs": theirs, "mine": mine}


PAGES = [
    "/practice/",
    "/practice/problems/safe-counter/",
    "/practice/problems/quiz-unbuffered/",
    "/practice/submissions/",
    "/practice/progress/",
    "/practice/submissions/{theirs}/",
    "/practice/submissions/{theirs}/state/",
    "/practice/submissions/{mine}/",
    "/practice/submissions/{mine}/state/",
    "/admin/problems/problemsecret/",
    "/admin/problems/mutant/",
    "/admin/practice/submission/{theirs}/change/",
    "/api/problems/",
    "/api/problems/safe-counter/",
    "/api/submissions/{theirs}/",
    "/api/submissions/{theirs}/result/",
    "/api/schema/",
    "/static/practice/editor.js",
    "/static/practice/site.css",
    "/static/../problems/bank/safe-counter/hidden_test.go",
    "/static/practice/tests/fixtures/bank/safe-counter/hidden_test.go",
    "/static/practice/../../problems/models.py",
    "/static/hidden_test.go",
    "/static/reference.go",
]


@pytest.mark.parametrize("who", ["anonymous", "candidate-session", "candidate-token"])
@pytest.mark.parametrize("page", PAGES)
def test_no_secret_reaches_a_candidate(world, candidate, who: str, page: str) -> None:
    client = Client()
    headers = {}
    if who == "candidate-session":
        client.force_login(candidate)
    elif who == "candidate-token":
        headers["HTTP_AUTHORIZATION"] = f"Token {Token.objects.create(user=candidate).key}"
    url = page.format(theirs=world["theirs"].pk, mine=world["mine"].pk)
    response = client.get(url, **headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", errors="replace")
    for what, marker in SECRETS.items():
        assert marker not in text, f"{who} saw the {what} at {url}"
    if "{theirs}" in page:
        assert response.status_code in (302, 401, 403, 404), f"{who} reached {url}"


def test_staff_can_look_at_secrets(world, make_user) -> None:
    client = Client()
    client.force_login(make_user("root", role="admin", is_superuser=True))
    page = client.get(f"/admin/problems/problem/{world['theirs'].problem_id}/change/")
    assert SECRETS["hidden test"] in page.content.decode()


def test_search_does_not_look_into_secrets(world, candidate, client) -> None:
    client.force_login(candidate)
    for probe in ("TestConcurrent", "atomic.Int64", "no lock at all"):
        page = client.get("/practice/", {"q": probe}).content.decode()
        assert "A counter safe" not in page, probe
