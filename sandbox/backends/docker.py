"""Docker backend, through the Docker Engine API: one single-use container per box, taken
from a small pool of pre-started ones, so a job never waits for a container to start.

Each container: no network, a read-only root, tmpfs scratch (/work, /tmp, /dev/shm), memory
(no swap), pids and CPU limits, the unprivileged sandbox user, no capabilities, and
no-new-privileges. Commands run through `docker exec`; a container is never reused.
"""

from __future__ import annotations

import contextlib
import os
import queue
import socket
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from sandbox.capture import OutputCollector
from sandbox.files import clean_relative, tar_of
from sandbox.limits import MIB, LimitHit, Limits, Usage, nearly_full
from sandbox.owners import pid_alive
from sandbox.run import RawRun, RunSpec
from sandbox.users import BOX_UID, CANDIDATE_UID

BOX_LABEL = "goconcur.box"
OWNER = f"{socket.gethostname()}:{os.getpid()}"  # which worker process a box belongs to


class DockerUnavailable(RuntimeError):
    pass


def _client():
    try:
        import docker
    except ImportError as error:
        raise DockerUnavailable("the docker Python package is not installed") from error
    try:
        client = docker.from_env(timeout=30)
        client.ping()
    except Exception as error:  # the SDK raises several unrelated types when no engine answers
        raise DockerUnavailable(f"no Docker engine answers: {error}") from error
    return client


class DockerBackend:
    name = "docker"

    def __init__(self, image: str, pool_size: int = 2, limits: Limits | None = None) -> None:
        self.client = _client()
        self.image = image
        self.default_limits = limits or Limits()
        try:
            self.client.images.get(image)
        except Exception as error:
            raise DockerUnavailable(f"sandbox image {image} is missing: run make image") from error
        self._pool: queue.Queue = queue.Queue()
        self._pool_size = pool_size
        self._closed = False
        self._refill = threading.Semaphore(0)
        self._remove_stale()
        if pool_size > 0:
            threading.Thread(target=self._keep_pool_full, daemon=True).start()
            for _ in range(pool_size):
                self._refill.release()

    def open_box(self, limits: Limits) -> DockerBox:
        container = None
        if self._pool_size > 0 and _same_container_limits(limits, self.default_limits):
            try:
                container = self._pool.get(timeout=0.01)
                self._refill.release()
            except queue.Empty:
                container = None
        if container is None:
            container = self._start(limits)
        box = DockerBox(self.client, container, limits)
        if limits.memory_bytes != self.default_limits.memory_bytes:
            box.set_memory(limits.memory_bytes)
        return box

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                container = self._pool.get_nowait()
            except queue.Empty:
                break
            _remove(container)

    def _keep_pool_full(self) -> None:
        while not self._closed:
            self._refill.acquire()
            if self._closed:
                return
            try:
                self._pool.put(self._start(self.default_limits))
            except Exception:
                time.sleep(1.0)  # the engine hiccuped; the next job starts its own container
                self._refill.release()

    def _start(self, limits: Limits):
        scratch = f"size={limits.disk_bytes},uid={BOX_UID},gid={BOX_UID},mode=0755,exec"
        return self.client.containers.run(
            self.image,
            ["sleep", "infinity"],
            detach=True,
            user=f"{BOX_UID}:{BOX_UID}",
            network_mode="none",
            read_only=True,
            tmpfs={
                "/work": scratch,
                "/tmp": f"size={limits.disk_bytes // 2},mode=1777,exec",
                "/dev/shm": f"size={64 * MIB},mode=1777",
            },
            mem_limit=limits.memory_bytes,
            memswap_limit=limits.memory_bytes,
            pids_limit=limits.pids,
            nano_cpus=int(limits.cpus * 1e9),
            cap_drop=["ALL"],
            security_opt=["no-new-privileges"],
            ulimits=[_ulimit("cpu", limits.cpu_seconds), _ulimit("core", 0)],
            init=True,
            labels={BOX_LABEL: OWNER},
            hostname="sandbox",
            environment={},
        )

    def _remove_stale(self) -> None:
        """Boxes left behind by a worker of this host that died mid-job; other workers'
        boxes (other processes, other hosts sharing the engine) are theirs to manage."""
        try:
            containers = self.client.containers.list(all=True, filters={"label": BOX_LABEL})
        except Exception:
            return
        for container in containers:
            host, _, pid = container.labels.get(BOX_LABEL, "").partition(":")
            if host == socket.gethostname() and pid.isdigit() and not pid_alive(int(pid)):
                _remove(container)


