"""Build and run a small `package main` (quiz snippets) in the sandbox, as it is."""

from __future__ import annotations

from dataclasses import dataclass

from graders import gotool
from graders.pipeline import open_box_for
from graders.prepare import module_files
from graders.request import EngineSettings
from sandbox import RunSpec
from sandbox.limits import MIB


@dataclass(frozen=True, slots=True)
class ProgramRun:
    stdout: str
    stderr: str
    exit_code: int | None
    built: bool
    timed_out: bool

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    @property
    def deadlocked(self) -> bool:
        return "all goroutines are asleep - deadlock!" in self.stderr

    @property
    def raced(self) -> bool:
        return "WARNING: DATA RACE" in self.stderr


def run_program(
    source: bytes,
    *,
    race: bool = False,
    settings: EngineSettings | None = None,
    timeout_seconds: float = 10.0,
) -> ProgramRun:
    settings = settings or EngineSettings.from_env()
    with open_box_for(settings, memory_mb=512) as box:
        files = {"src/main.go": source, "bin/.keep": b"", "run/.keep": b""}
        files.update({f"src/{k}": v for k, v in module_files().items()})
        box.write_files(files)
        box.set_memory(2048 * MIB)
        build = box.run(
            RunSpec(
                _then_open_run_dir(gotool.build_program(f"{gotool.BIN}/program", race=race)),
                env=gotool.go_env(cgo=race),
                cwd=gotool.SRC,
                wall_seconds=300,
            )
        )
        if build.exit_code != 0:
            return ProgramRun("", build.output, build.exit_code, False, False)
        box.remove(["src"])
        box.set_memory(512 * MIB)
        env = gotool.run_env(GORACE="halt_on_error=0 atexit_sleep_ms=0")
        run = box.run(
            RunSpec(
                (f"{gotool.BIN}/program",),
                env=env,
                cwd=gotool.RUN_DIR,
                wall_seconds=timeout_seconds,
                untrusted=True,
            )
        )
        return ProgramRun(
            run.stdout.decode("utf-8", errors="replace"),
            run.stderr.decode("utf-8", errors="replace"),
            run.exit_code,
            True,
            run.limit_hit is not None and run.limit_hit.value == "wall_time",
        )


def _then_open_run_dir(build: tuple[str, ...]) -> tuple[str, ...]:
    """The build, then the one directory the program (run as the candidate user) may write."""
    return ("sh", "-c", f'"$@" && chmod 1777 {gotool.RUN_DIR}', "sh", *build)
