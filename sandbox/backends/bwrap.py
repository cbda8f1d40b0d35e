"""bubblewrap backend: each run is a fresh `bwrap --unshare-all` over the read-only root
filesystem, as an unprivileged user, inside the box's cgroup, on the box's size-capped tmpfs.

The worker runs as root: it mounts the tmpfs, creates the cgroup, then drops to the
sandbox uid with setpriv before bwrap starts, so nothing in the box ever runs as root.
"""

from __future__ import annotations

import os
import selectors
import shlex
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path

from sandbox.capture import OutputCollector
from sandbox.cgroups import BoxCgroup, CgroupError, Counters
from sandbox.files import clean_relative, read_regular_file
from sandbox.limits import LimitHit, Limits, Usage, nearly_full
from sandbox.owners import pid_alive
from sandbox.run import RawRun, RunSpec
from sandbox.settings import DEFAULT_JOBS_DIR
from sandbox.users import BOX_UID, CANDIDATE_UID


class BwrapUnavailable(RuntimeError):
    pass


class BwrapBackend:
    name = "bwrap"

    def __init__(
        self, rootfs: str, cgroup_parent: str = "goconcur", jobs_dir: str = DEFAULT_JOBS_DIR
    ) -> None:
        self.rootfs = rootfs
        self.cgroup_parent = cgroup_parent
        self.jobs_dir = Path(jobs_dir)
        problem = self.problem()
        if problem:
            raise BwrapUnavailable(problem)
        reclaim_dead_boxes(cgroup_parent, self.jobs_dir)

    def problem(self) -> str | None:
        """Why this backend cannot run here, or None."""
        if os.geteuid() != 0:
            return "the bwrap backend needs root (to mount the scratch and set cgroups)"
        for tool in ("bwrap", "setpriv", "mount"):
            if shutil.which(tool) is None:
                return f"{tool} is not installed"
        if not self.rootfs or not (Path(self.rootfs) / "usr/local/go/bin/go").exists():
            return f"sandbox root filesystem missing ({self.rootfs or 'unset'}): run make image"
        return None

    def open_box(self, limits: Limits) -> BwrapBox:
        return BwrapBox(self.rootfs, self.cgroup_parent, limits, self.jobs_dir)

    def close(self) -> None:
        pass


