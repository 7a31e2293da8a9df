from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "briefing.opendata"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("공공데이터")

    def ready(self):
        from briefing.opendata import signals

        signals.connect()
