"""The shared document and the session sockets through the real ASGI stack (cookies,
Django sessions, Channels, pycrdt-websocket): sync, persistence, and who may hear what."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async

from interviews import live, services
from interviews.models import DocUpdate, Participant, SessionRun
from interviews.tests.conftest import YClient, in_loop, join, socket

pytestmark = pytest.mark.django_db(transaction=True)

SECRETS = ("TestConcurrent", "atomic.Int64 is enough", "PRIVATE-NOTE")


async def _peer(client, session) -> YClient:
    peer = YClient(socket(client, f"/ws/interviews/{session.pk}/doc/{session.current_id}"))
    connected, _ = await peer.connect()
    assert connected
    await peer.sync()
    await peer.pump()
    return peer


@in_loop
async def test_two_people_converge_and_the_log_keeps_it(session, interviewer_client, joined_client):
    ivan = await _peer(interviewer_client, session)
    cleo = await _peer(joined_client, session)
    starter = session.current.problem.starter
    assert ivan.code == cleo.code == starter

    await ivan.type(0, "// ivan\n")
    await cleo.type(0, "// cleo\n")
    await ivan.pump()
    await cleo.pump()
    assert ivan.code == cleo.code
    assert "// ivan\n" in ivan.code and "// cleo\n" in ivan.code

    # Everything is in the database under its author: a fresh peer (a reload, another
    # web process) gets the same text from the log alone.
    await ivan.ws.disconnect()
    await cleo.ws.disconnect()
    authors = await sync_to_async(
        lambda: set(
            DocUpdate.objects.filter(item=session.current, participant__isnull=False).values_list(
                "participant__role", flat=True
            )
        )
    )()
    assert authors == {"interviewer", "candidate"}
    again = await _peer(interviewer_client, session)
    assert again.code == cleo.code
    await again.ws.disconnect()


@in_loop
async def test_edits_made_offline_arrive_after_reconnect(
    session, interviewer_client, joined_client
):
    ivan = await _peer(interviewer_client, session)
    cleo = await _peer(joined_client, session)
    await cleo.ws.disconnect()
    cleo.text.insert(0, "// typed while offline\n")  # kept in cleo's own document
    await ivan.type(0, "// meanwhile\n")
    back = YClient(socket(joined_client, f"/ws/interviews/{session.pk}/doc/{session.current_id}"))
    back.doc, back.text = cleo.doc, cleo.text
    assert (await back.connect())[0]
    await back.sync()  # y-websocket does this on every reconnect
    await back.pump()
    await ivan.pump()  # the sync request reaches the room: ivan answers what he has
    await back.pump()
    assert back.code == ivan.code
    assert "// typed while offline\n" in ivan.code and "// meanwhile\n" in back.code
    await back.ws.disconnect()
    await ivan.ws.disconnect()


@in_loop
async def test_a_locked_editor_drops_the_candidates_edits(
    session, interviewer_client, joined_client
):
    ivan = await _peer(interviewer_client, session)
    cleo = await _peer(joined_client, session)
    await cleo.type(0, "// before the lock\n")
    await ivan.pump()
    # Locked while both are connected: the consumers hear it from the room.
    await sync_to_async(services.set_controls)(session, editor_locked=True)
    await cleo.type(0, "// not allowed\n")
    await ivan.type(0, "// the interviewer still types\n")
    await ivan.pump()
    assert "not allowed" not in ivan.code
    assert "// before the lock" in ivan.code and "still types" in ivan.code
    await cleo.ws.disconnect()
    stored = await sync_to_async(
        lambda: [
            bytes(u)
            for u in DocUpdate.objects.filter(
                participant__role=Participant.Role.CANDIDATE
            ).values_list("update", flat=True)
        ]
    )()
    assert len(stored) == 1  # only the edit made before the lock
    await ivan.ws.disconnect()


@in_loop
async def test_strangers_and_other_sessions_are_refused(bank, session, interviewer, joined_client):
    other = await sync_to_async(services.create_session)(interviewer, "Other", [], True)
    for path in (
        f"/ws/interviews/{other.pk}/doc/{other.current_id}",
        f"/ws/interviews/{other.pk}/events/",
        f"/ws/interviews/{session.pk}/panel/",  # the interviewer's channel
        f"/ws/interviews/{session.pk}/doc/{other.current_id}",  # an item of another session
    ):
        connected, code = await socket(joined_client, path).connect()
        assert not connected and code == 4403, path
    connected, code = await socket(None, f"/ws/interviews/{session.pk}/events/").connect()
    assert not connected


@in_loop
async def test_the_candidate_hears_results_but_never_the_panel(
    session, interviewer_client, joined_client
):
    from practice.models import Submission

    events = socket(joined_client, f"/ws/interviews/{session.pk}/events/")
    panel = socket(interviewer_client, f"/ws/interviews/{session.pk}/panel/")
    assert (await events.connect())[0] and (await panel.connect())[0]
    assert (await events.receive_json_from())["event"] == "state"
    await panel.receive_json_from()

    def graded_run() -> SessionRun:
        services.save_evaluation(session, notes="PRIVATE-NOTE", rubric={})
        submission = Submission.objects.create(
            user=session.interviewer,
            problem=session.current.problem,
            mode="submit",
            source="package solution",
            context="interview",
            status="done",
            verdict="wrong_answer",
            result={
                "verdict": "wrong_answer",
                "message": "TestConcurrent failed",
                "tests": [{"name": "TestConcurrent", "status": "fail"}],
            },
        )
        return SessionRun.objects.create(
            session=session,
            item=session.current,
            participant=session.participants.get(role="candidate"),
            submission=submission,
        )

    session_run = await sync_to_async(graded_run)()
    await sync_to_async(live.publish_result)(session_run)
    seen = await events.receive_json_from()
    assert seen["verdict"] == "wrong_answer" and seen["passed"] == 0 and seen["total"] == 1
    assert not any(secret in str(seen) for secret in SECRETS)
    assert "TestConcurrent" in str(await panel.receive_json_from())
    assert await events.receive_nothing(timeout=0.3)
    await events.disconnect()
    await panel.disconnect()


def test_two_candidates_cannot_share_one_invite(session):
    join(session, "first")
    with pytest.raises(AssertionError):
        join(session, "second")
