"""The release page pulls its comment section in through this tag, so releases knows nothing of
comments (the way django-contrib-comments' render_comment_form works)."""

from django import template

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, release):
    return {"release": release, "request": context.get("request")}
