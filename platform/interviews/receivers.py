"""A graded interview run reaches both people live (through the grading app's signal)."""

from __future__ import annotations

from django.dispatch import receiver
from grading.grading import submission_done

from interviews import live
from interviews.models import SessionRun


@receiver(submission_done)
def announce_result(sender, submission_id: int, **_: object) -> None:
    session_run = (
        SessionRun.objects.select_related("submission", "participant")
        .filter(submission_id=submission_id)
        .first()
    )
    if session_run is not None:
        live.publish_result(session_run)