class DockerBox:
    backend = "docker"

    def __init__(self, client, container, limits: Limits) -> None:
        self.client = client
        self.container = container
        self.id = container.id
        self.limits = limits
        self.dead = False
        self._host_root: str | None = None  # "" once known to be unreachable
        self._events = {
            "oom_kill": _cgroup_file(container.id, "memory", "memory.oom_control", "memory.events"),
            "max": _cgroup_file(container.id, "pids", "pids.events", "pids.events"),
        }

    def set_memory(self, memory_bytes: int) -> None:
        self.container.update(mem_limit=memory_bytes, memswap_limit=memory_bytes)

    def write_files(self, files: Mapping[str, bytes]) -> None:
        payload = tar_of(files, BOX_UID, BOX_UID)
        exec_id = self.client.api.exec_create(
            self.container.id, ["tar", "-x", "-C", "/work", "-f", "-"], stdin=True, user=_user()
        )["Id"]
        sock = self.client.api.exec_start(exec_id, socket=True)
        raw = getattr(sock, "_sock", sock)
        raw.sendall(payload)
        raw.shutdown(socket.SHUT_WR)
        while raw.recv(65536):
            pass
        raw.close()
        code = self._wait_exit(exec_id)
        if code != 0:
            raise OSError(f"copying files into the sandbox failed (tar exit {code})")

    def remove(self, paths: Sequence[str]) -> None:
        targets = ["/work/" + clean_relative(p) for p in paths]
        self.run(RunSpec(("rm", "-rf", "--", *targets), wall_seconds=30))

    def read_files(self, paths: Sequence[str], max_bytes: int) -> dict[str, bytes]:
        """All files in one exec, each framed by a header line with its index and size.
        Read inside the container, so a link there can only reach the box's own files; still,
        only regular files with a canonical path (no symlink at any level) are read."""
        targets = ["/work/" + clean_relative(name) for name in paths]
        script = (
            # mktemp: a fresh file, never one the candidate user planted in /tmp.
            'cap=$1; shift; i=0; t=$(mktemp) || exit 1; for f in "$@"; do '
            'if [ -f "$f" ] && [ "$(readlink -f -- "$f")" = "$f" ]; then '
            'head -c "$cap" -- "$f" > "$t"; '
            'printf "\\n@@file %s %s\\n" "$i" "$(wc -c < "$t")"; '
            'cat "$t"; fi; i=$((i+1)); done; rm -f "$t"'
        )
        run = self.run(RunSpec(("sh", "-c", script, "sh", str(max_bytes), *targets),
                               wall_seconds=10,
                               output_bytes=(max_bytes + 64) * max(len(targets), 1)))  # fmt: skip
        return _unframe(run.stdout, list(paths), max_bytes)

    def run(self, spec: RunSpec) -> RawRun:
        wall = spec.wall_seconds or self.limits.wall_seconds
        cap = spec.output_bytes or self.limits.output_bytes
        if self.dead:
            return RawRun(None, 9, b"", b"sandbox box was killed earlier", Usage(), None)
        oom_before, pids_before = self._counter("oom_kill"), self._counter("max")
        # `timeout` kills the command at the wall limit inside the box; the outer deadline
        # below is a backstop that kills the whole container if even that does not end it.
        argv = ["timeout", "-s", "KILL", f"{wall:.3f}", *spec.argv]
        if spec.untrusted:
            # The container outlives the run: kill whatever the code left in the background
            # (the candidate user runs nothing else; kill -1 spares the caller itself).
            argv = ["sh", "-c", '"$@"; code=$?; kill -9 -1 2>/dev/null; exit $code', "sh", *argv]
        started = time.monotonic()
        exec_id = self.client.api.exec_create(
            self.container.id,
            argv,
            environment=dict(spec.env),
            workdir=spec.cwd,
            user=_user(CANDIDATE_UID if spec.untrusted else BOX_UID),
        )["Id"]
        output = OutputCollector(cap)
        limit: list[LimitHit] = []
        done = threading.Event()

        def pump() -> None:
            try:
                for out, err in self.client.api.exec_start(exec_id, stream=True, demux=True):
                    if (out and not output.add(out, is_stderr=False)) or (
                        err and not output.add(err, is_stderr=True)
                    ):
                        limit.append(LimitHit.OUTPUT)
                        break
            except Exception:
                pass
            finally:
                done.set()

        reader = threading.Thread(target=pump, daemon=True)
        reader.start()
        if not done.wait(wall + 5.0):
            limit.append(LimitHit.WALL_TIME)
        if limit:
            self.kill()
        elapsed = time.monotonic() - started
        code = self._wait_exit(exec_id) if not self.dead else None
        if not limit:
            if self._counter("oom_kill") > oom_before:
                limit.append(LimitHit.MEMORY)
            elif self._counter("max") > pids_before:
                limit.append(LimitHit.PIDS)
            elif code in (124, 137) and elapsed >= wall - 0.05:
                limit.append(LimitHit.WALL_TIME)
            elif code == 128 + 24:
                limit.append(LimitHit.CPU_TIME)
            elif self._disk_full():
                limit.append(LimitHit.DISK)
        killed = code is None or code > 128
        if spec.untrusted and killed and not self.dead:
            self._kill_candidate_processes()  # the wrapper's own kill may have been killed
        return RawRun(
            exit_code=None if killed else code,
            signal=(9 if code is None else code - 128) if killed else None,
            stdout=bytes(output.stdout),
            stderr=bytes(output.stderr),
            usage=Usage(wall_seconds=elapsed),
            limit_hit=limit[0] if limit else None,
            truncated=output.truncated,
        )

    def _kill_candidate_processes(self) -> None:
        """SIGKILL to everything the candidate user still runs in the box."""
        exec_id = self.client.api.exec_create(
            self.container.id, ["sh", "-c", "kill -9 -1"], user=_user(CANDIDATE_UID)
        )["Id"]
        self.client.api.exec_start(exec_id)
        self._wait_exit(exec_id)

    def _disk_full(self) -> bool:
        """Less than 1 MiB left on a scratch mount. Read from the host through the box's
        /proc/<pid>/root when this worker can see the engine's processes (no exec, so it
        costs nothing); else asked inside, where the mounts are the box's."""
        if self._host_root is None:
            self._host_root = self._find_host_root()
        if self._host_root:
            try:
                return any(nearly_full(f"{self._host_root}{mount}") for mount in ("/work", "/tmp"))
            except OSError:
                self._host_root = ""
        exec_id = self.client.api.exec_create(
            self.container.id, ["stat", "-f", "-c", "%a %S", "/work", "/tmp"], user=_user()
        )["Id"]
        output = self.client.api.exec_start(exec_id).decode(errors="replace")
        sizes = [line.split() for line in output.splitlines()]
        return any(
            len(p) == 2 and p[0].isdigit() and p[1].isdigit() and int(p[0]) * int(p[1]) < MIB
            for p in sizes
        )

    def _find_host_root(self) -> str:
        """/proc/<init pid>/root of the box, or "" when the engine's processes are not ours
        to see (a remote engine, another pid namespace, no permission). The pid counts only
        if its cgroup names this container: in another pid namespace it is someone else."""
        try:
            self.container.reload()
            pid = int(self.container.attrs["State"]["Pid"])
            if pid > 0 and self.container.id in Path(f"/proc/{pid}/cgroup").read_text():
                os.statvfs(f"/proc/{pid}/root/work")
                return f"/proc/{pid}/root"
        except Exception:  # the SDK and /proc raise several unrelated types
            pass
        return ""

    def kill(self) -> None:
        self.dead = True
        with contextlib.suppress(Exception):
            self.container.kill()

    def close(self) -> None:
        threading.Thread(target=_remove, args=(self.container,), daemon=True).start()

    def _wait_exit(self, exec_id: str) -> int | None:
        for _ in range(200):
            info = self.client.api.exec_inspect(exec_id)
            if not info.get("Running"):
                return info.get("ExitCode")
            time.sleep(0.01)
        return None

    def _counter(self, key: str) -> int:
        """A counter of the container's cgroup, when the worker can see the host's cgroups."""
        try:
            for line in self._events[key].read_text().splitlines():
                name, _, value = line.partition(" ")
                if name == key:
                    return int(value)
        except (OSError, ValueError):
            pass
        return 0


