"""Engine figures, measured side by side in one run and printed as ratios (no assertions:
these machines are shared and noisy).

1. grading overhead: the full sandboxed grading of a typical item vs the same commands
   (same files, flags and binaries) run bare on the host with a warm cache;
2. sandbox start with a warm pool (per backend);
3. no job rebuilds the standard library: cache entries a job writes;
4. stability: one solution graded repeatedly.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graders import GradeOptions, grade
from graders.explore import round_commands, round_script
from graders.judge.explore import plan_rounds as explore_plan
from graders.request import EngineSettings
from graders.workload import workload_for_request
from problems.loader import load_problem
from sandbox import Limits, RunSpec, open_backend
from sandbox.backends import BackendUnavailable

ROOT = Path(__file__).resolve().parent.parent
PROBLEM = load_problem(ROOT / "graders" / "tests" / "problems" / "parallel-sum")
OPTIONS = GradeOptions(run_benchmarks=False)


def bare_host_seconds(problem=PROBLEM) -> float:
    """The grading commands run bare on the host: build, race build, vet, tests, race runs,
    the exploration rounds (no benchmarks: grade problems without them, or with run_benchmarks
    off)."""
    request = problem.grade_request(problem.reference.encode())
    work = workload_for_request(request)
    with tempfile.TemporaryDirectory() as tmp:
        for name, content in work.files.items():
            path = Path(tmp) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        src, binaries = Path(tmp) / "src", Path(tmp) / "bin"
        binaries.mkdir(exist_ok=True)
        expected = "^(" + "|".join(work.package.expected_tests) + ")$"
        env = {"PATH": "/usr/local/go/bin:/usr/bin:/bin", "HOME": "/root", "GOFLAGS": "-mod=mod",
               "GOTOOLCHAIN": "local", "GOCONCUR_LEAKCHECK": "1",
               "GOCONCUR_HARNESS_OUT": f"{tmp}/record.json"}  # fmt: skip
        # Go 1.26 builds test2json on demand; -n prints where the cached binary is.
        t2j = subprocess.run(["go", "tool", "-n", "test2json"], capture_output=True, text=True,
                             check=True).stdout.strip()  # fmt: skip
        limits = request.limits
        steps = [
            ["go", "test", "-c", "-o", f"{binaries}/solution.test", "."],
            ["go", "test", "-c", "-race", "-o", f"{binaries}/solution.race", "."],
            ["go", "vet", "."],
            [t2j, "-t", "-p", "x", f"{binaries}/solution.test", "-test.v=test2json",
             "-test.count=1", "-test.shuffle=on", f"-test.run={expected}"],
            [t2j, "-t", "-p", "x", f"{binaries}/solution.race", "-test.v=test2json",
             f"-test.count={limits.race_count}", "-test.cpu=1,2,4", "-test.shuffle=on",
             f"-test.run={expected}"],
        ]  # fmt: skip
        # Schedule exploration: the same rounds the engine runs after a clean race run.
        phases = explore_plan(limits.explore_seconds, limits.test_timeout_seconds)
        commands = round_commands(
            phases, bin_dir=str(binaries), out_dir=tmp, env={}, run_pattern=expected
        )
        steps.append(["sh", "-c", round_script(commands, out_dir=tmp, cwd=str(src),
                                               output_cap=1 << 20)])  # fmt: skip
        started = time.monotonic()
        for step in steps:
            cgo = "1" if "-race" in step or step[1:2] == ["-t"] else "0"
            subprocess.run(
                step, cwd=src, env={**env, "CGO_ENABLED": cgo}, check=True, capture_output=True
            )
        return time.monotonic() - started


def sandboxed_seconds(settings: EngineSettings) -> float:
    started = time.monotonic()
    verdict = graded_verdict(settings)
    assert verdict == "accepted", verdict
    return time.monotonic() - started


def graded_verdict(settings: EngineSettings) -> str:
    return grade(PROBLEM.grade_request(PROBLEM.reference.encode()), OPTIONS, settings).verdict


def pool_start(settings: EngineSettings, rounds: int = 20) -> list[float]:
    backend = open_backend(settings)
    times = []
    for _ in range(rounds):
        time.sleep(0.5 if settings.backend == "docker" else 0)  # let the pool refill
        started = time.monotonic()
        box = backend.open_box(Limits())
        times.append(time.monotonic() - started)
        box.close()
    return times


def cache_entries_written(settings: EngineSettings) -> int:
    """How many build-cache entries one job's build writes (std rebuilt: hundreds)."""
    from graders import gotool

    backend = open_backend(settings)
    box = backend.open_box(Limits(memory_bytes=2 << 30))
    try:
        request = PROBLEM.grade_request(PROBLEM.reference.encode())
        box.write_files(workload_for_request(request).files)
        for race in (False, True):
            box.run(
                RunSpec(
                    gotool.build_test_binary(f"/work/t{race}", race=race),
                    env=gotool.go_env(cgo=race),
                    cwd=gotool.SRC,
                    wall_seconds=300,
                )
            )
        run = box.run(
            RunSpec(
                ("sh", "-c", "find /tmp/gocache -type f -name '*-d' | wc -l"), env=gotool.run_env()
            )
        )
        return int(run.stdout.strip() or 0)
    finally:
        box.close()


def main() -> None:
    base = EngineSettings.from_env()
    print("== engine figures (grading the parallel-sum fixture's reference, no benchmarks)")
    bare_host_seconds()  # warm the host's cache first: the comparison is warm against warm
    for kind in ("bwrap", "docker"):
        settings = replace(base, backend=kind, pool_size=2)
        try:
            open_backend(settings)
        except BackendUnavailable as error:
            print(f"-- {kind}: not available here ({error})")
            continue
        sandboxed_seconds(settings)  # first job pays the pool's start
        bare, boxed = [], []
        for _ in range(3):  # interleaved, so both see the same machine load
            bare.append(bare_host_seconds())
            boxed.append(sandboxed_seconds(settings))
        ratio = statistics.median(boxed) / statistics.median(bare)
        print(
            f"-- {kind}: grading {statistics.median(boxed):.2f}s sandboxed vs "
            f"{statistics.median(bare):.2f}s bare  ratio {ratio:.2f}x (target <= 1.2x)"
        )
        starts = sorted(pool_start(settings))
        p50, p95 = starts[len(starts) // 2], starts[int(len(starts) * 0.95) - 1]
        print(
            f"-- {kind}: sandbox start p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms "
            "(target <= 100 ms)"
        )
        print(
            f"-- {kind}: build-cache outputs written by one job's two builds: "
            f"{cache_entries_written(settings)} (the standard library has ~300 packages; "
            "a small number means nothing of std was rebuilt)"
        )
        verdicts = {graded_verdict(settings) for _ in range(3)}
        print(f"-- {kind}: same solution graded 3 more times: verdicts {sorted(verdicts)}")


if __name__ == "__main__":
    main()
