from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "briefing.moderation"
    verbose_name = _("댓글 관리")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: these modules use models, which exist only once the
        # app registry is ready (Django's rule for AppConfig.ready()).
        from briefing.comments import signals
        from briefing.comments.services import register_withholding_disclosure
        from briefing.moderation import actions, audit, demo, page_slots
        from briefing.releases.signals import demo_prepared

        # The citizen side announces automatic steps; the audit trail is kept here.
        signals.comment_queued_by_rules.connect(audit.on_comment_queued_by_rules)
        signals.comment_auto_hidden.connect(audit.on_comment_auto_hidden)
        signals.appeal_submitted.connect(audit.on_appeal_submitted)
        signals.objection_submitted.connect(audit.on_objection_submitted)
        # Whether "my comments" may say an agency asked is in the agency request, kept here.
        register_withholding_disclosure(actions.disclosed_agency_requests)
        demo_prepared.connect(demo.prepare_demo, dispatch_uid="moderation-demo")
        # The public header's link to the desk, for moderators.
        page_slots.register()
