"""The progress page: a summary (every problem once), a stacked bar per topic, and the
full table by topic kept below."""

from __future__ import annotations

from django.urls import reverse

from practice.models import QuizReveal, Submission


def test_summary_chart_and_detail(candidate_client, candidate, bank) -> None:
    empty = candidate_client.get(reverse("practice:progress")).content.decode()
    assert "<b>0</b> of 2 problems solved · 0 attempted · 0 with the answer shown" in empty
    Submission.objects.create(
        user=candidate,
        problem=bank["safe-counter"],
        mode="submit",
        source="x",
        status="done",
        verdict="accepted",
    )
    QuizReveal.objects.create(user=candidate, problem=bank["quiz-unbuffered"])
    page = candidate_client.get(reverse("practice:progress")).content.decode()
    assert "<b>1</b> of 2 problems solved · 0 attempted · 1 with the answer shown" in page
    assert 'aria-label="mutex: 1 solved, 0 attempted, 0 answer shown, of 1"' in page
    assert 'class="seg-solved" style="width: 100.00%"' in page
    assert 'aria-label="channels: 0 solved, 0 attempted, 1 answer shown, of 1"' in page
    assert 'class="seg-revealed" style="width: 100.00%"' in page
    detail = page.split('id="details"')[1]
    assert "?topic=mutex" in detail and "?topic=channels" in detail and "100%" in detail


def test_other_users_progress_is_not_mine(candidate_client, make_user, bank) -> None:
    bob = make_user("bob")
    Submission.objects.create(
        user=bob, problem=bank["safe-counter"], mode="submit", source="x", verdict="accepted"
    )
    page = candidate_client.get(reverse("practice:progress")).content.decode()
    assert "<b>0</b> of 2 problems solved" in page
