"""Celery tasks: finishing attempts whose time ran out, and the finish webhook."""

from __future__ import annotations

import json
import logging
import urllib.request

from celery import shared_task

log = logging.getLogger(__name__)


@shared_task(name="assessments.tasks.close_expired", ignore_result=True)
def close_expired() -> list[int]:
    from assessments.services import close_expired as close

    return close()


@shared_task(
    name="assessments.tasks.deliver_finished",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    ignore_result=True,
)
def deliver_finished(attempt_id: int) -> int:
    from grading.tasks import sign
    from practice.models import Webhook
    from reports.data import attempt_payload

    from assessments.models import Attempt, Membership
    from assessments.notify import EVENT

    attempt = Attempt.objects.select_related("assessment__position", "user").get(pk=attempt_id)
    managers = Membership.objects.filter(
        position_id=attempt.assessment.position_id, role=Membership.Role.HIRING_MANAGER
    ).values("user_id")
    hooks = Webhook.objects.filter(user_id__in=managers, is_active=True)
    body = json.dumps({"event": EVENT, "report": attempt_payload(attempt)}, sort_keys=True)
    sent = 0
    for hook in hooks:
        request = urllib.request.Request(
            hook.url,
            data=body.encode(),
            method="POST",
            headers={
                "Content-Type": "application/json",
                "X-Goconcur-Event": EVENT,
                "X-Goconcur-Signature": sign(hook.secret, body.encode()),
            },
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            log.info("webhook %s -> %s", hook.url, response.status)
        sent += 1
    return sent
