"""Ways to reach a spammer or dealer outside the site: messenger IDs, links, phone numbers.

Shared by rules 3, 6 and 8 through the per-check cache, so each is computed once.
"""

from .handles import find_handles
from .links import find_links
from .pii import find_phones, find_service_numbers

_NON_CONTACT_LINKS = {"gov", "reference"}


def links(text, ctx):
    return ctx.derived("links", lambda: find_links(text.display))


def handles(text, ctx) -> set[str]:
    return ctx.derived("handles", lambda: find_handles(text.display))


def phones(text, ctx) -> list[str]:
    return ctx.derived("phones", lambda: find_phones(text.display))


def service_numbers(text, ctx) -> list[str]:
    return ctx.derived("service_numbers", lambda: find_service_numbers(text.display))


def contact_evidence(text, ctx) -> set[str]:
    """Which kinds of off-site contact the comment offers: handle, messenger, link, phone."""
    kinds = set()
    if handles(text, ctx):
        kinds.add("handle")
    for link in links(text, ctx):
        if link.kind == "messenger":
            kinds.add("messenger")
        elif link.kind not in _NON_CONTACT_LINKS:
            kinds.add("link")
    if phones(text, ctx) or service_numbers(text, ctx):
        kinds.add("phone")
    return kinds
