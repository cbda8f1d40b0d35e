"""Crashes, hangs and limits: what a runtime dump or a fired limit says about the code.

A timed-out run is a deadlock when the code's goroutines all wait on each other, and a
timeout when one of them is still busy (spinning, sleeping, in a syscall).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from graders.judge.locate import (
    STACK_CAP,
    first_candidate,
    is_candidate_file,
    location,
    mark,
    place,
    where,
)
from graders.parsers.goroutines import Goroutine, GoroutineDump, split_outside_parentheses
from graders.prepare import HARNESS_FILE
from graders.results import Finding, FindingKind, Frame
from graders.verdicts import Verdict
from sandbox import LimitHit, RawRun
from sandbox.limits import MIB

# Wait reasons of a goroutine that waits for another goroutine, for ever if nobody comes.
BLOCKED_STATES = {
    "chan receive", "chan send", "chan receive (nil chan)", "chan send (nil chan)",
    "select", "select (no cases)", "sync.Mutex.Lock", "sync.RWMutex.Lock",
    "sync.RWMutex.RLock", "sync.WaitGroup.Wait", "sync.Cond.Wait", "semacquire",
    "sync.Once", "synctest.Wait", "chan receive (synctest)", "chan send (synctest)",
    "select (synctest)", "select (no cases, synctest)", "sync.Cond.Wait (synctest)",
    "sync.WaitGroup.Wait (synctest)",
}  # fmt: skip
# Parked, but not on another goroutine: a timer, I/O, or a reason the dump does not name.
IDLE_STATES = {"sleep", "IO wait", "coroutine", "waiting"}
# Any other state (running, runnable, syscall, preempted, "stopping the world", a GC assist...)
# belongs to a goroutine that is still making progress: the code is slow, not stuck.


@dataclass(frozen=True, slots=True)
class Stop:
    """Why a run stopped early, with its evidence; `timed_out` maps the tests that were
    running when a clock ran out to a note for their output."""

    verdict: Verdict
    findings: tuple[Finding, ...]
    timed_out: dict[str, str] = field(default_factory=dict)


def crash_stop(dump: GoroutineDump | None, output: str) -> Stop | None:
    """What a runtime crash dump says: a test timeout, a deadlock, out of memory, a panic."""
    if dump is None or not dump.message:
        return None
    if "test timed out" in dump.message:
        verdict, hang = classify_hang(dump)
        stopped = {t.name: f"{dump.message} ({t.name} had run {t.duration})"
                   for t in dump.running_tests}  # fmt: skip
        return Stop(verdict, tuple(hang), stopped)
    if "all goroutines are asleep" in dump.message:
        return Stop(Verdict.DEADLOCK, tuple(blocked_findings(dump.goroutines)))
    if "out of memory" in dump.message:
        finding = Finding(
            FindingKind.LIMIT,
            dump.message,
            stack=output[-STACK_CAP:],
            code="out_of_memory",
            params={"detail": dump.message},
        )
        return Stop(Verdict.MEMORY_LIMIT, (finding,))
    return Stop(Verdict.RUNTIME_ERROR, (panic_finding(dump),))


def limit_stop(limit: LimitHit, run: RawRun, dump: GoroutineDump | None) -> Stop:
    usage = run.usage
    if limit is LimitHit.MEMORY:
        peak = usage.memory_peak_bytes // MIB if usage.memory_peak_bytes else 0
        message = "memory limit exceeded: the kernel killed the program"
        if peak:
            finding = Finding(FindingKind.LIMIT, f"{message} (peak {peak} MiB)",
                              code="memory_limit_peak", params={"peak_mib": peak})  # fmt: skip
        else:
            finding = Finding(FindingKind.LIMIT, message, code="memory_limit")
        return Stop(Verdict.MEMORY_LIMIT, (finding,))
    if limit is LimitHit.OUTPUT:
        message = "output limit exceeded: the program printed too much and was stopped"
        finding = Finding(FindingKind.LIMIT, message, code="output_limit")
        return Stop(Verdict.OUTPUT_LIMIT, (finding,))
    if limit in (LimitHit.WALL_TIME, LimitHit.CPU_TIME):
        if dump is not None and dump.goroutines:
            verdict, findings = classify_hang(dump)
            return Stop(verdict, tuple(findings))
        seconds = round(usage.wall_seconds, 1)
        finding = Finding(
            FindingKind.LIMIT,
            f"{limit.value} limit exceeded after {seconds:.1f}s",
            code="time_limit",
            params={"limit": limit.value, "seconds": seconds},
        )
        return Stop(Verdict.TIMEOUT, (finding,))
    if limit is LimitHit.PIDS:
        message = "process limit reached: the program started too many processes or threads"
        finding = Finding(FindingKind.LIMIT, message, code="pids_limit")
        return Stop(Verdict.RUNTIME_ERROR, (finding,))
    finding = Finding(
        FindingKind.LIMIT,
        f"{limit.value} limit reached",
        code="limit_reached",
        params={"limit": limit.value},
    )
    return Stop(Verdict.RUNTIME_ERROR, (finding,))


def classify_hang(dump: GoroutineDump) -> tuple[Verdict, list[Finding]]:
    """Deadlock or timeout, with the goroutines that show it."""
    involved = [g for g in dump.goroutines if not _is_harness_goroutine(g)]
    candidate = [g for g in involved if any(is_candidate_file(f.file) for f in g.frames)]
    spinning = [g for g in candidate if not _is_parked(g)]
    # A goroutine the runtime could not stop prints no frames, only its creator. It was
    # executing when the clock ran out, which is never a deadlock, whoever started it.
    spinning += [g for g in dump.goroutines if g.stack_unavailable]
    blocked = [g for g in involved if base_state(g.state) in BLOCKED_STATES]
    sleeping = [g for g in candidate if base_state(g.state) == "sleep"]
    # A goroutine still computing means the code may yet finish: that is slowness. With
    # none, goroutines that wait on each other are a deadlock, even beside a sleeper.
    if spinning or (sleeping and not blocked):
        return Verdict.TIMEOUT, [_busy_finding(g) for g in spinning or sleeping]
    if blocked:
        return Verdict.DEADLOCK, blocked_findings(blocked)
    detail = dump.message or "time limit exceeded"
    return Verdict.TIMEOUT, [
        Finding(
            FindingKind.LIMIT,
            detail,
            stack="\n".join(g.raw for g in dump.goroutines)[:STACK_CAP],
            code="hang_unexplained",
            params={"detail": detail},
        )
    ]


def _busy_finding(g: Goroutine) -> Finding:
    frames = mark(g.frames)
    here = first_candidate(frames)
    created = mark([g.created_by])[0] if g.created_by else None
    facts: dict[str, str | int] = {"goroutine": g.id, "state": g.state}
    if here is None and created and created.candidate:
        here, text = created, f"in a goroutine started at {where(created)}"
        code, facts["started_at"] = "still_running_in_goroutine", place(created)
    elif here is None and g.stack_unavailable:
        text = "on another thread (the runtime could not stop it to print its stack)"
        code = "still_running_unseen"
    else:
        text, code, facts["place"] = f"at {where(here)}", "still_running", place(here)
    return Finding(
        FindingKind.LIMIT,
        f"time limit exceeded: goroutine {g.id} is still {g.state} {text}",
        file=here.file if here else None,
        line=here.line if here else None,
        stack=g.raw,
        frames=frames,
        code=code,
        params=facts,
    )


def blocked_findings(goroutines: Sequence[Goroutine]) -> list[Finding]:
    """One finding per distinct wait (same state, same place, same origin), with how many
    goroutines wait there; the ones located in the candidate's code first."""
    groups: dict[tuple[str, str, str], list[Goroutine]] = {}
    for g in goroutines:
        if _is_harness_goroutine(g) or base_state(g.state) not in BLOCKED_STATES:
            continue
        here = first_candidate(mark(g.frames))
        created = mark([g.created_by])[0] if g.created_by else None
        groups.setdefault((base_state(g.state), where(here), where(created)), []).append(g)
    findings = [_blocked_finding(members) for members in groups.values()]
    return sorted(findings, key=lambda f: f.line is None)


