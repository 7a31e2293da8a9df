"""The way to the moderators' desk from pages this app does not own (the admin's header,
templates/admin/base_site.html), so nothing outside the app needs to know its URL or its queue."""

from django import template
from django.urls import reverse

from briefing.moderation import queue
from briefing.moderation.views import MODERATE

register = template.Library()


@register.simple_tag(takes_context=True)
def moderation_desk(context):
    """{"url": the desk, "count": comments awaiting a decision} for a user who may moderate
    (the permission the desk itself checks), None for anyone else. One COUNT query, on the
    queue's own index."""
    user = context.get("user")
    if user is None or not user.is_authenticated or not user.has_perm(MODERATE):
        return None
    return {"url": reverse("moderation:queue"), "count": queue.queued().count()}
