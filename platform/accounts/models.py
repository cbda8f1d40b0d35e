from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    INTERVIEWER = "interviewer", _("Interviewer")
    HIRING_MANAGER = "hiring_manager", _("Hiring manager")
    ADMIN = "admin", _("Administrator")


class User(AbstractUser):
    """A person on the platform. Sign-up makes candidates; only admins grant other roles."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CANDIDATE)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Empty: follow the browser."),
    )

    def save(self, *args, **kwargs) -> None:
        # The admin role is the Django admin; keep the two in step so neither drifts.
        if self.role == Role.ADMIN:
            self.is_staff = True
        super().save(*args, **kwargs)

    @property
    def is_candidate(self) -> bool:
        return self.role == Role.CANDIDATE

    @property
    def is_interviewer(self) -> bool:
        return self.role in {Role.INTERVIEWER, Role.ADMIN}

    @property
    def is_hiring_manager(self) -> bool:
        return self.role in {Role.HIRING_MANAGER, Role.ADMIN}

    @property
    def sees_private_material(self) -> bool:
        """Interviewer material (follow-ups, model answers): never candidates."""
        return self.role != Role.CANDIDATE or self.is_superuser
