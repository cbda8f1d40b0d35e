from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    name = "practice"
    verbose_name = _("Practice")

    def ready(self) -> None:
        from practice import signals  # noqa: F401  (worker start-up sweep)
        from practice.checks import sandbox_backend

        checks.register(sandbox_backend, "sandbox")
