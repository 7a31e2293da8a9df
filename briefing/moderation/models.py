"""The moderation side's records: the audit trail and rule-13 agency requests.

The models refer to comments by app label (the migrations predate the desk's split from the rules
engine, which now lives, model-free, in briefing.rules).

Decisions themselves are rows here (AuditEntry), the way django-contrib-comments keeps
CommentFlag rows: every decision, suspension, report closure, automatic step and rule-13 record
is one immutable entry. The comment row only carries its latest decision for fast pages.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImmutableRecord(Exception):
    """Raised on any attempt to change or delete an audit entry."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableRecord("Audit entries cannot be changed.")

    def delete(self):
        raise ImmutableRecord("Audit entries cannot be deleted.")

    def for_comment(self, comment):
        return self.filter(comment_number=comment.pk)


class AuditEntry(models.Model):
    """Who did what to which comment or account, when, under which rule, and why."""

    class Action(models.TextChoices):
        HOLD = "hold", _("규칙에 따른 자동 보류")
        FLAG = "flag", _("규칙에 따른 검토 표시")
        AUTO_HIDE = "auto_hide", _("신고 누적 자동 숨김")
        APPROVE = "approve", _("승인")
        REMOVE = "remove", _("삭제")
        RESTORE = "restore", _("복원")
        TEMPORARY = "temporary", _("임시조치")
        AGENCY_REQUEST = "agency_request", _("수사기관 요청 기록")
        SUSPEND = "suspend", _("이용 정지")
        LIFT_SUSPENSION = "lift_suspension", _("이용 정지 해제")
        REPORTS_CLOSED = "reports_closed", _("신고 처리 종료")
        APPEAL = "appeal", _("이의제기 접수")
        OBJECTION = "objection", _("재게시 요청 접수")
        MEASURE_LAPSED = "measure_lapsed", _("임시조치 기간 만료")
        LAPSE_REMINDER = "lapse_reminder", _("임시조치 만료 예정 안내")

    # The comment's number is kept even if the comment itself is later deleted with its release.
    comment = models.ForeignKey(
        "comments.Comment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("댓글"),
    )
    comment_number = models.PositiveBigIntegerField(_("댓글 번호"), null=True, blank=True)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("대상 계정"),
    )
    #: Empty for automatic steps; actor_name then says which ("system:rules", "system:reports").
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("처리자"),
    )
    actor_name = models.CharField(_("처리자 이름"), max_length=150)
    action = models.CharField(_("조치"), max_length=20, choices=Action.choices)
    rule = models.PositiveSmallIntegerField(_("운영원칙"), null=True, blank=True)
    note = models.TextField(_("메모"), blank=True)
    state_before = models.CharField(_("이전 상태"), max_length=20, blank=True)
    state_after = models.CharField(_("이후 상태"), max_length=20, blank=True)
    #: Scores, thresholds, durations and counts; never the comment's text.
    details = models.JSONField(_("세부 내용"), default=dict, blank=True)
    created_at = models.DateTimeField(_("일시"), default=timezone.now)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("감사 기록")
        verbose_name_plural = _("감사 기록")
        default_permissions = ("view",)
        permissions = [("moderate_comment", _("댓글을 검토하고 결정할 수 있음"))]
        indexes = [
            models.Index(fields=["comment_number", "created_at"], name="audit_comment"),
            models.Index(fields=["subject", "created_at"], name="audit_subject"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecord("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecord("Audit entries cannot be deleted.")


class AgencyRequest(models.Model):
    """Rule 13: an investigative agency's official request concerning one comment.

    Only staff with record_agency_request (the Agency request officers group, and superusers) may
    record one, and only superusers may read them back; the comment it names cannot be deleted
    while the record exists (PROTECT): it is evidence.
    """

    comment = models.ForeignKey(
        "comments.Comment",
        on_delete=models.PROTECT,
        related_name="agency_requests",
        verbose_name=_("댓글"),
    )
    agency = models.CharField(_("요청 기관"), max_length=100)
    reference = models.CharField(_("문서 번호"), max_length=100)
    received_on = models.DateField(_("요청 일자"))
    legal_basis = models.CharField(_("법적 근거"), max_length=200, blank=True)
    #: An agency's request may have to stay confidential: the author's "my comments" names it
    #: only when this says so, and otherwise reads that the comment is not public under review.
    disclosable = models.BooleanField(
        _("작성자에게 알려도 됨"),
        default=False,
        help_text=_("요청 기관이 작성자에게 알리는 것을 허락한 경우에만 고르세요."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("기록한 관리자"),
    )
    created_at = models.DateTimeField(_("기록 일시"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("수사기관 요청")
        verbose_name_plural = _("수사기관 요청")
        default_permissions = ("add", "view")
        permissions = [("record_agency_request", _("수사기관 요청을 기록할 수 있음"))]

    def __str__(self):
        return f"{self.agency} {self.reference}"
