"""Turn a problem and a candidate's source into a verdict, scores and evidence. No Django.

The web calls `grade(request, options, settings, on_event)` and stores `result.to_dict()`.
"""

from graders.pipeline import check, grade
from graders.request import EngineSettings, GradeOptions, GradeRequest, Mode, SourceFile
from graders.results import GradeResult
from graders.verdicts import Verdict

__all__ = [
    "EngineSettings",
    "GradeOptions",
    "GradeRequest",
    "GradeResult",
    "Mode",
    "SourceFile",
    "Verdict",
    "check",
    "grade",
]
