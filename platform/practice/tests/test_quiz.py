"""Quizzes: solved only by a right answer; the answer and the explanation reach the client
(page or API) only after a right answer or an explicit "show the answer", which is recorded
and means the quiz is never solved; every answer is counted; the list agrees with the page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from practice.models import QuizAttempt, QuizReveal
from practice.progress import topic_progress

SLUG = "quiz-unbuffered"
EXPLANATION = "main is the only goroutine"  # from the fixture's editorial.en.md
ANSWER_LINE = "Answer: (b)"


@pytest.fixture
def urls() -> dict[str, str]:
    return {
        "page": reverse("practice:problem_detail", args=[SLUG]),
        "answer": reverse("practice:quiz_answer", args=[SLUG]),
        "reveal": reverse("practice:quiz_reveal", args=[SLUG]),
    }


def _closed(body: str) -> bool:
    return EXPLANATION in body or ANSWER_LINE in body


def _list_state(client, state: str) -> bool:
    """Whether the quiz is listed under this state filter."""
    return "Send on an unbuffered" in client.get(f"/practice/?state={state}").content.decode()


def _api_bodies(user) -> str:
    api = APIClient()
    api.force_authenticate(user)
    return (
        api.get("/api/problems/").content.decode()
        + api.get(f"/api/problems/{SLUG}/").content.decode()
    )


def test_wrong_answers_give_nothing_away_then_right_one_solves(
    candidate_client, candidate, bank, urls
):
    page = candidate_client.get(urls["page"]).content.decode()
    assert not _closed(page) and "0 attempts so far" in page
    for choice in ("a", "a"):
        candidate_client.post(urls["answer"], {"choice": choice})
        page = candidate_client.get(urls["page"]).content.decode()
        assert "Not quite: (a) is not the answer" in page
        assert not _closed(page) and not _closed(_api_bodies(candidate))
        assert "Solved" not in page  # no badge for a wrong answer
    assert "2 attempts so far" in page
    assert _list_state(candidate_client, "attempted") and not _list_state(
        candidate_client, "solved"
    )

    candidate_client.post(urls["answer"], {"choice": "b"})
    page = candidate_client.get(urls["page"]).content.decode()
    assert EXPLANATION in page and ANSWER_LINE in page and "Correct, on attempt 3." in page
    assert 'class="badge ok">Solved' in page
    assert _list_state(candidate_client, "solved") and not _list_state(
        candidate_client, "attempted"
    )
    # Solved: no more answers are taken, and nothing can be revealed any more.
    after = candidate_client.post(urls["answer"], {"choice": "a"}, follow=True).content.decode()
    assert "already solved" in after and QuizAttempt.objects.count() == 3
    candidate_client.post(urls["reveal"])
    assert not QuizReveal.objects.exists()
    rows = {r.topic: (r.solved, r.attempted, r.revealed) for r in topic_progress(candidate)}
    assert rows["channels"] == (1, 0, 0)


def test_show_the_answer_is_recorded_and_never_solves(candidate_client, candidate, bank, urls):
    candidate_client.post(urls["answer"], {"choice": "a"})
    candidate_client.post(urls["reveal"])
    reveal = QuizReveal.objects.get(user=candidate)
    assert reveal.attempts_before == 1
    page = candidate_client.get(urls["page"]).content.decode()
    assert EXPLANATION in page and ANSWER_LINE in page
    assert "Answer shown after 1 attempt: this quiz counts as not solved." in page
    assert 'class="badge ok">Solved' not in page
    # The right answer after seeing it is refused and changes nothing.
    refused = candidate_client.post(urls["answer"], {"choice": "b"}, follow=True).content.decode()
    assert "takes no more answers" in refused
    assert not QuizAttempt.objects.filter(correct=True).exists()
    assert _list_state(candidate_client, "revealed")
    for other in ("solved", "attempted", "new"):
        assert not _list_state(candidate_client, other), other
    listing = candidate_client.get("/practice/").content.decode()
    assert 'class="badge shown"' in listing
    (row,) = [r for r in topic_progress(candidate) if r.topic == "channels"]
    assert (row.solved, row.attempted, row.revealed, row.new) == (0, 0, 1, 0)


def test_explanation_never_sent_to_others_or_anonymous(candidate_client, make_user, bank, urls):
    candidate_client.post(urls["reveal"])
    assert EXPLANATION in candidate_client.get(urls["page"]).content.decode()
    anonymous = Client()
    assert not _closed(anonymous.get(urls["page"]).content.decode())
    bob = make_user("bob")
    client = Client()
    client.force_login(bob)
    assert not _closed(client.get(urls["page"]).content.decode())
    assert not _closed(_api_bodies(bob))


def test_quiz_states_in_chinese(candidate_client, bank, urls) -> None:
    candidate_client.cookies["django_language"] = "zh-hans"
    candidate_client.post(urls["answer"], {"choice": "a"})
    page = candidate_client.get(urls["page"]).content.decode()
    assert "不对:(a) 不是答案" in page and "目前已作答 1 次" in page and "显示答案" in page
    candidate_client.post(urls["reveal"])
    page = candidate_client.get(urls["page"]).content.decode()
    assert "作答 1 次后查看了答案" in page and "已看答案" in page
