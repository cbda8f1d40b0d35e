"""A session on the fixture bank, its two people as HTTP clients, and a Yjs client that
speaks the real protocol (pycrdt) through the real ASGI application."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from config.asgi import application
from django.test import Client
from practice.tests.conftest import live_queue, live_web  # noqa: F401  (real services)
from pycrdt import (
    Doc,
    Text,
    YMessageType,
    YSyncMessageType,
    create_sync_message,
    create_update_message,
    handle_sync_message,
)

from interviews import services


@pytest.fixture
def interviewer(make_user):
    return make_user("ivan", role="interviewer")


@pytest.fixture
def session(bank, interviewer):
    from interviews.models import Session

    created = services.create_session(interviewer, "Counter round", [bank["safe-counter"]], False)
    # Loaded now: async test bodies cannot run queries.
    return Session.objects.select_related("current__problem", "invite").get(pk=created.pk)


@pytest.fixture
def interviewer_client(interviewer) -> Client:
    client = Client()
    client.force_login(interviewer)
    return client


def join(session, name: str = "Cleo") -> Client:
    client = Client()
    response = client.post(f"/interviews/join/{session.invite.token}/", {"name": name})
    assert response.status_code == 302, response.content
    return client


@pytest.fixture
def joined_client(session) -> Client:
    return join(session)


def cookie(client: Client) -> bytes:
    return f"sessionid={client.cookies['sessionid'].value}".encode()


def socket(client: Client | None, path: str) -> WebsocketCommunicator:
    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
    if client is not None:
        headers.append((b"cookie", cookie(client)))
    return WebsocketCommunicator(application, path, headers=headers)


class YClient:
    """A Yjs peer: answers sync steps, applies updates, sends its own edits."""

    def __init__(self, communicator: WebsocketCommunicator):
        self.ws = communicator
        self.doc = Doc()
        self.text = self.doc.get("code", type=Text)
        self.outbox: list[bytes] = []
        self.doc.observe(lambda event: self.outbox.append(event.update))
        self._local = False

    async def connect(self) -> tuple[bool, Any]:
        return await self.ws.connect()

    async def pump(self, timeout: float = 1.0) -> int:
        """Reads what the server sent until it is quiet; returns the messages read."""
        read = 0
        while True:
            # receive_nothing, not a receive_from timeout: that one cancels the app.
            if await self.ws.receive_nothing(timeout=timeout, interval=0.02):
                return read
            message = await self.ws.receive_from()
            read += 1
            if isinstance(message, bytes) and message[0] == YMessageType.SYNC:
                self.outbox.clear()
                reply = handle_sync_message(message[1:], self.doc)
                self.outbox.clear()  # remote changes are not ours to send
                if reply is not None:
                    await self.ws.send_to(bytes_data=reply)
            timeout = min(timeout, 0.3)

    async def sync(self) -> None:
        await self.ws.send_to(bytes_data=create_sync_message(self.doc))

    async def type(self, index: int, chars: str) -> None:
        self.outbox.clear()
        self.text.insert(index, chars)
        for update in self.outbox:
            await self.ws.send_to(bytes_data=create_update_message(update))
        self.outbox.clear()

    @property
    def code(self) -> str:
        return str(self.text)


def in_loop(test: Callable[..., Any]) -> Callable[..., Any]:
    """Runs an async test body in an event loop (the suite has no asyncio plugin)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> Any:
        return async_to_sync(test)(*args, **kwargs)

    return run


__all__ = ["YClient", "YSyncMessageType", "in_loop", "join", "socket"]
