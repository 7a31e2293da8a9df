"""Comments, reports and suspensions in the admin, for staff granted the model permissions.

Comments are read-mostly: a citizen's words are never edited by staff, and decisions on them go
through the moderation actions (one implementation each, in briefing.moderation.actions), offered
here as admin actions for bulk work; the moderators' desk (/moderation/) is the one-screen view.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from briefing.comments.models import Appeal, CitizenProfile, Comment, Report, Suspension
from briefing.moderation.rules import RULES, rule_choices

MODERATE = "moderation.moderate_comment"


class DecisionActionForm(ActionForm):
    """The admin's action bar, plus the rule and note a removal needs."""

    rule = forms.TypedChoiceField(
        label=_("운영원칙"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=lambda: [("", "---------")] + rule_choices(range(1, 13)),
    )
    note = forms.CharField(label=_("메모"), required=False, max_length=1000)


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
    action_form = DecisionActionForm
    actions = ("approve_selected", "remove_selected")

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Removal is a decision (a status and an audit entry); deleting rows is for superusers,
        # and never for a comment kept as evidence for an agency (rule 13).
        if obj is not None and obj.status == Comment.Status.WITHHELD:
            return False
        return request.user.is_superuser

    def has_moderate_permission(self, request):
        return request.user.has_perm(MODERATE)

    @admin.action(description=_("선택한 댓글 승인(게시)"), permissions=["moderate"])
    def approve_selected(self, request, queryset):
        from briefing.moderation.actions import bulk_decide

        done, refused = bulk_decide(
            items=[(comment, None) for comment in queryset],
            moderator=request.user,
            action="approve",
        )
        self._report(request, done, refused)

    @admin.action(description=_("선택한 댓글 삭제(운영원칙 선택)"), permissions=["moderate"])
    def remove_selected(self, request, queryset):
        from briefing.moderation.actions import bulk_decide

        rule = request.POST.get("rule")
        if not rule:
            self.message_user(request, gettext("삭제하려면 운영원칙을 고르세요."), messages.ERROR)
            return
        done, refused = bulk_decide(
            items=[(comment, None) for comment in queryset],
            moderator=request.user,
            action="remove",
            rule=rule,
            note=request.POST.get("note", ""),
        )
        self._report(request, done, refused)

    def _report(self, request, done, refused):
        if done:
            self.message_user(
                request, gettext("%(count)d건을 처리했습니다.") % {"count": len(done)}
            )
        for message in refused:
            self.message_user(request, message, messages.ERROR)

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


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    list_display = ("comment", "removed_by", "created_at", "decided_at")
    list_filter = (("decided_at", admin.EmptyFieldListFilter), "created_at")
    list_select_related = ("comment", "removed_by")
    readonly_fields = ("comment", "text", "removed_by", "created_at", "decided_at")

    def has_add_permission(self, request):
        return False


@admin.register(CitizenProfile)
class CitizenProfileAdmin(admin.ModelAdmin):
    list_display = ("display_name", "user")
    search_fields = ("display_name", "user__username")
    raw_id_fields = ("user",)
