"""Fixtures over the real services in live.py: Celery publishing to the session's Redis,
worker processes, a web server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from practice.tests.live import (
    ROOT,
    VENV_BIN,
    RedisServer,
    Workers,
    free_port,
    wait_for,
    worker_env,
)


def _publish() -> None:
    """This process's Celery really publishes (to the session's Redis) instead of eagerly."""
    from config.celery import app

    app.conf.task_always_eager = False


@pytest.fixture
def held_queue(redis_server: RedisServer):
    """Celery publishes to the real Redis and no worker reads it: messages wait, countable."""
    import redis

    _publish()
    client = redis.Redis.from_url(redis_server.url)
    client.flushdb()
    yield client
    client.flushdb()


@pytest.fixture
def live_queue(redis_server: RedisServer, settings, tmp_path: Path) -> Iterator[Workers]:
    """Points this process's Celery at the private Redis; the test starts workers on demand."""
    import redis

    _publish()
    redis.Redis.from_url(redis_server.url).flushdb()  # no message left by an earlier test
    settings.GOCONCUR_QUEUE_DEADLINE_SECONDS = 4
    settings.GOCONCUR_MAX_IN_FLIGHT = 50
    settings.GOCONCUR_RATE_LIMIT_PER_MINUTE = 100
    workers = Workers(redis_server, connection.settings_dict["NAME"], tmp_path)
    yield workers
    workers.stop_all()


@pytest.fixture
def live_web(redis_server: RedisServer, tmp_path: Path) -> Iterator[str]:
    """uvicorn serving the ASGI app (HTTP and WebSockets) on a free loopback port."""
    port = free_port()
    log = open(tmp_path / "web.log", "w")  # noqa: SIM115 - kept open for the server
    env = worker_env(
        redis_server,
        connection.settings_dict["NAME"],
        GOCONCUR_MAX_IN_FLIGHT="50",
        GOCONCUR_RATE_LIMIT_PER_MINUTE="100",
    )
    web = subprocess.Popen(
        [
            str(VENV_BIN / "uvicorn"),
            "config.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-access-log",
        ],
        cwd=ROOT / "platform",
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )

    def up() -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", port)) == 0

    wait_for(up, 30, "the web server")
    yield f"http://127.0.0.1:{port}"
    os.killpg(web.pid, signal.SIGTERM)
    web.wait(15)
