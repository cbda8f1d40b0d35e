"""The progress WebSocket: the owner gets a snapshot (with the time budget), then live
stages and ticks read from the row; others are refused. The live test keeps a real socket
on a real server through a real grading longer than the old 5 s cut."""

from __future__ import annotations

from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.utils import timezone
from practice.models import Submission

from grading import events
from grading.consumers import SubmissionProgress


def _connect(user, pk: int) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(SubmissionProgress.as_asgi(), f"/ws/submissions/{pk}/")
    communicator.scope["user"] = user
    communicator.scope["url_route"] = {"kwargs": {"pk": pk}}
    return communicator


@pytest.mark.django_db(transaction=True)
def test_owner_gets_snapshot_and_stages(bank, candidate, make_user) -> None:
    submission = Submission.objects.create(
        user=candidate,
        problem=bank["safe-counter"],
        mode="run",
        source="x",
        stage="testing",
        status="running",
    )

    async def scenario() -> list[dict]:
        socket = _connect(candidate, submission.pk)
        connected, _ = await socket.connect()
        assert connected
        first = await socket.receive_json_from()
        await get_channel_layer().group_send(
            events.group_name(submission.pk), {"type": "progress", "stage": "race", "detail": {}}
        )
        second = await socket.receive_json_from()
        await socket.disconnect()
        return [first, second]

    first, second = async_to_sync(scenario)()
    assert first["stage"] == "testing" and first["detail"]["snapshot"]
    assert first["budget"]["test_timeout"] == bank["safe-counter"].limits["test_timeout_seconds"]
    assert first["elapsed"] >= 0
    assert second["stage"] == "race" and second["elapsed"] >= first["elapsed"]


@pytest.mark.django_db(transaction=True)
def test_ticks_tell_liveness_and_deliver_done(bank, candidate, monkeypatch) -> None:
    """No stage event at all: the ticks alone say the worker went quiet, then that it is done."""
    monkeypatch.setattr(SubmissionProgress, "tick_seconds", 0.2)
    submission = Submission.objects.create(
        user=candidate,
        problem=bank["safe-counter"],
        mode="run",
        source="x",
        stage="testing",
        status="running",
        lease_until=timezone.now() - timedelta(seconds=1),  # its worker stopped renewing
    )

    async def scenario() -> list[dict]:
        socket = _connect(candidate, submission.pk)
        assert (await socket.connect())[0]
        seen = [await socket.receive_json_from(), await socket.receive_json_from(timeout=5)]
        await database_sync_to_async(Submission.objects.filter(pk=submission.pk).update)(
            status="done", stage="done", verdict="race", finished_at=timezone.now()
        )
        while seen[-1]["stage"] != "done":
            seen.append(await socket.receive_json_from(timeout=5))
        await socket.disconnect()
        return seen

    snapshot, tick, *_, done = async_to_sync(scenario)()
    assert snapshot["alive"] is False and tick["detail"]["tick"] and tick["alive"] is False
    assert tick["stage"] == "testing" and done["detail"]["verdict"] == "race"


@pytest.mark.django_db(transaction=True)
def test_stranger_is_refused(bank, candidate, make_user) -> None:
    submission = Submission.objects.create(
        user=candidate, problem=bank["safe-counter"], mode="run", source="x"
    )
    bob = make_user("bob")

    async def scenario() -> bool:
        socket = _connect(bob, submission.pk)
        connected, _ = await socket.connect()
        await socket.disconnect()
        return connected

    assert async_to_sync(scenario)() is False
