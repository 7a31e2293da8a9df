from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from briefing.pagecache import register_slot


class PageviewsConfig(AppConfig):
    name = "briefing.pageviews"
    verbose_name = _("조회수")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: these modules use models, which exist only once the
        # app registry is ready (Django's rule for AppConfig.ready()).
        from briefing.pageviews.services import count_release_view
        from briefing.pageviews.sidebar import render_sidebar
        from briefing.releases.signals import release_viewed

        release_viewed.connect(count_release_view, dispatch_uid="pageviews-count")
        register_slot("sidebar", render_sidebar)
