"""A worker that starts sweeps at once: submissions orphaned by its predecessor are not
left waiting for the first timer tick."""

from __future__ import annotations

import logging

from celery.signals import worker_ready

log = logging.getLogger(__name__)


@worker_ready.connect
def sweep_on_start(**_: object) -> None:
    from grading.grading import sweep

    try:
        resent = sweep()
    except Exception:
        log.warning("start-up sweep failed", exc_info=True)
        return
    if resent:
        log.info("start-up sweep re-sent %s", resent)
