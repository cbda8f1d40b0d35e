"""The grading recipe's I/O: the only module that calls `sandbox`. Each step runs one thing in
the box and returns its raw data; `graders.judge` decides what it means and what runs next:

    prepare -> build (test binaries, race binary, reference, vet) -> plain run (+ leak check)
    -> race run (-count, -cpu=1,2,4) -> fresh-process confirmations -> schedule exploration
    -> benchmarks -> judge
"""

from __future__ import annotations

import shlex
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from graders import explore, gotool
from graders.judge import (
    BenchStep,
    BuildStep,
    Context,
    RunSettings,
    Steps,
    TestRunStep,
    judge,
    plan,
    rejected,
    system_error,
)
from graders.judge.build import BuildJudgement, judge_build
from graders.judge.tests import RunOutcome, read_run
from graders.prepare import RejectedInput, check_candidate_source
from graders.request import EngineSettings, GradeOptions, GradeRequest, Mode, ProblemLimits
from graders.results import GradeResult, SandboxInfo, UncheckedReason
from graders.workload import Workload, WorkloadError, workload_for_directory, workload_for_request
from sandbox import BackendUnavailable, Box, Limits, RawRun, RunSpec, open_backend
from sandbox.limits import MIB

EventCallback = Callable[[str, dict], None]
BUILD_MEMORY = 2048 * MIB  # the compiler and the race linker need more than most tests
# The race detector's shadow memory costs 5-10x (Go's documentation): race runs get more room.
RACE_MEMORY_FACTOR = 4
RACE_MEMORY_MIN = 1024 * MIB
HARNESS_RECORD_BYTES = 4 * MIB


def grade(
    request: GradeRequest,
    options: GradeOptions | None = None,
    settings: EngineSettings | None = None,
    on_event: EventCallback | None = None,
) -> GradeResult:
    """Grade a candidate's solution.go against a problem's trusted tests."""
    options = options or GradeOptions()
    settings = settings or EngineSettings.from_env()
    emit = on_event or (lambda stage, detail: None)
    started = time.monotonic()
    try:
        check_candidate_source(request.candidate_source, options.max_source_bytes)
    except RejectedInput as error:
        return _finish(rejected(str(error)), emit, started)
    workload = workload_for_request(request)
    return _finish(_grade_in_box(settings, request, workload, options, emit), emit, started)


def check(
    directory: str,
    options: GradeOptions | None = None,
    settings: EngineSettings | None = None,
    on_event: EventCallback | None = None,
    limits: ProblemLimits | None = None,
) -> GradeResult:
    """Run the same recipe on any Go package that carries its own tests (no reference)."""
    options = options or GradeOptions()
    settings = settings or EngineSettings.from_env()
    emit = on_event or (lambda stage, detail: None)
    started = time.monotonic()
    try:
        workload = workload_for_directory(directory)
    except WorkloadError as error:
        return _finish(rejected(str(error)), emit, started)
    request = GradeRequest(candidate_source=b"", test_files=(), limits=limits or ProblemLimits())
    return _finish(_grade_in_box(settings, request, workload, options, emit), emit, started)


def _grade_in_box(
    settings: EngineSettings,
    request: GradeRequest,
    workload: Workload,
    options: GradeOptions,
    emit: EventCallback,
) -> GradeResult:
    """Run the recipe in a fresh box; any infrastructure failure becomes a retryable
    system_error."""
    opened = time.monotonic()
    try:
        with open_box_for(settings, request.limits.memory_mb) as box:
            emit(
                "sandbox", {"backend": box.backend, "seconds": round(time.monotonic() - opened, 4)}
            )
            grading = _Grading(box, request, workload, options, emit)
            steps = grading.run()
            emit("scoring", {})
            return judge(steps, grading.context)
    except BackendUnavailable as error:
        return system_error(f"no sandbox available: {error}")
    except Exception as error:  # the engine must always answer with a result
        return system_error(f"grading failed inside the engine: {error}", traceback.format_exc())


@contextmanager
def open_box_for(settings: EngineSettings, memory_mb: int) -> Iterator[Box]:
    """A box on the configured backend, closed afterwards; BackendUnavailable if none."""
    backend = open_backend(settings)
    box = backend.open_box(Limits(memory_bytes=problem_memory(memory_mb)))
    try:
        yield box
    finally:
        box.close()


