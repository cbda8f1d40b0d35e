"""One process of a test binary: each test's outcome, what stopped the process early, and
the evidence it printed. The harness record (with the job's nonce) is trusted over anything
the process printed."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from graders.judge.hangs import Stop, crash_stop, limit_stop
from graders.judge.leaks import leak_findings
from graders.judge.locate import STACK_CAP
from graders.judge.races import RACE_GOROUTINE_LIMIT, RACE_GOROUTINE_LIMIT_TEXT, race_findings
from graders.judge.steps import Context, RunSettings, TestRunStep
from graders.parsers.goroutines import parse_goroutine_dump
from graders.parsers.gotest_json import TestRun, join_output, parse_test_events
from graders.results import Finding, FindingKind, TestResult, TestStatus
from graders.verdicts import Verdict
from sandbox import LimitHit

TEST_OUTPUT_CAP = 8 * 1024


@dataclass(frozen=True, slots=True)
class Failure:
    """One failed run of a test, as the harness saw it: GOMAXPROCS and which run of that test
    in the process it was (1 = its first)."""

    test: str
    cpu: int
    run: int


@dataclass(frozen=True, slots=True)
class HarnessRecord:
    exit_code: int
    tests: dict[str, dict[str, int]]
    leaks: str  # goleak's report, cut between goroutines when it was long
    test_leaks: dict[str, str] = field(default_factory=dict)  # goleak's report at a test's end
    leak_count: int = 0  # goroutines in the whole report, listed or not
    failures: tuple[Failure, ...] = ()


@dataclass(frozen=True, slots=True)
class RunOutcome:
    """What one process showed. `verdict` is what stopped it early (or wrong_answer)."""

    settings: RunSettings
    tests: tuple[TestResult, ...] = ()
    verdict: Verdict | None = None
    findings: tuple[Finding, ...] = ()
    races: tuple[Finding, ...] = ()
    leaks: tuple[Finding, ...] = ()
    leak_checked: bool = False
    deadlocked: bool = False
    finished_normally: bool = False  # the harness wrote its record: no crash, no hang
    race_detector_gave_up: bool = False  # too many goroutines alive at once for -race
    failures: tuple[Failure, ...] = ()  # from the record: every failed run of a test

    def status(self, test: str) -> TestStatus | None:
        return next((t.status for t in self.tests if t.name == test), None)

    def first_failure(self, test: str) -> Failure | None:
        return next((f for f in self.failures if f.test == test), None)


def parse_harness_record(data: bytes | None, nonce: str) -> tuple[HarnessRecord | None, str]:
    """The record (None when absent or untrusted) and, when untrusted, the finding code."""
    if data is None:
        return None, ""
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None, "record_not_json"
    if not isinstance(raw, dict) or raw.get("nonce") != nonce:
        return None, "record_wrong_nonce"
    tests, test_leaks = raw.get("tests") or {}, raw.get("test_leaks") or {}
    failures = raw.get("failures") or []
    if not isinstance(tests, dict) or not isinstance(test_leaks, dict):
        return None, "record_malformed"
    if not isinstance(failures, list) or not all(isinstance(f, dict) for f in failures):
        return None, "record_malformed"
    return HarnessRecord(
        _int(raw.get("exit_code"), 1),
        tests,
        str(raw.get("leaks") or ""),
        {str(name): str(text) for name, text in test_leaks.items()},
        _int(raw.get("leak_count")),
        tuple(
            Failure(str(f.get("test", "")), _int(f.get("cpu")), _int(f.get("run")))
            for f in failures
        ),
    ), ""


UNTRUSTED_RECORD = {
    "record_not_json": "the harness record is not valid JSON",
    "record_wrong_nonce": "the harness record does not carry this job's nonce",
    "record_malformed": "the harness record is malformed",
}


def _int(value: object, default: int = 0) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def read_run(step: TestRunStep, context: Context) -> RunOutcome:
    run = step.run
    text = run.stdout.decode("utf-8", errors="replace")
    events = parse_test_events(text)
    output = join_output(text) + run.stderr.decode("utf-8", errors="replace")
    record, untrusted = parse_harness_record(step.record, context.nonce)
    findings: list[Finding] = []
    if untrusted:
        findings.append(Finding(FindingKind.TAMPERING, UNTRUSTED_RECORD[untrusted], code=untrusted))
    dump = parse_goroutine_dump(output) if ("goroutine " in output) else None
    limit = run.limit_hit
    # Under a wall or CPU limit limit_stop reads the dump itself: classify it once.
    crash = crash_stop(dump, output) if limit in (None, LimitHit.OUTPUT) else None
    stop: Stop | None
    if limit is LimitHit.OUTPUT and crash is not None:
        # The runtime's own dump (all goroutines of a big program) overflowed the output cap:
        # the crash is the cause, the cut dump its evidence.
        cut = Finding(FindingKind.LIMIT, "the runtime's goroutine dump was cut at the output "
                      "limit", code="dump_cut_at_output_limit")  # fmt: skip
        stop = Stop(crash.verdict, (*crash.findings, cut), crash.timed_out)
    elif limit is not None:
        stop = limit_stop(limit, run, dump)
    elif crash is not None:
        stop = crash
    elif record is None:
        stop = Stop(Verdict.RUNTIME_ERROR, (_ended_early(run.signal, run.exit_code, output),))
    else:
        stop = None
    verdict = stop.verdict if stop else None
    findings += stop.findings if stop else ()
    gave_up = RACE_GOROUTINE_LIMIT_TEXT in output
    if gave_up:
        verdict = Verdict.RUNTIME_ERROR
        findings.append(
            Finding(
                FindingKind.LIMIT,
                f"the race detector gave up: more than {RACE_GOROUTINE_LIMIT} goroutines were "
                "alive at once (leaked goroutines pile up across repeated runs)",
                code="race_detector_gave_up",
                params={"goroutine_limit": RACE_GOROUTINE_LIMIT},
            )
        )
    expected = step.settings.tests or context.expected
    tests = judge_tests(
        expected, context.instrumented, events, record, stop.timed_out if stop else {}
    )
    if verdict is None and any(t.status is not TestStatus.PASS for t in tests):
        verdict = Verdict.WRONG_ANSWER
    if verdict in (None, Verdict.WRONG_ANSWER):
        findings += _forgery_findings(events, record, context.instrumented)
    leaks: tuple[Finding, ...] = ()
    if record is not None and record.leaks:
        leaks = leak_findings(record.leaks, record.test_leaks, record.leak_count)
    return RunOutcome(
        settings=step.settings,
        tests=tests,
        verdict=verdict,
        findings=tuple(findings),
        races=race_findings(output),
        leaks=leaks,
        leak_checked=record is not None,
        deadlocked=verdict is Verdict.DEADLOCK,
        finished_normally=record is not None and verdict in (None, Verdict.WRONG_ANSWER),
        race_detector_gave_up=gave_up,
        failures=record.failures if record else (),
    )


def _ended_early(signal: int | None, exit_code: int | None, output: str) -> Finding:
    how = f"killed by signal {signal}" if signal else f"exit status {exit_code}"
    return Finding(
        FindingKind.PANIC,
        "the test process ended before the tests finished (os.Exit, log.Fatal or a crash in "
        f"your code?); {how}",
        stack=output[-STACK_CAP:],
        code="process_killed" if signal else "process_exited",
        params={"signal": signal} if signal else {"exit_code": exit_code if exit_code else 0},
    )


def judge_tests(
    expected: Sequence[str],
    instrumented: Sequence[str],
    events: TestRun,
    record: HarnessRecord | None,
    timed_out: dict[str, str],
) -> tuple[TestResult, ...]:
    """A test passes only when the harness saw it pass (for instrumented tests) and the
    event stream agrees; forged PASS lines alone never make a test pass."""
    results = []
    for name in expected:
        summary = events.tests.get(name)
        duration = summary.elapsed if summary else 0.0
        output = _cap(summary.output) if summary else ""
        if name in timed_out:
            status = TestStatus.TIMEOUT
            output = _cap(f"{output}{timed_out[name]}\n")
        elif name in instrumented:
            status = _harness_status(record.tests.get(name) if record else None)
            if status is TestStatus.PASS and summary and summary.fails:
                status = TestStatus.FAIL
        elif summary is None or (record is None and summary.status == "running"):
            status = TestStatus.MISSING
        else:
            status = _event_status(summary.status)
        results.append(TestResult(name, status, round(duration, 4), output))
    return tuple(results)


def _harness_status(counts: dict[str, int] | None) -> TestStatus:
    if not counts:
        return TestStatus.MISSING
    if counts.get("failed", 0):
        return TestStatus.FAIL
    finished = counts.get("passed", 0) + counts.get("skipped", 0)
    if finished < counts.get("started", 0):
        return TestStatus.MISSING
    if counts.get("passed", 0):
        return TestStatus.PASS
    return TestStatus.SKIP


def _event_status(status: str) -> TestStatus:
    return {"pass": TestStatus.PASS, "fail": TestStatus.FAIL, "skip": TestStatus.SKIP}.get(
        status, TestStatus.MISSING
    )


def _forgery_findings(
    events: TestRun, record: HarnessRecord | None, instrumented: Sequence[str]
) -> list[Finding]:
    if record is None:
        return []
    forged = []
    for name in instrumented:
        summary = events.tests.get(name)
        counts = record.tests.get(name) or {}
        if summary and summary.passes > counts.get("passed", 0):
            forged.append(name)
    if not forged:
        return []
    return [
        Finding(
            FindingKind.TAMPERING,
            "the output claims passes the tests never made: " + ", ".join(forged),
            code="forged_passes",
            params={"tests": ", ".join(forged)},
        )
    ]


def _cap(text: str) -> str:
    return text if len(text) <= TEST_OUTPUT_CAP else "…" + text[-TEST_OUTPUT_CAP:]
