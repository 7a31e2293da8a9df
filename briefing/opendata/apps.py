from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "briefing.opendata"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("공공데이터")

    def ready(self):
        from briefing import pagecache
        from briefing.opendata import signals
        from briefing.opendata.attachments import imported_links
        from briefing.opendata.models import ImportedAttachmentLink
        from briefing.releases.attachment_sources import register_attachment_source

        signals.connect()
        # The release page lists an imported release's links in its 첨부파일 box, so a changed
        # link makes cached pages stale like a changed attachment does.
        register_attachment_source(imported_links)
        pagecache.invalidate_on_change(ImportedAttachmentLink)
