"""A graded assessment answer: its scores are copied onto the item's work (when it is still
the item's latest answer), then the finish webhook goes out if this was the last one."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from grading.grading import submission_done


@receiver(submission_done)
def store_scores(sender: Any, submission_id: int, **_: Any) -> None:
    from practice.models import Submission

    from assessments import scores
    from assessments.models import ItemWork
    from assessments.notify import notify_when_graded

    row = (
        Submission.objects.filter(pk=submission_id, context=Submission.Context.ASSESSMENT)
        .values("result")
        .first()
    )
    if row is None:
        return
    updated = ItemWork.objects.filter(submission_id=submission_id).update(
        state=ItemWork.State.GRADED, **scores.from_result(row["result"])
    )
    if updated:
        attempt_id = ItemWork.objects.filter(submission_id=submission_id).values_list(
            "attempt_id", flat=True
        )[0]
        notify_when_graded(attempt_id)
