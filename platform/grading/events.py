"""Live progress: a few named stages pushed to the submission's Channels group.

Losing an event is harmless (the page re-reads the row on connect and on "done"), so a
broken Redis never fails the caller."""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

log = logging.getLogger(__name__)

# The engine's stages plus the queue's own ("queued", "running", "retrying").
STAGES = (
    "queued",
    "running",
    "building",
    "vetting",
    "testing",
    "race",
    "exploring",
    "benchmarking",
    "scoring",
    "retrying",
    "done",
)


def group_name(submission_id: int) -> str:
    return f"submission-{submission_id}"


def publish(submission_id: int, stage: str, detail: dict[str, Any] | None = None) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    message = {"type": "progress", "stage": stage, "detail": _plain(detail or {})}
    try:
        async_to_sync(layer.group_send)(group_name(submission_id), message)
    except Exception:
        log.warning("progress event %s for #%s not sent", stage, submission_id, exc_info=True)


def _plain(detail: dict[str, Any]) -> dict[str, Any]:
    """msgpack (the layer's encoding) takes only plain values."""
    out: dict[str, Any] = {}
    for key, value in detail.items():
        if isinstance(value, (str, int, float, bool)) or value is None:
            out[str(key)] = value
        else:
            out[str(key)] = str(value)
    return out
