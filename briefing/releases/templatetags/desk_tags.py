"""The admin header's 검토 대기 link: a publisher sees at once how many releases wait."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from briefing.releases import desks, workflow
from briefing.releases.models import Release

register = template.Library()


@register.simple_tag(takes_context=True)
def review_queue_link(context):
    """``검토 대기 N`` for users who may publish (one count query), nothing for anybody else."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_active or not workflow.is_publisher(user):
        return ""
    count = desks.releases_for(user, Release.objects.filter(status=Release.Status.REVIEW)).count()
    return format_html(
        '<a href="{}" class="review-queue-link">{} <span class="review-queue-count">{}</span></a> / ',
        reverse("admin:releases_release_review"),
        _("검토 대기"),
        count,
    )
