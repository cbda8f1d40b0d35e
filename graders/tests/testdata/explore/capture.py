"""Captures real exploration rounds for graders/tests/test_explore.py: a package prepared
exactly as `check` prepares it (instrumented tests, the grader's harness), built on this host
and run as one round (`graders.explore.round_commands`), its output and harness record kept.

Usage: .venv/bin/python graders/tests/testdata/explore/capture.py   (needs go, cgo for -race,
and goleak in the module cache: GOMODCACHE, or the sandbox image's /opt/goconcur/gomod)

Each capture is <name>.log (output, the temporary directory shown as /work/src) and
<name>.json (the record, with its job's nonce). A case whose evidence shows on some schedules
only is run again until it shows (at most 20 rounds). Logs keep their first 20 lines.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
sys.path.insert(0, str(ROOT))

from graders import explore  # noqa: E402
from graders.judge.explore import CPU_CYCLE  # noqa: E402
from graders.judge.steps import RunPurpose, RunSettings  # noqa: E402
from graders.workload import workload_for_directory  # noqa: E402

CORPUS = ROOT / "graders" / "tests" / "corpus" / "intermittent"
# name: (package folder, race build, GODEBUG, what the record must show)
CASES = {
    "leak_lock_order": (CORPUS / "b01_lock_order_transfer", False, "", "leaks"),
    "repeat_only": (CORPUS / "c11_registry_not_repeatable", False, "", "failed"),
    "race_overflow_reset": (CORPUS / "n08_overflow_reset", True, "asyncpreemptoff=1", "race"),
    "clean": (CORPUS / "c01_lock_order_by_id", False, "", ""),
    "needs_two_procs": (HERE / "gen" / "needs_two_procs", False, "", "failed"),
}


def go_env(cgo: bool) -> dict[str, str]:
    env = dict(os.environ, GOTOOLCHAIN="local", GOFLAGS="-mod=mod", CGO_ENABLED=str(int(cgo)))
    rootfs = os.environ.get("GOCONCUR_ROOTFS") or _current_rootfs()
    if "GOMODCACHE" not in os.environ and rootfs:
        env.update(GOMODCACHE=f"{rootfs}/opt/goconcur/gomod", GOPROXY="off")
    return env


def _current_rootfs() -> str:
    current = Path(os.environ.get("GOCONCUR_CACHE_DIR", "/var/cache/goconcur")) / "current.env"
    for line in current.read_text().splitlines() if current.is_file() else ():
        key, _, value = line.partition("=")
        if key == "GOCONCUR_ROOTFS":
            return value
    return ""


def shows(record: dict, wanted: str, log: str) -> bool:
    tallies = (record.get("explore") or {}).get("tallies") or []
    if wanted == "leaks":
        return bool(record.get("leaks"))
    if wanted == "failed":
        return any(t["failed"] for t in tallies)
    if wanted == "race":
        return "WARNING: DATA RACE" in log
    return True


def capture(name: str, folder: Path, race: bool, godebug: str, wanted: str) -> None:
    work = workload_for_directory(folder)
    with tempfile.TemporaryDirectory() as tmp:
        for path, content in work.files.items():
            target = Path(tmp) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        src, binary = Path(tmp) / "src", Path(tmp) / "solution.bin"
        build = ["go", "test", "-c", *(["-race"] if race else []), "-o", str(binary), "."]
        subprocess.run(build, cwd=src, env=go_env(race), check=True)
        settings = RunSettings(RunPurpose.EXPLORE, race=race, cpus=CPU_CYCLE, godebug=godebug,
                               explore_seconds=1.5, timeout=20, test_budget=10)  # fmt: skip
        [[(_, env, argv)]] = explore.round_commands(
            [[settings]], bin_dir=tmp, out_dir=tmp, env={}, run_pattern=None
        )
        argv = (str(binary), *argv[1:])
        for _ in range(20):
            run = subprocess.run(argv, cwd=src, env={**os.environ, **env}, capture_output=True)
            log = (run.stdout + run.stderr).decode().replace(str(src), "/work/src")
            record = json.loads(Path(env["GOCONCUR_HARNESS_OUT"]).read_text())
            if shows(record, wanted, log):
                break
        else:
            raise SystemExit(f"{name}: no {wanted} in 20 rounds")
        record["leaks"] = record["leaks"].replace(str(src), "/work/src")
        record["test_leaks"] = {
            k: v.replace(str(src), "/work/src") for k, v in record["test_leaks"].items()
        }
        # A test failing on every repeat prints thousands of lines: the first ones are enough.
        (HERE / f"{name}.log").write_text("".join(log.splitlines(keepends=True)[:20]))
        (HERE / f"{name}.rc").write_text(f"{run.returncode}\n")
        (HERE / f"{name}.json").write_text(json.dumps(record, indent=1) + "\n")
        print(f"{name}: exit {run.returncode}, {len(log)} bytes of output")


if __name__ == "__main__":
    for case_name, (path, race_build, knob, evidence) in CASES.items():
        capture(case_name, path, race_build, knob, evidence)
