"""Shared fixtures for the platform's tests. The engine is always the real one: gradings run
real `go test` in the real sandbox. One private Redis serves the session as Celery's broker.
Unit tests run Celery tasks eagerly, in-process, with an in-memory channel layer; tests
marked `slow` start real worker processes (and a web server) on that Redis."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from practice.tests.live import RedisServer

FIXTURES = Path(__file__).parent / "practice" / "tests" / "fixtures"
FIXTURE_BANK = FIXTURES / "bank"
# bubblewrap starts a box in ~10 ms and never touches other workers' Docker boxes; set
# GOCONCUR_SANDBOX=docker to run the platform's gradings on Docker instead.
TEST_SANDBOX = os.environ.get("GOCONCUR_SANDBOX") or ("bwrap" if shutil.which("bwrap") else "auto")


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    # Set before anything publishes: Celery caches its connection pool on first use.
    from config.celery import app

    app.conf.broker_url = server.url
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _isolated(settings, monkeypatch, redis_server):
    monkeypatch.setenv("GOCONCUR_SANDBOX", TEST_SANDBOX)  # read by EngineSettings.from_env()
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
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
