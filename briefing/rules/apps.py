from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    """An app only so that Django finds the rules' translations; it has no models."""

    name = "briefing.rules"
    verbose_name = _("게시물 운영원칙")
