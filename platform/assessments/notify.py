"""The `assessment.finished` webhook: once per attempt, when it has ended and every answer
is graded. It goes to the webhooks of the position's hiring managers, signed like
`submission.done` (HMAC-SHA256 of the body, `X-Goconcur-Signature: sha256=...`)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from assessments.models import Attempt, ItemWork

log = logging.getLogger(__name__)
EVENT = "assessment.finished"


def notify_when_graded(attempt_id: int) -> bool:
    """Claims the notification (a conditional UPDATE) and queues its delivery."""
    if ItemWork.objects.filter(attempt_id=attempt_id, state=ItemWork.State.GRADING).exists():
        return False
    claimed = Attempt.objects.filter(
        pk=attempt_id, finished_at__isnull=False, notified_at__isnull=True
    ).update(notified_at=timezone.now())
    if not claimed:
        return False
    from assessments.tasks import deliver_finished

    def send() -> None:
        try:
            deliver_finished.delay(attempt_id)
        except Exception:
            log.warning("%s webhook for attempt %s not queued", EVENT, attempt_id, exc_info=True)

    transaction.on_commit(send)
    return True
