"""Positions, their assessments, the invitations sent and each candidate's attempt.

An attempt keeps one ItemWork row per item from the start: the draft saved as typed, the
final quiz answer, the last submission and its scores copied out of the engine's result, so
the reports read plain columns (and aggregate them in SQL) instead of parsing JSON."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from problems.models import Problem

# The engine's separate scores, in the order the reports show them.
SCORE_NAMES: tuple[str, ...] = (
    "correctness",
    "race_free",
    "leak_free",
    "deadlock_free",
    "performance",
    "static",
)


def _token() -> str:
    return secrets.token_urlsafe(24)


class Position(models.Model):
    """A role being hired for; its members are the only staff who see its assessments."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Membership(models.Model):
    class Role(models.TextChoices):
        HIRING_MANAGER = "hiring_manager", _("Hiring manager")
        INTERVIEWER = "interviewer", _("Interviewer")

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="position_memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["position", "user"], name="unique_position_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.role} of {self.position_id}"


class Assessment(models.Model):
    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="assessments")
    title = models.CharField(_("title"), max_length=200)
    time_limit_minutes = models.PositiveIntegerField(_("time limit (minutes)"), default=90)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    hints_allowed = models.BooleanField(_("hints allowed"), default=False)
    with_interview = models.BooleanField(_("live interview sessions"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)  # results shown to candidates
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def is_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class AssessmentItem(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    problem = models.ForeignKey(Problem, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["assessment", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "position"], name="unique_assessment_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.position} {self.problem_id}"

    @property
    def number(self) -> int:
        return self.position + 1


class Invitation(models.Model):
    """Admits one person: the first signed-in candidate who accepts it."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"), blank=True)  # blank: a link handed out by hand
    token = models.CharField(max_length=64, unique=True, default=_token)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.email or f"link {self.pk}"


class Attempt(models.Model):
    class Status(models.TextChoices):
        WORKING = "working", _("Working")
        FINISHED = "finished", _("Finished")
        TIMED_OUT = "timed_out", _("Time ran out")

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="attempt")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_attempts"
    )
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    timed_out = models.BooleanField(default=False)  # finished by the deadline, not the person
    notified_at = models.DateTimeField(null=True, blank=True)  # the finish webhook went out

    class Meta:
        ordering = ["started_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "user"], name="one_attempt_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.assessment_id}"

    def status(self, now: datetime | None = None) -> str:
        if self.finished_at is None and (now or timezone.now()) < self.deadline:
            return self.Status.WORKING
        if self.finished_at is None or self.timed_out:
            return self.Status.TIMED_OUT
        return self.Status.FINISHED

    def is_over(self, now: datetime | None = None) -> bool:
        return self.finished_at is not None or (now or timezone.now()) >= self.deadline

    @property
    def ended_at(self) -> datetime:
        return self.finished_at or self.deadline


class ItemWork(models.Model):
    """One candidate's work on one item. Scores are 0-100, or null when the engine's check
    did not run (its reason in `unchecked`, e.g. "build_failed", or "not_submitted")."""

    class State(models.TextChoices):
        NOT_SUBMITTED = "not_submitted", _("Not submitted")
        GRADING = "grading", _("Grading")
        GRADED = "graded", _("Graded")
        ANSWERED = "answered", _("Answered")

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="works")
    item = models.ForeignKey(AssessmentItem, on_delete=models.CASCADE, related_name="works")
    state = models.CharField(max_length=16, choices=State.choices, default=State.NOT_SUBMITTED)
    draft = models.TextField(blank=True)
    draft_saved_at = models.DateTimeField(null=True, blank=True)
    quiz_choice = models.CharField(max_length=20, blank=True)
    hints_revealed = models.PositiveSmallIntegerField(default=0)
    submission = models.ForeignKey(
        "practice.Submission", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submissions_count = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    verdict = models.CharField(max_length=30, blank=True)
    correctness = models.FloatField(null=True, blank=True)
    race_free = models.FloatField(null=True, blank=True)
    leak_free = models.FloatField(null=True, blank=True)
    deadlock_free = models.FloatField(null=True, blank=True)
    performance = models.FloatField(null=True, blank=True)
    static = models.FloatField(null=True, blank=True)
    total = models.FloatField(null=True, blank=True)
    unchecked = models.JSONField(default=dict, blank=True)  # score name -> why it is null
    fingerprints = models.JSONField(default=list, blank=True)  # winnowed hashes, similarity

    class Meta:
        ordering = ["attempt", "item__position"]
        constraints = [models.UniqueConstraint(fields=["attempt", "item"], name="unique_item_work")]
        indexes = [models.Index(fields=["item", "state"])]

    def __str__(self) -> str:
        return f"{self.attempt_id}/{self.item_id} {self.state}"


class Event(models.Model):
    """What the candidate did when: opening an item (time per item is read from these),
    a paste into the editor (an integrity signal to look at, never a verdict)."""

    class Kind(models.TextChoices):
        OPEN = "open", _("Opened")
        PASTE = "paste", _("Pasted")
        SUBMIT = "submit", _("Submitted")
        FINISH = "finish", _("Finished")

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="events")
    item = models.ForeignKey(AssessmentItem, on_delete=models.CASCADE, null=True, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    size = models.PositiveIntegerField(default=0)  # characters pasted
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["attempt", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.attempt_id}/{self.item_id}"


class AttemptInterview(models.Model):
    """A live interview session held with this candidate for the assessment."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="interviews")
    session = models.OneToOneField(
        "interviews.Session", on_delete=models.CASCADE, related_name="assessment_link"
    )

    def __str__(self) -> str:
        return f"interview {self.session_id} of {self.attempt_id}"