FRAME = b"\n@@file "


def _unframe(data: bytes, names: list[str], max_bytes: int) -> dict[str, bytes]:
    """Split `\\n@@file <index> <size>\\n<bytes>` frames; anything malformed ends the read."""
    found: dict[str, bytes] = {}
    position = 0
    while True:
        start = data.find(FRAME, position)
        if start < 0:
            return found
        end = data.find(b"\n", start + 1)
        parts = data[start + len(FRAME) : end].split() if end > 0 else []
        if len(parts) != 2 or not all(p.isdigit() for p in parts) or int(parts[0]) >= len(names):
            return found
        size = min(int(parts[1]), max_bytes)
        found[names[int(parts[0])]] = data[end + 1 : end + 1 + size]
        position = end + 1 + size


def _same_container_limits(a: Limits, b: Limits) -> bool:
    """Pooled boxes fit when what is fixed at container start matches (memory can change)."""
    return (a.disk_bytes, a.pids, a.cpus, a.cpu_seconds) == (
        b.disk_bytes,
        b.pids,
        b.cpus,
        b.cpu_seconds,
    )


def _cgroup_file(container_id: str, controller: str, v1_name: str, v2_name: str) -> Path:
    v1 = Path("/sys/fs/cgroup") / controller / "docker" / container_id / v1_name
    if v1.exists():
        return v1
    return Path("/sys/fs/cgroup/system.slice") / f"docker-{container_id}.scope" / v2_name


def _ulimit(name: str, value: int):
    from docker.types import Ulimit

    return Ulimit(name=name, soft=value, hard=value)


def _user(uid: int = BOX_UID) -> str:
    return f"{uid}:{uid}"


def _remove(container, attempts: int = 4) -> None:
    """Force-remove, retrying while the engine is busy (a box being killed can refuse at
    first); a box that is already gone is done."""
    import docker.errors

    for attempt in range(attempts):
        try:
            container.remove(force=True)
            return
        except docker.errors.NotFound:
            return
        except Exception:
            time.sleep(0.5 * 2**attempt)
