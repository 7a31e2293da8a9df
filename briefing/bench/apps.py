from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmark support: the synthetic-data command and the bare baseline view (bench/)."""

    name = "briefing.bench"
    default_auto_field = "django.db.models.BigAutoField"
