"""Three sockets per session.

- doc: the shared document. pycrdt-websocket's YjsConsumer speaks the Yjs sync and
  awareness protocol over the Channels layer; this subclass admits only the session's
  participants, loads the item's update log from the database, stores every update a
  client sends (who and when: the timeline), keeps its own copy of the document current
  with everyone's updates, and drops the candidate's edits while the editor is locked or
  after the end.
- events: session state, runs and public results, for both people.
- panel: the interviewer's channel (full results with hidden tests). A candidate's
  connection is closed before it is accepted.
"""

from __future__ import annotations

import asyncio
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.utils import timezone
from pycrdt import Doc, Text, YMessageType, YSyncMessageType
from pycrdt.websocket.django_channels_consumer import YjsConsumer

from interviews import doc, live
from interviews.access import participant_for
from interviews.models import DocUpdate, Participant, Session, SessionItem

REFUSED = 4403
SAVE_EVERY = 0.1  # seconds between a consumer's batched writes of the update log


@database_sync_to_async
def _who(scope: dict[str, Any], session_id: int) -> Participant | None:
    return participant_for(session_id, scope.get("user"), scope.get("session"))


@database_sync_to_async
def _session(session_id: int) -> Session:
    return Session.objects.get(pk=session_id)


class DocConsumer(YjsConsumer):
    def make_room_name(self) -> str:
        return f"interview-doc-{self.item_id}"

    async def connect(self) -> None:
        kwargs = self.scope["url_route"]["kwargs"]
        self.session_id, self.item_id = int(kwargs["pk"]), int(kwargs["item"])
        self.participant = await _who(self.scope, self.session_id)
        exists = await database_sync_to_async(
            SessionItem.objects.filter(pk=self.item_id, session_id=self.session_id).exists
        )()
        if self.participant is None or not exists:
            await self.close(code=REFUSED)
            return
        self._inserted = 0
        self._pending: list[bytes] = []
        self._unsaved: list[DocUpdate] = []
        self._saver = asyncio.create_task(self._save_every(SAVE_EVERY))
        # Joined before reading the state, so a change in between is not missed.
        await self.channel_layer.group_add(live.room(self.session_id), self.channel_name)
        self.state = live.state(await _session(self.session_id))
        await super().connect()

    async def make_ydoc(self) -> Doc:
        updates = await database_sync_to_async(
            lambda: list(
                DocUpdate.objects.filter(item_id=self.item_id).values_list("update", flat=True)
            )
        )()
        ydoc = doc.load([bytes(u) for u in updates])
        ydoc.observe(self._on_change)
        ydoc.get(doc.TEXT, type=Text).observe(self._on_text)
        return ydoc

    def _on_change(self, event: Any) -> None:
        if self._from_client:
            self._pending.append(event.update)

    def _on_text(self, event: Any) -> None:
        if self._from_client:
            self._inserted += doc.inserted(event.delta)

    _from_client = False

    def _may_edit(self) -> bool:
        if self.state.get("status") != Session.Status.OPEN:
            return False
        return self.participant.is_interviewer or not self.state.get("editor_locked")

    async def session_event(self, event: dict[str, Any]) -> None:
        """The session's state, kept current by the room's events: no query per key."""
        if event["payload"].get("event") == "state":
            self.state = event["payload"]

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None):
        if self.participant is None or not bytes_data:
            return
        writes = (
            bytes_data[0] == YMessageType.SYNC
            and len(bytes_data) > 1
            and bytes_data[1] != YSyncMessageType.SYNC_STEP1
        )
        if writes and not self._may_edit():
            return  # read-only: the update is neither stored nor passed on
        self._from_client, self._pending, self._inserted = True, [], 0
        try:
            await super().receive(text_data, bytes_data)
        finally:
            self._from_client = False
        now = timezone.now()
        self._unsaved.extend(
            DocUpdate(
                item_id=self.item_id,
                participant=self.participant,
                update=update,
                inserted=self._inserted,
                is_paste=self._inserted >= doc.PASTE_CHARS,
                created_at=now,  # when it arrived: the replay's clock
            )
            for update in self._pending
        )

    async def _save_every(self, seconds: float) -> None:
        """One INSERT per batch, not per key: SQLite has one writer, and a consumer busy
        writing is a consumer not reading its channel. A batch lost with the process is
        still in the clients' documents and comes back in their next sync."""
        while True:
            await asyncio.sleep(seconds)
            await self._save()

    async def _save(self) -> None:
        batch, self._unsaved = self._unsaved, []
        if batch:
            await database_sync_to_async(DocUpdate.objects.bulk_create)(batch)

    async def send_message(self, message_wrapper: YjsConsumer.WrappedMessage) -> None:
        # Everyone's updates reach this copy too, so a later sync step from this client
        # carries only what is really new (and only that is stored, under its name).
        message = message_wrapper["message"]
        if message and message[0] == YMessageType.SYNC and self.ydoc is not None:
            from pycrdt import handle_sync_message

            if len(message) > 1 and message[1] != YSyncMessageType.SYNC_STEP1:
                handle_sync_message(message[1:], self.ydoc)
        await super().send_message(message_wrapper)

    async def disconnect(self, code: int) -> None:
        if self.room_name is not None:
            self._saver.cancel()
            await self._save()
            await self.channel_layer.group_discard(live.room(self.session_id), self.channel_name)
            await super().disconnect(code)


class SessionEvents(AsyncJsonWebsocketConsumer):
    """State changes, runs and public results; the first message is the current state."""

    panel = False

    async def connect(self) -> None:
        self.session_id = int(self.scope["url_route"]["kwargs"]["pk"])
        participant = await _who(self.scope, self.session_id)
        if participant is None or (self.panel and not participant.is_interviewer):
            await self.close(code=REFUSED)
            return
        self.group = live.panel(self.session_id) if self.panel else live.room(self.session_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        session = await _session(self.session_id)
        await self.send_json(live.state(session))

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        return  # listen-only: actions go through the HTTP views, which check them

    async def session_event(self, event: dict[str, Any]) -> None:
        await self.send_json(event["payload"])


class PanelEvents(SessionEvents):
    panel = True
