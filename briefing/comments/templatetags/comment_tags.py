"""The comments app's own pages pull the comment section in through this tag (the way
django-contrib-comments' render_comment_form works); the release page gets the same section
through its "comments" slot (briefing/comments/page_slots.py)."""

from django import template

from briefing.comments.rendering import render_comment_section

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_section(context, release):
    return render_comment_section(context.get("request"), release)
