"""Comments, reports and suspensions in the admin, for staff granted the model permissions.

Comments are read-mostly: a citizen's words are never edited by staff, and decisions on them go
through the moderation actions (one implementation each), not through this change form.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from briefing.comments.models import CitizenProfile, Comment, Report, Suspension
from briefing.moderation.rules import RULES


class RuleFilter(admin.SimpleListFilter):
    title = _("운영원칙")
    parameter_name = "rule"

    def lookups(self, request, model_admin):
        return [(str(rule.number), rule.label) for rule in RULES]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.with_rule(int(self.value()))
        return queryset


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "release",
        "author_name",
        "status",
        "needs_review",
        "review_priority",
        "rules",
        "urgent",
        "report_count",
        "created_at",
    )
    list_filter = ("status", "needs_review", "urgent", RuleFilter, "created_at")
    list_select_related = ("release", "author__citizen_profile")
    search_fields = ("author__username", "author__citizen_profile__display_name", "release__title")
    date_hierarchy = "created_at"
    ordering = ("-created_at",)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("작성자"))
    def author_name(self, comment):
        return comment.author_name


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("id", "comment", "reporter", "rule", "created_at", "resolved_at")
    list_filter = ("rule", ("resolved_at", admin.EmptyFieldListFilter), "created_at")
    list_select_related = ("comment__author__citizen_profile", "reporter")
    raw_id_fields = ("comment", "reporter")
    readonly_fields = ("comment", "reporter", "rule", "note", "created_at")

    def has_add_permission(self, request):
        return False


@admin.register(Suspension)
class SuspensionAdmin(admin.ModelAdmin):
    list_display = ("user", "rule", "starts_at", "ends_at", "created_by", "created_at")
    list_filter = ("rule", "starts_at")
    list_select_related = ("user", "created_by")
    search_fields = ("user__username", "user__citizen_profile__display_name")
    raw_id_fields = ("user",)
    readonly_fields = ("created_by", "created_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(CitizenProfile)
class CitizenProfileAdmin(admin.ModelAdmin):
    list_display = ("display_name", "user")
    search_fields = ("display_name", "user__username")
    raw_id_fields = ("user",)
