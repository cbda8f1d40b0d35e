"""Session events over the Channels layer. Two groups per session: everyone in it, and the
interviewer's panel. What the candidate may see is decided here, in `public_result`;
the full result only ever goes to the panel group."""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

log = logging.getLogger(__name__)


def room(session_id: int) -> str:
    return f"interview-{session_id}"


def panel(session_id: int) -> str:
    return f"interview-{session_id}-panel"


def _send(group: str, payload: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, {"type": "session.event", "payload": payload})
    except Exception:  # a lost event is re-read on reconnect (the snapshot)
        log.warning("interview event for %s not sent", group, exc_info=True)


def state(session) -> dict[str, Any]:
    return {
        "event": "state",
        "status": session.status,
        "current": session.current_id,
        "editor_locked": session.editor_locked,
        "runs_disabled": session.runs_disabled,
    }


def publish_state(session) -> None:
    _send(room(session.pk), state(session))


def run_started(session_run) -> dict[str, Any]:
    submission = session_run.submission
    return {
        "event": "run",
        "run": session_run.pk,
        "mode": submission.mode,
        "status": submission.status,
        "who": session_run.participant.name if session_run.participant else "",
        "switches": sorted(submission.engine_options),
    }


def publish_run(session_run) -> None:
    _send(room(session_run.session_id), run_started(session_run))


def public_result(mode: str, result: dict[str, Any]) -> dict[str, Any]:
    """What both people see. A Run grades the public examples, which the candidate can
    read anyway; the full recipe's hidden tests are named only on the panel."""
    tests = result.get("tests") or []
    passed = sum(1 for t in tests if t.get("status") == "pass")
    out: dict[str, Any] = {"verdict": result.get("verdict", ""), "passed": passed}
    out["total"] = len(tests)
    if mode == "run":
        out["message"] = result.get("message", "")
        out["tests"] = [{"name": t.get("name"), "status": t.get("status")} for t in tests]
        out["findings"] = [
            {"kind": f.get("kind"), "message": f.get("message"), "line": f.get("line")}
            for f in result.get("findings") or []
            if f.get("file") in (None, "", "solution.go")
        ]
    return out


def publish_result(session_run) -> None:
    submission = session_run.submission
    result = submission.result or {}
    base = {"event": "result", "run": session_run.pk, "mode": submission.mode}
    _send(room(session_run.session_id), {**base, **public_result(submission.mode, result)})
    _send(panel(session_run.session_id), {**base, "result": result})
