"""The practice pages: list with filters, problem page, run/submit, quiz, hints, editorial."""

from __future__ import annotations

import pytest
from django.urls import reverse

from practice.models import QuizAttempt, Submission

FIXED = """package solution

import "sync"

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Inc() { c.mu.Lock(); c.n++; c.mu.Unlock() }

func (c *Counter) Value() int { c.mu.Lock(); defer c.mu.Unlock(); return c.n }
"""


def test_list_filters_and_search(client, candidate_client, bank, candidate) -> None:
    page = candidate_client.get(reverse("practice:problem_list")).content.decode()
    assert "A counter safe for concurrent use" in page and "Send on an unbuffered" in page
    quiz_only = candidate_client.get("/practice/?kind=quiz").content.decode()
    assert "Send on an unbuffered" in quiz_only and "A counter safe" not in quiz_only
    by_topic = candidate_client.get("/practice/?topic=mutex").content.decode()
    assert "A counter safe" in by_topic and "Send on an unbuffered" not in by_topic
    assert (
        "A counter safe" not in candidate_client.get("/practice/?difficulty=hard").content.decode()
    )
    assert "Send on" in candidate_client.get("/practice/?q=unbuffered").content.decode()
    Submission.objects.create(
        user=candidate,
        problem=bank["safe-counter"],
        mode="submit",
        source="x",
        status="done",
        verdict="race",
    )
    attempted = candidate_client.get("/practice/?state=attempted").content.decode()
    assert "A counter safe" in attempted and "Send on" not in attempted
    new = candidate_client.get("/practice/?state=new").content.decode()
    assert "A counter safe" not in new and "Send on" in new
    assert "A counter safe" not in candidate_client.get("/practice/?state=solved").content.decode()


def test_problem_page_in_both_languages(client, bank) -> None:
    en = client.get(reverse("practice:problem_detail", args=["safe-counter"])).content.decode()
    assert "Counter.Inc" in en and "codehilite" in en
    client.cookies["django_language"] = "zh-hans"
    zh = client.get(reverse("practice:problem_detail", args=["safe-counter"])).content.decode()
    assert "并发安全的计数器" in zh and "许多协程" in zh and "运行" not in en


@pytest.mark.sandbox
def test_run_submit_flow_and_editorial(candidate_client, bank, django_capture_on_commit_callbacks):
    url = reverse("practice:submit", args=["safe-counter"])
    page = candidate_client.get(reverse("practice:problem_detail", args=["safe-counter"]))
    assert "editorial opens once" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = candidate_client.post(
            url,
            {"source": bank["safe-counter"].starter, "mode": "run"},
            HTTP_ACCEPT="application/json",
        )
    assert response.status_code == 202
    state = candidate_client.get(response.json()["poll"]).json()
    assert state["status"] == "done" and state["verdict"] == "race"
    assert state["marks"][0]["line"] == 9 and state["marks"][0]["kind"] == "race"
    assert "Data race" in state["html"]
    detail = candidate_client.get(reverse("practice:submission_detail", args=[state["id"]]))
    assert 'class="has-finding finding-race' in detail.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        candidate_client.post(
            url, {"source": FIXED, "mode": "submit"}, HTTP_ACCEPT="application/json"
        )
    page = candidate_client.get(reverse("practice:problem_detail", args=["safe-counter"]))
    assert 'id="editorial"' in page.content.decode()
    assert "History" in candidate_client.get(reverse("practice:history")).content.decode()
    progress = candidate_client.get(reverse("practice:progress")).content.decode()
    assert "mutex" in progress and "100%" in progress


