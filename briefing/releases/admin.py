"""The staff's editing desk: one page per release, Korean and English side by side in tabs."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from briefing.releases.models import Attachment, Contact, Ministry, Photo, Release, Statistic
from briefing.releases.uploads import attachment_kind, clean_photo

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


class PhotoInline(TranslationTabularInline):
    model = Photo
    form = PhotoForm
    extra = 0
    fields = ("preview", "image", "caption", "alt_text", "credit", "after_block", "order")
    readonly_fields = ("preview",)

    @admin.display(description=_("미리보기"))
    def preview(self, photo):
        if not photo.image:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" style="max-width:120px;max-height:90px">',
            photo.image.url,
            photo.alt_text,
        )


class StatisticInline(TranslationTabularInline):
    model = Statistic
    form = StatisticForm
    extra = 0
    fields = (
        "label", "value", "unit", "value_text", "as_of", "change_percent", "is_record_high",
        "note", "order",
    )  # fmt: skip


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


@admin.register(Release)
class ReleaseAdmin(TabbedTranslationAdmin):
    list_display = ("title", "ministry", "published_at", "status", "has_english")
    list_filter = ("status", "ministry__group", "ministry", "published_at")
    list_select_related = ("ministry",)
    search_fields = ("title_ko", "title_en", "body_ko", "body_en", "subtitle_ko")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("ministry",)
    inlines = (PhotoInline, StatisticInline, ContactInline, AttachmentInline)
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", "subtitle", "slug", "ministry", "published_at", "status")}),
        (_("본문"), {"fields": ("body", "footnote", "attribution", "licence")}),
        (_("기록"), {"fields": ("news_item_id", "created_at", "updated_at")}),
    )

    @admin.display(description=_("영문"), boolean=True)
    def has_english(self, release):
        return bool(release.title_en and release.body_en)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Ministry)
class MinistryAdmin(TabbedTranslationAdmin):
    list_display = ("name", "code", "group", "order")
    list_filter = ("group",)
    search_fields = ("name_ko", "name_en", "code")