def _finish(result: GradeResult, emit: EventCallback, started: float) -> GradeResult:
    timings = dict(result.timings)
    timings["total"] = round(time.monotonic() - started, 3)
    result = replace(result, timings=timings)
    emit("done", {"verdict": result.verdict.value})
    return result


def problem_memory(memory_mb: int) -> int:
    """The memory a problem's code may use, never below what a Go test binary needs."""
    return max(memory_mb * MIB, 64 * MIB)


def _no_benchmarks_because(
    request: GradeRequest, workload: Workload, options: GradeOptions
) -> UncheckedReason | None:
    if request.mode is Mode.RUN:
        return UncheckedReason.NOT_IN_RUN_MODE
    if not workload.reference:
        return UncheckedReason.NO_BENCHMARKS
    if not options.run_benchmarks:
        return UncheckedReason.DISABLED
    return None


class _Grading:
    """One job's sandbox steps, in order; each returns what it observed."""

    def __init__(
        self,
        box: Box,
        request: GradeRequest,
        workload: Workload,
        options: GradeOptions,
        emit: EventCallback,
    ) -> None:
        self.box = box
        self.request = request
        self.work = workload
        self.options = options
        self.emit = emit
        self.timings: dict[str, float] = {}
        self.processes = 0
        self.context = Context(
            nonce=workload.package.nonce,
            expected=workload.package.expected_tests,
            instrumented=workload.package.instrumented,
            weights=request.weights,
            bench_max_ratio=request.limits.bench_max_ratio,
            no_benchmarks_because=_no_benchmarks_because(request, workload, options),
            race_checked=options.race,
        )

    def run(self) -> Steps:
        limits = self.request.limits
        build = self.build()
        built = judge_build(build)
        runs: list[TestRunStep] = []
        bench = None
        if built.built:
            pinned = self.options.gomaxprocs
            plain = self.test(plan.plain_run(limits.test_timeout_seconds, pinned))
            runs.append(plain)
            outcomes = [read_run(plain, self.context)]
            race = plan.race_run(
                outcomes[0],
                mode=self.request.mode,
                count=self.options.race_count or limits.race_count,
                cpus=(pinned,) if pinned else self.options.race_cpus,
                test_timeout=limits.test_timeout_seconds,
            )
            if race is not None and pinned:
                race = replace(race, cpus=(pinned,))  # a pinned GOMAXPROCS holds in Run too
            if race is not None and self.options.race:
                runs.append(self.test(race))
                outcomes.append(read_run(runs[-1], self.context))
            for settings in plan.confirmations(outcomes, limits.test_timeout_seconds):
                runs.append(self.test(settings))
                outcomes.append(read_run(runs[-1], self.context))
            explored = self.explore(built, outcomes)
            runs += explored
            if plan.benchmarks_due(built, outcomes, self.context, explored):
                bench = self.bench()
        return Steps(
            build=build,
            runs=tuple(runs),
            bench=bench,
            timings=self.timings,
            sandbox=SandboxInfo(
                backend=self.box.backend,
                box_id=self.box.id,
                limits_hit=tuple(dict.fromkeys(self._limits_hit(build, runs, bench))),
                limits=self.box.limits.as_dict(),
            ),
        )

    @staticmethod
    def _limits_hit(
        build: BuildStep, runs: list[TestRunStep], bench: BenchStep | None
    ) -> list[str]:
        raws = [*build.runs.values(), *(step.run for step in runs)]
        raws += [bench.run] if bench else []
        return [raw.limit_hit.value for raw in raws if raw.limit_hit]

    # --- steps -------------------------------------------------------------------------

    def build(self) -> BuildStep:
        """The plain and race test binaries, the reference and vet, side by side on the box's
        cores in one sandbox run."""
        self.emit("building", {})
        with self._timed("build"):
            files = dict(self.work.files)
            files.update({"out/.keep": b"", "run/.keep": b"", "bin/.keep": b""})
            self.box.write_files(files)
            self.box.set_memory(BUILD_MEMORY)
            # From the module root, so a nested package's files read pipeline/stage/x.go.
            package = f"./{self.work.package_dir}" if self.work.package_dir else "."
            jobs = {
                "plain": (gotool.SRC, "0", gotool.build_test_binary(
                    f"{gotool.BIN}/solution.test", race=False, package=package)),
                "race": (gotool.SRC, "1", gotool.build_test_binary(
                    f"{gotool.BIN}/solution.race", race=True, package=package)),
                "vet": (gotool.SRC, "0", gotool.vet(package)),
            }  # fmt: skip
            if self.work.reference:
                jobs["reference"] = (gotool.REF, "0", gotool.build_test_binary(
                    f"{gotool.BIN}/reference.test", race=False))  # fmt: skip
            # Only binaries remain while candidate code runs: the same sandbox run deletes the
            # sources once every job has ended (one command fewer than a separate delete), and
            # opens to the candidate user only the directories its code may write in.
            opened = f"{gotool.OUT} {gotool.RUN_DIR}"
            if self.work.run_in_source:
                then = f"chmod 1777 {opened} && chmod -R a+rwX {gotool.SRC}"
            else:
                then = f"rm -rf {gotool.SRC} {gotool.REF} && chmod 1777 {opened}"
            runs = self._go_parallel(jobs, then=then, first=self.work.setup)
        self.box.set_memory(problem_memory(self.request.limits.memory_mb))
        return BuildStep(runs)

    def _go_parallel(
        self, jobs: dict[str, tuple[str, str, tuple[str, ...]]], then: str = "", first: str = ""
    ) -> dict[str, RawRun]:
        """Several go commands in one sandbox run, each with its own log and exit status;
        `first` runs before them, `then` after all of them."""
        parts = []
        for name, (cwd, cgo, argv) in jobs.items():
            command = " ".join(shlex.quote(arg) for arg in argv)
            parts.append(f"(cd {cwd} && CGO_ENABLED={cgo} {command} > {gotool.OUT}/{name}.log "
                         f"2>&1; echo $? > {gotool.OUT}/{name}.rc) &")  # fmt: skip
        script = (f"{first}; " if first else "") + " ".join(parts) + " wait"
        script += f"; {then}" if then else ""
        env = {**gotool.go_env(cgo=False), "GOFLAGS": self.work.go_flags}
        run = self.box.run(RunSpec(("sh", "-c", script), env=env,
                                   cwd=gotool.SRC, wall_seconds=300))  # fmt: skip
        names = [f"out/{name}.{ext}" for name in jobs for ext in ("log", "rc")]
        files = self.box.read_files(names, 1024 * 1024)
        results = {}
        for name in jobs:
            code = files.get(f"out/{name}.rc", b"").strip()
            results[name] = RawRun(
                exit_code=int(code) if code.isdigit() else None,
                signal=None,
                stdout=files.get(f"out/{name}.log", b""),
                stderr=b"",
                usage=run.usage,
                limit_hit=run.limit_hit,
            )
        return results

    def test(self, settings: RunSettings) -> TestRunStep:
        """One process of the plain or the race test binary under `settings`."""
        tests = settings.tests or self.context.expected
        if settings.race:
            stage = "race"
            self.emit("race", {"count": settings.count, "cpus": list(settings.cpus)})
        else:
            stage = "test"
            self.emit("testing", {"tests": len(tests)})
        binary = "solution.race" if settings.race else "solution.test"
        allowed = problem_memory(self.request.limits.memory_mb)
        if settings.race:
            self.box.set_memory(max(allowed * RACE_MEMORY_FACTOR, RACE_MEMORY_MIN))
        # One record file per process: a process that dies before writing its own must
        # never be read with an earlier one's.
        self.processes += 1
        record_path = f"out/{binary}.{self.processes}.json"
        exact = settings.tests or self.work.run_pattern
        pattern = "^(" + "|".join(tests) + ")$" if tests and exact else None
        argv = gotool.test_binary_args(
            f"{gotool.BIN}/{binary}",
            timeout_seconds=settings.timeout,
            count=settings.count,
            cpus=settings.cpus,
            run_pattern=pattern,
        )
        env = gotool.run_env(
            GOCONCUR_HARNESS_OUT=f"/work/{record_path}",
            # Leaks are judged from the plain run; repetitions pile them up.
            GOCONCUR_LEAKCHECK="0" if settings.race else "1",
            GOCONCUR_MAX_STACK=str(allowed // 4),
        )
        if not settings.race:
            env["GOCONCUR_LEAKS_PER_TEST"] = "1"  # which test left a leak (plain run only)
        else:
            env["GORACE"] = "halt_on_error=0 atexit_sleep_ms=0 history_size=2"
        if settings.test_budget:
            env["GOCONCUR_TEST_BUDGET"] = f"{settings.test_budget:g}"
        cwd = self._package_dir() if self.work.run_in_source else gotool.RUN_DIR
        with self._timed(stage):
            run = self.box.run(
                RunSpec(
                    argv,
                    env=env,
                    cwd=cwd,
                    wall_seconds=settings.timeout + 30,
                    # Repetitions multiply honest output (race reports, t.Log): more room.
                    output_bytes=self.options.max_output_bytes * (4 if settings.race else 1),
                    untrusted=True,
                )
            )
            record = self.box.read_files([record_path], HARNESS_RECORD_BYTES).get(record_path)
        self.box.set_memory(allowed)
        return TestRunStep(settings, run, record)

    def explore(self, built: BuildJudgement, outcomes: list[RunOutcome]) -> list[TestRunStep]:
        """Schedule exploration's rounds (graders/judge/explore.py), all in one sandbox run
        that stops after the first phase with evidence."""
        limits = self.request.limits
        budget = self.options.explore_seconds
        phases = plan.exploration(
            built, outcomes, mode=self.request.mode, test_timeout=limits.test_timeout_seconds,
            budget_seconds=limits.explore_seconds if budget is None else budget,
            race=self.options.race, gomaxprocs=self.options.gomaxprocs,
        )  # fmt: skip
        if not phases:
            return []
        self.emit("exploring", {"seconds": sum(phase[0].explore_seconds for phase in phases)})
        allowed = problem_memory(limits.memory_mb)
        self.box.set_memory(max(allowed * RACE_MEMORY_FACTOR, RACE_MEMORY_MIN))
        pattern = self.context.expected if self.work.run_pattern else ()
        commands = explore.round_commands(
            phases, bin_dir=gotool.BIN, out_dir=gotool.OUT,
            env={"GOCONCUR_MAX_STACK": str(allowed // 4)},
            run_pattern="^(" + "|".join(pattern) + ")$" if pattern else None,
        )  # fmt: skip
        script = explore.round_script(
            commands, out_dir=gotool.OUT, output_cap=self.options.max_output_bytes,
            cwd=self._package_dir() if self.work.run_in_source else gotool.RUN_DIR,
        )  # fmt: skip
        wall = sum(phase[0].explore_seconds for phase in phases) + limits.test_timeout_seconds
        with self._timed("explore"):
            spec = RunSpec(("sh", "-c", script), env=gotool.run_env(), cwd=gotool.RUN_DIR,
                           wall_seconds=wall + 30, untrusted=True)  # fmt: skip
            run = self.box.run(spec)
            files = self.box.read_files(explore.round_files(commands), HARNESS_RECORD_BYTES)
        self.box.set_memory(allowed)
        return explore.collect_rounds(phases, commands, files, run)

    def bench(self) -> BenchStep:
        samples = self.options.bench_samples
        self.emit("benchmarking", {"samples": samples})
        marker = f"@@goconcur-{self.work.package.nonce}"
        candidate = " ".join(
            gotool.bench_args(
                f"{gotool.BIN}/solution.test",
                bench_time=self.options.bench_time,
                procs=self.options.gomaxprocs or self.options.bench_procs,
            )
        )
        reference = candidate.replace(f"{gotool.BIN}/solution.test", f"{gotool.BIN}/reference.test")
        # Interleaved ABAB in one box, so both see the same machine noise.
        script = (
            f'for i in $(seq {samples}); do echo "{marker} candidate"; {candidate}; '
            f'echo "{marker} reference"; {reference}; done'
        )
        with self._timed("bench"):
            run = self.box.run(
                RunSpec(
                    ("sh", "-c", script),
                    env=gotool.run_env(),
                    cwd=gotool.RUN_DIR,
                    wall_seconds=600,
                    untrusted=True,
                )
            )
        return BenchStep(run, marker)

    def _package_dir(self) -> str:
        """Where go commands run: the package's folder in its module (check mode)."""
        return "/".join(filter(None, (gotool.SRC, self.work.package_dir)))

    @contextmanager
    def _timed(self, name: str) -> Iterator[None]:
        started = time.monotonic()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.monotonic() - started
