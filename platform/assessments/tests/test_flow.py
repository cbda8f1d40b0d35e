"""The assessment from both sides over HTTP: the team creates and invites (e-mail through
Django's framework), the candidate starts, saves drafts, submits (graded by the real queue
and sandbox, eager Celery), answers the quiz once, finishes; results stay hidden until the
team publishes. The deadline is enforced on the server, with a clear message."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from practice.models import Submission, Webhook

from assessments import services
from assessments.models import Attempt, Event, Invitation, ItemWork
from assessments.tests.conftest import FIXED, logged_in


def test_the_team_creates_and_invites(team, bank, client) -> None:
    manager = logged_in(team["manager"])
    response = manager.post(
        reverse("assessments:new", args=[team["position"].pk]),
        {
            "title": "Screen",
            "item_1": bank["safe-counter"].pk,
            "item_3": bank["quiz-unbuffered"].pk,  # a gap is fine; the order is kept
            "time_limit_minutes": 45,
            "opens_at": "2020-01-01 00:00",
            "closes_at": "2099-01-01 00:00",
            "hints_allowed": "on",
        },
    )
    assert response.status_code == 302, response.content
    assessment = team["position"].assessments.get()
    assert [i.problem.slug for i in assessment.items.all()] == ["safe-counter", "quiz-unbuffered"]
    assert assessment.hints_allowed and assessment.time_limit_minutes == 45
    invite = reverse("assessments:invite", args=[assessment.pk])
    manager.post(invite, {"emails": "a@example.com\nb@example.com", "links": "1"})
    assert Invitation.objects.filter(assessment=assessment).count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.com", "b@example.com"]
    token = Invitation.objects.get(email="a@example.com").token
    assert f"/hiring/invitation/{token}/" in mail.outbox[0].body + mail.outbox[1].body
    page = manager.get(reverse("assessments:assessment", args=[assessment.pk])).content.decode()
    assert "Invited: 3" in page and "/hiring/invitation/" in page  # the hand-out link
    twice = manager.post(
        reverse("assessments:new", args=[team["position"].pk]),
        {"title": "T", "item_1": bank["safe-counter"].pk, "item_2": bank["safe-counter"].pk,
         "time_limit_minutes": 5, "opens_at": "2020-01-01 00:00", "closes_at": "2099-01-01 00:00"},
    )  # fmt: skip
    assert "An item can appear only once." in twice.content.decode()
    bad = manager.post(invite, {"emails": "not-an-address", "links": "0"}, follow=True)
    assert "not-an-address is not an e-mail address." in bad.content.decode()
    # An interviewer of the position reads, but does not manage.
    member = logged_in(team["interviewer"])
    assert member.get(reverse("assessments:assessment", args=[assessment.pk])).status_code == 200
    assert member.post(invite, {"emails": "c@example.com", "links": "0"}).status_code == 404


def test_invitation_starts_once_and_comes_back(assessment, candidate, make_user) -> None:
    invitation = services.invite(assessment, [], 1, str)[0]
    url = reverse("assessments:invitation", args=[invitation.token])
    anonymous = logged_in(candidate).__class__()
    assert anonymous.post(url).status_code == 302  # to the login page first
    me = logged_in(candidate)
    started = me.post(url)
    attempt = Attempt.objects.get(user=candidate)
    assert started["Location"] == reverse("assessments:take", args=[attempt.pk, 1])
    assert me.post(url)["Location"] == started["Location"]  # the same attempt again
    other = logged_in(make_user("mallory"))
    refused = other.post(url)
    assert refused.status_code == 400
    assert "already used by someone else" in refused.content.decode()
    assert attempt.deadline - attempt.started_at == timedelta(minutes=60)
    assert ItemWork.objects.filter(attempt=attempt).count() == 2


def test_drafts_survive_a_reload_and_pastes_are_recorded(attempt, candidate) -> None:
    me = logged_in(candidate)
    take = reverse("assessments:take", args=[attempt.pk, 1])
    assert "Counter counts events" in me.get(take).content.decode()  # the starter
    saved = me.post(
        reverse("assessments:draft", args=[attempt.pk, 1]),
        json.dumps({"source": "package solution // mine", "pasted": [120]}),
        content_type="application/json",
    )
    assert saved.status_code == 200 and "saved_at" in saved.json()
    assert "package solution // mine" in me.get(take).content.decode()  # a reload
    assert Event.objects.get(attempt=attempt, kind="paste").size == 120
    garbage = me.post(
        reverse("assessments:draft", args=[attempt.pk, 1]), "{", content_type="application/json"
    )
    assert garbage.status_code == 400 and "could not be read" in garbage.json()["error"]


@pytest.mark.sandbox
def test_submit_grades_in_the_queue_and_hides_the_result(
    attempt, candidate, django_capture_on_commit_callbacks
) -> None:
    me = logged_in(candidate)
    with django_capture_on_commit_callbacks(execute=True):
        response = me.post(reverse("assessments:submit", args=[attempt.pk, 1]), {"source": FIXED})
    assert response.status_code == 302
    work = ItemWork.objects.get(attempt=attempt, item__position=0)
    submission = Submission.objects.get(pk=work.submission_id)
    assert submission.context == "assessment" and submission.status == "done"
    assert work.state == "graded" and work.verdict == submission.verdict == "accepted"
    assert work.correctness == 100 and work.race_free == 100 and work.total is not None
    assert work.fingerprints  # for the similarity check
    page = me.get(reverse("assessments:take", args=[attempt.pk, 1])).content.decode()
    assert "accepted" not in page and "Answer received and graded." in page
    state = me.get(reverse("assessments:state", args=[attempt.pk, 1])).json()
    assert state["state"] == "graded" and "verdict" not in state
    # The practice pages and API do not show it to its owner either.
    assert me.get(f"/practice/submissions/{submission.pk}/").status_code == 404
    assert me.get(f"/practice/submissions/{submission.pk}/state/").status_code == 404
    assert me.get(f"/api/submissions/{submission.pk}/result/").status_code == 404


def test_a_quiz_answer_is_final_and_not_revealed(attempt, candidate) -> None:
    me = logged_in(candidate)
    answer = reverse("assessments:answer", args=[attempt.pk, 2])
    assert me.post(answer, {"choice": "a"}).status_code == 302
    again = me.post(answer, {"choice": "b"}, follow=True).content.decode()
    assert "already answered; an answer is final" in again
    work = ItemWork.objects.get(attempt=attempt, item__position=1)
    assert work.quiz_choice == "a" and work.correctness == 0 and work.state == "answered"
    page = me.get(reverse("assessments:take", args=[attempt.pk, 2])).content.decode()
    assert "Answered. An answer is final." in page
    for leak in ("correct", "wrong", "Explanation", "editorial", "deadlock!(死锁)"):
        assert leak not in page.replace("data-item-state", "")


def test_work_after_the_deadline_is_refused_with_a_clear_message(attempt, candidate) -> None:
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    me = logged_in(candidate)
    draft = me.post(
        reverse("assessments:draft", args=[attempt.pk, 1]),
        json.dumps({"source": "package solution", "pasted": []}),
        content_type="application/json",
    )
    assert draft.status_code == 409 and draft.json()["error"].startswith("Time is up")
    submit = me.post(
        reverse("assessments:submit", args=[attempt.pk, 1]),
        {"source": FIXED},
        HTTP_ACCEPT="application/json",
    )
    assert submit.status_code == 409 and "Time is up" in submit.json()["error"]
    quiz = me.post(
        reverse("assessments:answer", args=[attempt.pk, 2]), {"choice": "b"}, follow=True
    )
    assert "Time is up" in quiz.content.decode()
    assert not Submission.objects.filter(user=candidate).exists()
    assert ItemWork.objects.get(attempt=attempt, item__position=1).quiz_choice == ""
    page = me.get(reverse("assessments:take", args=[attempt.pk, 1])).content.decode()
    assert "Time is up." in page and "readonly" in page
    assert services.close_expired() == [attempt.pk]
    attempt.refresh_from_db()
    assert attempt.status() == "timed_out"


def test_finish_then_publish(attempt, candidate, team) -> None:
    me = logged_in(candidate)
    me.post(reverse("assessments:answer", args=[attempt.pk, 2]), {"choice": "b"})
    assert me.post(reverse("assessments:finish", args=[attempt.pk])).status_code == 302
    done = me.get(reverse("assessments:done", args=[attempt.pk])).content.decode()
    assert "Results are hidden until the team publishes them." in done
    after = me.post(
        reverse("assessments:answer", args=[attempt.pk, 1]), {"choice": "a"}, follow=True
    )
    assert "You have finished this assessment" in after.content.decode()
    manager = logged_in(team["manager"])
    page = manager.get(reverse("assessments:assessment", args=[attempt.assessment_id]))
    assert "Finished: 1" in page.content.decode()
    manager.post(reverse("assessments:publish", args=[attempt.assessment_id]))
    done = me.get(reverse("assessments:done", args=[attempt.pk])).content.decode()
    assert "Your results" in done and "100" in done  # the quiz was right
    assert "Send on an unbuffered channel" in done


def test_a_live_interview_joins_the_attempt(attempt, team) -> None:
    manager = logged_in(team["manager"])
    manager.post(
        reverse("assessments:add_interview", args=[attempt.pk]),
        {"interviewer": team["interviewer"].pk},
    )
    link = attempt.interviews.get()
    assert link.session.interviewer == team["interviewer"]
    assert [i.problem.slug for i in link.session.items.all()] == ["safe-counter"]


def test_finishing_sends_the_signed_webhook(
    attempt, candidate, team, django_capture_on_commit_callbacks
) -> None:
    received: dict = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.update(body=body, headers=dict(self.headers))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/hook"
    Webhook.objects.create(user=team["manager"], url=url, secret="s3cret")
    me = logged_in(candidate)
    me.post(reverse("assessments:answer", args=[attempt.pk, 2]), {"choice": "b"})
    with django_capture_on_commit_callbacks(execute=True):
        me.post(reverse("assessments:finish", args=[attempt.pk]))
    thread.join(10)
    server.server_close()
    expected = hmac.new(b"s3cret", received["body"], hashlib.sha256).hexdigest()
    assert received["headers"]["X-Goconcur-Signature"] == f"sha256={expected}"
    assert received["headers"]["X-Goconcur-Event"] == "assessment.finished"
    report = json.loads(received["body"])["report"]
    assert report["candidate"] == "alice" and report["status"] == "finished"
    assert report["items"][1]["scores"]["correctness"] == 100
    assert Attempt.objects.get(pk=attempt.pk).notified_at is not None


def test_the_pages_speak_chinese(attempt, candidate, team) -> None:
    me = logged_in(candidate)
    me.cookies["django_language"] = "zh-hans"
    page = me.get(reverse("assessments:take", args=[attempt.pk, 1])).content.decode()
    assert "剩余时间" in page and "提交本题" in page and "完成测评" in page
    manager = logged_in(team["manager"])
    manager.cookies["django_language"] = "zh-hans"
    page = manager.get(reverse("reports:candidate", args=[attempt.pk])).content.decode()
    assert "诚信信号" in page and "未检查" in page


def test_signing_up_from_an_invitation_comes_back_to_it(assessment, client, settings) -> None:
    invitation = services.invite(assessment, [], 1, str)[0]
    url = reverse("assessments:invitation", args=[invitation.token])
    page = client.get(url).content.decode()
    assert f"/accounts/signup/?next={url}" in page.replace("%2F", "/")
    response = client.post(
        f"/accounts/signup/?next={url}",
        {"username": "newbie", "password1": "Tr1cky-pass-42", "password2": "Tr1cky-pass-42"},
    )
    assert response.status_code == 302 and response["Location"] == url
    elsewhere = client.post("/accounts/logout/")
    assert elsewhere.status_code == 302
    evil = client.post(
        "/accounts/signup/?next=https://evil.example/",
        {"username": "newbie2", "password1": "Tr1cky-pass-42", "password2": "Tr1cky-pass-42"},
    )
    assert evil["Location"] == reverse(settings.LOGIN_REDIRECT_URL)


def test_hints_only_where_allowed(attempt, candidate) -> None:
    me = logged_in(candidate)
    hint = reverse("assessments:hint", args=[attempt.pk, 1])
    refused = me.post(hint, follow=True).content.decode()
    assert "Hints are not allowed in this assessment." in refused
    assert ItemWork.objects.get(attempt=attempt, item__position=0).hints_revealed == 0
    attempt.assessment.hints_allowed = True
    attempt.assessment.save()
    page = me.post(hint, follow=True).content.decode()
    first = attempt.assessment.items.get(position=0).problem.hints.order_by("position")[0]
    assert first.text_en in page and "Show a hint" in page  # one more to open
    assert ItemWork.objects.get(attempt=attempt, item__position=0).hints_revealed == 1
