from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "briefing.comments"
    verbose_name = _("댓글")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: these modules use models, which exist only once the
        # app registry is ready (Django's rule for AppConfig.ready()).
        from briefing.comments import cache_invalidation, demo, page_slots
        from briefing.releases.signals import demo_prepared
        from briefing.rules.learned import use_model_file

        cache_invalidation.connect()
        page_slots.register()
        demo_prepared.connect(demo.prepare_demo, dispatch_uid="comments-demo")
        # Comments are judged with the model retrain_rules installs, once there is one.
        use_model_file(settings.RULES_MODEL_FILE)
