"""Every decision of a grading, as pure functions of the steps' data (no sandbox, no clock):
`judge(steps, context) -> GradeResult`, and `plan`'s choice of the next run.

One module per concern: `locate` (lines of the candidate's code), `build`, `tests` (one
process of a test binary), `hangs`, `leaks`, `races`, `bench`, `merge` (the rules joining
the runs), `scores`, `plan`, and `assemble` (headline and scores).
"""

from graders.judge.assemble import judge, rejected, system_error
from graders.judge.steps import (
    BenchStep,
    BuildStep,
    Context,
    RunPurpose,
    RunSettings,
    Steps,
    TestRunStep,
)

__all__ = [
    "BenchStep",
    "BuildStep",
    "Context",
    "RunPurpose",
    "RunSettings",
    "Steps",
    "TestRunStep",
    "judge",
    "rejected",
    "system_error",
]
