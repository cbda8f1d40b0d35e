"""The authorization matrix, extended to interview objects: the candidate of a session (no
account), the candidate of another session, a signed-up candidate and a stranger reach
no follow-up, model answer, note, rubric, hidden result or other session, through pages or
JSON; the interviewer and the hiring team reach what is theirs."""

from __future__ import annotations

import pytest
from django.test import Client
from practice.models import Submission
from practice.tests.test_authorization import SECRETS as PRACTICE_SECRETS

from interviews import services
from interviews.models import SessionRun
from interviews.tests.conftest import join

SECRETS = {
    **{k: v for k, v in PRACTICE_SECRETS.items() if k != "other user's code"},
    "follow-up question": "Would sync/atomic do here?",
    "private note": "PRIVATE-NOTE-7",
    "rubric comment": "RUBRIC-COMMENT-7",
    "hidden result": "HIDDEN-RESULT-7",
}


@pytest.fixture
def world(session, interviewer, make_user):
    services.save_evaluation(
        session,
        notes="PRIVATE-NOTE-7",
        rubric={"concurrency": {"rating": "yes", "comment": "RUBRIC-COMMENT-7"}},
    )
    submission = Submission.objects.create(
        user=interviewer,
        problem=session.current.problem,
        mode="submit",
        source="package solution",
        context="interview",
        status="done",
        verdict="wrong_answer",
        result={"verdict": "wrong_answer", "message": "HIDDEN-RESULT-7 TestConcurrent"},
    )
    SessionRun.objects.create(session=session, item=session.current, submission=submission)
    other = services.create_session(interviewer, "Other", [session.current.problem], False)
    return {
        "session": session,
        "other": other,
        "candidate": join(session, "Cleo"),
        "other candidate": join(other, "Otto"),
        "signed-up candidate": _logged_in(make_user("carl")),
        "stranger": Client(),
        "submission": submission,
    }


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


PAGES = [
    "/interviews/",
    "/interviews/{s}/",
    "/interviews/{s}/replay/",
    "/interviews/{s}/replay.json",
    "/interviews/{s}/scorecard/",
    "/interviews/{o}/",
    "/interviews/{o}/replay.json",
    "/practice/submissions/{sub}/",
    "/practice/submissions/{sub}/state/",
    "/api/submissions/{sub}/",
    "/api/submissions/{sub}/result/",
    "/static/interviews/interview.js",
]


@pytest.mark.parametrize("who", ["candidate", "other candidate", "signed-up candidate", "stranger"])
@pytest.mark.parametrize("page", PAGES)
def test_no_interviewer_material_reaches_a_candidate(world, who: str, page: str) -> None:
    url = page.format(s=world["session"].pk, o=world["other"].pk, sub=world["submission"].pk)
    response = world[who].get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", errors="replace")
    for what, marker in SECRETS.items():
        assert marker not in text, f"{who} saw the {what} at {url}"


@pytest.mark.parametrize("who", ["candidate", "other candidate", "signed-up candidate"])
@pytest.mark.parametrize("action", ["control", "evaluation", "end", "invite"])
def test_only_the_interviewer_acts(world, who: str, action: str) -> None:
    session = world["session"]
    response = world[who].post(
        f"/interviews/{session.pk}/{action}/",
        {"editor_locked": "1"} if action == "control" else {},
    )
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert "/accounts/login" in response["Location"] or "join" in response["Location"]
    session.refresh_from_db()
    assert session.is_open and not session.editor_locked


def test_the_interviewer_and_the_hiring_team_review(world, interviewer, make_user) -> None:
    session = world["session"]
    services.end(session)
    for user in (interviewer, make_user("hana", role="hiring_manager")):
        client = _logged_in(user)
        card = client.get(f"/interviews/{session.pk}/scorecard/").content.decode()
        assert "PRIVATE-NOTE-7" in card and "RUBRIC-COMMENT-7" in card
        assert client.get(f"/interviews/{session.pk}/replay.json").status_code == 200
    # ...and another interviewer does not.
    other = _logged_in(make_user("ingrid", role="interviewer"))
    assert other.get(f"/interviews/{session.pk}/scorecard/").status_code == 404
