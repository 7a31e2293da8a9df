from django.apps import AppConfig


class PageviewsConfig(AppConfig):
    name = "briefing.pageviews"
    default_auto_field = "django.db.models.BigAutoField"
