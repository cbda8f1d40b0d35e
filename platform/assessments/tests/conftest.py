"""A position on the fixture bank (the safe-counter fix item, then the quiz), its team, an
outsider of each role, and a candidate who has started."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from assessments import services
from assessments.models import Membership

FIXED = """package solution

import "sync"

// Counter counts events from many goroutines.
type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Inc() { c.mu.Lock(); c.n++; c.mu.Unlock() }

func (c *Counter) Value() int { c.mu.Lock(); defer c.mu.Unlock(); return c.n }
"""


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def team(make_user):
    manager = make_user("hanna", role="hiring_manager")
    interviewer = make_user("ivan", role="interviewer")
    position = services.create_position(manager, "Go backend engineer")
    services.add_member(position, interviewer, Membership.Role.INTERVIEWER)
    return {"manager": manager, "interviewer": interviewer, "position": position}


@pytest.fixture
def assessment(team, bank):
    now = timezone.now()
    return services.create_assessment(
        team["position"],
        team["manager"],
        title="Concurrency screen",
        problems=[bank["safe-counter"], bank["quiz-unbuffered"]],
        time_limit_minutes=60,
        opens_at=now - timedelta(minutes=5),
        closes_at=now + timedelta(days=2),
        with_interview=True,
    )


@pytest.fixture
def attempt(assessment, candidate):
    invitation = services.invite(assessment, ["alice@example.com"], 0, lambda i: "http://x/")[0]
    return services.accept(invitation.token, candidate)
