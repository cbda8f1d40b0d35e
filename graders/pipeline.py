"""The grading recipe, as a pipeline of small named steps. The only module that calls
`sandbox`. Each step returns data; `_Grading.run` reads like the recipe in the README:

    prepare -> build (test binaries, race binary, reference) -> vet -> tests (+ leak check)
    -> race runs (-count, -cpu=1,2,4) -> schedule exploration (graders/explore.py)
    -> benchmarks (interleaved with the reference) -> score
"""

from __future__ import annotations

import shlex
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from graders import explore, gotool, interpret
from graders.prepare import RejectedInput, check_candidate_source
from graders.request import EngineSettings, GradeOptions, GradeRequest, Mode, ProblemLimits
from graders.results import (
    BenchmarkResult,
    Finding,
    FindingKind,
    GradeResult,
    SandboxInfo,
    Scores,
    TestResult,
    TestStatus,
    headline_first,
)
from graders.scoring import Evidence, score
from graders.verdicts import Verdict, headline
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
        return _finish(_rejected(str(error)), emit, started)
    workload = workload_for_request(request)
    return _finish(
        _in_box(
            settings,
            request.limits.memory_mb,
            emit,
            lambda box: _Grading(box, request, workload, options, emit).run(),
        ),
        emit,
        started,
    )


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
        return _finish(_rejected(str(error)), emit, started)
    request = GradeRequest(candidate_source=b"", test_files=(), limits=limits or ProblemLimits())
    return _finish(
        _in_box(
            settings,
            request.limits.memory_mb,
            emit,
            lambda box: _Grading(box, request, workload, options, emit).run(),
        ),
        emit,
        started,
    )


def _in_box(
    settings: EngineSettings,
    memory_mb: int,
    emit: EventCallback,
    work: Callable[[Box], GradeResult],
) -> GradeResult:
    """Run `work` in a fresh box; any infrastructure failure becomes a retryable system_error."""
    opened = time.monotonic()
    try:
        with open_box_for(settings, memory_mb) as box:
            emit(
                "sandbox", {"backend": box.backend, "seconds": round(time.monotonic() - opened, 4)}
            )
            return work(box)
    except BackendUnavailable as error:
        return system_error(f"no sandbox available: {error}")
    except Exception as error:  # the engine must always answer with a result
        return system_error(f"grading failed inside the engine: {error}", traceback.format_exc())


@contextmanager
def open_box_for(settings: EngineSettings, memory_mb: int) -> Iterator[Box]:
    """A box on the configured backend, closed afterwards; BackendUnavailable if none."""
    backend = open_backend(
        settings.backend,
        rootfs=settings.rootfs,
        image=settings.image,
        pool_size=settings.pool_size,
        cgroup_parent=settings.cgroup_parent,
    )
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


def system_error(message: str, detail: str = "") -> GradeResult:
    return GradeResult(
        verdict=Verdict.SYSTEM_ERROR,
        scores=Scores(),
        findings=(Finding(FindingKind.SYSTEM, message, stack=detail[-8000:]),),
        message=message,
        retryable=True,
    )


def _rejected(message: str) -> GradeResult:
    return GradeResult(
        verdict=Verdict.REJECTED_INPUT,
        scores=Scores(),
        findings=(Finding(FindingKind.REJECTED, message),),
        message=message,
    )


@dataclass
class _Outcome:
    """What the steps found, gathered for the verdict and the scores."""

    verdicts: set[Verdict] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)
    tests: dict[str, TestResult] = field(default_factory=dict)
    benchmarks: list[BenchmarkResult] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    limits_hit: list[str] = field(default_factory=list)
    built: bool = False
    vet_findings: int = 0
    race_checked: bool = False
    races: int = 0
    leak_checked: bool = False
    leaks: int = 0
    deadlocked: bool = False

    def add(self, verdict: Verdict | None, findings: list[Finding] | tuple[Finding, ...] = ()):
        if verdict is not None:
            self.verdicts.add(verdict)
        self.findings.extend(findings)


