"""An interviewer's fault switches, turned into overrides of the engine's GradeOptions.

The web process never imports the engine: it stores plain overrides on the submission, and
the worker applies them with dataclasses.replace (`apply`), refusing any name GradeOptions
does not have. The exploration budget (many repeated runs) maps to `race_count` until the
engine grows a dedicated field."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graders import GradeOptions

MANY_RUNS = 50  # repetitions under -race when "many runs" is on (the problem's default is ~4)


@dataclass(frozen=True, slots=True)
class FaultSwitches:
    gomaxprocs_1: bool = False  # every run with one P: schedules that hide or show a bug
    many_runs: bool = False  # the race detector gets many more repetitions

    @classmethod
    def from_post(cls, data: Any) -> FaultSwitches:
        return cls(
            gomaxprocs_1=str(data.get("gomaxprocs_1", "")).lower() in {"1", "true", "on"},
            many_runs=str(data.get("many_runs", "")).lower() in {"1", "true", "on"},
        )

    def overrides(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.gomaxprocs_1:
            out["race_cpus"] = [1]
            out["bench_procs"] = 1
        if self.many_runs:
            out["race_count"] = MANY_RUNS
        return out


def apply(base: GradeOptions, overrides: dict[str, Any]) -> GradeOptions:
    """`base` with the stored overrides; an unknown name is an error, never ignored."""
    known = {f.name for f in fields(base)}
    unknown = set(overrides) - known
    if unknown:
        raise ValueError(f"unknown GradeOptions fields: {sorted(unknown)}")
    # JSON turned tuples into lists.
    plain = {k: tuple(v) if isinstance(v, list) else v for k, v in overrides.items()}
    return replace(base, **plain)
