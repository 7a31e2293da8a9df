"""Comments, the audit trail and rule-13 records in the admin.

Comments are read-mostly: a citizen's words are never edited by staff, and decisions on them go
through the moderation actions (one implementation each, in actions.py), offered here as admin
actions for bulk work; the moderators' desk (/moderation/) is the one-screen view.

Moderators read the audit trail (view permission); nobody, superusers included, can add, change
or delete an entry here. Agency requests are readable only with view_agencyrequest, which the
Moderators group lacks, so in practice only superusers see them; they are recorded from the
moderators' desk, through the one implementation in actions.py.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from briefing.comments.models import Comment, Suspension
from briefing.moderation.actions import ActionRefused, bulk_decide, lift_suspension
from briefing.moderation.audit import actor_label, describe
from briefing.moderation.models import AgencyRequest, AuditEntry
from briefing.moderation.queue import finding_rows
from briefing.rules import CITABLE_RULES, RULES, rule_choices

MODERATE = "moderation.moderate_comment"


class DecisionActionForm(ActionForm):
    """The admin's action bar, plus the rule and note a removal needs."""

    rule = forms.TypedChoiceField(
        label=_("운영원칙"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=lambda: [("", "---------")] + rule_choices(CITABLE_RULES),
    )
    note = forms.CharField(label=_("메모"), required=False, max_length=1000)


class RuleFilter(admin.SimpleListFilter):
    title = _("운영원칙")
    parameter_name = "rule"

    def lookups(self, request, model_admin):
        return [(str(rule.number), rule.label) for rule in RULES]

    def queryset(self, request, queryset):
        value = self.value() or ""
        # isascii(): "²".isdigit() is true and int("²") fails.
        if value.isascii() and value.isdigit() and int(value) in {r.number for r in RULES}:
            return queryset.with_rule(int(value))
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
        return [field.name for field in self.model._meta.fields] + ["finding_reasons"]

    @admin.display(description=_("자동 검사"))
    def finding_reasons(self, comment):
        """The findings in words, as the desk shows them (the stored codes stay in the row)."""
        return "; ".join(
            f"{row['reason']} ({row['label']}, {row['action_label']})"
            for row in finding_rows(comment)
        )

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
        done, refused = bulk_decide(
            items=[(comment, None) for comment in queryset],
            moderator=request.user,
            action="approve",
        )
        self._report(request, done, refused)

    @admin.action(description=_("선택한 댓글 삭제(운영원칙 선택)"), permissions=["moderate"])
    def remove_selected(self, request, queryset):
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


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Suspension)
class SuspensionAdmin(ReadOnlyAdmin):
    """Read-only: suspensions are made on the desk (actions.suspend_author, which never suspends
    staff) and lifted by the admin action below, both audited and notified; an admin form that
    added, shortened or lifted one would do neither."""

    list_display = ("user", "rule", "starts_at", "ends_at", "created_by", "created_at")
    list_filter = ("rule", "starts_at")
    list_select_related = ("user", "created_by")
    search_fields = ("user__citizen_profile__display_name",)
    actions = ("lift_selected",)

    def has_moderate_permission(self, request):
        return request.user.has_perm(MODERATE)

    @admin.action(description=_("선택한 이용 정지 해제"), permissions=["moderate"])
    def lift_selected(self, request, queryset):
        lifted = 0
        for suspension in queryset:
            try:
                lift_suspension(suspension=suspension, moderator=request.user)
            except ActionRefused as refusal:
                self.message_user(request, refusal.message, messages.ERROR)
            else:
                lifted += 1
        if lifted:
            self.message_user(request, gettext("%(count)d건을 처리했습니다.") % {"count": lifted})


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Each entry as the sentence the desk shows (audit.describe), not its raw states and JSON;
    the stored fields stay below it on the entry's page."""

    list_display = ("created_at", "who", "comment_number", "summary")
    list_filter = ("action", "rule", "created_at")
    search_fields = ("actor_name", "=comment_number", "note")
    date_hierarchy = "created_at"
    list_select_related = ("actor",)
    readonly_fields = ("summary", "who")
    fields = (
        "summary",
        "created_at",
        "who",
        "comment_number",
        "action",
        "rule",
        "state_before",
        "state_after",
        "note",
        "details",
    )

    @admin.display(description=_("처리자"), ordering="actor_name")
    def who(self, entry):
        return actor_label(entry)

    @admin.display(description=_("기록 내용"))
    def summary(self, entry):
        return describe(entry)


@admin.register(AgencyRequest)
class AgencyRequestAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "agency", "reference", "received_on", "comment", "recorded_by")
    list_select_related = ("comment", "recorded_by")
    search_fields = ("agency", "reference")
