"""Real services for the slow tests: a private Redis, Celery workers, a web server.
Everything listens on 127.0.0.1 only and is stopped at the end."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
VENV_BIN = ROOT / ".venv" / "bin"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class RedisServer:
    """A private redis-server on a free loopback port, with no persistence at all."""

    def __init__(self, workdir: Path) -> None:
        self.port = _free_port()
        self.workdir = workdir
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import redis

        _wait(lambda: self._ping(redis), 10, "redis to start")

    def _ping(self, redis) -> bool:
        try:
            return bool(redis.Redis(port=self.port, socket_connect_timeout=0.2).ping())
        except redis.ConnectionError:
            return False

    def stop(self) -> None:
        if self.process:
            self.process.kill()
            self.process.wait(10)
            self.process = None


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def live_queue(redis_server: RedisServer, settings, tmp_path: Path):
    """Points this process's Celery at the private Redis and starts workers on demand."""
    from config.celery import app

    app.conf.task_always_eager = False
    app.conf.broker_url = redis_server.url
    settings.GOCONCUR_QUEUE_DEADLINE_SECONDS = 4
    settings.GOCONCUR_MAX_IN_FLIGHT = 50
    settings.GOCONCUR_RATE_LIMIT_PER_MINUTE = 100
    workers: list[subprocess.Popen] = []
    env = worker_env(redis_server)

    def start_worker() -> subprocess.Popen:
        log = open(tmp_path / f"worker{len(workers)}.log", "w")  # noqa: SIM115 - kept open
        worker = subprocess.Popen(
            [
                str(VENV_BIN / "celery"),
                "-A",
                "config",
                "worker",
                "--beat",
                "--concurrency",
                "1",
                "--schedule",
                str(tmp_path / f"beat{len(workers)}"),
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT / "platform",
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kill it, children and all
        )
        workers.append(worker)
        return worker

    def kill(worker: subprocess.Popen) -> None:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(10)

    yield start_worker, kill
    for worker in workers:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(10)
            except subprocess.TimeoutExpired:
                kill(worker)
    app.conf.task_always_eager = True


def worker_env(redis_server: RedisServer, **extra: str) -> dict[str, str]:
    """The environment of a worker or web process sharing this test's database."""
    return {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'platform'}:{ROOT}",
        "DATABASE_URL": f"sqlite:///{connection.settings_dict['NAME']}",
        "REDIS_URL": redis_server.url,
        "GOCONCUR_GRADER": "practice.tests.fakegrader:grade",
        "GOCONCUR_LEASE_SECONDS": "3",
        "GOCONCUR_QUEUE_DEADLINE_SECONDS": "4",
        "GOCONCUR_SWEEP_SECONDS": "1",
        "GOCONCUR_RETRY_BASE_SECONDS": "0.5",
        "GOCONCUR_POOL_SIZE": "2",
        **extra,
    }


@pytest.fixture
def live_web(redis_server: RedisServer, tmp_path: Path) -> Iterator[str]:
    """uvicorn serving the ASGI app (HTTP and WebSockets) on a free loopback port."""
    port = _free_port()
    log = open(tmp_path / "web.log", "w")  # noqa: SIM115 - kept open for the server
    env = worker_env(
        redis_server, GOCONCUR_MAX_IN_FLIGHT="50", GOCONCUR_RATE_LIMIT_PER_MINUTE="100"
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

    _wait(up, 30, "the web server")
    yield f"http://127.0.0.1:{port}"
    os.killpg(web.pid, signal.SIGTERM)
    web.wait(15)
