from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    name = "briefing.releases"
    verbose_name = _("보도자료")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from briefing.pagecache import invalidate_on_change
        from briefing.releases import signals  # noqa: F401 - connects the receivers

        invalidate_on_change(*(self.get_model(name) for name in (
            "Ministry", "Release", "Revision", "Photo", "Statistic", "Contact", "Attachment",
        )))  # fmt: skip
