"""Celery tasks. Thin: the rules live in grading.grading."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import urllib.request

from celery import shared_task

from grading import grading

log = logging.getLogger(__name__)


@shared_task(
    name="grading.tasks.grade_submission",
    acks_late=True,  # a worker that dies mid-grading leaves the message to be re-delivered
    reject_on_worker_lost=True,
    ignore_result=True,
)
def grade_submission(submission_id: int) -> str:
    return grading.grade(submission_id)


@shared_task(name="grading.tasks.sweep_submissions", ignore_result=True)
def sweep_submissions() -> list[int]:
    return grading.sweep()


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@shared_task(
    name="grading.tasks.deliver_webhooks",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    ignore_result=True,
)
def deliver_webhooks(submission_id: int) -> int:
    """POSTs the finished submission to the owner's webhooks, signed with HMAC-SHA256."""
    from practice.api import submission_payload
    from practice.models import Submission, Webhook

    submission = Submission.objects.select_related("problem").get(pk=submission_id)
    if submission.context == Submission.Context.ASSESSMENT:
        return 0  # hidden from its candidate; the team gets assessment.finished instead
    hooks = Webhook.objects.filter(user_id=submission.user_id, is_active=True)
    body = json.dumps(
        {"event": "submission.done", "submission": submission_payload(submission)},
        sort_keys=True,
    ).encode()
    sent = 0
    for hook in hooks:
        request = urllib.request.Request(
            hook.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "X-Goconcur-Event": "submission.done",
                "X-Goconcur-Signature": sign(hook.secret, body),
            },
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            log.info("webhook %s -> %s", hook.url, response.status)
        sent += 1
    return sent
