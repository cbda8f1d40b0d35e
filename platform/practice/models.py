from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from problems.models import Problem


class Submission(models.Model):
    """One Run or Submit. The row, not the broker message, is the truth about its state:
    the task claims it with a conditional UPDATE and writes the result only while it
    still holds the claim (status running and the same attempt number)."""

    class Mode(models.TextChoices):
        RUN = "run", _("Run")
        SUBMIT = "submit", _("Submit")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")

    class Context(models.TextChoices):
        """Where the run came from: authorization and reports follow it. An interview run
        belongs to the session's interviewer (the candidate has no account); the session's
        own record (interviews.SessionRun) says who pressed Run."""

        PRACTICE = "practice", _("Practice")
        INTERVIEW = "interview", _("Interview")
        ASSESSMENT = "assessment", _("Assessment")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions"
    )
    problem = models.ForeignKey(Problem, on_delete=models.PROTECT, related_name="submissions")
    problem_hash = models.CharField(max_length=64, blank=True)  # the item version graded
    mode = models.CharField(max_length=10, choices=Mode.choices)
    source = models.TextField()
    context = models.CharField(max_length=12, choices=Context.choices, default=Context.PRACTICE)
    # GradeOptions overrides for this run only (an interviewer's fault switches), checked
    # against the engine's fields by grading.options before they are stored.
    engine_options = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(max_length=20, default="queued")
    verdict = models.CharField(max_length=30, blank=True)
    score = models.FloatField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)  # GradeResult.to_dict(), schema v1
    attempts = models.PositiveIntegerField(default=0)
    # While queued: when the sweeper should send it again. While running: the claim's
    # lease, renewed by the grading worker; past it, the worker is presumed dead.
    lease_until = models.DateTimeField(null=True, blank=True)
    # After a system error: the backoff. No claim before this, whatever message arrives.
    retry_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)  # engine evidence for staff, not candidates
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "lease_until"]),
            models.Index(fields=["user", "-created_at"]),
            models.Index(fields=["user", "problem", "mode", "verdict"]),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.problem.slug} {self.mode} {self.status}"

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def source_bytes(self) -> int:
        return len(self.source.encode())


class QuizAttempt(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    problem = models.ForeignKey(Problem, on_delete=models.PROTECT, related_name="quiz_attempts")
    choice = models.CharField(max_length=20)
    correct = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} {self.problem.slug} {self.choice}"


class QuizReveal(models.Model):
    """The user asked to see a quiz's answer before answering it right. From then on the
    quiz shows its answer and explanation, takes no more answers and is never solved."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_reveals"
    )
    problem = models.ForeignKey(Problem, on_delete=models.PROTECT, related_name="quiz_reveals")
    attempts_before = models.PositiveIntegerField(default=0)  # wrong answers given first
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "problem"], name="unique_quiz_reveal")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.problem.slug} revealed"


class HintReveal(models.Model):
    """How many of a problem's hints the user has opened (they open in order)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE)
    revealed = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "problem"], name="unique_hint_reveal")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.problem.slug} {self.revealed}"


class Webhook(models.Model):
    """Completion callbacks for an API user. Set by admins only (it makes the server
    send requests), signed with HMAC-SHA256 of the body under `secret`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.URLField()
    secret = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.url
