"""The audit trail and rule-13 records in the admin: readable, never changeable.

Moderators read the audit trail (view permission); nobody, superusers included, can add, change
or delete an entry here. Agency requests are readable only with view_agencyrequest, which the
Moderators group lacks, so in practice only superusers see them; they are recorded from the
moderators' desk, through the one implementation in actions.py.
"""

from django.contrib import admin

from briefing.moderation.models import AgencyRequest, AuditEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "actor_name",
        "action",
        "rule",
        "comment_number",
        "state_before",
        "state_after",
    )
    list_filter = ("action", "rule", "created_at")
    search_fields = ("actor_name", "=comment_number", "note")
    date_hierarchy = "created_at"
    list_select_related = ("actor",)


@admin.register(AgencyRequest)
class AgencyRequestAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "agency", "reference", "received_on", "comment", "recorded_by")
    list_select_related = ("comment", "recorded_by")
    search_fields = ("agency", "reference")
