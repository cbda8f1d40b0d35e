"""An interviewer's fault switches, turned into overrides of the engine's GradeOptions.

The web process never imports the engine: it stores plain overrides on the submission, and
the worker applies them with dataclasses.replace (`apply`), refusing any name GradeOptions
does not have."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graders import GradeOptions

# Schedule exploration's budget when "many runs" is on (a bank item's default is 3 s): every
# test repeated in fresh rounds under GOMAXPROCS 1-8, plain and race builds, for this long.
MANY_RUNS_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class FaultSwitches:
    gomaxprocs_1: bool = False  # every run with one P: schedules that hide or show a bug
    many_runs: bool = False  # a long schedule exploration (Submit's full recipe)
    race_off: bool = False  # no race detector: the code's speed and behaviour without it

    @classmethod
    def from_post(cls, data: Any) -> FaultSwitches:
        def on(name: str) -> bool:
            return str(data.get(name, "")).lower() in {"1", "true", "on"}

        return cls(
            gomaxprocs_1=on("gomaxprocs_1"), many_runs=on("many_runs"), race_off=on("race_off")
        )

    def overrides(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.gomaxprocs_1:
            out["gomaxprocs"] = 1
        if self.many_runs:
            out["explore_seconds"] = MANY_RUNS_SECONDS
        if self.race_off:
            out["race"] = False
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
