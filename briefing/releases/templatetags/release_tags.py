"""Template helpers for the public pages: the language switch, the sidebar, file sizes."""

from django import template
from django.urls import translate_url
from django.utils.translation import gettext as _

from briefing.releases.sidebar import sidebar_context

register = template.Library()


@register.simple_tag(takes_context=True)
def same_page_in(context, language):
    """This page's address in another language, query string included.

    A plain link (not the set_language POST form) works without JavaScript, can be opened in a new
    tab, and keeps the reader on the same release with the same filters; LocaleMiddleware then
    takes the language from the /ko/ or /en/ prefix.
    """
    request = context.get("request")
    if request is None:
        return f"/{language}/"
    return translate_url(request.get_full_path(), language)


@register.inclusion_tag("includes/sidebar.html", takes_context=True)
def sidebar(context):
    return {**sidebar_context(), "request": context.get("request")}


@register.filter
def filesize_short(size):
    """1234567 -> '1.2MB' (the portal's compact style)."""
    size = int(size or 0)
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f}{unit}" if unit == "B" else f"{size:.1f}{unit}"
        size /= 1024
    return f"{size:.1f}GB"


@register.simple_tag
def rank_badge(change, steps):
    """The text of a rank-change badge: NEW, ▲n, ▼n or 순위동일."""
    if change == "new":
        return "NEW"
    if change == "up":
        return f"▲{steps}"
    if change == "down":
        return f"▼{steps}"
    return _("순위동일")


@register.inclusion_tag("includes/posting_rules.html")
def posting_rules():
    """The 13 rules (게시물 운영원칙) from the moderation registry, the one source of their text."""
    from briefing.moderation.rules import RULES, preamble

    return {"rules": RULES, "preamble": preamble()}