def _blocked_finding(members: list[Goroutine]) -> Finding:
    g = members[0]
    frames = mark(g.frames)
    here = first_candidate(frames)
    created = mark([g.created_by])[0] if g.created_by else None
    related = [r for r in (location("created at", created),) if r]
    ids = ", ".join(str(m.id) for m in members[:5]) + (", …" if len(members) > 5 else "")
    who = f"goroutine {g.id}" if len(members) == 1 else f"{len(members)} goroutines ({ids})"
    located = here or (created if created and created.candidate else None)
    # Where a goroutine of the package was started tells apart waits at one line;
    # the testing package's own start of a test goroutine says nothing.
    ours = created and (created.candidate or created.file.endswith("_test.go"))
    started_at = place(created) if ours and created is not located else ""
    facts: dict[str, str | int] = {"count": len(members), "goroutines": ids,
                                   "wait_reason": g.state}  # fmt: skip
    if here is None and created and created.candidate:
        where_text = f"a goroutine started at {where(created)}"
        code, facts["started_at"] = "blocked_in_goroutine", place(created)
    elif here is None:
        test = next((f.function for f in frames if ".Test" in f.function), "the test")
        test = test.rsplit(".", 1)[-1]
        where_text = f"{test} (waiting for your code)"
        code, facts["test"], facts["started_at"] = "blocked_in_test", test, started_at
    else:
        where_text = where(here)
        code, facts["place"], facts["started_at"] = "blocked", place(here), started_at
    nil_channel = "nil chan" in g.state
    if nil_channel:
        code = "blocked_nil_channel"
        facts = {k: facts[k] for k in ("count", "goroutines", "wait_reason")}
        facts["place"] = place(located)
    origin = f", started at {started_at}" if started_at else ""
    return Finding(
        FindingKind.DEADLOCK,
        f"{who} blocked for ever in {g.state} at {where_text}{origin}"
        + (" (a nil channel blocks for ever: was it never made?)" if nil_channel else ""),
        file=located.file if located else None,
        line=located.line if located else None,
        stack=g.raw,
        frames=frames,
        related=tuple(related),
        code=code,
        params=facts,
    )


