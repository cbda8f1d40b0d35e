from django.contrib import admin

from assessments.models import Assessment, AssessmentItem, Attempt, Membership, Position


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["title", "created_by", "created_at"]
    inlines = [MembershipInline]


class ItemInline(admin.TabularInline):
    model = AssessmentItem
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["title", "position", "opens_at", "closes_at", "published_at"]
    inlines = [ItemInline]


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    """Support can see and extend an attempt (its deadline); the work is read in reports."""

    list_display = ["user", "assessment", "started_at", "deadline", "finished_at", "timed_out"]
    list_filter = ["assessment"]
    readonly_fields = ["invitation", "user", "assessment", "started_at", "notified_at"]
