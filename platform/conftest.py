"""Shared fixtures for the platform's tests. Unit tests run Celery eagerly, a fake engine
and an in-memory channel layer; tests marked `slow` start a real Redis and real workers."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURE_BANK = Path(__file__).parent / "practice" / "tests" / "fixtures" / "bank"
FAKE_GRADER = "practice.tests.fakegrader:grade"


@pytest.fixture(autouse=True)
def _isolated(settings, monkeypatch):
    # EngineSettings.from_env() reads a slotted default as a descriptor when this is unset.
    monkeypatch.setenv("GOCONCUR_POOL_SIZE", "2")
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    settings.GOCONCUR_GRADER = FAKE_GRADER
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed
    settings.GOCONCUR_RETRY_BASE_SECONDS = 0
    from config.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture
def bank(db):
    """The two fixture items (a fix item and a quiz), loaded as `bank load` would."""
    from problems.models import Problem
    from problems.sync import load_bank

    load_bank(FIXTURE_BANK)
    return {p.slug: p for p in Problem.objects.all()}


@pytest.fixture
def make_user(db):
    from accounts.models import User

    def make(username: str = "alice", role: str = "candidate", **extra) -> User:
        return User.objects.create_user(username, password="pw-Secret-123", role=role, **extra)

    return make


@pytest.fixture
def candidate(make_user):
    return make_user("alice")


@pytest.fixture
def candidate_client(client, candidate):
    client.force_login(candidate)
    return client
