"""The progress WebSocket: the owner gets a snapshot then live stages; others are refused."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
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
    assert second["stage"] == "race"


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
