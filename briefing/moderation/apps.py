from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "briefing.moderation"
    verbose_name = _("댓글 관리")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from briefing.comments import signals
        from briefing.moderation import audit

        # The citizen side announces automatic steps; the audit trail is kept here.
        signals.comment_queued_by_rules.connect(audit.on_comment_queued_by_rules)
        signals.comment_auto_hidden.connect(audit.on_comment_auto_hidden)
        signals.appeal_submitted.connect(audit.on_appeal_submitted)
