from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from briefing import pagecache
from briefing.cache import create_cache_tables


class ReleasesConfig(AppConfig):
    name = "briefing.releases"
    verbose_name = _("보도자료")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: these modules use models, which exist only once the
        # app registry is ready (Django's rule for AppConfig.ready()).
        from briefing.releases import signals  # noqa: F401 - connects the receivers
        from briefing.releases.keyword_index import ensure_keyword_index

        post_migrate.connect(
            lambda using, **kwargs: ensure_keyword_index(using),
            sender=self,
            dispatch_uid="releases-keyword-index",
            weak=False,
        )
        # The shared cache without Redis lives in the database: migrate makes its tables. Hooked
        # here because this app migrates on every site; the function knows no app.
        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="cache-tables")
        Release = self.get_model("Release")
        pagecache.invalidate_on_change(*(self.get_model(name) for name in (
            "Ministry", "Release", "Revision", "Photo", "Statistic", "Contact", "Attachment",
        )))  # fmt: skip
        # An embargo lifts with nobody saving anything: the page cache asks when that happens.
        pagecache.watch_schedule(Release.objects.next_publication_time)
