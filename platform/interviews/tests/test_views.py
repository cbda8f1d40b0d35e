"""A session over HTTP: create, invite, join once, the panel only for the interviewer,
controls, a real run through the grading queue (eager Celery, the real sandbox), the end,
the scorecard and the replay's timeline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from practice.models import Submission

from interviews import services
from interviews.models import DocUpdate, Invite, Session
from interviews.tests.conftest import join

PANEL_ONLY = ("Interviewer panel", "Would sync/atomic do here?", "atomic.Int64 is enough")


def test_an_interviewer_creates_a_session(bank, interviewer_client) -> None:
    response = interviewer_client.post(
        "/interviews/new/",
        {"title": "Round 1", "problems": [bank["safe-counter"].pk], "blank": "on"},
    )
    session = Session.objects.get(title="Round 1")
    assert response["Location"] == f"/interviews/{session.pk}/"
    assert [i.problem.slug if i.problem else None for i in session.items.all()] == [
        "safe-counter",
        None,
    ]
    assert services.current_code(session.items.last()).startswith("package solution")
    page = interviewer_client.get(response["Location"]).content.decode()
    for marker in PANEL_ONLY:
        assert marker in page
    assert session.invite.token in page


def test_nothing_chosen_is_a_clear_error(interviewer_client) -> None:
    page = interviewer_client.post("/interviews/new/", {"title": "x"}).content.decode()
    assert "Choose at least one item" in page and not Session.objects.exists()


def test_a_candidate_cannot_create(client, make_user) -> None:
    client.force_login(make_user("carl"))
    assert client.get("/interviews/new/").status_code == 403


def test_the_invite_admits_one_person_before_it_expires(session) -> None:
    cleo = join(session, "Cleo")
    page = cleo.get(f"/interviews/{session.pk}/").content.decode()
    assert "Cleo" in page
    for marker in PANEL_ONLY:
        assert marker not in page
    from django.test import Client

    # The person admitted comes back through the same link; nobody else does.
    again = cleo.get(f"/interviews/join/{session.invite.token}/")
    assert again.status_code == 302 and again["Location"] == f"/interviews/{session.pk}/"
    late = Client().post(f"/interviews/join/{session.invite.token}/", {"name": "Mallory"})
    assert "already used" in late.content.decode()
    fresh = services.renew_invite(session)
    Invite.objects.filter(pk=fresh.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = Client().post(f"/interviews/join/{fresh.token}/", {"name": "Mallory"})
    assert "expired" in expired.content.decode()


@pytest.mark.sandbox
def test_a_run_in_the_session_is_graded_and_ends_in_the_scorecard(
    session, interviewer_client, django_capture_on_commit_callbacks
) -> None:
    cleo = join(session)
    # The fixture's starter races in its public example: the run must say so.
    with django_capture_on_commit_callbacks(execute=True):
        response = cleo.post(f"/interviews/{session.pk}/run/", {"mode": "run", "many_runs": "on"})
    assert response.status_code == 202, response.content
    submission = Submission.objects.get(interview_run__pk=response.json()["run"])
    assert submission.context == "interview" and submission.status == "done"
    assert submission.verdict == "race"
    assert submission.engine_options == {}  # the candidate cannot flip fault switches

    # The interviewer's fault switches become engine options of that one run.
    with django_capture_on_commit_callbacks(execute=True):
        mine = interviewer_client.post(
            f"/interviews/{session.pk}/run/",
            {"mode": "run", "gomaxprocs_1": "on", "many_runs": "on"},
        )
    switched = Submission.objects.get(interview_run__pk=mine.json()["run"])
    assert switched.engine_options == {"gomaxprocs": 1, "explore_seconds": 30.0}
    assert switched.status == "done" and switched.verdict == "race"

    interviewer_client.post(f"/interviews/{session.pk}/control/", {"runs_disabled": "1"})
    refused = cleo.post(f"/interviews/{session.pk}/run/", {"mode": "run"})
    assert refused.status_code == 403 and "turned runs off" in refused.json()["error"]

    bad = interviewer_client.post(
        f"/interviews/{session.pk}/evaluation/",
        {"rubric": {"concurrency": {"rating": "maybe"}}},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "maybe" in bad.json()["error"]
    saved = interviewer_client.post(
        f"/interviews/{session.pk}/evaluation/",
        {
            "notes": "# Good\nfound the race",
            "rubric": {"concurrency": {"rating": "strong_yes", "comment": "quick"}},
            "recommendation": "yes",
        },
        content_type="application/json",
    )
    assert saved.status_code == 200
    assert interviewer_client.post(f"/interviews/{session.pk}/end/").status_code == 302

    card = Session.objects.get(pk=session.pk).scorecard
    assert card.recommendation == "yes" and card.notes.startswith("# Good")
    assert card.rubric["concurrency"]["rating"] == "strong_yes"
    assert card.last_result_id == switched.pk and card.candidate_name == "Cleo"
    page = interviewer_client.get(f"/interviews/{session.pk}/scorecard/").content.decode()
    assert "Strong yes" in page and "quick" in page and "<h1>Good</h1>" in page

    # Read-only after the end.
    assert cleo.post(f"/interviews/{session.pk}/run/", {"mode": "run"}).status_code == 409
    late = interviewer_client.post(
        f"/interviews/{session.pk}/evaluation/", {"notes": "x"}, content_type="application/json"
    )
    assert late.status_code == 409

    runs = interviewer_client.get(f"/interviews/{session.pk}/replay.json").json()["runs"]
    assert [(r["who"], r["verdict"]) for r in runs] == [("Cleo", "race"), ("ivan", "race")]
    assert runs[1]["switches"] == ["explore_seconds", "gomaxprocs"]


def test_the_replay_shows_each_edit_in_order(session, interviewer_client) -> None:
    from pycrdt import Doc, Text

    peer = Doc()
    peer.apply_update(bytes(DocUpdate.objects.get(item=session.current).update))
    text = peer.get("code", type=Text)
    me = session.participants.get(role="interviewer")
    for chunk in ("// one\n", "// two\n", "x" * 60):
        before = peer.get_state()
        text.insert(len(str(text)), chunk)
        DocUpdate.objects.create(
            item=session.current,
            participant=me,
            update=peer.get_update(before),
            is_paste=len(chunk) >= 40,
        )
    frames = interviewer_client.get(f"/interviews/{session.pk}/replay.json").json()["items"][0][
        "frames"
    ]
    assert [f["paste"] for f in frames] == [False, False, False, True]
    assert frames[1]["text"].endswith("// one\n") and frames[2]["text"].endswith("// two\n")
    assert frames[3]["text"].endswith("x" * 60) and frames[3]["who"] == me.name
    assert [f["at"] for f in frames] == sorted(f["at"] for f in frames)


def test_switching_items_keeps_each_items_code(bank, interviewer, interviewer_client) -> None:
    session = services.create_session(interviewer, "Two", [bank["safe-counter"]], True)
    counter, blank = session.items.all()
    cleo = join(session)
    assert "A counter safe" in cleo.get(f"/interviews/{session.pk}/").content.decode()
    response = interviewer_client.post(f"/interviews/{session.pk}/control/", {"current": blank.pk})
    assert response.status_code == 200
    page = cleo.get(f"/interviews/{session.pk}/").content.decode()
    assert f'data-item="{blank.pk}"' in page and "Blank Go file" in page
    refused = cleo.post(f"/interviews/{session.pk}/run/", {"mode": "run"})
    assert refused.status_code == 400 and "no tests" in refused.json()["error"]
    assert services.current_code(counter).startswith("package solution\n\n// Counter")
    other = services.create_session(interviewer, "Other", [], True)
    wrong = interviewer_client.post(
        f"/interviews/{session.pk}/control/", {"current": other.current_id}
    )
    assert wrong.status_code == 400


def test_the_replay_follows_arrival_time_not_save_order(session, interviewer_client) -> None:
    """Consumers save in batches: a later key can be stored first."""
    from pycrdt import Doc, Text

    peer = Doc()
    peer.apply_update(bytes(DocUpdate.objects.get(item=session.current).update))
    text = peer.get("code", type=Text)
    updates = []
    for chunk in ("A", "B"):
        before = peer.get_state()
        text.insert(len(str(text)), chunk)
        updates.append(peer.get_update(before))
    now = timezone.now()
    DocUpdate.objects.create(
        item=session.current, update=updates[1], created_at=now + timedelta(seconds=2)
    )
    DocUpdate.objects.create(
        item=session.current, update=updates[0], created_at=now + timedelta(seconds=1)
    )
    frames = interviewer_client.get(f"/interviews/{session.pk}/replay.json").json()["items"][0][
        "frames"
    ]
    assert [f["text"][-2:] for f in frames[1:]] == ["\nA", "AB"]
