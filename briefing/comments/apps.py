from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "briefing.comments"
    verbose_name = _("댓글")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from briefing.comments.services import comment_history
        from briefing.moderation.history import set_history_provider

        # Rule 11 (repetition) needs the author's history; moderation itself stays model-free.
        set_history_provider(comment_history)
        from briefing.comments import cache_invalidation  # noqa: F401 - connects receivers
