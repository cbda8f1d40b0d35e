"""How the Go toolchain is invoked inside the sandbox: one environment, an allow-list of
flags, fixed paths. The image build (sandbox/image/warm.sh) warms the cache with exactly
these settings, so no job rebuilds the standard library."""

from __future__ import annotations

GOROOT = "/usr/local/go"
TEST2JSON = f"{GOROOT}/pkg/tool/linux_amd64/test2json"
SRC = "/work/src"
REF = "/work/ref"
BIN = "/work/bin"
OUT = "/work/out"
RUN_DIR = "/work/run"
PATH = f"{GOROOT}/bin:/usr/bin:/bin"
CACHEPROG = "/opt/goconcur/bin/cacheprog -ro /opt/goconcur/gocache -rw /tmp/gocache"


def go_env(*, cgo: bool) -> dict[str, str]:
    """Offline, pinned toolchain, read-only module cache, private writable build cache."""
    return {
        "GOROOT": GOROOT,
        "PATH": PATH,
        "HOME": "/tmp",
        "GOPATH": "/tmp/gopath",
        "GOMODCACHE": "/opt/goconcur/gomod",
        "GOPROXY": "off",
        "GOSUMDB": "off",
        "GOTOOLCHAIN": "local",
        "GOWORK": "off",
        "GOFLAGS": "-mod=readonly",
        "GOCACHEPROG": CACHEPROG,
        "CGO_ENABLED": "1" if cgo else "0",
    }


def run_env(**extra: str) -> dict[str, str]:
    """Environment of a test binary: nothing from the host, tracebacks of every goroutine."""
    env = {"PATH": PATH, "HOME": "/tmp", "GOTRACEBACK": "all", "TMPDIR": "/tmp"}
    env.update(extra)
    return env


def build_test_binary(output: str, *, race: bool, package: str = ".") -> tuple[str, ...]:
    """`package` is relative to the module root (./path/to/pkg), so compiler messages name
    files as the findings of the runs do."""
    flags = ("-race",) if race else ()
    return ("go", "test", "-c", *flags, "-o", output, package)


def vet(package: str = ".") -> tuple[str, ...]:
    return ("go", "vet", package)


def build_program(output: str, *, race: bool) -> tuple[str, ...]:
    flags = ("-race",) if race else ()
    return ("go", "build", *flags, "-o", output, ".")


def test_binary_args(
    binary: str,
    *,
    timeout_seconds: float,
    count: int = 1,
    cpus: tuple[int, ...] = (),
    run_pattern: str | None = None,
    shuffle: bool = True,
) -> tuple[str, ...]:
    """test2json around the compiled test binary (no `go` process, no rebuild)."""
    args = [TEST2JSON, "-t", "-p", "goconcur/solution", binary, "-test.v=test2json",
            f"-test.count={count}", f"-test.timeout={timeout_seconds:g}s"]  # fmt: skip
    if shuffle:
        args.append("-test.shuffle=on")
    if cpus:
        args.append("-test.cpu=" + ",".join(str(c) for c in cpus))
    if run_pattern:
        args.append(f"-test.run={run_pattern}")
    return tuple(args)


def explore_args(
    binary: str, *, timeout_seconds: float, cpus: tuple[int, ...], run_pattern: str | None = None
) -> tuple[str, ...]:
    """One exploration round: the test binary itself (no test2json: the harness's record holds
    the tallies), every test once per -test.cpu entry, in a new order each time."""
    args = [binary, "-test.count=1", f"-test.timeout={timeout_seconds:g}s", "-test.shuffle=on",
            "-test.cpu=" + ",".join(str(c) for c in cpus)]  # fmt: skip
    if run_pattern:
        args.append(f"-test.run={run_pattern}")
    return tuple(args)


def bench_args(binary: str, *, bench_time: str, procs: int) -> tuple[str, ...]:
    return (binary, "-test.run=^$", "-test.bench=.", "-test.benchmem", "-test.count=1",
            f"-test.benchtime={bench_time}", f"-test.cpu={procs}")  # fmt: skip
