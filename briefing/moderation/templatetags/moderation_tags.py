"""The way to the moderators' desk from the admin's header (templates/admin/base_site.html), so
nothing outside the app needs to know its URL or its queue; the public header has a slot
(page_slots.py)."""

from django import template

from briefing.moderation.page_slots import desk_for

register = template.Library()


@register.simple_tag(takes_context=True)
def moderation_desk(context):
    """{"url": the desk, "count": comments awaiting a decision} for a user who may moderate,
    None for anyone else (page_slots.desk_for)."""
    return desk_for(context.get("user"))
