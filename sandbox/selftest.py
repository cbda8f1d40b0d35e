"""A worker checks its sandbox before taking jobs (after DMOJ's executor self-tests): a tiny
Go program builds and runs with and without -race, and the memory limit fires.

    python -m sandbox.selftest [--backend auto|docker|bwrap]
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace

from sandbox import Limits, RunSpec, SandboxSettings, open_backend
from sandbox.backends import BackendUnavailable
from sandbox.limits import MIB, LimitHit

PROGRAM = b"""package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	total := 0
	for i := 1; i <= 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			total += i
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println(total)
}
"""
GO_MOD = b"module selftest\n\ngo 1.26\n"
ENV = {
    "PATH": "/usr/local/go/bin:/usr/bin:/bin",
    "HOME": "/tmp",
    "GOPROXY": "off",
    "GOTOOLCHAIN": "local",
    "GOFLAGS": "-mod=readonly",
    "GOCACHEPROG": "/opt/goconcur/bin/cacheprog -ro /opt/goconcur/gocache -rw /tmp/gocache",
}


def run_selftest(settings: SandboxSettings) -> list[str]:
    """Problems found; empty when the sandbox is fit for work."""
    try:
        backend = open_backend(replace(settings, pool_size=0))
    except BackendUnavailable as error:
        return [f"no sandbox backend: {error}"]
    problems = []
    box = backend.open_box(Limits(memory_bytes=1024 * MIB, wall_seconds=120))
    try:
        box.write_files({"src/main.go": PROGRAM, "src/go.mod": GO_MOD})
        for race in (False, True):
            flags = ("-race",) if race else ()
            env = {**ENV, "CGO_ENABLED": "1" if race else "0"}
            started = time.monotonic()
            build = box.run(
                RunSpec(("go", "build", *flags, "-o", "/work/prog", "."), env=env, cwd="/work/src")
            )
            took = time.monotonic() - started
            if build.exit_code != 0:
                problems.append(f"go build {' '.join(flags)} failed: {build.output[-500:]}")
                continue
            run = box.run(RunSpec(("/work/prog",), env=env, wall_seconds=10))
            if run.stdout.strip() != b"55":
                problems.append(f"program printed {run.stdout[:80]!r}, want 55")
            if took > 30:
                problems.append(
                    f"go build {' '.join(flags)} took {took:.0f}s: the build cache "
                    "is cold (rebuild the sandbox image)"
                )
        box.set_memory(64 * MIB)
        hog = box.run(
            RunSpec(
                ("sh", "-c", "head -c 300000000 /dev/zero | sort >/dev/null"),
                env=ENV,
                wall_seconds=30,
            )
        )
        if hog.limit_hit is not LimitHit.MEMORY:
            problems.append(f"the memory limit did not fire (got {hog.limit_hit})")
    finally:
        box.close()
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    settings = SandboxSettings.from_env()
    parser.add_argument("--backend", default=settings.backend)
    args = parser.parse_args(argv)
    problems = run_selftest(replace(settings, backend=args.backend))
    for problem in problems:
        print(f"selftest: {problem}", file=sys.stderr)
    print("selftest: ok" if not problems else "selftest: FAILED")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
