from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class GradingConfig(AppConfig):
    """The one grading queue: practice, interviews and assessments submit through it."""

    name = "grading"
    verbose_name = _("Grading")

    def ready(self) -> None:
        from grading import signals  # noqa: F401  (worker start-up sweep)
        from grading.checks import sandbox_backend

        checks.register(sandbox_backend, "sandbox")
