"""The staff's editing desk: one page per release, Korean and English side by side in tabs."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import F, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from briefing.releases import desks, notices, workflow
from briefing.releases.editing import (
    BODY_EDITOR_FORMFIELD,
    GroupedDecimalField,
    placement_choices,
    placement_help_text,
)
from briefing.releases.html import SanitizedHTMLField
from briefing.releases.models import (
    Attachment,
    Contact,
    Ministry,
    Photo,
    Release,
    Revision,
    SlugRedirect,
    Statistic,
)
from briefing.releases.preview import render_release_page
from briefing.releases.revisions import StaleRestore, restore_plan
from briefing.releases.services import (
    diff_revisions,
    generate_renditions,
    record_revision,
    restore_revision,
)
from briefing.releases.uploads import attachment_kind, clean_attachment_name, clean_photo

ALT_TEXT_REQUIRED = _("사진마다 대체 텍스트를 입력하세요. 화면낭독기 사용자에게 필요합니다.")
UNIT_REQUIRED = _("통계마다 단위를 입력하세요(예: 개사, 달러, %).")


class PhotoForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = "__all__"  # noqa: DJ007 - the inline lists its fields; the form only validates
        error_messages = {"alt_text_ko": {"required": ALT_TEXT_REQUIRED}}

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and hasattr(image, "content_type"):  # a new upload, not the stored file
            return clean_photo(image)
        return image


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = "__all__"  # noqa: DJ007 - the inline lists its fields; the form only validates

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):
            self.instance.kind = attachment_kind(upload)
            self.instance.size = upload.size
        return upload

    def clean_name(self):
        return clean_attachment_name(self.cleaned_data.get("name", ""))

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload and not cleaned.get("name"):
            cleaned["name"] = upload.name
        return cleaned


class StatisticForm(forms.ModelForm):
    class Meta:
        model = Statistic
        fields = "__all__"  # noqa: DJ007 - the inline lists its fields; the form only validates
        error_messages = {"unit_ko": {"required": UNIT_REQUIRED}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The value shows its saved unit beside it; the unit fields follow on the next lines.
        if "value" in self.fields:
            self.fields["value"].widget.unit = self.instance.unit_ko if self.instance.pk else ""
        if "change_percent" in self.fields:
            self.fields["change_percent"].widget.unit = "%"


class PhotoInline(TranslationStackedInline):
    """Stacked: a photo's caption, alternative text and credit in two languages do not fit a
    table row. Its place in the body is chosen from the body's own paragraphs."""

    model = Photo
    form = PhotoForm
    extra = 0
    fields = (("preview", "image"), "caption", "alt_text", "credit", ("after_block", "order"))
    readonly_fields = ("preview",)

    @admin.display(description=_("미리보기"))
    def preview(self, photo):
        if not photo.image:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" class="photo-preview">', photo.image.url, photo.alt_text
        )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        body = obj.body_ko if obj else ""
        stored = obj.photos.values_list("after_block", flat=True) if obj else ()
        number = formset.form.base_fields["after_block"]
        formset.form.base_fields["after_block"] = forms.TypedChoiceField(
            label=number.label,
            choices=placement_choices(body, stored),
            coerce=int,
            initial=number.initial,
            help_text=placement_help_text(body),
        )
        return formset


class StatisticInline(TranslationStackedInline):
    """Stacked, with each figure's unit on the line of its value: nine columns in two languages
    made the table wider than any screen."""

    model = Statistic
    form = StatisticForm
    extra = 0
    # Not ("value", "unit") on one line: the translation tabs take unit_ko/unit_en out of such
    # a line. The value's widget shows the unit instead (NumberWithUnitInput).
    fields = (
        "label", "value", "unit", "value_text", "as_of", "change_percent", "is_record_high",
        "note", "order",
    )  # fmt: skip
    formfield_overrides = {models.DecimalField: {"form_class": GroupedDecimalField}}


class ContactInline(TranslationTabularInline):
    model = Contact
    extra = 0
    fields = ("department", "name", "position", "phone", "email", "order")


class AttachmentInline(admin.TabularInline):
    model = Attachment
    form = AttachmentForm
    extra = 0
    fields = ("file", "name", "kind", "size", "download_count", "order")
    readonly_fields = ("kind", "size", "download_count")


