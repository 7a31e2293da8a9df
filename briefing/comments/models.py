"""What citizens write: their public profile, comments, reports, and suspensions.

Decisions live in rows, not booleans: a report is a row per citizen (the audit trail comes free),
and a suspension is a row with its own start, end, rule and reason.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from briefing.comments.name_characters import name_key
from briefing.rules import CITABLE_RULES, get_rule, rule_choices

COMMENT_MAX_LENGTH = 1000
APPEAL_MAX_LENGTH = 500
OBJECTION_MAX_LENGTH = 1000
EXPLANATION_MAX_LENGTH = 1000
DISPLAY_NAME_MAX_LENGTH = 20
#: The version of the collection notice shown at sign-up (templates/includes/consent_notice.html);
#: change it whenever the notice's text changes.
CONSENT_VERSION = "2026-12-01"


# Callables, so migrations store a reference rather than the (lazily translated) labels.
def all_rule_choices():
    return rule_choices()


def reportable_rule_choices():
    return rule_choices(CITABLE_RULES)


class CitizenProfile(models.Model):
    """The name a citizen's comments are shown under (never the login name)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="citizen_profile"
    )
    display_name = models.CharField(_("표시 이름"), max_length=DISPLAY_NAME_MAX_LENGTH)
    #: The name as a reader sees it (name_characters.name_key): two names with one key look
    #: alike on the page, so the database keeps keys unique (a lower() index alone let the KELVIN
    #: SIGN through the form's check and into an IntegrityError).
    name_key = models.CharField(max_length=4 * DISPLAY_NAME_MAX_LENGTH, unique=True, editable=False)
    #: When the citizen opened the link sent to their address; None until then, and a citizen
    #: with a profile may not comment before it (services.refuse_if_unverified).
    email_verified_at = models.DateTimeField(
        _("전자우편 확인 일시"), null=True, blank=True, editable=False
    )
    #: 개인정보 보호법 제15조/제22조: when the citizen agreed to the collection notice, and to
    #: which version of it (CONSENT_VERSION), so a changed notice can be asked for again.
    consented_at = models.DateTimeField(
        _("개인정보 동의 일시"), null=True, blank=True, editable=False
    )
    consent_version = models.CharField(
        _("동의한 안내 판"), max_length=20, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("시민 프로필")
        verbose_name_plural = _("시민 프로필")

    def __str__(self):
        return self.display_name

    def save(self, *args, update_fields=None, **kwargs):
        self.name_key = name_key(self.display_name)
        if update_fields is not None and "display_name" in update_fields:
            update_fields = {*update_fields, "name_key"}  # update_or_create names its fields
        super().save(*args, update_fields=update_fields, **kwargs)

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None


def display_name_of(user) -> str:
    """The public name of any account; staff created in the admin have no profile."""
    if user is None:
        return ""
    profile = getattr(user, "citizen_profile", None)
    return public_name(
        user.get_username(), profile.display_name if profile else None, user.is_staff
    )


def public_name(username: str, display_name: str | None, is_staff: bool = False) -> str:
    """display_name_of from the columns, for lists read without model instances. A login name
    is never shown: staff without a display name appear as the site's staff."""
    # The shared account of deleted citizens (account_deletion.FORMER_MEMBER_USERNAME).
    if username == "~former-member":
        return gettext("탈퇴한 회원")
    if display_name:
        return display_name
    return gettext("정책브리핑 직원") if is_staff else gettext("이름 없는 시민")


def public_condition(now=None) -> Q:
    """What anyone may read at ``now``: published comments, and comments whose temporary measure
    (임시조치) has run out without a moderator deciding. 정보통신망법 제44조의2 caps the measure
    at 30 days, so it ends by itself at ``hidden_until``, decided here at query time as an embargo
    is (no job has to run for the comment to return); a decision since then changes the status
    and so this answer."""
    now = now or timezone.now()
    return Q(status=Comment.Status.PUBLISHED) | Q(
        status=Comment.Status.TEMPORARY, hidden_until__lte=now
    )


def under_measure_condition(now=None) -> Q:
    """Comments a temporary measure hides at ``now``: the board shows a placeholder for each."""
    return Q(status=Comment.Status.TEMPORARY, hidden_until__gt=now or timezone.now())


class CommentQuerySet(models.QuerySet):
    def public(self, now=None):
        """Comments anyone may read: the one definition used by the section, counts and feeds."""
        return self.filter(public_condition(now))

    def visible_to(self, user, now=None):
        """Public comments, plus the viewer's own comments that wait for a moderator."""
        if user is None or not user.is_authenticated:
            return self.public(now)
        own_pending = Q(author=user, status__in=Comment.PENDING_STATUSES)
        return self.filter(public_condition(now) | own_pending)

    def on_board(self, user, now=None):
        """What the comment section lists: visible_to(user), plus a placeholder item for each
        comment under a temporary measure (the law requires the measure be shown on the board)."""
        return self.visible_to(user, now) | self.filter(under_measure_condition(now))

    def next_lapse_time(self):
        """When the next temporary measure runs out (its comment shows again), or None."""
        return (
            self.filter(under_measure_condition())
            .order_by("hidden_until")
            .values_list("hidden_until", flat=True)
            .first()
        )

    def with_rule(self, number: int):
        """Comments on which rule ``number`` fired (rules are stored as "1,4,9")."""
        n = str(int(number))
        return self.filter(
            Q(rules=n)
            | Q(rules__startswith=f"{n},")
            | Q(rules__endswith=f",{n}")
            | Q(rules__contains=f",{n},")
        )


class Comment(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("게시")
        HELD = "held", _("검토 대기")
        HIDDEN = "hidden", _("신고로 숨김")
        REMOVED = "removed", _("삭제")
        # 정보통신망법 제44조의2: hidden for up to 30 days while a defamation claim is checked.
        TEMPORARY = "temporary", _("임시조치")
        # Rule 13: hidden from the public, kept unchanged as evidence for the requesting agency.
        WITHHELD = "withheld", _("수사기관 요청으로 비공개")

    class Priority(models.IntegerChoices):
        URGENT = 0, _("긴급")
        HIGH = 1, _("높음")
        LOW = 2, _("낮음")

    #: Stored but not public: the author sees these marked "under review".
    PENDING_STATUSES = (Status.HELD, Status.HIDDEN)

    release = models.ForeignKey(
        "releases.Release",
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("보도자료"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("작성자"),
    )
    text = models.TextField(_("내용"), max_length=COMMENT_MAX_LENGTH)
    status = models.CharField(
        _("상태"), max_length=20, choices=Status.choices, default=Status.PUBLISHED
    )
    # A "flag" verdict publishes the comment and still queues it: visibility and review are
    # separate questions, so they are separate fields.
    needs_review = models.BooleanField(_("검토 필요"), default=False)
    review_priority = models.PositiveSmallIntegerField(
        _("검토 우선순위"), choices=Priority.choices, default=Priority.LOW
    )
    findings = models.JSONField(_("자동 검사 결과"), default=dict, blank=True)
    rules = models.CharField(_("해당 운영원칙"), max_length=40, blank=True)
    urgent = models.BooleanField(_("긴급"), default=False)
    ip_hash = models.CharField(_("IP 해시"), max_length=64, blank=True, editable=False)
    report_count = models.PositiveIntegerField(_("신고 수"), default=0)
    created_at = models.DateTimeField(_("작성 일시"), default=timezone.now)
    updated_at = models.DateTimeField(_("수정 일시"), auto_now=True)
    #: When the author last corrected the text (within COMMENTS_EDIT_MINUTES); the page says
    #: "수정됨" with this time. updated_at cannot tell: every moderator decision moves it.
    edited_at = models.DateTimeField(_("작성자 수정 일시"), null=True, blank=True, editable=False)
    # The latest moderator decision, kept on the row so the author's page, the queue and the
    # "already decided by … at …" check need no join; the whole history is the audit trail.
    # decision_version grows by one per decision: a decision made on an older version is refused.
    decision_version = models.PositiveIntegerField(_("결정 차수"), default=0, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("결정한 관리자"),
        editable=False,
    )
    decided_at = models.DateTimeField(_("결정 일시"), null=True, blank=True, editable=False)
    decision_rule = models.PositiveSmallIntegerField(
        _("결정 근거 운영원칙"), choices=all_rule_choices, null=True, blank=True, editable=False
    )
    decision_note = models.TextField(_("작성자에게 남긴 말"), blank=True, editable=False)
    hidden_until = models.DateTimeField(
        _("임시조치 종료 일시"), null=True, blank=True, editable=False
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("댓글")
        verbose_name_plural = _("댓글")
        indexes = [
            models.Index(
                fields=["release", "status", "-created_at", "-id"], name="comment_release_public"
            ),
            models.Index(fields=["author", "-created_at"], name="comment_author_recent"),
            models.Index(
                fields=["needs_review", "review_priority", "created_at"], name="comment_queue"
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {display_name_of(self.author)}"

    @property
    def rule_numbers(self) -> list[int]:
        """The rules the automatic check found ("1,4,9" as [1, 4, 9])."""
        return [int(n) for n in self.rules.split(",") if n.strip().isdigit()]

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED or self.measure_lapsed

    @property
    def under_measure(self) -> bool:
        """Hidden now by a temporary measure (임시조치) that has not run out."""
        return (
            self.status == self.Status.TEMPORARY
            and self.hidden_until is not None
            and self.hidden_until > timezone.now()
        )

    @property
    def measure_started_at(self):
        """When the current temporary measure was decided (rows made without a decision, as
        some imports and tests make them, count from their creation)."""
        return self.decided_at or self.created_at

    @property
    def measure_lapsed(self) -> bool:
        """A temporary measure ran out with no decision: the comment is public again, and a
        moderator still has to record the outcome (the queue's "overdue")."""
        return (
            self.status == self.Status.TEMPORARY
            and self.hidden_until is not None
            and self.hidden_until <= timezone.now()
        )

    @property
    def is_pending(self) -> bool:
        return self.status in self.PENDING_STATUSES

    @property
    def author_name(self) -> str:
        return display_name_of(self.author)

    @property
    def decision_rule_label(self):
        return get_rule(self.decision_rule).label if self.decision_rule else ""


class Report(models.Model):
    """One citizen's 신고 of one comment under one rule."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("댓글")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="comment_reports",
        verbose_name=_("신고자"),
    )
    rule = models.PositiveSmallIntegerField(_("운영원칙"), choices=reportable_rule_choices)
    note = models.TextField(_("설명"), max_length=500, blank=True)
    #: Rule 2 (defamation) only: whether the reporter says they are the person the comment is
    #: about (당사자), and their explanation (소명). A temporary measure is asked for by the
    #: person whose rights are infringed (정보통신망법 제44조의2 ①), so the moderator needs both.
    concerned_party = models.BooleanField(_("당사자 여부"), null=True, blank=True)
    explanation = models.TextField(_("소명 내용"), max_length=EXPLANATION_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("신고 일시"), default=timezone.now)
    resolved_at = models.DateTimeField(_("처리 일시"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("신고")
        verbose_name_plural = _("신고")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_citizen")
        ]

    def __str__(self):
        return f"#{self.comment_id} ← {self.reporter_id} (제{self.rule}항)"


class Outcome(models.TextChoices):
    """How a moderator answered an author's appeal or objection."""

    GRANTED = "granted", _("인용")
    UPHELD = "upheld", _("기각")


class Appeal(models.Model):
    """An author's one request (이의제기) to reconsider the removal of their comment."""

    comment = models.OneToOneField(
        Comment, on_delete=models.CASCADE, related_name="appeal", verbose_name=_("댓글")
    )
    text = models.TextField(_("이의제기 내용"), max_length=APPEAL_MAX_LENGTH)
    #: Who removed the comment: a different moderator must decide the appeal.
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("삭제한 관리자"),
    )
    created_at = models.DateTimeField(_("이의제기 일시"), default=timezone.now)
    decided_at = models.DateTimeField(_("처리 일시"), null=True, blank=True)
    outcome = models.CharField(_("처리 결과"), max_length=10, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("이의제기")
        verbose_name_plural = _("이의제기")

    def __str__(self):
        return f"#{self.comment_id}"


class Objection(models.Model):
    """The poster's request to re-post a comment under a temporary measure (재게시 요청,
    정보통신망법 제44조의2 and its enforcement decree): one per measure, answered by the
    moderator's decision on the comment."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="objections", verbose_name=_("댓글")
    )
    text = models.TextField(_("재게시 요청 사유"), max_length=OBJECTION_MAX_LENGTH)
    created_at = models.DateTimeField(_("요청 일시"), default=timezone.now)
    answered_at = models.DateTimeField(_("처리 일시"), null=True, blank=True)
    outcome = models.CharField(_("처리 결과"), max_length=10, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("재게시 요청")
        verbose_name_plural = _("재게시 요청")

    def __str__(self):
        return f"#{self.comment_id}"


class SuspensionQuerySet(models.QuerySet):
    def active(self, now=None):
        """Suspensions in force at ``now``: started, and not yet ended (no end = permanent)."""
        now = now or timezone.now()
        return self.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now), starts_at__lte=now)


class Suspension(models.Model):
    """A citizen may read but not post or report from ``starts_at`` until ``ends_at``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="comment_suspensions",
        verbose_name=_("계정"),
    )
    starts_at = models.DateTimeField(_("시작 일시"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("종료 일시"), null=True, blank=True, help_text=_("비워 두면 영구 정지입니다.")
    )
    rule = models.PositiveSmallIntegerField(_("운영원칙"), choices=all_rule_choices)
    reason = models.TextField(_("사유"), help_text=_("정지된 시민에게 그대로 보입니다."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("처리자"),
        editable=False,
    )
    created_at = models.DateTimeField(_("처리 일시"), auto_now_add=True)

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("이용 정지")
        verbose_name_plural = _("이용 정지")
        indexes = [models.Index(fields=["user", "starts_at"], name="suspension_user")]

    def __str__(self):
        return f"{self.user} (제{self.rule}항)"

    @property
    def is_permanent(self) -> bool:
        return self.ends_at is None

    @property
    def rule_label(self):
        return get_rule(self.rule).label
