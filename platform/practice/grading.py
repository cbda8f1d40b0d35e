"""The queue's rules, apart from Celery so they can be read and tested on their own.

A submission moves queued -> running -> done. Every move is a conditional UPDATE on the
row, so a duplicate message, a re-delivered message after a worker died, or the sweeper
racing a slow worker can never grade twice or overwrite a result:
- claim: queued (and past any backoff) -> running, attempts += 1 (the attempt number is
  the claim's token);
- heartbeat: while grading, the holder of the token pushes lease_until forward;
- finish: running -> done, only for the token holder;
- requeue: a system error -> queued, not claimable before retry_at (exponential backoff);
- sweep: running past its lease -> queued again (or system_error after the last attempt);
  queued past its deadline -> its message is sent again (it may have been lost).
"""

from __future__ import annotations

import logging
import threading
import traceback
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from practice import events
from practice.models import Submission

log = logging.getLogger(__name__)
Status = Submission.Status


def enqueue_on_commit(submission_id: int, countdown: float = 0) -> None:
    transaction.on_commit(lambda: send(submission_id, countdown))


def send(submission_id: int, countdown: float = 0) -> bool:
    """Publishes the task; on a broker failure the sweeper sends it again later."""
    from practice.tasks import grade_submission

    try:
        grade_submission.apply_async((submission_id,), countdown=countdown or None)
    except Exception:
        log.warning("could not publish #%s; the sweeper will retry", submission_id, exc_info=True)
        return False
    return True


def claim(submission_id: int) -> int | None:
    """queued -> running. Returns the attempt number, or None when someone else has it."""
    now = timezone.now()
    lease = now + timedelta(seconds=settings.GOCONCUR_LEASE_SECONDS)
    # A message that arrives early (a duplicate, a re-send) must not cut a backoff short.
    due = Q(retry_at__isnull=True) | Q(retry_at__lte=now)
    claimed = Submission.objects.filter(due, pk=submission_id, status=Status.QUEUED).update(
        status=Status.RUNNING,
        attempts=F("attempts") + 1,
        lease_until=lease,
        retry_at=None,
        started_at=now,
        stage="running",
    )
    if not claimed:
        log.info("#%s is not due (done, held elsewhere or backing off): skipped", submission_id)
        return None
    attempt = Submission.objects.values_list("attempts", flat=True).get(pk=submission_id)
    log.info("#%s claimed, attempt %s", submission_id, attempt)
    return attempt


def _held(submission_id: int, attempt: int) -> Any:
    return Submission.objects.filter(pk=submission_id, status=Status.RUNNING, attempts=attempt)


def renew(submission_id: int, attempt: int, stage: str | None = None) -> bool:
    fields: dict[str, Any] = {
        "lease_until": timezone.now() + timedelta(seconds=settings.GOCONCUR_LEASE_SECONDS)
    }
    if stage:
        fields["stage"] = stage
    return bool(_held(submission_id, attempt).update(**fields))


def finish(submission_id: int, attempt: int, result: dict[str, Any], error: str = "") -> bool:
    scores = result.get("scores") or {}
    done = _held(submission_id, attempt).update(
        status=Status.DONE,
        stage="done",
        verdict=str(result.get("verdict", "")),
        score=scores.get("total"),
        result=result,
        finished_at=timezone.now(),
        lease_until=None,
        last_error=error,
    )
    if done:
        log.info("#%s attempt %s stored: %s", submission_id, attempt, result.get("verdict"))
        events.publish(submission_id, "done", {"verdict": str(result.get("verdict", ""))})
        from practice.tasks import deliver_webhooks

        try:
            deliver_webhooks.delay(submission_id)
        except Exception:
            log.warning("webhook for #%s not queued", submission_id, exc_info=True)
    else:
        log.info("#%s attempt %s lost its claim; result discarded", submission_id, attempt)
    return bool(done)


def requeue(submission_id: int, attempt: int, error: str) -> bool:
    """A system error: back to queued, sent again after an exponential backoff."""
    delay = settings.GOCONCUR_RETRY_BASE_SECONDS * (2 ** (attempt - 1))
    retry_at = timezone.now() + timedelta(seconds=delay)
    deadline = retry_at + timedelta(seconds=settings.GOCONCUR_QUEUE_DEADLINE_SECONDS)
    moved = _held(submission_id, attempt).update(
        status=Status.QUEUED,
        stage="retrying",
        retry_at=retry_at,
        lease_until=deadline,
        last_error=error,
    )
    if moved:
        log.info("#%s attempt %s hit a system error; retry in %ss", submission_id, attempt, delay)
        events.publish(submission_id, "retrying", {"in_seconds": delay})
        send(submission_id, countdown=delay)
    return bool(moved)