class TranslationStatusFilter(admin.SimpleListFilter):
    title = _("영문 번역")
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return [("missing", _("영문 없음")), ("present", _("영문 있음"))]

    def queryset(self, request, queryset):
        missing = (
            Q(title_en__isnull=True) | Q(title_en="") | Q(body_en__isnull=True) | Q(body_en="")
        )
        if self.value() == "missing":
            return queryset.filter(missing)
        if self.value() == "present":
            return queryset.exclude(missing)
        return queryset


class ReleaseAdminForm(forms.ModelForm):
    """The release form, with the guards of the editorial desk: only the moves the user may
    make are offered (workflow.py), only their ministries can be chosen (desks.py), and no save
    silently overwrites a colleague's newer one (optimistic locking on Release.version)."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    review_comment = forms.CharField(
        label=_("검토 의견"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_(
            "검토 요청을 작성 중으로 되돌려 보낼 때 작성자에게 보낼 의견입니다. "
            "작성자는 편집 화면과 이메일로 받습니다."
        ),
    )
    change_note = forms.CharField(
        label=_("변경 사유"),
        max_length=300,
        required=False,
        help_text=_("수정 이력에 남습니다. 정정 보도라면 무엇을 고쳤는지 적어 주세요."),
    )
    is_correction = forms.BooleanField(
        label=_("정정 보도로 표시"),
        required=False,
        help_text=_("공개 화면에 '정정' 표시와 날짜가 나타납니다."),
    )

    class Meta:
        model = Release
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expected_version"].initial = self.instance.version
        self.previous_status = (
            workflow.current_status(self.instance) if self.instance.pk else Release.Status.DRAFT
        )
        self.previous_slug = self.instance.slug
        user = getattr(self, "request_user", None)
        if "status" not in self.fields:  # a read-only view of the release
            return
        if user is not None:
            self._offer_only_allowed_moves(user)
            if "ministry" in self.fields:
                self.fields["ministry"].queryset = desks.ministries_for(user)
        if "published_at" in self.fields:
            self._explain_publication_time()

    def _offer_only_allowed_moves(self, user):
        allowed = workflow.allowed_statuses(self.instance, user)
        status = self.fields["status"]
        status.choices = [(v, label) for v, label in Release.Status.choices if v in allowed]
        status.error_messages["invalid_choice"] = _(
            "이 보도자료를 그 상태로 바꿀 수 없습니다. 고를 수 있는 상태만 목록에 보입니다."
        )
        self.initial["status"] = self.previous_status
        if workflow.is_publisher(user) and workflow.four_eyes_blocks(self.instance, user):
            status.help_text = workflow.FOUR_EYES_REFUSAL
        elif not workflow.is_publisher(user):
            status.help_text = _(
                "게시·예약·철회는 게시 담당자가 합니다. 다 쓰면 검토 요청으로 저장하세요."
            )

    def _explain_publication_time(self):
        field = self.fields["published_at"]
        field.required = False
        if self.instance.pk and self.instance.is_public_now():
            field.disabled = True
            field.help_text = _("공개된 시각입니다. 게시된 뒤에는 바꿀 수 없습니다.")
        else:
            field.label = _("게시 예약 시각")
            field.help_text = _(
                "게시 예약을 고를 때만 씁니다. '게시'로 저장하면 저장한 순간이 게시 일시가 됩니다."
            )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        taken = SlugRedirect.objects.filter(old_slug=slug)
        if self.instance.pk:
            taken = taken.exclude(release=self.instance)
        if taken.exists():
            raise ValidationError(
                _(
                    "다른 보도자료가 예전에 쓰던 주소입니다. 그 주소는 계속 그 보도자료로 이어지므로 쓸 수 없습니다."
                ),
                code="slug_in_use",
            )
        return slug

    def clean(self):
        cleaned = super().clean()
        if self.fields.get("published_at") and self.fields["published_at"].disabled:
            # The form's split date and time drop the seconds' fraction: keep the stored time.
            cleaned["published_at"] = self.instance.published_at
        self._check_version(cleaned.get("expected_version"))
        self._check_schedule(cleaned)
        self._check_send_back(cleaned)
        return cleaned

    def _check_version(self, expected):
        if not self.instance.pk or expected is None:
            return
        current = (
            Release.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", "updated_at")
            .first()
        )
        if current and current[0] != expected:
            last = self.instance.revisions.select_related("created_by").first()
            who = (
                (last.created_by.get_full_name() or last.created_by.get_username())
                if (last and last.created_by)
                else _("다른 사용자")
            )
            raise ValidationError(
                _(
                    "%(who)s님이 %(when)s에 이 보도자료를 먼저 저장했습니다. 덮어쓰지 않도록 "
                    "저장을 막았습니다. 새 창에서 최신 내용을 확인한 뒤 다시 수정하세요."
                ),
                code="stale_version",
                params={
                    "who": who,
                    "when": timezone.localtime(current[1]).strftime("%Y-%m-%d %H:%M:%S"),
                },
            )

    def _check_schedule(self, cleaned):
        status, publish_at = cleaned.get("status"), cleaned.get("published_at")
        if status == Release.Status.SCHEDULED and not self.fields["published_at"].disabled:
            if not publish_at:
                self.add_error("published_at", _("게시 예약에는 공개할 시각이 필요합니다."))
            elif publish_at <= timezone.now():
                self.add_error(
                    "published_at",
                    _(
                        "게시 예약 시각은 지금보다 뒤여야 합니다. 바로 게시하려면 '게시'를 고르세요."
                    ),
                )
        if status == Release.Status.WITHDRAWN and not cleaned.get("withdrawal_notice_ko"):
            self.add_error(
                "withdrawal_notice_ko",
                _("게시를 철회할 때는 시민에게 보일 철회 안내문을 적어야 합니다."),
            )

    def _check_send_back(self, cleaned):
        user = getattr(self, "request_user", None)
        sending_back = user is not None and workflow.is_send_back(
            self.previous_status,
            cleaned.get("status"),
            user=user,
            author_id=self.instance.created_by_id,
        )
        if sending_back and not cleaned.get("review_comment", "").strip():
            self.add_error(
                "review_comment",
                _("되돌려 보낼 때는 작성자가 무엇을 고쳐야 하는지 검토 의견을 적어 주세요."),
            )


@admin.register(Release)
class ReleaseAdmin(TabbedTranslationAdmin):
    form = ReleaseAdminForm
    list_display = (
        "title", "ministry", "published_at", "public_state_label", "has_english", "version",
    )  # fmt: skip
    list_filter = ("status", TranslationStatusFilter, "ministry__group", "ministry", "published_at")
    list_select_related = ("ministry",)
    ordering = (F("published_at").desc(nulls_first=True), "-id")
    search_fields = ("title_ko", "title_en", "body_ko", "body_en", "subtitle_ko")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    inlines = (PhotoInline, StatisticInline, ContactInline, AttachmentInline)
    readonly_fields = (
        "created_at", "updated_at", "withdrawn_at", "version", "approved_at", "approver",
        "news_item_id", "news_item_source",
    )  # fmt: skip
    fieldsets = (
        (None, {"fields": ("title", "subtitle", "slug", "ministry")}),
        (
            _("게시"),
            {
                "fields": (
                    "status",
                    "published_at",
                    "review_comment",
                    "withdrawal_notice",
                    "withdrawn_at",
                    "approver",
                    "approved_at",
                ),  # fmt: skip
                "description": _(
                    "작성 중 → 검토 요청 → 게시 예약(시각 지정) 또는 게시 → 게시 철회. "
                    "예약한 보도자료는 그 시각이 되기 전에는 어디에도 공개되지 않습니다. "
                    "한 번 공개된 보도자료는 작성 중으로 돌아갈 수 없고, 철회만 할 수 있습니다."
                ),
            },
        ),
        (_("본문"), {"fields": ("body", "footnote", "attribution", "licence")}),
        (_("이번 저장"), {"fields": ("change_note", "is_correction", "expected_version")}),
        (
            _("기록"),
            {
                "fields": (
                    "news_item_id",
                    "news_item_source",
                    "version",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )
    change_form_template = "admin/releases/release/change_form.html"

    def view_on_site(self, release):
        """The "사이트에서 보기" link only while the public page answers: a draft, a release under
        review or one whose scheduled time has not come would be a 404 there (the change form's
        미리보기 links show those to staff instead)."""
        if not release.is_public_now():
            return None
        content_type = admin.options.get_content_type_for_model(release)
        return reverse(
            "admin:view_on_site",
            kwargs={"content_type_id": content_type.pk, "object_id": release.pk},
            current_app=self.admin_site.name,
        )

    EDITING_WINDOW = timedelta(minutes=10)

    class Media:
        css = {"all": ["css/admin-release.css"]}
        js = ["js/admin-release-editor.js"]

    # body_ko and body_en are modeltranslation's copies of the SanitizedHTMLField body.
    formfield_overrides = {SanitizedHTMLField: BODY_EDITOR_FORMFIELD}

    @admin.display(description=_("영문"), boolean=True)
    def has_english(self, release):
        return bool(release.title_en and release.body_en)

    #: Fields only a publisher acts on (a publication time, a send-back comment, a withdrawal
    #: notice): an editor, who may not make those moves, is not shown them.
    PUBLISHER_FIELDS = ("published_at", "review_comment", "withdrawal_notice", "withdrawn_at")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if workflow.is_publisher(request.user):
            return fieldsets
        return [
            (
                name,
                {
                    **options,
                    "fields": [f for f in options["fields"] if not self._for_publishers(f)],
                },
            )
            for name, options in fieldsets
        ]

    def _for_publishers(self, field_name):
        return any(
            field_name == name or field_name.startswith(f"{name}_")
            for name in self.PUBLISHER_FIELDS
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        return type(form_class.__name__, (form_class,), {"request_user": request.user})

    @admin.display(description=_("게시 승인자"))
    def approver(self, release):
        user = release.published_by
        return (user.get_full_name() or user.get_username()) if user else "—"

    def get_queryset(self, request):
        """Only the releases of the user's own ministries, on every page of the desk: the list,
        the change form, its history, the preview, the revisions and the review queue."""
        return desks.releases_for(request.user, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "ministry":
            kwargs["queryset"] = desks.ministries_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _in_scope(self, request, obj):
        return obj is None or desks.may_handle(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        """Once a release is public (or scheduled), only publishers may change it: an editor's
        edit to a live page would otherwise skip review."""
        allowed = super().has_change_permission(request, obj) and self._in_scope(request, obj)
        if allowed and obj is not None and obj.status in Release.PUBLIC_STATES:
            return workflow.is_publisher(request.user)
        return allowed

    def has_delete_permission(self, request, obj=None):
        """A release that has been public keeps its URL: it is withdrawn, never deleted."""
        allowed = super().has_delete_permission(request, obj) and self._in_scope(request, obj)
        return allowed and not (obj is not None and obj.is_public_now())

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        else:
            obj.version = (form.cleaned_data.get("expected_version") or obj.version) + 1
        workflow.record_publication(obj, form.previous_status, user=request.user)
        super().save_model(request, obj, form, change)
        if change and form.previous_slug != obj.slug:
            workflow.keep_old_address(obj, form.previous_slug, previous=form.previous_status)
        moved = workflow.log_change(
            obj,
            form.previous_status,
            user=request.user,
            comment=form.cleaned_data.get("review_comment", "").strip(),
        )
        if moved:
            notices.announce_move(moved, request=request)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Photo:
            for photo in formset.new_objects + [obj for obj, _fields in formset.changed_objects]:
                generate_renditions(photo, force=True)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        record_revision(
            form.instance,
            user=request.user,
            note=form.cleaned_data.get("change_note", ""),
            is_correction=form.cleaned_data.get("is_correction", False),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            self._announce_other_editors(request, object_id)
        release = self.get_object(request, object_id)
        if release is not None:
            extra_context = {**(extra_context or {}), "send_back": workflow.last_send_back(release)}
        return super().change_view(request, object_id, form_url, extra_context)

    def _announce_other_editors(self, request, object_id):
        """Tell the second editor who else has this release open (shared through the cache)."""
        key = f"release-editors:{object_id}"
        now = timezone.now()
        editors = {
            user_id: (name, opened)
            for user_id, (name, opened) in (cache.get(key) or {}).items()
            if now - opened < self.EDITING_WINDOW
        }
        for user_id, (name, opened) in editors.items():
            if user_id != request.user.pk:
                messages.warning(
                    request,
                    _(
                        "%(name)s님이 %(time)s부터 이 보도자료를 편집하고 있습니다. 저장이 겹치면 나중 저장은 막힙니다."
                    )
                    % {"name": name, "time": timezone.localtime(opened).strftime("%H:%M")},
                )
        editors[request.user.pk] = (
            request.user.get_full_name() or request.user.get_username(),
            now,
        )
        cache.set(key, editors, int(self.EDITING_WINDOW.total_seconds()))

    # --- Revisions and preview --------------------------------------------------------------

    def get_urls(self):
        urls = [
            path(
                "<int:object_id>/revisions/",
                self.admin_site.admin_view(self.revisions_view),
                name="releases_release_revisions",
            ),
            path(
                "<int:object_id>/revisions/<int:number>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="releases_release_restore",
            ),
            path(
                "review/",
                self.admin_site.admin_view(self.review_queue_view),
                name="releases_release_review",
            ),
            path(
                "<int:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="releases_release_preview",
            ),
        ]
        return urls + super().get_urls()

    def _release_or_404(self, request, object_id):
        release = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_permission(request, release):
            raise PermissionDenied
        return release

    def revisions_view(self, request, object_id):
        release = self._release_or_404(request, object_id)
        revisions = list(release.revisions.select_related("created_by", "superseded_by"))
        by_number = {revision.number: revision for revision in revisions}
        older = by_number.get(_int_or_none(request.GET.get("a")))
        newer = by_number.get(_int_or_none(request.GET.get("b")))
        if older is None and newer is None and len(revisions) >= 2:
            newer, older = revisions[0], revisions[1]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "release": release,
            "revisions": revisions,
            "older": older,
            "newer": newer,
            "diff": diff_revisions(older, newer) if older and newer else None,
            "can_restore": self.has_change_permission(request, release),
            "title": _("수정 이력: %(title)s") % {"title": release.title},
        }
        return TemplateResponse(request, "admin/releases/release/revisions.html", context)

    def restore_view(self, request, object_id, number):
        """GET asks for confirmation, showing what the restore would change; POST (with the
        version the confirmation was shown for) restores. A bare POST, or one made after
        someone else saved the release, gets the confirmation page again."""
        release = self._release_or_404(request, object_id)
        if not self.has_change_permission(request, release):
            raise PermissionDenied
        revision = get_object_or_404(Revision, release=release, number=number)
        stale = False
        if request.method == "POST":
            expected = _int_or_none(request.POST.get("expected_version"))
            if expected is not None:
                try:
                    restored = restore_revision(
                        revision, user=request.user, expected_version=expected
                    )
                except StaleRestore:
                    stale = True
                else:
                    if restored is None:
                        messages.info(
                            request, _("이미 %(number)d판과 같은 내용입니다.") % {"number": number}
                        )
                    else:
                        messages.success(
                            request, _("%(number)d판 내용으로 되돌렸습니다.") % {"number": number}
                        )
                    return redirect("admin:releases_release_change", release.pk)
            release.refresh_from_db()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "release": release,
            "revision": revision,
            "plan": restore_plan(revision, release),
            "stale": stale,
            "title": _("r%(number)d으로 되돌리기: %(title)s")
            % {"number": number, "title": release.title},
        }
        return TemplateResponse(request, "admin/releases/release/restore_confirm.html", context)

    def review_queue_view(self, request):
        """검토 대기: the requests for review a publisher may act on, oldest first."""
        if not workflow.is_publisher(request.user):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "waiting": workflow.waiting_for_review(request.user),
            "title": _("검토 대기"),
        }
        return TemplateResponse(request, "admin/releases/release/review_queue.html", context)

    def preview_view(self, request, object_id):
        """The release exactly as the public page will render it, for staff only, never cached
        and never indexed (a draft must not leak through a proxy cache or a search engine)."""
        release = self._release_or_404(request, object_id)
        language = (
            request.GET.get("lang", "ko") if request.GET.get("lang") in ("ko", "en") else "ko"
        )
        with translation.override(language):
            response = render_release_page(request, release, preview=True)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@admin.register(Ministry)
class MinistryAdmin(TabbedTranslationAdmin):
    list_display = ("name", "code", "group", "order")
    list_filter = ("group",)
    search_fields = ("name_ko", "name_en", "code")
