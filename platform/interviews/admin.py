from django.contrib import admin

from interviews.models import Participant, Scorecard, Session, SessionItem, SessionRun


class ItemInline(admin.TabularInline):
    model = SessionItem
    extra = 0


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    exclude = ["key"]  # the candidate's secret


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "interviewer", "status", "created_at"]
    list_filter = ["status"]
    inlines = [ItemInline, ParticipantInline]


@admin.register(Scorecard)
class ScorecardAdmin(admin.ModelAdmin):
    list_display = ["session", "interviewer", "candidate_name", "recommendation", "created_at"]


@admin.register(SessionRun)
class SessionRunAdmin(admin.ModelAdmin):
    list_display = ["id", "session", "participant", "submission", "created_at"]
