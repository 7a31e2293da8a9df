"""The release page's template pulls its comment section in through this tag (the way
django-contrib-comments' render_comment_form works); the release view imports only the slot and
the section's renderer, to assemble a cached page shell around a live section."""

from django import template
from django.utils.safestring import mark_safe

from briefing.comments.rendering import render_comment_section

register = template.Library()

#: Where a cached page shell takes its live comment section (see briefing.releases.views).
COMMENTS_SLOT = "<!--briefing:comments-->"


@register.simple_tag(takes_context=True)
def comment_section(context, release):
    if context.get("defer_comments"):
        return mark_safe(COMMENTS_SLOT)  # noqa: S308 - a constant
    return render_comment_section(context.get("request"), release, form=context.get("comment_form"))
