from django.contrib import admin

from practice.models import HintReveal, QuizAttempt, Submission, Webhook


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "user",
        "problem",
        "mode",
        "status",
        "verdict",
        "score",
        "attempts",
        "created_at",
    )
    list_filter = ("status", "mode", "verdict")
    search_fields = ("user__username", "problem__slug")
    raw_id_fields = ("user", "problem")
    readonly_fields = ("created_at", "started_at", "finished_at")


@admin.register(QuizAttempt)
class QuizAttemptAdmin(admin.ModelAdmin):
    list_display = ("user", "problem", "choice", "correct", "created_at")
    raw_id_fields = ("user", "problem")


@admin.register(HintReveal)
class HintRevealAdmin(admin.ModelAdmin):
    list_display = ("user", "problem", "revealed")
    raw_id_fields = ("user", "problem")


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    list_display = ("user", "url", "is_active")
    raw_id_fields = ("user",)
