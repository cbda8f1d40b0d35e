"""The session's timeline for the replay: every edit (with the code after it), run and
result, in time order, each with its participant. Idle stretches are the player's
business; here every event keeps its real time."""

from __future__ import annotations

from typing import Any

from interviews import doc, live
from interviews.models import DocUpdate, Session, SessionRun


def timeline(session: Session) -> dict[str, Any]:
    start = session.created_at.timestamp()
    items: list[dict[str, Any]] = []
    for item in session.items.select_related("problem"):
        # In arrival order: consumers save in batches, so ids follow the saves, not the keys
        # (Yjs applies updates in any order; the frames must follow time).
        rows = (
            DocUpdate.objects.filter(item=item)
            .select_related("participant")
            .order_by("created_at", "id")
        )
        log = [
            (
                row.created_at.timestamp(),
                row.participant.name if row.participant else "",
                bytes(row.update),
                row.is_paste,
            )
            for row in rows
        ]
        frames = doc.frames(start, log)
        items.append(
            {
                "id": item.pk,
                "title": item.title(),
                "frames": [
                    {"at": f.at, "who": f.who, "text": f.text, "paste": f.paste} for f in frames
                ],
            }
        )
    runs = []
    for session_run in SessionRun.objects.filter(session=session).select_related(
        "participant", "submission"
    ):
        submission = session_run.submission
        runs.append(
            {
                "item": session_run.item_id,
                "at": round(session_run.created_at.timestamp() - start, 3),
                "done_at": round(submission.finished_at.timestamp() - start, 3)
                if submission.finished_at
                else None,
                "who": session_run.participant.name if session_run.participant else "",
                "mode": submission.mode,
                "switches": sorted(submission.engine_options),
                **live.public_result(submission.mode, submission.result or {}),
                "full_message": (submission.result or {}).get("message", ""),
            }
        )
    end = session.ended_at.timestamp() - start if session.ended_at else None
    return {"items": items, "runs": runs, "ended_at": end}
