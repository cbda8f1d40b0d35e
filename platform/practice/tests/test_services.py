"""Creating submissions under concurrency: the per-user limits hold when requests race."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from practice.models import Submission
from practice.services import SubmissionRefused, create_submission


@pytest.mark.django_db(transaction=True)
def test_racing_requests_of_one_user_respect_the_in_flight_cap(
    held_queue, bank, candidate, settings
) -> None:
    settings.GOCONCUR_MAX_IN_FLIGHT = 2
    problem = bank["safe-counter"]
    start = threading.Barrier(8)
    outcomes: list[str] = []

    def submit() -> None:
        start.wait()
        try:
            create_submission(candidate, problem, problem.starter, "run")
            outcomes.append("accepted")
        except SubmissionRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["accepted"] * 2 + ["refused"] * 6
    assert Submission.objects.filter(user=candidate).count() == 2
    assert held_queue.llen("celery") == 2  # queued for a worker, nothing graded here
