"""What staff publish: ministries, press releases and the parts a release is made of.

Every reader-facing text field is translated by django-modeltranslation (see translation.py):
Korean is the source language and English falls back to it where empty.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from briefing.releases.html import SanitizedHTMLField, plain_text, split_blocks
from briefing.releases.uploads import attachment_upload_to, photo_upload_to


class Ministry(models.Model):
    """An issuing agency, with the code the portal's ministry filter uses (e.g. B00013)."""

    class Group(models.TextChoices):
        MINISTRY = "ministry", _("부처")
        AGENCY = "agency", _("청")
        COMMITTEE = "committee", _("위원회 및 감사원")

    code = models.CharField(_("기관 코드"), max_length=10, unique=True)
    name = models.CharField(_("기관명"), max_length=100)
    group = models.CharField(_("구분"), max_length=20, choices=Group.choices)
    order = models.PositiveSmallIntegerField(_("정렬 순서"), default=0)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="desk_ministries",
        verbose_name=_("소속 직원"),
        help_text=_(
            "이 기관의 보도자료를 작성·게시하는 직원. 편집자와 게시 담당자는 소속 기관의 "
            "보도자료만 보고 고칠 수 있습니다."
        ),
    )

    class Meta:
        ordering = ["group", "order", "name"]
        verbose_name = _("기관")
        verbose_name_plural = _("기관")

    def __str__(self):
        return self.name


class ReleaseQuerySet(models.QuerySet):
    def published(self, now=None):
        """Releases a citizen may see now: the one definition used by every public view, feed,
        sitemap, count and link. A scheduled release becomes visible the second its publish-at
        time passes, decided here at query time, so an embargo needs no cron job to lift.
        (``now`` is for writing a query once and running it later: views.neighbours.)"""
        return self.filter(
            status__in=(Release.Status.PUBLISHED, Release.Status.SCHEDULED),
            published_at__lte=now or timezone.now(),
        )

    def withdrawn(self):
        """Withdrawn releases keep their public URL, showing the notice of withdrawal."""
        return self.filter(status=Release.Status.WITHDRAWN, published_at__lte=timezone.now())

    def viewable(self):
        """What a release's own URL may show: published now, or withdrawn with its notice.
        published() | withdrawn() in one filter: combining two querysets with | cost the
        uncached release page more to build than its query took to run (bench/profile_page.py)."""
        return self.filter(
            status__in=(
                Release.Status.PUBLISHED,
                Release.Status.SCHEDULED,
                Release.Status.WITHDRAWN,
            ),
            published_at__lte=timezone.now(),
        )

    def next_publication_time(self):
        """When the next scheduled release goes live (its embargo lifts), or None."""
        return (
            self.filter(status=Release.Status.SCHEDULED, published_at__gt=timezone.now())
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )


