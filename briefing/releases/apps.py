from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    name = "briefing.releases"
    verbose_name = _("보도자료")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from briefing.releases.keyword_index import ensure_keyword_index

        post_migrate.connect(
            lambda using, **kwargs: ensure_keyword_index(using),
            sender=self,
            dispatch_uid="releases-keyword-index",
            weak=False,
        )
        from briefing.pagecache import invalidate_on_change
        from briefing.releases import signals  # noqa: F401 - connects the receivers

        invalidate_on_change(*(self.get_model(name) for name in (
            "Ministry", "Release", "Revision", "Photo", "Statistic", "Contact", "Attachment",
        )))  # fmt: skip
