"""The one verdict vocabulary of the engine, and which verdict wins the headline."""

from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    ACCEPTED = "accepted"
    WRONG_ANSWER = "wrong_answer"
    COMPILE_ERROR = "compile_error"
    VET_ERROR = "vet_error"
    RACE = "race"
    LEAK = "leak"
    DEADLOCK = "deadlock"
    TIMEOUT = "timeout"
    MEMORY_LIMIT = "memory_limit"
    OUTPUT_LIMIT = "output_limit"
    RUNTIME_ERROR = "runtime_error"
    TOO_SLOW = "too_slow"
    REJECTED_INPUT = "rejected_input"
    SYSTEM_ERROR = "system_error"


# Headline precedence, most decisive first. Infrastructure failure hides everything
# (nothing else can be trusted); input we refused and code that does not build come
# next because nothing ran. Then what stopped the program, then what it got wrong,
# then what it did wrong while still passing, then static warnings and speed.
# A race outranks wrong_answer: a race is the usual cause of the wrong answer.
PRECEDENCE: tuple[Verdict, ...] = (
    Verdict.SYSTEM_ERROR,
    Verdict.REJECTED_INPUT,
    Verdict.COMPILE_ERROR,
    Verdict.DEADLOCK,
    Verdict.MEMORY_LIMIT,
    Verdict.OUTPUT_LIMIT,
    Verdict.TIMEOUT,
    Verdict.RUNTIME_ERROR,
    Verdict.RACE,
    Verdict.WRONG_ANSWER,
    Verdict.LEAK,
    Verdict.VET_ERROR,
    Verdict.TOO_SLOW,
    Verdict.ACCEPTED,
)


def headline(observed: set[Verdict]) -> Verdict:
    """The verdict shown first when a run carries several."""
    for verdict in PRECEDENCE:
        if verdict in observed:
            return verdict
    return Verdict.ACCEPTED
