"""Reports, appeals and profiles in the admin, for staff granted the model permissions.
Comments and suspensions are registered by the moderation app (briefing/moderation/admin.py):
what can be done to them are moderators' decisions, audited there.
"""

from django.contrib import admin

from briefing.comments.models import Appeal, CitizenProfile, Objection, Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("id", "comment", "reporter", "rule", "created_at", "resolved_at")
    list_filter = ("rule", ("resolved_at", admin.EmptyFieldListFilter), "created_at")
    list_select_related = ("comment__author__citizen_profile", "reporter")
    raw_id_fields = ("comment", "reporter")
    readonly_fields = (
        "comment",
        "reporter",
        "rule",
        "note",
        "concerned_party",
        "explanation",
        "created_at",
    )

    def has_add_permission(self, request):
        return False


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    list_display = ("comment", "removed_by", "created_at", "decided_at", "outcome")
    list_filter = (("decided_at", admin.EmptyFieldListFilter), "outcome", "created_at")
    list_select_related = ("comment", "removed_by")
    readonly_fields = ("comment", "text", "removed_by", "created_at", "decided_at", "outcome")

    def has_add_permission(self, request):
        return False


@admin.register(Objection)
class ObjectionAdmin(admin.ModelAdmin):
    list_display = ("comment", "created_at", "answered_at", "outcome")
    list_filter = (("answered_at", admin.EmptyFieldListFilter), "outcome", "created_at")
    list_select_related = ("comment",)
    readonly_fields = ("comment", "text", "created_at", "answered_at", "outcome")

    def has_add_permission(self, request):
        return False


@admin.register(CitizenProfile)
class CitizenProfileAdmin(admin.ModelAdmin):
    list_display = ("display_name", "user")
    search_fields = ("display_name", "user__username")
    raw_id_fields = ("user",)
