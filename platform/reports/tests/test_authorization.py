"""The authorization matrix, extended to the hiring objects: a position's assessments,
attempts, reports, exports, API and the candidate's pages. Only the position's hiring
managers and interviewers reach the team's side (hiring managers alone act); a candidate
reaches their own attempt only, and never another candidate, interviewer material, a hidden
test or an unpublished result, through pages, JSON or the progress socket."""

from __future__ import annotations

import json

import pytest
from asgiref.sync import async_to_sync
from assessments import services
from assessments.models import ItemWork
from assessments.tests.conftest import logged_in
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.urls import reverse
from grading.consumers import SubmissionProgress
from practice.tests.test_authorization import SECRETS as PRACTICE_SECRETS

from reports.tests.conftest import v2_result  # noqa: F401 - graded's helpers

SECRETS = {
    **{k: v for k, v in PRACTICE_SECRETS.items() if k != "other user's code"},
    "another candidate": "bob",
    "an interviewer's note": "PRIVATE-NOTE-9",
    "an unpublished verdict": "race",
    "a failing test's output": "got 97",
}


@pytest.fixture
def world(graded, team, make_user):
    interview = services.add_interview(graded["alice"], team["interviewer"])
    from interviews import services as interviews

    interviews.save_evaluation(interview.session, notes="PRIVATE-NOTE-9", rubric={})
    interviews.end(interview.session)
    works = {
        name: ItemWork.objects.get(attempt=graded[name], item__position=0)
        for name in ("alice", "bob", "carol")
    }
    return {
        "attempts": graded,
        "works": works,
        "assessment": graded["alice"].assessment,
        "clients": {
            "manager": logged_in(team["manager"]),
            "interviewer": logged_in(team["interviewer"]),
            "other manager": logged_in(make_user("otto", role="hiring_manager")),
            "other interviewer": logged_in(make_user("olga", role="interviewer")),
            "candidate": logged_in(graded["alice"].user),
            "other candidate": logged_in(graded["bob"].user),
            "anonymous": Client(),
        },
    }


def team_urls(world) -> list[str]:
    a, alice, works = world["assessment"], world["attempts"]["alice"], world["works"]
    return [
        reverse("assessments:position", args=[a.position_id]),
        reverse("assessments:assessment", args=[a.pk]),
        reverse("reports:candidate", args=[alice.pk]),
        reverse("reports:compare", args=[a.pk]),
        reverse("reports:compare", args=[a.pk]) + "?format=csv",
        reverse("reports:compare_csv", args=[a.pk]),
        reverse("reports:pair", args=[works["bob"].pk, works["carol"].pk]),
        f"/api/reports/attempts/{alice.pk}/",
        f"/api/reports/assessments/{a.pk}/candidates/",
    ]


READERS = {"manager", "interviewer"}
OUTSIDERS = {"other manager", "other interviewer", "candidate", "other candidate", "anonymous"}


def refused(response) -> bool:
    """404 for the signed-in (ids leak nothing), the login page or 401/403 for anonymous."""
    return response.status_code in (302, 401, 403, 404)


def test_only_the_positions_team_reads(world) -> None:
    for url in team_urls(world):
        for who, client in world["clients"].items():
            response = client.get(url)
            if who in READERS:
                assert response.status_code == 200, (url, who)
            else:
                assert refused(response), (url, who, response.status_code)
    pdf = reverse("reports:candidate_pdf", args=[world["attempts"]["alice"].pk])
    for who in OUTSIDERS:  # (the members' PDF is rendered in test_reports)
        assert refused(world["clients"][who].get(pdf)), who
        assert refused(world["clients"][who].get(pdf.replace("report.pdf", "?format=pdf")))


