"""The progress socket: one submission's stages, pushed to its owner while it is graded.

It stays open for the whole grading. The first message is the row's state (so a page that
connects late misses nothing) with the time budget; then every stage event; and every
`tick_seconds` a tick read from the row (stage, elapsed time, and whether the grading
worker still renews its lease), which is the page's sign of life during a long test run
and delivers "done" even if that event was lost."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import asdict
from datetime import datetime
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.db import DatabaseError
from django.utils import timezone
from practice.models import Submission

from grading import stages
from grading.events import group_name

log = logging.getLogger(__name__)


class SubmissionProgress(AsyncJsonWebsocketConsumer):
    tick_seconds = 5.0

    async def connect(self) -> None:
        self.submission_id = int(self.scope["url_route"]["kwargs"]["pk"])
        row = await self._row()
        if row is None:
            await self.close(code=4403)
            return
        self.submitted: datetime = row["created_at"]  # the clock counts from the click
        self.group = group_name(self.submission_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        snapshot = self._message(row, snapshot=True)
        snapshot["budget"] = await self._budget(row)
        await self.send_json(snapshot)
        self.ticker = None if snapshot["stage"] == "done" else asyncio.create_task(self._tick())

    async def disconnect(self, code: int) -> None:
        ticker = getattr(self, "ticker", None)
        if ticker:
            ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def progress(self, event: dict[str, Any]) -> None:
        await self.send_json(
            {"stage": event["stage"], "detail": event.get("detail", {}), "elapsed": self._elapsed()}
        )

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(self.tick_seconds)
            try:
                row = await self._row()
            except DatabaseError:  # a busy or restarting database: try at the next tick
                log.warning("progress tick for #%s skipped", self.submission_id, exc_info=True)
                continue
            if row is None:
                await self.close(code=4403)
                return
            message = self._message(row, snapshot=False)
            await self.send_json(message)
            if message["stage"] == "done":
                return

    def _message(self, row: dict[str, Any], *, snapshot: bool) -> dict[str, Any]:
        done = row["status"] == Submission.Status.DONE
        running = row["status"] == Submission.Status.RUNNING
        lease = row["lease_until"]
        detail: dict[str, Any] = {"verdict": row["verdict"]}
        detail["snapshot" if snapshot else "tick"] = True
        return {
            "stage": "done" if done else row["stage"],
            "status": row["status"],
            "detail": detail,
            "elapsed": self._elapsed(row["finished_at"] if done else None),
            # False while running means the worker stopped renewing its claim (it died or
            # hangs): the sweeper will hand the submission to another worker.
            "alive": not running or bool(lease and lease > timezone.now()),
        }

    def _elapsed(self, until: datetime | None = None) -> float:
        return round(((until or timezone.now()) - self.submitted).total_seconds(), 1)

    @database_sync_to_async
    def _row(self) -> dict[str, Any] | None:
        user = self.scope.get("user")
        if not user or not user.is_authenticated:
            return None
        return (
            Submission.objects.filter(pk=self.submission_id, user=user)
            .exclude(context=Submission.Context.ASSESSMENT)  # hidden until published
            .values(
                "status",
                "stage",
                "verdict",
                "mode",
                "problem_id",
                "created_at",
                "finished_at",
                "lease_until",
            )
            .first()
        )

    @database_sync_to_async
    def _budget(self, row: dict[str, Any]) -> dict[str, Any]:
        from problems.models import Problem

        limits = Problem.objects.values_list("limits", flat=True).get(pk=row["problem_id"])
        return asdict(stages.budget(row["problem_id"], limits or {}, row["mode"]))
