"""Real services for the slow tests: a private Redis, Celery worker processes, a web server.
Everything listens on 127.0.0.1 only; the fixtures (conftest.py) stop what they start."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
VENV_BIN = ROOT / ".venv" / "bin"

# The configured sandbox down, for real: Docker with nothing listening on its socket. The
# image name only makes it a configuration this process never opened (backends are cached
# per process and configuration).
NO_ENGINE = {
    "GOCONCUR_SANDBOX": "docker",
    "DOCKER_HOST": "unix:///nonexistent/docker.sock",
    "GOCONCUR_IMAGE": "goconcur-sandbox:no-engine-test",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class RedisServer:
    """A private redis-server on a free loopback port, with no persistence at all."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
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

        wait_for(lambda: self._ping(redis), 10, "redis to start")

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


def worker_env(redis_server: RedisServer, database: str, **extra: str) -> dict[str, str]:
    """The environment of a worker or web process sharing this test's database (and the
    engine's GOCONCUR_SANDBOX, set in os.environ by the autouse fixture)."""
    return {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'platform'}:{ROOT}",
        "DATABASE_URL": database_url(database),
        "REDIS_URL": redis_server.url,
        "GOCONCUR_LEASE_SECONDS": "3",
        "GOCONCUR_QUEUE_DEADLINE_SECONDS": "4",
        "GOCONCUR_SWEEP_SECONDS": "1",
        "GOCONCUR_RETRY_BASE_SECONDS": "0.5",
        **extra,
    }


def database_url(name: str) -> str:
    """The URL of this test process's database (SQLite file or PostgreSQL test database), for
    a worker or web process to share it."""
    from django.db import connection

    conf = connection.settings_dict
    if conf["ENGINE"].endswith("postgresql"):
        return f"postgres://{conf['USER']}@{conf['HOST']}:{conf['PORT']}/{name}"
    return f"sqlite:///{name}"


class Workers:
    """Real Celery workers (with the beat timer, so the sweeper runs), one process group each,
    logging to files the tests read: the engine is real, so the logs are the evidence.

    Their bubblewrap boxes live in a jobs folder of their own: a worker killed mid-grading
    leaves its box (a tmpfs mount and a cgroup) behind, and `stop_all` reclaims exactly those.
    """

    def __init__(self, redis_server: RedisServer, database: str, workdir: Path) -> None:
        self.redis_server = redis_server
        self.database = database
        self.workdir = workdir
        # Beside the default jobs folder: the sandbox user must be able to reach it, and
        # pytest's own temporary folders are private to root.
        default_jobs = Path(os.environ.get("GOCONCUR_JOBS_DIR", "/var/lib/goconcur/jobs"))
        self.jobs = default_jobs.parent / f"test-jobs-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.started: list[subprocess.Popen] = []

    def start(self, **env: str) -> subprocess.Popen:
        n = len(self.started)
        log = open(self.workdir / f"worker{n}.log", "w")  # noqa: SIM115 - kept open
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
                str(self.workdir / f"beat{n}"),
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT / "platform",
            env=worker_env(
                self.redis_server, self.database, GOCONCUR_JOBS_DIR=str(self.jobs), **env
            ),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kill it, children and all
        )
        self.started.append(worker)
        return worker

    def kill(self, worker: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
        os.killpg(worker.pid, sig)
        worker.wait(30)

    def log(self) -> str:
        """Every worker's log, in start order."""
        return "".join(
            (self.workdir / f"worker{n}.log").read_text() for n in range(len(self.started))
        )

    def lines(self, submission_id: int, what: str) -> list[str]:
        """The grading module's log lines about one submission, e.g. what="claimed"."""
        return [
            line
            for line in self.log().splitlines()
            if f"#{submission_id} " in line and what in line
        ]

    def stop_all(self) -> None:
        for worker in self.started:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                try:
                    worker.wait(20)
                except subprocess.TimeoutExpired:
                    self.kill(worker)
        self.reclaim_boxes()

    def reclaim_boxes(self) -> None:
        """What a killed worker could not close: its boxes' cgroups and tmpfs mounts."""
        from sandbox.cgroups import ROOT as CGROUPS
        from sandbox.cgroups import BoxCgroup

        for box in self.jobs.glob("box-*") if self.jobs.exists() else ():
            pattern = f"goconcur/{box.name}-*"  # cgroup v2, then v1's one tree per controller
            names = {path.name for path in [*CGROUPS.glob(pattern), *CGROUPS.glob(f"*/{pattern}")]}
            for name in names:
                BoxCgroup("goconcur", name).destroy()
            subprocess.run(["umount", "-l", str(box)], check=False, capture_output=True)
            shutil.rmtree(box, ignore_errors=True)
        shutil.rmtree(self.jobs, ignore_errors=True)


class PostgresServer:
    """A private PostgreSQL cluster (Debian's `postgresql` package) in its own data directory,
    on a free loopback port, trusting local connections, with durability off: a test
    database, not a store. As root the server runs as the `postgres` system user (it refuses
    root), so its data directory is handed to that user."""

    def __init__(self, workdir: Path, user: str = "goconcur") -> None:
        self.port = free_port()
        self.workdir = workdir
        self.data = workdir / "data"
        self.user = user
        self.url = f"postgres://{user}@127.0.0.1:{self.port}/{user}"
        self.process: subprocess.Popen | None = None

    @staticmethod
    def bin_dir() -> Path:
        versions = sorted(
            Path("/usr/lib/postgresql").glob("*/bin/postgres"),
            key=lambda path: int(path.parent.parent.name),
        )
        if not versions:
            raise RuntimeError("PostgreSQL is not installed (scripts/install_system.sh)")
        return versions[-1].parent

    def _as_owner(self) -> list[str]:
        return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def start(self) -> None:
        bin_dir = self.bin_dir()
        self.workdir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.workdir, "postgres", "postgres")
        subprocess.run(
            [
                *self._as_owner(),
                str(bin_dir / "initdb"),
                "-D",
                str(self.data),
                "-U",
                self.user,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
        )
        self.process = subprocess.Popen(
            [
                *self._as_owner(),
                str(bin_dir / "postgres"),
                "-D",
                str(self.data),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-k",
                str(self.workdir),
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=200",
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(self.workdir / "postgres.log", "w"),  # noqa: SIM115 - the server's
            start_new_session=True,
        )
        try:
            wait_for(self._ready, 30, "postgres to start")
            import psycopg

            with psycopg.connect(self._url("postgres"), autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{self.user}"')
        except BaseException:
            self.stop()
            raise

    def _url(self, database: str) -> str:
        return f"postgres://{self.user}@127.0.0.1:{self.port}/{database}"

    def _ready(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            log = (self.workdir / "postgres.log").read_text()
            raise RuntimeError(f"postgres exited: {log[-2000:]}")
        import psycopg

        try:
            with psycopg.connect(self._url("postgres"), connect_timeout=1):
                return True
        except psycopg.OperationalError:
            return False

    def stop(self) -> None:
        if self.process:
            # SIGINT: PostgreSQL's fast shutdown (runuser passes the signal on).
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
            self.process = None
        shutil.rmtree(self.workdir, ignore_errors=True)