def test_size_cap_and_rate_limit_messages(candidate_client, bank, settings) -> None:
    url = reverse("practice:submit", args=["safe-counter"])
    big = "package solution\n" + "// x\n" * 20000
    response = candidate_client.post(
        url, {"source": big, "mode": "run"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 413 and "limit is 64 KiB" in response.json()["error"]
    settings.GOCONCUR_MAX_IN_FLIGHT = 2
    for _ in range(2):
        assert (
            candidate_client.post(
                url, {"source": "package solution", "mode": "run"}, HTTP_ACCEPT="application/json"
            ).status_code
            == 202
        )
    refused = candidate_client.post(
        url, {"source": "package solution", "mode": "run"}, HTTP_ACCEPT="application/json"
    )
    assert refused.status_code == 429 and "wait for one to finish" in refused.json()["error"]
    Submission.objects.update(status="done")
    settings.GOCONCUR_RATE_LIMIT_PER_MINUTE = 2
    refused = candidate_client.post(
        url, {"source": "package solution", "mode": "run"}, HTTP_ACCEPT="application/json"
    )
    assert refused.status_code == 429 and "per minute" in refused.json()["error"]
    assert int(refused["Retry-After"]) >= 1


def test_staged_hints(candidate_client, bank) -> None:
    detail = reverse("practice:problem_detail", args=["safe-counter"])
    assert "read and a write" not in candidate_client.get(detail).content.decode()
    candidate_client.post(reverse("practice:reveal_hint", args=["safe-counter"]))
    page = candidate_client.get(detail).content.decode()
    assert "read and a write" in page and "Guard" not in page
    for _ in range(3):
        candidate_client.post(reverse("practice:reveal_hint", args=["safe-counter"]))
    page = candidate_client.get(detail).content.decode()
    assert "Guard" in page and "Show next hint" not in page


def test_quiz_answered_in_the_page(candidate_client, bank, candidate) -> None:
    detail = reverse("practice:problem_detail", args=["quiz-unbuffered"])
    page = candidate_client.get(detail).content.decode()
    assert "ch &lt;- 1" in page or "ch</span>" in page
    assert "main is the only goroutine" not in page
    candidate_client.post(
        reverse("practice:quiz_answer", args=["quiz-unbuffered"]), {"choice": "a"}
    )
    attempt = QuizAttempt.objects.get(user=candidate)
    assert not attempt.correct
    page = candidate_client.get(detail).content.decode()
    assert "Not quite" in page and "main is the only goroutine" in page
    candidate_client.post(
        reverse("practice:quiz_answer", args=["quiz-unbuffered"]), {"choice": "b"}
    )
    assert "Correct." in candidate_client.get(detail).content.decode()


def test_quiz_cannot_take_code(candidate_client, bank) -> None:
    response = candidate_client.post(
        reverse("practice:submit", args=["quiz-unbuffered"]),
        {"source": "package main", "mode": "run"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400


V1_RESULT = {
    "schema_version": 1, "verdict": "race", "message": "race (1/1 tests passed)",
    "retryable": False, "findings": [{"kind": "race", "message": "data race", "file": "solution.go",
                                      "line": 3, "stack": ""}],
    "scores": {"correctness": 100.0, "race_free": 0.0, "leak_free": 100.0, "deadlock_free": 100.0,
               "performance": 0.0, "static": 100.0, "total": 75.5},
    "tests": [], "benchmarks": [], "timings": {}, "sandbox": None,
}  # fmt: skip
V2_RESULT = {
    **V1_RESULT, "schema_version": 2, "verdict": "runtime_error",
    "findings": [{"kind": "panic", "message": "boom", "file": "solution.go", "line": 3,
                  "stack": "", "code": "panic", "params": {"detail": "boom", "place": ""}}],
    "scores": {"correctness": 0, "race_free": None, "leak_free": None, "deadlock_free": None,
               "performance": None, "static": 100, "total": 5},
    "unchecked": {"race_free": "tests_crashed", "leak_free": "tests_crashed",
                  "deadlock_free": "tests_crashed", "performance": "skipped_after_failure"},
}  # fmt: skip


@pytest.mark.parametrize("stored", [V1_RESULT, V2_RESULT], ids=["v1", "v2_with_null_scores"])
def test_stored_results_of_both_schema_versions_render(candidate_client, bank, candidate, stored):
    submission = Submission.objects.create(
        user=candidate, problem=bank["safe-counter"], mode="submit", source=FIXED,
        status="done", verdict=stored["verdict"], score=stored["scores"]["total"], result=stored,
    )  # fmt: skip
    page = candidate_client.get(reverse("practice:submission_detail", args=[submission.pk]))
    assert page.status_code == 200
    assert stored["findings"][0]["message"] in page.content.decode()
    assert candidate_client.get(reverse("practice:history")).status_code == 200