class Release(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("작성 중")
        REVIEW = "review", _("검토 요청")
        SCHEDULED = "scheduled", _("게시 예약")
        PUBLISHED = "published", _("게시")
        WITHDRAWN = "withdrawn", _("게시 철회")

    #: States only a user with the publish permission may set or leave.
    PUBLIC_STATES = frozenset({Status.SCHEDULED, Status.PUBLISHED, Status.WITHDRAWN})

    class Licence(models.IntegerChoices):
        TYPE_1 = 1, _("공공누리 제1유형 (출처표시)")
        TYPE_2 = 2, _("공공누리 제2유형 (출처표시, 상업적 이용금지)")
        TYPE_3 = 3, _("공공누리 제3유형 (출처표시, 변경금지)")
        TYPE_4 = 4, _("공공누리 제4유형 (출처표시, 상업적 이용금지, 변경금지)")

    title = models.CharField(_("제목"), max_length=300)
    subtitle = models.TextField(
        _("부제목"), blank=True, help_text=_("한 줄에 부제목 하나. 줄마다 따로 표시됩니다.")
    )
    slug = models.SlugField(_("주소 이름"), max_length=200, unique=True, allow_unicode=True)
    ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, related_name="releases", verbose_name=_("기관")
    )
    #: When the release went (or, scheduled, goes) live; empty until a publisher publishes it.
    #: No index of its own: the two in Meta.indexes lead with it (every range on it reads
    #: release_public_order), and PostgreSQL, offered a single-column one, preferred it with a
    #: sort to the neighbour links' seek on (published_at, id) (views.neighbours_queryset).
    published_at = models.DateTimeField(_("게시 일시"), null=True, blank=True)
    #: Who approved the publication and when (for a scheduled release, before it goes live).
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("게시 승인자"),
    )
    approved_at = models.DateTimeField(_("게시 승인 일시"), null=True, blank=True, editable=False)
    body = SanitizedHTMLField(
        _("본문"),
        help_text=_("문단은 <p> 요소로 나눕니다. 허용되지 않는 마크업은 저장할 때 제거됩니다."),
    )
    footnote = models.TextField(_("각주"), blank=True)
    attribution = models.CharField(_("출처 문구"), max_length=300, blank=True)
    licence = models.PositiveSmallIntegerField(
        _("공공누리 유형"), choices=Licence.choices, default=Licence.TYPE_1
    )
    #: Indexed only for the states staff work through (Meta.indexes): see release_public_order.
    status = models.CharField(
        _("상태"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    withdrawal_notice = models.TextField(
        _("철회 안내문"),
        blank=True,
        help_text=_("게시를 철회하면 이 안내문이 보도자료 주소에 본문 대신 표시됩니다."),
    )
    withdrawn_at = models.DateTimeField(_("철회 일시"), null=True, blank=True, editable=False)
    search_text = models.TextField(
        editable=False,
        default="",
        help_text="Lower-cased plain text of both languages, kept by releases.signals for search.",
    )
    excerpt = models.TextField(
        editable=False,
        default="",
        help_text="The body's plain text, cut to search.EXCERPT_CHARS, for leads (per language).",
    )
    search_grams = models.TextField(
        editable=False,
        default="",
        help_text="Distinct character bigrams of search_text, for the keyword index (search.py).",
    )
    version = models.PositiveIntegerField(
        _("판 번호"),
        default=1,
        editable=False,
        help_text=_("저장할 때마다 1씩 늘어납니다. 다른 사람의 저장을 덮어쓰지 않게 막습니다."),
    )
    #: The public id of the release in the portal API's feed, with the source that gave it
    #: (identifiers.py): empty for a release made here, which takes an id of this instance's.
    news_item_id = models.PositiveBigIntegerField(
        _("정책브리핑 기사 ID"), null=True, blank=True, editable=False
    )
    news_item_source = models.CharField(
        _("기사 ID 출처"),
        max_length=100,
        blank=True,
        editable=False,
        help_text=_("기사 ID를 부여한 곳. 비어 있으면 이 누리집에서 만든 보도자료입니다."),
    )
    created_at = models.DateTimeField(_("작성 일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 일시"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        get_latest_by = "published_at"
        verbose_name = _("보도자료")
        verbose_name_plural = _("보도자료")
        indexes = [
            # The list's order with the status alongside: deep pages read only this index to find
            # their twenty ids (see releases.paging), the feeds and the neighbour links seek in it
            # (views.neighbours_queryset). No index leads with the status for the public pages:
            # published() asks for two statuses, and SQLite, offered one, read both ranges and
            # sorted every public release in a TEMP B-TREE to take the first twenty (without
            # planner statistics, as Django leaves a database; tests/releases/test_list_order_
            # plan.py). The states staff work through have theirs, which a public query cannot
            # use: its statuses are not among them. (PostgreSQL reads it for the review queue
            # and the next embargo; SQLite cannot tell that 'review' is among them and reads
            # release_public_order whole instead, which holds the status: no table, no sort.)
            models.Index(fields=["-published_at", "-id", "status"], name="release_public_order"),
            models.Index(
                fields=["status", "published_at"],
                condition=models.Q(status__in=["draft", "review", "scheduled"]),
                name="release_workflow_status",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["news_item_source", "news_item_id"], name="unique_news_item_per_source"
            )
        ]
        permissions = [
            ("publish_release", _("보도자료를 게시·예약·철회할 수 있음")),
            ("handle_all_ministries", _("모든 기관의 보도자료를 다룰 수 있음")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("releases:detail", kwargs={"slug": self.slug})

    @property
    def corrections(self):
        """Revisions marked as corrections and not superseded by a restore, newest first: shown
        on the page as 정정/Correction. The page prefetches them into correction_revisions;
        elsewhere they are queried."""
        prefetched = getattr(self, "correction_revisions", None)
        if prefetched is not None:
            return prefetched
        return list(self.revisions.corrections())

    @property
    def subtitle_lines(self):
        return [line.strip(" -\t") for line in self.subtitle.splitlines() if line.strip(" -\t")]

    @property
    def body_blocks(self):
        """The body's top-level blocks (paragraphs, lists, tables), in order, as safe HTML."""
        return split_blocks(self.body)

    @property
    def plain_body(self):
        return plain_text(self.body)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the release is written in: Korean always (it is required), another once
        it has its own title and body. In any other language the page shows the Korean text
        (modeltranslation's fallback), marked as Korean, and names only these as alternates.
        Reads the stored excerpt, not the body, so the sitemap can load it for every release."""
        return tuple(
            code
            for code, _name in settings.LANGUAGES
            if code == settings.LANGUAGE_CODE
            or (getattr(self, f"title_{code}", "") and getattr(self, f"excerpt_{code}", ""))
        )

    def lead(self, length=150):
        """A plain-text excerpt for lists and meta descriptions (length up to EXCERPT_CHARS)."""
        return Truncator(self.excerpt or "").chars(length)

    def public_facts(self) -> dict:
        """What this release states publicly, as plain data: all its words, and the phone
        numbers, e-mail addresses and people of its contacts, and the body that issued it.
        Anyone who must tell the release's own facts from a reader's reads them here; two
        queries at most (contacts, and the ministry unless it was selected with the release)."""
        contacts = list(self.contacts.all())
        return {
            "text": "\n".join([self.title, self.subtitle, self.plain_body, self.footnote]),
            "phones": tuple(contact.phone for contact in contacts if contact.phone),
            "emails": tuple(contact.email for contact in contacts if contact.email),
            "people": tuple(contact.name for contact in contacts if contact.name),
            "organisations": (self.ministry.name,),
        }

    def is_public_now(self) -> bool:
        """Whether the release's own URL answers now, as ReleaseQuerySet.viewable() decides: it
        is published, or scheduled and its time has come, or withdrawn (showing the notice).
        Such a release has been public, so it keeps its URL for good (workflow.py)."""
        return (
            self.status in self.PUBLIC_STATES
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def public_state_label(self) -> str:
        """The status as the public sees it now. The stored status stays "scheduled" after the
        embargo lifts (visibility is decided at query time), so a scheduled release reads
        "게시 (예약 게시됨 …)" once live and "게시 예약 (… 공개)" before; others read as stored."""
        if self.status != self.Status.SCHEDULED:
            return self.get_status_display()
        time = timezone.localtime(self.published_at).strftime("%Y-%m-%d %H:%M")
        if self.published_at <= timezone.now():
            return _("게시 (예약 게시됨 %(time)s)") % {"time": time}
        return _("게시 예약 (%(time)s 공개)") % {"time": time}

    public_state_label.short_description = _("공개 상태")


class ReleasePageParts(models.Model):
    """The release page's parts (photos, figures, contacts, files, corrections) stored as data
    with the release, so its page reads them in its own query (page_parts.py has the why and
    the rules). ``token`` changes with every edit of a part; ``data`` counts only when it was
    built for the current token."""

    release = models.OneToOneField(
        Release, on_delete=models.CASCADE, primary_key=True, related_name="page_parts"
    )
    token = models.CharField(max_length=32)
    data = models.JSONField(null=True, blank=True)

    def __str__(self):
        return f"{self.release_id} parts ({self.token})"


class RevisionQuerySet(models.QuerySet):
    def corrections(self):
        """The corrections a reader is told about: those a later restore has not undone
        (revisions.py, _supersede_corrections, has the rule)."""
        return self.filter(is_correction=True, superseded_by__isnull=True)


class Revision(models.Model):
    """A snapshot of a release as saved, with its photos, statistics, contacts and attachments:
    who, when, why. Restoring one writes it back (revisions.py)."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("판"))
    created_at = models.DateTimeField(_("저장 일시"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("저장한 사람"),
    )
    note = models.CharField(_("변경 사유"), max_length=300, blank=True)
    is_correction = models.BooleanField(_("정정"), default=False)
    snapshot = models.JSONField(_("내용"), default=dict)
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="superseded",
        verbose_name=_("이 정정을 되돌린 판"),
        help_text=_("이 정정을 되돌린 복원 판. 무효가 된 정정은 공개 화면에 표시하지 않습니다."),
    )

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["release", "number"], name="unique_revision_number")
        ]
        verbose_name = _("수정 이력")
        verbose_name_plural = _("수정 이력")

    def __str__(self):
        return f"{self.release_id} r{self.number}"


class StatusChange(models.Model):
    """One move of a release through the workflow: who moved it, from where to where, and why.
    A publisher's "send back" comment lives here, for the author to read."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("이전 상태"), max_length=20, choices=Release.Status.choices)
    to_status = models.CharField(_("바뀐 상태"), max_length=20, choices=Release.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("바꾼 사람"),
    )
    changed_at = models.DateTimeField(_("바꾼 일시"), default=timezone.now)
    comment = models.TextField(_("의견"), blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("상태 변경")
        verbose_name_plural = _("상태 변경")

    def __str__(self):
        return f"{self.release_id}: {self.from_status} → {self.to_status}"


class SlugRedirect(models.Model):
    """An address a release used to answer at: it keeps answering, with a permanent redirect."""

    old_slug = models.SlugField(
        _("예전 주소 이름"), max_length=200, unique=True, allow_unicode=True
    )
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(_("바뀐 일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("예전 주소")
        verbose_name_plural = _("예전 주소")

    def __str__(self):
        return self.old_slug


class Photo(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("이미지"), upload_to=photo_upload_to, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    renditions = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="Stored resized copies by name: {name: {url path, width, height}}.",
    )
    caption = models.TextField(_("사진 설명"), help_text=_("▶ 로 시작하는 사진 설명."))
    alt_text = models.CharField(
        _("대체 텍스트"),
        max_length=300,
        help_text=_("화면낭독기 사용자에게 읽어 줄 사진 내용. 비워 둘 수 없습니다."),
    )
    credit = models.CharField(_("출처"), max_length=200, blank=True)
    after_block = models.PositiveSmallIntegerField(
        _("본문 위치"),
        default=1,
        help_text=_("몇 번째 문단 뒤에 사진을 놓을지 정합니다. 0이면 본문 맨 앞입니다."),
    )
    order = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("사진")
        verbose_name_plural = _("사진")

    def __str__(self):
        return self.alt_text

    @property
    def srcset(self):
        from briefing.releases.services import SRCSET_NAMES

        renditions = self.renditions or {}
        return ", ".join(
            f"{self.image.storage.url(renditions[name]['path'])} {renditions[name]['width']}w"
            for name in SRCSET_NAMES
            if name in renditions
        )

    @property
    def caption_text(self):
        """The caption without the portal's ▶ marker, which the template draws itself."""
        return self.caption.lstrip("▶ ").strip()


class Statistic(models.Model):
    """A figure stated in the release, kept as data so it can be charted and reused."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="statistics")
    label = models.CharField(_("항목"), max_length=200)
    value = models.DecimalField(_("값"), max_digits=20, decimal_places=4)
    unit = models.CharField(_("단위"), max_length=40)
    value_text = models.CharField(
        _("본문 표기"),
        max_length=100,
        blank=True,
        help_text=_(
            "보도자료가 쓴 그대로의 표기(예: 16억 3천만불). 비우면 값과 단위로 표시합니다."
        ),
    )
    as_of = models.CharField(_("기준 시점"), max_length=100, blank=True)
    change_percent = models.DecimalField(
        _("전기 대비 증감률(%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    is_record_high = models.BooleanField(_("역대 최고"), default=False)
    note = models.TextField(_("비고"), blank=True)
    order = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("통계")
        verbose_name_plural = _("통계")

    def __str__(self):
        return f"{self.label}: {self.display_value}"

    @property
    def display_value(self):
        if self.value_text:
            return self.value_text
        number = self.value.normalize()
        text = f"{number:,f}" if number == number.to_integral() else f"{number:,}"
        return f"{text} {self.unit}".strip()


class Contact(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="contacts")
    department = models.CharField(_("부서"), max_length=100)
    name = models.CharField(_("담당자"), max_length=50)
    position = models.CharField(_("직위"), max_length=50, blank=True)
    phone = models.CharField(_("전화번호"), max_length=30)
    email = models.EmailField(_("이메일"), blank=True)
    order = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("문의처")
        verbose_name_plural = _("문의처")

    def __str__(self):
        return f"{self.department} {self.name} {self.position}".strip()

    @property
    def tel_uri(self):
        return "tel:+82" + "".join(ch for ch in self.phone if ch.isdigit()).removeprefix("0")


class Attachment(models.Model):
    """A downloadable file of the release: its original (HWP, HWPX, PDF, DOCX), tables (XLSX,
    CSV), slides (PPTX), images or an archive, each checked by content (uploads.py)."""

    class Kind(models.TextChoices):
        HWP = "hwp", "HWP"
        HWPX = "hwpx", "HWPX"
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"
        XLSX = "xlsx", "XLSX"
        PPTX = "pptx", "PPTX"
        ZIP = "zip", "ZIP"
        CSV = "csv", "CSV"
        JPG = "jpg", "JPG"
        PNG = "png", "PNG"

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("파일"), upload_to=attachment_upload_to)
    name = models.CharField(_("파일 이름"), max_length=255, blank=True)
    kind = models.CharField(_("형식"), max_length=10, choices=Kind.choices, editable=False)
    size = models.PositiveBigIntegerField(_("크기(바이트)"), default=0, editable=False)
    download_count = models.PositiveIntegerField(_("내려받기 횟수"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("첨부파일")
        verbose_name_plural = _("첨부파일")

    def __str__(self):
        return self.name or self.file.name