class _Grading:
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
        self.package = workload.package
        self.options = options
        self.emit = emit
        self.out = _Outcome()
        self.has_reference = workload.reference

    def run(self) -> GradeResult:
        if self.build():
            self.box.set_memory(problem_memory(self.request.limits.memory_mb))
            first = self.test()
            if first.finished_normally or first.verdict in (Verdict.WRONG_ANSWER, Verdict.LEAK):
                self.race()
            if self._exploration_due():
                self.explore()
            if self._benchmarks_due():
                self.bench()
        return self.result()

    # --- steps -------------------------------------------------------------------------

    def build(self) -> bool:
        """The plain and race test binaries, the reference and vet, side by side on the box's
        cores in one sandbox run. A compile error is reported from the plain build alone."""
        self.emit("building", {})
        with self._timed("build"):
            files = dict(self.work.files)
            files.update({"out/.keep": b"", "run/.keep": b"", "bin/.keep": b""})
            self.box.write_files(files)
            self.box.set_memory(BUILD_MEMORY)
            jobs = {
                "plain": (gotool.SRC, "0", gotool.build_test_binary(
                    f"{gotool.BIN}/solution.test", race=False)),
                "race": (gotool.SRC, "1", gotool.build_test_binary(
                    f"{gotool.BIN}/solution.race", race=True)),
                "vet": (gotool.SRC, "0", gotool.vet()),
            }  # fmt: skip
            if self.has_reference:
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
            runs = self._go_parallel(jobs, then=then)
        cut_short = [name for name, run in runs.items() if not _exited(run)]
        if cut_short and any(run.limit_hit for run in runs.values()):
            # A build that outgrows the box's limits (time, memory) is the code's doing.
            self.out.add(Verdict.COMPILE_ERROR, interpret.compile_findings(runs[cut_short[0]]))
            return False
        if cut_short:
            # Killed with no limit hit: never read a missing vet report as a clean one.
            raise RuntimeError("the build was cut short: " + ", ".join(cut_short))
        if not runs["plain"].ok:
            self.out.add(Verdict.COMPILE_ERROR, interpret.compile_findings(runs["plain"]))
            return False
        if not runs["race"].ok:
            self.out.add(Verdict.COMPILE_ERROR, interpret.compile_findings(runs["race"]))
            return False
        if "reference" in runs and not runs["reference"].ok:
            raise RuntimeError("the reference does not build:\n" + runs["reference"].output)
        findings = interpret.vet_findings(runs["vet"])
        self.out.vet_findings = len(findings)
        self.out.add(Verdict.VET_ERROR if findings else None, findings)
        self.out.built = True
        return True

    def _go_parallel(
        self, jobs: dict[str, tuple[str, str, tuple[str, ...]]], then: str = ""
    ) -> dict[str, RawRun]:
        """Several go commands in one sandbox run, each with its own log and exit status;
        `then` runs after all of them."""
        parts = []
        for name, (cwd, cgo, argv) in jobs.items():
            command = " ".join(shlex.quote(arg) for arg in argv)
            parts.append(f"(cd {cwd} && CGO_ENABLED={cgo} {command} > {gotool.OUT}/{name}.log "
                         f"2>&1; echo $? > {gotool.OUT}/{name}.rc) &")  # fmt: skip
        script = " ".join(parts) + " wait" + (f"; {then}" if then else "")
        run = self.box.run(RunSpec(("sh", "-c", script), env=gotool.go_env(cgo=False),
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

    def test(self) -> interpret.TestRunOutcome:
        self.emit("testing", {"tests": len(self._expected())})
        limits = self.request.limits
        with self._timed("test"):
            outcome = self._run_tests(
                "solution.test", timeout=limits.test_timeout_seconds, count=1, cpus=()
            )
        for result in outcome.tests:
            self.out.tests[result.name] = result
        self._absorb(outcome, stage="test")
        return outcome

    def race(self) -> None:
        count = self.options.race_count or self.request.limits.race_count
        cpus = self.options.race_cpus
        if self.request.mode is Mode.RUN:
            count, cpus = 1, ()
        elif self.out.leaks:
            # Leaked goroutines pile up across repetitions and slow the race detector down
            # (and past its goroutine limit): one round per CPU setting is enough here.
            count = 1
        self.emit("race", {"count": count, "cpus": list(cpus)})
        runs = max(count, 1) * max(len(cpus), 1)
        timeout = self.request.limits.test_timeout_seconds * max(2, runs // 2)
        allowed = self.request.limits.memory_mb * MIB
        self.box.set_memory(max(allowed * RACE_MEMORY_FACTOR, RACE_MEMORY_MIN))
        with self._timed("race"):
            outcome = self._run_tests(
                "solution.race", timeout=timeout, count=count, cpus=cpus, race=True
            )
        self.out.race_checked = outcome.finished_normally or bool(outcome.races)
        self.out.races = len(outcome.races)
        self.out.add(Verdict.RACE if outcome.races else None, outcome.races)
        if outcome.race_detector_gave_up and self.out.leaks:
            # Leaked goroutines of every repetition piled up past the race detector's limit:
            # the leak is the finding, the race check stays incomplete.
            self.out.race_checked = False
            self.out.add(None, outcome.findings)
            return
        if outcome.verdict not in (None, Verdict.WRONG_ANSWER) and not outcome.races:
            self.out.add(outcome.verdict, outcome.findings)  # a crash or hang under -race
            self.out.deadlocked |= outcome.deadlocked
            for result in outcome.tests:  # the test that hung or crashed did not pass
                earlier = self.out.tests.get(result.name)
                broken = result.status in (TestStatus.FAIL, TestStatus.TIMEOUT)
                if broken and earlier and earlier.status is TestStatus.PASS:
                    self.out.tests[result.name] = result
            return
        # A failure seen only under other schedules is still a failure of the code.
        for result in outcome.tests:
            earlier = self.out.tests.get(result.name)
            if result.status is TestStatus.FAIL and earlier and earlier.status is TestStatus.PASS:
                self.out.tests[result.name] = result
                if not outcome.races:
                    self.out.add(
                        Verdict.WRONG_ANSWER,
                        [
                            Finding(
                                FindingKind.TEST_FAILURE,
                                f"{result.name} failed under -race with -count={count} -cpu="
                                + ",".join(map(str, cpus)),
                                stack=result.output,
                            )
                        ],
                    )

    def explore(self) -> None:
        """Rounds of repeated runs under other schedules (graders/explore.py), in one sandbox
        run that stops after the first phase with evidence."""
        limits = self.request.limits
        phases = explore.plan_rounds(self._explore_seconds())
        self.emit("exploring", {"seconds": sum(phase[0].seconds for phase in phases)})
        self.box.set_memory(max(limits.memory_mb * MIB * RACE_MEMORY_FACTOR, RACE_MEMORY_MIN))
        expected = self._expected()
        commands = explore.round_commands(
            phases,
            bin_dir=gotool.BIN,
            out_dir=gotool.OUT,
            test_timeout=limits.test_timeout_seconds,
            env={"GOCONCUR_MAX_STACK": str(problem_memory(limits.memory_mb) // 4)},
            run_pattern="^(" + "|".join(expected) + ")$" if self.work.run_pattern else None,
        )
        script = explore.round_script(
            commands,
            out_dir=gotool.OUT,
            output_cap=self.options.max_output_bytes,
            cwd=gotool.SRC if self.work.run_in_source else gotool.RUN_DIR,
        )
        wall = sum(phase[0].seconds for phase in phases) + limits.test_timeout_seconds + 30
        with self._timed("explore"):
            spec = RunSpec(("sh", "-c", script), env=gotool.run_env(), cwd=gotool.RUN_DIR,
                           wall_seconds=wall, untrusted=True)  # fmt: skip
            run = self.box.run(spec)
            files = self.box.read_files(explore.round_files(commands), HARNESS_RECORD_BYTES)
        rounds = explore.collect_rounds(phases, commands, files, run)
        outcome = explore.judge_rounds(rounds, nonce=self.package.nonce)
        self.emit("explored", {"runs": outcome.runs, "found": outcome.found})
        self.out.add(outcome.verdict, outcome.findings)
        self.out.races += outcome.races
        self.out.leaks += outcome.leaks
        self.out.deadlocked |= outcome.deadlocked
        if outcome.found and run.limit_hit:
            self.out.limits_hit.append(run.limit_hit.value)

    def _explore_seconds(self) -> float:
        chosen = self.options.explore_seconds
        return self.request.limits.explore_seconds if chosen is None else chosen

    def _exploration_due(self) -> bool:
        """Only when the plain and race runs found nothing worse than vet's warnings: the
        exploration looks for what one schedule does not show."""
        return (
            self.request.mode is Mode.SUBMIT
            and bool(explore.plan_rounds(self._explore_seconds()))
            and self.out.verdicts <= {Verdict.VET_ERROR}
            and all(t.status is TestStatus.PASS for t in self.out.tests.values())
        )

    def bench(self) -> None:
        self.box.set_memory(problem_memory(self.request.limits.memory_mb))
        samples = self.options.bench_samples
        self.emit("benchmarking", {"samples": samples})
        marker = f"@@goconcur-{self.package.nonce}"
        candidate = " ".join(
            gotool.bench_args(
                f"{gotool.BIN}/solution.test",
                bench_time=self.options.bench_time,
                procs=self.options.bench_procs,
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
        if run.limit_hit:
            self.out.limits_hit.append(run.limit_hit.value)
        benchmarks, findings = interpret.compare_benchmarks(
            run.stdout.decode("utf-8", errors="replace"),
            marker,
            max_ratio=self.request.limits.bench_max_ratio,
        )
        self.out.benchmarks = benchmarks
        self.out.add(Verdict.TOO_SLOW if findings else None, findings)

    # --- helpers -----------------------------------------------------------------------

    def _run_tests(
        self, binary: str, *, timeout: float, count: int, cpus: tuple[int, ...], race: bool = False
    ) -> interpret.TestRunOutcome:
        record_path = f"out/{binary}.json"
        expected = self._expected()
        pattern = "^(" + "|".join(expected) + ")$" if expected and self.work.run_pattern else None
        argv = gotool.test_binary_args(
            f"{gotool.BIN}/{binary}",
            timeout_seconds=timeout,
            count=count,
            cpus=cpus,
            run_pattern=pattern,
        )
        env = gotool.run_env(
            GOCONCUR_HARNESS_OUT=f"/work/{record_path}",
            GOCONCUR_LEAKCHECK="0" if race else "1",  # leaks are judged from the plain run
            GOCONCUR_MAX_STACK=str(problem_memory(self.request.limits.memory_mb) // 4),
        )
        if not race:
            env["GOCONCUR_LEAKS_PER_TEST"] = "1"  # which test left a leak (plain run only)
        if race:
            env["GORACE"] = "halt_on_error=0 atexit_sleep_ms=0 history_size=2"
            # The race run's clock covers every repetition; one test that hangs is cut at
            # the plain run's whole limit, so a deadlock seen only here is not a long wait.
            env["GOCONCUR_TEST_BUDGET"] = f"{self.request.limits.test_timeout_seconds:g}"
        cwd = gotool.SRC if self.work.run_in_source else gotool.RUN_DIR
        run = self.box.run(
            RunSpec(
                argv,
                env=env,
                cwd=cwd,
                wall_seconds=timeout + 30,
                # Repetitions multiply honest output (race reports, t.Log): more room for them.
                output_bytes=self.options.max_output_bytes * (4 if race else 1),
                untrusted=True,
            )
        )
        if run.limit_hit:
            self.out.limits_hit.append(run.limit_hit.value)
        record = self.box.read_files([record_path], HARNESS_RECORD_BYTES).get(record_path)
        return interpret.test_run(
            run,
            record,
            nonce=self.package.nonce,
            expected=self._expected(),
            instrumented=self.package.instrumented,
        )

    def _absorb(self, outcome: interpret.TestRunOutcome, *, stage: str) -> None:
        self.out.add(outcome.verdict, outcome.findings)
        if outcome.deadlocked:
            self.out.deadlocked = True
        if stage == "test":
            self.out.leak_checked = outcome.leak_checked
            self.out.leaks = len(outcome.leaks)
            self.out.add(Verdict.LEAK if outcome.leaks else None, outcome.leaks)

    def _benchmarks_due(self) -> bool:
        return (
            self.request.mode is Mode.SUBMIT
            and self.options.run_benchmarks
            and self.has_reference
            and self.out.verdicts <= {Verdict.VET_ERROR}
            and all(t.status is TestStatus.PASS for t in self.out.tests.values())
        )

    def _expected(self) -> tuple[str, ...]:
        return self.package.expected_tests

    def _timed(self, name: str) -> _Timer:
        return _Timer(self.out.timings, name)

    def result(self) -> GradeResult:
        self.emit("scoring", {})
        out = self.out
        tests = tuple(out.tests.values())
        passed = sum(1 for t in tests if t.status is TestStatus.PASS)
        scores = score(
            Evidence(
                built=out.built,
                tests_expected=len(self._expected()),
                tests_passed=passed,
                race_checked=out.race_checked,
                races=out.races,
                leak_checked=out.leak_checked,
                leaks=out.leaks,
                deadlocked=out.deadlocked,
                vet_findings=out.vet_findings,
                benchmarks=out.benchmarks,
            ),
            self.request.weights,
        )
        if (
            out.built
            and tests
            and passed < len(tests)
            and not (out.verdicts - {Verdict.VET_ERROR, Verdict.LEAK})
        ):
            out.verdicts.add(Verdict.WRONG_ANSWER)
        verdict = headline(out.verdicts)
        return GradeResult(
            verdict=verdict,
            scores=scores,
            findings=headline_first(out.findings),
            tests=tests,
            benchmarks=tuple(out.benchmarks),
            timings={k: round(v, 3) for k, v in out.timings.items()},
            sandbox=SandboxInfo(
                backend=self.box.backend,
                box_id=self.box.id,
                limits_hit=tuple(dict.fromkeys(out.limits_hit)),
                limits=self.box.limits.as_dict(),
            ),
            message=interpret.summary(verdict, tests, out.findings),
        )


def _exited(run: RawRun) -> bool:
    """The command ended by itself (its status is known and not a signal's)."""
    return run.exit_code is not None and run.exit_code < 128


class _Timer:
    def __init__(self, timings: dict[str, float], name: str) -> None:
        self.timings, self.name = timings, name

    def __enter__(self) -> _Timer:
        self.started = time.monotonic()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timings[self.name] = self.timings.get(self.name, 0.0) + time.monotonic() - self.started
