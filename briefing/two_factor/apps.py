from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwoFactorConfig(AppConfig):
    name = "briefing.two_factor"
    verbose_name = _("2단계 인증")
