"""A session, who is in it, what they edited and ran, and what the interviewer thought.

What only the interviewer may read (notes, rubric, the scorecard) lives in its own models,
so a view that serialises a session cannot leak it by accident."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from problems.models import Problem

BLANK_FILE = "package solution\n\n"
INVITE_LIFETIME = timedelta(hours=48)


def _token() -> str:
    return secrets.token_urlsafe(24)


class Session(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ENDED = "ended", _("Ended")

    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="interview_sessions"
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    current = models.ForeignKey(
        "SessionItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    editor_locked = models.BooleanField(default=False)  # the candidate cannot type
    runs_disabled = models.BooleanField(default=False)  # the candidate cannot run
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class SessionItem(models.Model):
    """One thing to work on: a bank item, or a blank Go file (problem is null). Each has
    its own shared document, so switching items keeps every item's code."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    problem = models.ForeignKey(Problem, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="unique_item_position")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.position} {self.problem.slug if self.problem else '-'}"

    @property
    def starter(self) -> str:
        return self.problem.starter if self.problem else BLANK_FILE

    def title(self, language: str | None = None) -> str:
        return self.problem.title(language) if self.problem else str(_("Blank Go file"))


class Invite(models.Model):
    """A link that admits one person, once, before it expires."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="invite")
    token = models.CharField(max_length=64, unique=True, default=_token)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"invite to {self.session_id}"

    def usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.used_at is None and now < self.expires_at


class Participant(models.Model):
    """Someone in the session. The candidate has no account: a secret key kept in their
    browser's Django session says who they are."""

    class Role(models.TextChoices):
        INTERVIEWER = "interviewer", _("Interviewer")
        CANDIDATE = "candidate", _("Candidate")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participants")
    role = models.CharField(max_length=12, choices=Role.choices)
    name = models.CharField(_("name"), max_length=80)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    key = models.CharField(max_length=64, unique=True, default=_token)
    joined_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"

    @property
    def is_interviewer(self) -> bool:
        return self.role == self.Role.INTERVIEWER


class DocUpdate(models.Model):
    """One Yjs update as a client sent it: the document is the ordered log of these, and
    the timeline's edits are the same rows."""

    item = models.ForeignKey(SessionItem, on_delete=models.CASCADE, related_name="updates")
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True
    )  # null: the starter code written when the item was created
    update = models.BinaryField()
    inserted = models.PositiveIntegerField(default=0)  # characters inserted by this update
    is_paste = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"update {self.pk} of item {self.item_id}"


class SessionRun(models.Model):
    """A run in the session: who pressed it, on which item, with which fault switches.
    The grading itself is an ordinary Submission (context interview)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="runs")
    item = models.ForeignKey(SessionItem, on_delete=models.CASCADE, related_name="runs")
    participant = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True)
    submission = models.OneToOneField(
        "practice.Submission", on_delete=models.CASCADE, related_name="interview_run"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"run {self.pk} of session {self.session_id}"


class Rating(models.TextChoices):
    # A context: the catalogue's plain "Yes"/"No" are answers, these are hiring ratings.
    STRONG_NO = "strong_no", pgettext_lazy("rating", "Strong no")
    NO = "no", pgettext_lazy("rating", "No")
    YES = "yes", pgettext_lazy("rating", "Yes")
    STRONG_YES = "strong_yes", pgettext_lazy("rating", "Strong yes")


SKILLS = (
    ("correctness", _("Correctness")),
    ("concurrency", _("Concurrency reasoning")),
    ("debugging", _("Debugging")),
    ("communication", _("Communication")),
)


class Evaluation(models.Model):
    """The interviewer's private notes and rubric while the session runs. Never sent to
    the candidate."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="evaluation")
    notes = models.TextField(blank=True)  # Markdown, saved as typed
    rubric = models.JSONField(default=dict, blank=True)  # {skill: {"rating", "comment"}}
    recommendation = models.CharField(max_length=12, choices=Rating.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"evaluation of {self.session_id}"


class Scorecard(models.Model):
    """Written once when the session ends; what the hiring reports read."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="scorecard")
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="scorecards"
    )
    candidate_name = models.CharField(max_length=80, blank=True)
    rubric = models.JSONField(default=dict)
    recommendation = models.CharField(max_length=12, choices=Rating.choices, blank=True)
    notes = models.TextField(blank=True)
    last_result = models.ForeignKey(
        "practice.Submission", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )  # the last graded run of the session
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"scorecard of {self.session_id}"
