from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterviewsConfig(AppConfig):
    """Live interview sessions: a shared editor, runs through the grading queue, the
    interviewer's private panel, a replayable timeline and the scorecard."""

    name = "interviews"
    verbose_name = _("Interviews")

    def ready(self) -> None:
        from interviews import receivers  # noqa: F401  (run results reach the session)
