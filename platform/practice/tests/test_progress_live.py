"""The progress socket through a real grading: uvicorn, the Channels layer on the real Redis,
a real Celery worker and the real sandbox. The tests sleep 6 s in init(), longer than the
5 s after which the server used to drop a quiet socket: the socket must stay open, carry
every stage the engine ran and ticks in between, and the finished grading must report the
step it skipped (benchmarks: Run does not measure speed) as skipped."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
from pathlib import Path

import pytest
import websockets

from practice.services import create_submission

pytestmark = [pytest.mark.slow, pytest.mark.sandbox, pytest.mark.django_db(transaction=True)]

SLEEPY = (
    (Path(__file__).parent / "fixtures/solutions/slow_counter.go")
    .read_text()
    .replace("time.Sleep(3 * time.Second)", "time.Sleep(6 * time.Second)")
)


async def _listen(url: str, headers: dict[str, str], start_worker) -> tuple[list[dict], float]:
    """Every message until "done", and how long the socket was open."""
    messages: list[dict] = []
    async with websockets.connect(url, additional_headers=headers) as socket:
        opened = time.monotonic()
        messages.append(json.loads(await socket.recv()))
        start_worker()  # only now: no stage can happen before the page listens
        while messages[-1]["stage"] != "done":
            messages.append(json.loads(await asyncio.wait_for(socket.recv(), 180)))
        return messages, time.monotonic() - opened


def test_socket_lives_through_a_long_grading(bank, candidate, client, live_queue, live_web):
    assert "time.Sleep(6 * time.Second)" in SLEEPY
    client.force_login(candidate)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    submission = create_submission(candidate, bank["safe-counter"], SLEEPY, "run")
    url = live_web.replace("http", "ws", 1) + f"/ws/submissions/{submission.pk}/"
    headers = {"Cookie": cookie, "Origin": live_web}

    messages, open_for = asyncio.run(_listen(url, headers, live_queue.start))

    snapshot, events = messages[0], messages[1:]
    assert snapshot["stage"] == "queued" and snapshot["budget"]["test_timeout"] > 0
    assert open_for > 6  # the tests alone slept 6 s: longer than the old cut
    stages = [m["stage"] for m in events if "tick" not in m["detail"]]
    ticks = [m for m in events if m["detail"].get("tick")]
    assert ticks and all(t["alive"] for t in ticks), ticks  # signs of life while testing
    assert any(t["stage"] == "testing" for t in ticks)
    elapsed = [m["elapsed"] for m in events]
    assert elapsed == sorted(elapsed) and elapsed[-1] > 6

    request = urllib.request.Request(
        f"{live_web}/practice/submissions/{submission.pk}/state/", headers={"Cookie": cookie}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        state = json.load(response)
    assert state["status"] == "done" and state["verdict"] == "accepted", state
    report = {s["step"]: s for s in state["stages"]}
    # Every step the engine says it ran was seen live, as its own event, in order.
    step_stage = {"build": "building", "test": "testing", "race": "race", "bench": "benchmarking"}
    ran = [step_stage[s] for s in step_stage if report[s]["ran"]]
    assert ran == [s for s in stages if s in step_stage.values()], (ran, stages)
    assert {"building", "testing", "scoring", "done"} <= set(stages)
    assert report["bench"]["ran"] is False and report["bench"]["reason"] == "not_in_run_mode"
    assert "Run only builds and tests" in report["bench"]["why"]
    assert "benchmarking" not in stages
