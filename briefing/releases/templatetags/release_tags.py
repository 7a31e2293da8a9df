"""Template helpers for the public pages: the language switch and the language of content, file
sizes, the ministry filter."""

import datetime

from django import template
from django.urls import translate_url
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from briefing.releases.presentation import fallback_language, machine_time

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
    # Asked twice per language on every page (the <head>'s alternates, the header's switch);
    # each answer resolves and reverses the path, so the request keeps them.
    answers = request.__dict__.setdefault("_same_page_in", {})
    if language not in answers:
        answers[language] = translate_url(request.get_full_path(), language)
    return answers[language]


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
def ministry_checkboxes(ministry_groups, selected_codes):
    """The 상세검색 panel's 62 ministry checkboxes, built in Python: as a template loop they were
    the costliest part of the list page (bench/run.py), and this markup is all the same shape."""
    selected = set(selected_codes)
    groups = []
    for _value, label, members in ministry_groups:
        items = format_html_join(
            "",
            '<li><label><input type="checkbox" name="ministry" value="{}"{}> '
            "<span data-content>{}</span></label></li>",
            (
                (m.code, mark_safe(" checked") if m.code in selected else "", m.name)
                for m in members
            ),  # noqa: S308
        )
        groups.append(
            format_html(
                '<fieldset class="ministry-group"><legend>{}</legend><ul>{}</ul></fieldset>',
                label,
                items,
            )
        )
    return mark_safe("".join(groups))  # noqa: S308 - every piece above is built by format_html


@register.simple_tag
def lang_of(obj, field):
    """` lang="ko"` for an element showing ``obj.<field>`` when the page's language has no text of
    its own there, so modeltranslation showed the Korean instead: screen readers then read it
    with a Korean voice, and browsers hyphenate and translate it as Korean. Nothing otherwise."""
    language = fallback_language(obj, field)
    return format_html(' lang="{}"', language) if language else ""


@register.filter(name="machine_time")
def machine_time_filter(value):
    """A ``<time datetime>`` value: presentation.machine_time for a moment, a date as it is.

    Django's ``date:'c'`` keeps microseconds, which the W3C validator refuses; every template's
    ``<time datetime>`` goes through this one filter.
    """
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        return machine_time(value) if timezone.is_aware(value) else value.isoformat("T", "seconds")
    return value.isoformat()
