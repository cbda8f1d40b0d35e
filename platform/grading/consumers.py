from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from practice.models import Submission

from grading.events import group_name


class SubmissionProgress(AsyncJsonWebsocketConsumer):
    """Pushes one submission's stages to its owner. The first message is the row's
    current state, so a page that connects late misses nothing."""

    async def connect(self) -> None:
        self.submission_id = int(self.scope["url_route"]["kwargs"]["pk"])
        snapshot = await self._snapshot()
        if snapshot is None:
            await self.close(code=4403)
            return
        self.group = group_name(self.submission_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json(snapshot)

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def progress(self, event: dict[str, Any]) -> None:
        await self.send_json({"stage": event["stage"], "detail": event.get("detail", {})})

    @database_sync_to_async
    def _snapshot(self) -> dict[str, Any] | None:
        user = self.scope.get("user")
        if not user or not user.is_authenticated:
            return None
        row = (
            Submission.objects.filter(pk=self.submission_id, user=user)
            .exclude(context=Submission.Context.ASSESSMENT)  # hidden until published
            .values("status", "stage", "verdict")
            .first()
        )
        if row is None:
            return None
        stage = "done" if row["status"] == Submission.Status.DONE else row["stage"]
        return {"stage": stage, "detail": {"verdict": row["verdict"], "snapshot": True}}
