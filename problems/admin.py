from django.contrib import admin

from problems.models import FollowUp, Hint, Mutant, Problem, ProblemSecret, Topic


class HintInline(admin.TabularInline):
    model = Hint
    extra = 0


class FollowUpInline(admin.StackedInline):
    model = FollowUp
    extra = 0


class SecretInline(admin.StackedInline):
    model = ProblemSecret
    can_delete = False


class MutantInline(admin.StackedInline):
    model = Mutant
    extra = 0


@admin.register(Problem)
class ProblemAdmin(admin.ModelAdmin):
    list_display = ("slug", "kind", "difficulty", "title_en", "is_active", "updated_at")
    list_filter = ("kind", "difficulty", "is_active", "topics")
    search_fields = ("slug", "title_en", "title_zh")
    readonly_fields = ("content_hash", "created_at", "updated_at")
    filter_horizontal = ("topics",)
    inlines = [HintInline, FollowUpInline, SecretInline, MutantInline]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    search_fields = ("slug",)


@admin.register(Mutant)
class MutantAdmin(admin.ModelAdmin):
    list_display = ("problem", "name", "expected_verdict")
    list_filter = ("expected_verdict",)