class BwrapBox:
    backend = "bwrap"

    def __init__(self, rootfs: str, cgroup_parent: str, limits: Limits, jobs_dir: Path) -> None:
        self.rootfs = rootfs
        self.limits = limits
        jobs_dir.mkdir(parents=True, exist_ok=True)
        # The owner's pid is in the name, so a later worker can reclaim a dead one's boxes.
        self.dir = Path(tempfile.mkdtemp(prefix=f"box{os.getpid()}-", dir=jobs_dir))
        self.id = self.dir.name + "-" + uuid.uuid4().hex[:6]
        self.cgroup = BoxCgroup(cgroup_parent, self.id)
        self._mounted = False
        try:
            # One tmpfs holds /work and /tmp: its size is the disk limit, and it vanishes whole.
            _check(
                [
                    "mount",
                    "-t",
                    "tmpfs",
                    "-o",
                    f"size={limits.disk_bytes},mode=0755",
                    "tmpfs",
                    str(self.dir),
                ]
            )
            self._mounted = True
            for sub, mode in (("work", 0o755), ("tmp", 0o1777), ("shm", 0o1777)):
                path = self.dir / sub
                path.mkdir()
                os.chown(path, BOX_UID, BOX_UID)
                path.chmod(mode)
            self.cgroup.create(limits.memory_bytes, limits.pids, limits.cpus)
        except (OSError, CgroupError, subprocess.CalledProcessError):
            self.close()
            raise

    @property
    def work(self) -> Path:
        return self.dir / "work"

    def write_files(self, files: Mapping[str, bytes]) -> None:
        for name, content in files.items():
            target = self.work / clean_relative(name)
            for parent in reversed(target.relative_to(self.work).parents[:-1]):
                path = self.work / parent
                if not path.exists():
                    path.mkdir()
                    os.chown(path, BOX_UID, BOX_UID)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.chown(target, BOX_UID, BOX_UID, follow_symlinks=False)

    def set_memory(self, memory_bytes: int) -> None:
        self.cgroup.set_memory(memory_bytes)

    def remove(self, paths: Sequence[str]) -> None:
        for name in paths:
            target = self.work / clean_relative(name)
            if target.is_symlink() or target.is_file():
                target.unlink()
            elif target.is_dir():
                shutil.rmtree(target)  # rmtree never follows symlinks out of the tree

    def read_files(self, paths: Sequence[str], max_bytes: int) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for name in paths:
            content = read_regular_file(str(self.work), name, max_bytes)
            if content is not None:
                found[name] = content
        return found

    def run(self, spec: RunSpec) -> RawRun:
        wall = spec.wall_seconds or self.limits.wall_seconds
        cap = spec.output_bytes or self.limits.output_bytes
        self.cgroup.reset_peak()
        before = self.cgroup.counters()
        started = time.monotonic()
        process = subprocess.Popen(
            self._command(spec),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin"},
            cwd="/",  # nothing of the worker's own environment or directory reaches the box
            start_new_session=True,
        )
        output = OutputCollector(cap)
        limit = _pump(process, output, started + wall)
        if limit is not None:
            self.cgroup.kill_all()
        process.kill()  # bwrap's --die-with-parent takes the whole pid namespace with it
        returncode = process.wait()
        self.cgroup.kill_all()  # anything that escaped into the background
        elapsed = time.monotonic() - started
        after = self.cgroup.counters()
        if limit is None:
            limit = _limit_from_counters(before, after, returncode) or self._disk_full()
        return RawRun(
            exit_code=returncode if returncode >= 0 else None,
            signal=-returncode if returncode < 0 else None,
            stdout=bytes(output.stdout),
            stderr=bytes(output.stderr),
            usage=Usage(elapsed, after.cpu_seconds - before.cpu_seconds, after.memory_peak),
            limit_hit=limit,
            truncated=output.truncated,
        )

    def _disk_full(self) -> LimitHit | None:
        """The scratch tmpfs is (nearly) full: the program hit the disk limit."""
        return LimitHit.DISK if nearly_full(str(self.dir)) else None

    def _command(self, spec: RunSpec) -> list[str]:
        env = []
        for key, value in spec.env.items():
            env += ["--setenv", key, value]
        bwrap = [
            "bwrap", "--unshare-all", "--die-with-parent", "--new-session",
            "--hostname", "sandbox",
            "--ro-bind", self.rootfs, "/",
            "--dev", "/dev", "--proc", "/proc",
            "--bind", str(self.work), "/work",
            "--bind", str(self.dir / "tmp"), "/tmp",
            "--bind", str(self.dir / "shm"), "/dev/shm",
            "--clearenv", *env,
            "--chdir", spec.cwd,
            "--", *spec.argv,
        ]  # fmt: skip
        join = "; ".join(f"echo $$ > {shlex.quote(str(p))}" for p in self.cgroup.procs_files())
        uid = CANDIDATE_UID if spec.untrusted else BOX_UID
        # Join the cgroup as root, set the CPU rlimit, then become the sandbox user for good.
        script = (
            f"{join}; ulimit -t {int(self.limits.cpu_seconds)}; "
            f"exec setpriv --reuid={uid} --regid={uid} --clear-groups "
            f'--no-new-privs --inh-caps=-all --bounding-set=-all "$@"'
        )
        return ["/bin/sh", "-c", script, "sandbox", *bwrap]

    def close(self) -> None:
        self.cgroup.destroy()
        if self._mounted:
            subprocess.run(["umount", "-l", str(self.dir)], check=False, capture_output=True)
            self._mounted = False
        try:
            self.dir.rmdir()
        except OSError:
            shutil.rmtree(self.dir, ignore_errors=True)


def reclaim_dead_boxes(cgroup_parent: str, jobs_dir: Path) -> None:
    """Boxes left by a worker of this host that was killed mid-job: kill what still runs in
    them, unmount their scratch and remove their cgroups."""
    if not jobs_dir.is_dir():
        return
    for path in jobs_dir.glob("box*-*"):
        pid = path.name[3:].split("-")[0]
        if not pid.isdigit() or pid_alive(int(pid)):
            continue
        for cgroup in BoxCgroup.existing(cgroup_parent, path.name):
            cgroup.destroy()
        subprocess.run(["umount", "-l", str(path)], check=False, capture_output=True)
        shutil.rmtree(path, ignore_errors=True)


def _pump(process: subprocess.Popen, output: OutputCollector, deadline: float) -> LimitHit | None:
    """Read both pipes until EOF, the deadline or the output cap."""
    selector = selectors.DefaultSelector()
    assert process.stdout and process.stderr
    selector.register(process.stdout, selectors.EVENT_READ, False)
    selector.register(process.stderr, selectors.EVENT_READ, True)
    open_streams = 2
    try:
        while open_streams:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return LimitHit.WALL_TIME
            for key, _ in selector.select(timeout=min(remaining, 0.5)):
                chunk = os.read(key.fd, 65536)
                if not chunk:
                    selector.unregister(key.fileobj)
                    open_streams -= 1
                elif not output.add(chunk, is_stderr=key.data):
                    return LimitHit.OUTPUT
        remaining = deadline - time.monotonic()
        try:
            process.wait(timeout=max(remaining, 0.01))
        except subprocess.TimeoutExpired:
            return LimitHit.WALL_TIME
        return None
    finally:
        selector.close()


def _limit_from_counters(before: Counters, after: Counters, returncode: int) -> LimitHit | None:
    if after.oom_kills > before.oom_kills:
        return LimitHit.MEMORY
    if after.pids_refused > before.pids_refused:
        return LimitHit.PIDS
    if returncode in (-24, 128 + 24):  # SIGXCPU from RLIMIT_CPU
        return LimitHit.CPU_TIME
    return None


def _check(argv: list[str]) -> None:
    subprocess.run(argv, check=True, capture_output=True)