def test_only_hiring_managers_act(world) -> None:
    a, alice = world["assessment"], world["attempts"]["alice"]
    actions = [
        (reverse("assessments:invite", args=[a.pk]), {"emails": "x@example.com", "links": 0}),
        (reverse("assessments:publish", args=[a.pk]), {}),
        (reverse("assessments:add_interview", args=[alice.pk]), {"interviewer": 1}),
        (reverse("assessments:new", args=[a.position_id]), {"title": "t"}),
        (reverse("assessments:position", args=[a.position_id]), {"username": "olga"}),
    ]
    for url, data in actions:
        for who, client in world["clients"].items():
            if who != "manager":
                assert refused(client.post(url, data)), (url, who)
    a.refresh_from_db()
    assert not a.is_published and a.invitations.filter(email="x@example.com").count() == 0
    assert world["clients"]["manager"].post(*actions[1]).status_code == 302


def candidate_urls(world) -> list[str]:
    alice = world["attempts"]["alice"]
    return [
        reverse("assessments:take", args=[alice.pk, 1]),
        reverse("assessments:take", args=[alice.pk, 2]),
        reverse("assessments:state", args=[alice.pk, 1]),
        reverse("assessments:done", args=[alice.pk]),
    ]


def test_a_candidate_reaches_only_their_own_attempt(world) -> None:
    alice = world["attempts"]["alice"]
    for url in candidate_urls(world):
        for who, client in world["clients"].items():
            response = client.get(url, follow=who == "candidate")
            if who == "candidate":
                assert response.status_code == 200, url
            else:
                assert refused(response), (url, who)
    writes = [
        (reverse("assessments:draft", args=[alice.pk, 1]), json.dumps({"source": "x"})),
        (reverse("assessments:submit", args=[alice.pk, 1]), "source=package+x"),
        (reverse("assessments:answer", args=[alice.pk, 2]), "choice=a"),
        (reverse("assessments:finish", args=[alice.pk]), ""),
    ]
    for url, body in writes:
        for who, client in world["clients"].items():
            if who != "candidate":
                kind = "application/json" if "draft" in url else "application/x-www-form-urlencoded"
                assert refused(client.post(url, body, content_type=kind)), (url, who)
    alice.refresh_from_db()
    assert alice.finished_at is None


def test_no_secret_reaches_a_candidate(world) -> None:
    me = world["clients"]["candidate"]
    pages = [*candidate_urls(world), reverse("assessments:mine")]
    invitation = world["attempts"]["alice"].invitation.token
    pages.append(reverse("assessments:invitation", args=[invitation]))
    for url in pages:
        page = me.get(url, follow=True).content.decode()
        visible = page.replace('data-item-state="graded"', "").replace("Graded", "")
        for what, secret in SECRETS.items():
            assert secret not in visible, (url, what)


def test_the_progress_socket_refuses_an_assessment_answer(world) -> None:
    work = world["works"]["alice"]
    user = world["attempts"]["alice"].user

    async def connect() -> bool:
        socket = WebsocketCommunicator(
            SubmissionProgress.as_asgi(), f"/ws/submissions/{work.submission_id}/"
        )
        socket.scope["user"] = user
        socket.scope["url_route"] = {"kwargs": {"pk": work.submission_id}}
        connected, _code = await socket.connect()
        await socket.disconnect()
        return connected

    assert async_to_sync(connect)() is False


def test_no_submission_webhook_for_an_assessment_answer(world) -> None:
    from grading.tasks import deliver_webhooks
    from practice.models import Webhook

    user = world["attempts"]["alice"].user
    Webhook.objects.create(user=user, url="http://127.0.0.1:9/never", secret="s")
    assert deliver_webhooks(world["works"]["alice"].submission_id) == 0


def test_an_assessments_interview_is_reviewed_by_that_positions_team_only(world, team) -> None:
    link = world["attempts"]["alice"].interviews.get()
    pages = [
        reverse("interviews:replay", args=[link.session_id]),
        reverse("interviews:scorecard", args=[link.session_id]),
    ]
    for url in pages:
        for who in ("manager", "interviewer"):
            assert world["clients"][who].get(url).status_code == 200, (url, who)
        for who in ("other manager", "other interviewer", "candidate", "other candidate"):
            assert refused(world["clients"][who].get(url)), (url, who)
    title = link.session.title
    assert title in world["clients"]["manager"].get("/interviews/").content.decode()
    assert title not in world["clients"]["other manager"].get("/interviews/").content.decode()
