"""A finding in the reader's language, from its structured fields.

The engine gives each finding a `code` and `params` (graders.results.FINDING_CODES lists
every code with its parameter names) besides its English `message`. One template per code
here, translated like any other string; a finding with no code (a stored v1 result), an
unknown code or missing params shows the engine's message as it is. Words the engine passes
as values (read/write, a wait reason, a limit) are translated when we know them; Go's own
text (`detail`: a compiler error, a panic value) is never translated.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# code -> template over the code's params (named %(param)s placeholders).
FINDING_TEMPLATES: dict[str, Any] = {
    # build and vet
    "build_limit": _("The build stopped at the %(limit)s limit."),
    "compile_error": _("Does not compile at %(place)s: %(detail)s"),
    "does_not_build": _("The code does not build."),
    "vet_warning": _("go vet at %(place)s: %(detail)s"),
    # input refused, engine failure
    "rejected_input": _("The source was refused: %(detail)s"),
    "system_error": _("The grader failed (not your code's fault): %(detail)s"),
    # the harness record and the event stream
    "record_not_json": _("The tests' own report was overwritten or damaged by the program."),
    "record_wrong_nonce": _("The tests' report was forged: it does not carry this run's secret."),
    "record_malformed": _("The tests' own report is malformed."),
    "forged_passes": _("Passes were printed that the tests never reported: %(tests)s."),
    "process_exited": _("The test process exited by itself with code %(exit_code)s."),
    "process_killed": _("The test process was killed by signal %(signal)s."),
    # test outcomes
    "test_failed": _("%(test)s failed."),
    "test_failed_under": _("%(test)s failed when run with %(flags)s."),
    "test_failed_with_settings": _(
        "%(test)s failed on run %(run)s of %(runs)s with GOMAXPROCS=%(cpu)s%(race)s."
    ),
    "test_not_repeatable": _(
        "%(test)s passes once but fails when run again (run %(run)s of %(runs)s, "
        "GOMAXPROCS=%(cpu)s%(race)s): state is left over between runs."
    ),
    # limits
    "memory_limit": _("The program went over its memory limit."),
    "memory_limit_peak": _("The program went over its memory limit (peak %(peak_mib)s MiB)."),
    "out_of_memory": _("Out of memory: %(detail)s"),
    "output_limit": _("The program printed more than the output limit."),
    "dump_cut_at_output_limit": _("The goroutine dump was cut at the output limit."),
    "time_limit": _("Stopped at the time limit (%(limit)s, %(seconds)s s)."),
    "pids_limit": _("The program started more processes or threads than allowed."),
    "limit_reached": _("The %(limit)s limit was reached."),
    "race_detector_gave_up": _(
        "The race detector gave up: more than %(goroutine_limit)s goroutines were alive at once."
    ),
    # hangs
    "still_running": _(
        "Still running at the time limit: goroutine %(goroutine)s, %(state)s at %(place)s."
    ),
    "still_running_in_goroutine": _(
        "Still running at the time limit: goroutine %(goroutine)s, %(state)s, started at "
        "%(started_at)s."
    ),
    "still_running_unseen": _(
        "Still running at the time limit: goroutine %(goroutine)s, %(state)s."
    ),
    "hang_unexplained": _("The tests hung and the dump does not say where: %(detail)s"),
    "blocked": _(
        "Blocked for ever at %(place)s (%(wait_reason)s): %(count)s goroutine(s) "
        "[%(goroutines)s], started at %(started_at)s."
    ),
    "blocked_in_goroutine": _(
        "Blocked for ever (%(wait_reason)s): %(count)s goroutine(s) [%(goroutines)s], "
        "started at %(started_at)s."
    ),
    "blocked_in_test": _(
        "%(test)s is blocked for ever (%(wait_reason)s): %(count)s goroutine(s) "
        "[%(goroutines)s], started at %(started_at)s."
    ),
    "blocked_nil_channel": _(
        "Blocked for ever on a nil channel at %(place)s (%(wait_reason)s): %(count)s "
        "goroutine(s) [%(goroutines)s]. A nil channel never sends or receives."
    ),
    # crashes
    "panic": _("Panic at %(place)s: %(detail)s"),
    "concurrent_map_access": _(
        "The runtime stopped the program: a map was used by several goroutines at once, at "
        "%(place)s (%(detail)s)."
    ),
    "stack_overflow": _("Stack overflow at %(place)s (endless recursion?): %(detail)s"),
    "crash_after_race": _("Crashed at %(place)s after a data race: %(detail)s"),
    # leaks
    "leaked": _(
        "%(count)s goroutine(s) leaked after the tests: %(wait_reason)s at %(place)s, started "
        "at %(started_at)s."
    ),
    "leaked_by_test": _(
        "%(count)s goroutine(s) left behind by %(tests)s: %(wait_reason)s at %(place)s, "
        "started at %(started_at)s."
    ),
    "leaks_not_listed": _(
        "%(count)s more leaked goroutines not listed (%(total)s in all; the report was cut)."
    ),
    # races
    "data_race": _(
        "Data race: a %(access)s at %(place)s conflicts with an earlier %(previous_access)s at "
        "%(previous_place)s."
    ),
    # schedule exploration
    "found_by_exploration": _(
        "Found by schedule exploration: %(what)s in %(hits)s of %(runs)s runs of %(tests)s "
        "(at GOMAXPROCS %(gomaxprocs)s%(clean_gomaxprocs)s); %(setting)s."
    ),
    # benchmarks
    "too_slow": _(
        "%(benchmark)s takes %(ratio)s times the reference's time (allowed: %(max_ratio)s; 95%% "
        "interval %(ci_low)s to %(ci_high)s)."
    ),
}

# Values the engine passes as words; anything else shows as it is.
_ACCESS = {"read": pgettext_lazy("memory access", "read"),
           "write": pgettext_lazy("memory access", "write")}  # fmt: skip
_WAIT_REASONS = {
    "chan receive": _("waiting to receive from a channel"),
    "chan send": _("waiting to send on a channel"),
    "chan receive (nil chan)": _("receiving from a nil channel"),
    "chan send (nil chan)": _("sending on a nil channel"),
    "select": _("waiting in a select"),
    "select (no cases)": _("in an empty select"),
    "sync.Mutex.Lock": _("waiting for a Mutex"),
    "sync.RWMutex.Lock": _("waiting for an RWMutex write lock"),
    "sync.RWMutex.RLock": _("waiting for an RWMutex read lock"),
    "sync.WaitGroup.Wait": _("waiting on a WaitGroup"),
    "sync.Cond.Wait": _("waiting on a Cond"),
    "semacquire": _("waiting on a semaphore"),
    "sleep": _("sleeping"),
    "IO wait": _("waiting for I/O"),
    "running": _("running"),
    "runnable": _("runnable"),
}
_LIMITS = {"memory": _("memory"), "time": _("time"), "output": _("output"),
           "pids": _("process"), "disk": _("disk"), "cpu": _("CPU")}  # fmt: skip
_EXPLORED = {"leaked": _("leaked"), "raced": _("raced"), "failed": _("failed"),
             "hung": _("hung"), "crashed": _("crashed")}  # fmt: skip
_BUILDS = {"plain build": _("plain build"), "race build": _("race build")}
_VALUE_WORDS: dict[str, dict[str, Any]] = {
    "what": _EXPLORED,
    "access": _ACCESS,
    "previous_access": _ACCESS,
    "wait_reason": _WAIT_REASONS,
    "state": _WAIT_REASONS,
    "limit": _LIMITS,
}
_PLACES = ("place", "started_at", "previous_place")


def finding_text(finding: dict[str, Any]) -> str:
    message = str(finding.get("message", ""))
    template = FINDING_TEMPLATES.get(str(finding.get("code") or ""))
    params = finding.get("params")
    if template is None or not isinstance(params, dict):
        return message
    try:
        return str(template) % {key: _value(key, value) for key, value in params.items()}
    except (KeyError, TypeError, ValueError):
        return message


def _value(key: str, value: Any) -> Any:
    if key == "race":  # 1 under the race detector
        return str(_(" under the race detector")) if value else ""
    if key == "clean_gomaxprocs":  # the GOMAXPROCS values where the bug never showed
        return str(_("; none at %(values)s") % {"values": value}) if value else ""
    if key == "setting":  # "race build, GODEBUG=asyncpreemptoff=1": the build's name translated
        build, sep, knob = str(value).partition(", ")
        return f"{_BUILDS.get(build, build)}{sep}{knob}"
    if key in _PLACES and value in ("", None):
        return str(_("an unknown place"))
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    if isinstance(value, float):
        return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}"
    words = _VALUE_WORDS.get(key)
    if words and isinstance(value, str) and value in words:
        return str(words[value])
    return "" if value is None else value
