"""The sandbox's promises, checked on every available backend with real processes."""

from __future__ import annotations

import os

from sandbox import LimitHit, RunSpec
from sandbox.run import Box
from sandbox.tests.health import leftovers

ENV = {"PATH": "/usr/local/go/bin:/usr/bin:/bin", "HOME": "/tmp"}


def sh(box: Box, script: str, **kw):
    return box.run(RunSpec(("sh", "-c", script), env=ENV, **kw))


def test_runs_as_unprivileged_user_with_go_available(box: Box) -> None:
    run = sh(box, "id -u; go version")
    assert run.exit_code == 0, run.output
    uid, version = run.stdout.decode().splitlines()[:2]
    assert uid == "10001"
    assert version.startswith("go version go1.")


def test_files_in_and_out(box: Box) -> None:
    box.write_files({"src/a.txt": b"hello", "src/deep/b.txt": b"x" * 100})
    run = sh(
        box, "cat /work/src/a.txt; echo; wc -c < /work/src/deep/b.txt; echo made > /work/out.txt"
    )
    assert run.stdout.decode().split() == ["hello", "100"]
    assert box.read_files(["out.txt", "src/a.txt", "nope"], 3) == {
        "out.txt": b"mad",
        "src/a.txt": b"hel",
    }
    box.remove(["src"])
    assert sh(box, "test -e /work/src").exit_code == 1


def test_copy_out_never_follows_symlinks(box: Box) -> None:
    sh(
        box,
        "ln -s /etc/passwd /work/link; mkdir -p /work/d; ln -s /etc /work/dir; mkfifo /work/fifo",
    )
    files = box.read_files(["link", "dir/passwd", "fifo"], 1000)
    assert b"root:" not in b"".join(files.values())


def test_root_is_read_only_and_scratch_is_writable(box: Box) -> None:
    run = sh(
        box,
        "touch /etc/x 2>/dev/null && echo wrote-etc; touch /usr/local/go/x 2>/dev/null"
        " && echo wrote-go; touch /work/ok /tmp/ok /dev/shm/ok && echo scratch-ok",
    )
    assert run.stdout.decode().split() == ["scratch-ok"]


def test_no_network(box: Box) -> None:
    run = sh(box, "cat /proc/net/dev | tail -n +3 | cut -d: -f1 | tr -d ' '")
    assert run.stdout.decode().split() == ["lo"]


def test_wall_time_limit(box: Box) -> None:
    run = sh(box, "sleep 30", wall_seconds=1)
    assert run.limit_hit is LimitHit.WALL_TIME
    assert run.usage.wall_seconds < 10


def test_output_limit(box: Box) -> None:
    run = sh(box, "yes flood")
    assert run.limit_hit is LimitHit.OUTPUT
    assert len(run.stdout) + len(run.stderr) <= 64 << 10
    assert run.truncated


def test_memory_limit_from_the_cgroup(box: Box) -> None:
    run = sh(box, "head -c 600000000 /dev/zero | tr '\\0' a | sort > /dev/null")
    assert run.limit_hit is LimitHit.MEMORY, run


def test_pids_limit(box: Box) -> None:
    run = sh(
        box, "for i in $(seq 200); do sleep 20 & done 2>/dev/null; echo started", wall_seconds=5
    )
    assert run.limit_hit is LimitHit.PIDS, run


def test_disk_limit(backend) -> None:
    from sandbox import Limits

    box = backend.open_box(Limits(disk_bytes=32 << 20))
    try:
        run = sh(box, "head -c 100000000 /dev/zero > /tmp/fill; echo $?")
        assert run.stdout.decode().strip() != "0"
        if box.backend == "bwrap":
            assert run.limit_hit is LimitHit.DISK
    finally:
        box.close()


def test_host_environment_does_not_leak(box: Box) -> None:
    os.environ["GOCONCUR_TEST_CANARY"] = "secret-canary"
    try:
        run = sh(box, "env; cat /proc/1/environ 2>/dev/null | tr '\\0' '\\n'")
    finally:
        del os.environ["GOCONCUR_TEST_CANARY"]
    assert b"secret-canary" not in run.stdout


def test_nothing_survives_a_box(backend) -> None:
    from sandbox import Limits

    box = backend.open_box(Limits())
    sh(box, "(sleep 300 &) ; setsid sleep 300 & echo left", wall_seconds=2)
    box.close()
    assert leftovers(box.backend, box.id) == []


def test_a_killed_workers_bwrap_boxes_are_reclaimed() -> None:
    import signal
    import subprocess
    import sys
    import time

    from sandbox import SandboxSettings
    from sandbox.backends.bwrap import BwrapBackend

    settings = SandboxSettings.from_env()
    worker = subprocess.Popen(
        [sys.executable, "-c", (
            "import sys; from sandbox.backends.bwrap import BwrapBackend; "
            "from sandbox import Limits, RunSpec; "
            f"box = BwrapBackend({settings.rootfs!r}, jobs_dir={settings.jobs_dir!r})"
            ".open_box(Limits()); "
            "print(box.id, flush=True); "
            "box.run(RunSpec(('sleep', '300'), env={'PATH': '/usr/bin:/bin'}))"
        )],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    box_id = worker.stdout.readline().strip()
    time.sleep(0.5)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    BwrapBackend(settings.rootfs, jobs_dir=settings.jobs_dir)  # a new worker starts
    assert leftovers("bwrap", box_id, wait_seconds=5) == []