def system_error_result(message: str) -> dict[str, Any]:
    from graders.judge import system_error

    return system_error(message).to_dict()


GIVE_UP = (
    "The grader failed several times (our fault, not your code's). "
    "This attempt does not count; please submit again later."
)


class Heartbeat(threading.Thread):
    """Renews the lease while the engine works, so a live worker never looks dead."""

    def __init__(self, submission_id: int, attempt: int) -> None:
        super().__init__(daemon=True, name=f"lease-{submission_id}")
        self.submission_id, self.attempt = submission_id, attempt
        self.stopped = threading.Event()

    def run(self) -> None:
        interval = max(1.0, settings.GOCONCUR_LEASE_SECONDS / 3)
        try:
            while not self.stopped.wait(interval):
                if not renew(self.submission_id, self.attempt):
                    return
        except Exception:
            log.warning("lease renewal failed for #%s", self.submission_id, exc_info=True)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=5)


def grade(submission_id: int) -> str:
    """The task body: claim, grade, store. Returns what happened, for logs and tests."""
    attempt = claim(submission_id)
    if attempt is None:
        return "skipped"
    submission = Submission.objects.select_related("problem__secret").get(pk=submission_id)
    events.publish(submission_id, "running", {"attempt": attempt})

    def on_event(stage: str, detail: dict[str, Any]) -> None:
        if stage == "done":  # announced by finish(), once the result is stored
            renew(submission_id, attempt)
            return
        renew(submission_id, attempt, stage=stage[:20])
        events.publish(submission_id, stage, detail)

    heartbeat = Heartbeat(submission_id, attempt)
    heartbeat.start()
    error = ""
    try:
        # Imported here: the web processes that enqueue never load the engine.
        from graders import EngineSettings, GradeOptions, Mode
        from graders import grade as run_engine

        request = submission.problem.grade_request(
            submission.source.encode("utf-8", errors="surrogatepass"), Mode(submission.mode)
        )
        result = run_engine(
            request,
            options=GradeOptions(max_source_bytes=settings.GOCONCUR_MAX_SOURCE_BYTES),
            settings=EngineSettings.from_env(),
            on_event=on_event,
        )
        data = result.to_dict()
        retryable = bool(result.retryable)
        if retryable:
            error = result.message or "system_error"
    except Exception:
        error = traceback.format_exc()
        log.exception("grading #%s crashed", submission_id)
        data, retryable = system_error_result(GIVE_UP), True
    finally:
        heartbeat.stop()

    if retryable and attempt < settings.GOCONCUR_MAX_ATTEMPTS:
        requeue(submission_id, attempt, error)
        return "retrying"
    if retryable:
        data = system_error_result(GIVE_UP)
    finish(submission_id, attempt, data, error)
    return "done"


def sweep(now: Any = None) -> list[int]:
    """Sends again what is stuck; run at worker start and on a timer. Returns the ids."""
    now = now or timezone.now()
    deadline = now + timedelta(seconds=settings.GOCONCUR_QUEUE_DEADLINE_SECONDS)
    resent: list[int] = []
    stale = Submission.objects.filter(lease_until__lt=now).filter(
        Q(status=Status.RUNNING) | Q(status=Status.QUEUED)
    )
    for pk, status, attempts in stale.values_list("pk", "status", "attempts"):
        if status == Status.RUNNING and attempts >= settings.GOCONCUR_MAX_ATTEMPTS:
            # It killed its worker every time; stop before it takes the fleet down.
            finish(pk, attempts, system_error_result(GIVE_UP), "lease expired on last attempt")
            continue
        moved = Submission.objects.filter(
            pk=pk, status=status, attempts=attempts, lease_until__lt=now
        ).update(status=Status.QUEUED, lease_until=deadline, stage="queued")
        if moved:
            log.info("sweeper: #%s was %s past its lease; sent again", pk, status)
            send(pk)
            resent.append(pk)
    return resent
