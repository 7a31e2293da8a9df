"""What the importer remembers about releases that came from the portal's press-release API.

Release rows belong to briefing.releases; these rows only describe where an imported release came
from, so the releases app needs no fields that exist only for the import.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from briefing.releases.models import Attachment, Release


class ImportRecord(models.Model):
    """The portal item a release was imported from, and the change number last taken from it."""

    release = models.OneToOneField(
        Release, on_delete=models.CASCADE, related_name="import_record", verbose_name=_("보도자료")
    )
    # The item's id and source are the release's own (news_item_id, news_item_source).
    modify_id = models.PositiveIntegerField(_("변경 횟수"), default=1)
    #: The release's version just after the import wrote it: a higher version means someone
    #: here has changed it since, and the next import must not overwrite that unasked.
    release_version = models.PositiveIntegerField(_("가져온 뒤의 판 번호"), default=0)
    original_url = models.URLField(_("원문 주소"), max_length=500, blank=True)
    #: The source's ApproverName, republished as it came: nobody here approved the release.
    approver_name = models.CharField(_("승인자명"), max_length=100, blank=True)
    source_file = models.CharField(_("가져온 파일"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("가져온 일시"))

    class Meta:
        verbose_name = _("가져오기 기록")
        verbose_name_plural = _("가져오기 기록")

    def __str__(self):
        return f"{self.release.news_item_source} {self.release.news_item_id} (ModifyId {self.modify_id})"


class ImportedAttachmentLink(models.Model):
    """An attachment known only by name and URL: the importer records it but never downloads it."""

    release = models.ForeignKey(
        Release, on_delete=models.CASCADE, related_name="imported_attachment_links"
    )
    name = models.CharField(_("파일 이름"), max_length=255)
    url = models.URLField(_("주소"), max_length=1000)
    order = models.PositiveSmallIntegerField(_("순서"), default=0)
    #: The file made from the link by `import_press_releases --fetch-attachments`, checked like
    #: an upload: once there, the page and the feed offer that file instead of the link.
    attachment = models.OneToOneField(
        Attachment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="imported_from",
        verbose_name=_("내려받은 첨부파일"),
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("가져온 첨부파일 링크")
        verbose_name_plural = _("가져온 첨부파일 링크")

    def __str__(self):
        return self.name