def panic_finding(dump: GoroutineDump) -> Finding:
    first = dump.goroutines[0] if dump.goroutines else None
    frames = mark(first.frames) if first else ()
    here = first_candidate(frames)
    detail = dump.message or "the program crashed"
    message, code = detail, "panic"
    if "concurrent map" in detail:
        message, code = (
            detail + " (unsynchronised map access from several goroutines)",
            ("concurrent_map_access"),
        )
    elif "stack overflow" in detail:
        message, code = detail + " (recursion that never reaches its base case?)", "stack_overflow"
    return Finding(
        FindingKind.PANIC,
        message,
        file=here.file if here else None,
        line=here.line if here else None,
        stack=(first.raw if first else "")[:STACK_CAP],
        frames=frames,
        code=code,
        params={"detail": detail, "place": place(here)},
    )


def _is_harness_goroutine(g: Goroutine) -> bool:
    """Goroutines of the testing machinery: the alarm, the runner, a test waiting for its
    own subtests. They wait because something else does; they are not evidence."""
    blocking = _blocking_frame(g)
    if blocking is None:
        return True
    if blocking.function.startswith("testing.") or blocking.file.endswith(HARNESS_FILE):
        return True
    return not any(is_candidate_file(f.file) or f.file.endswith("_test.go") for f in g.frames)


def _blocking_frame(g: Goroutine) -> Frame | None:
    """The first frame outside the runtime and the sync internals: where the code waits."""
    for frame in g.frames:
        if frame.function != "panic" and not frame.function.startswith(
            ("runtime.", "internal/", "sync.", "time.Sleep")
        ):
            return frame
    return None


def base_state(state: str) -> str:
    """The wait reason alone, should a state still carry ", N minutes" or other suffixes."""
    return split_outside_parentheses(state)[0].strip()


def _is_parked(g: Goroutine) -> bool:
    state = base_state(g.state)
    return state in BLOCKED_STATES or state in IDLE_STATES
