"""Ways to reach a spammer or dealer outside the site: messenger IDs, links, phone numbers.

Shared by rules 3, 6 and 8 through the per-check cache, so each is computed once.
"""

import re

from .links import find_links
from .pii import find_phones, find_service_numbers

_ID = r"[:：]?\s*@?[A-Za-z][A-Za-z0-9_.\-]{2,31}"
_HANDLES = {
    "kakao": re.compile(
        rf"(?:카톡|카카오\s*톡|카카오|kakao\s*talk|kakao|katalk|ㅋㅌ|오픈\s*채팅|오픈\s*톡)\s*(?:아이디|아디|id)?\s*{_ID}",
        re.I,
    ),
    "telegram": re.compile(
        rf"(?:텔레그램|텔레|텔그|telegram|ㅌㄹ|tg)\s*(?:아이디|아디|id)?\s*{_ID}", re.I
    ),
    "line": re.compile(rf"(?:라인|line)\s*(?:아이디|아디|id)\s*{_ID}", re.I),
    "id": re.compile(
        r"(?<![A-Za-z가-힣])(?:아이디|아디|id)\s*[:：]\s*@?[A-Za-z][A-Za-z0-9_.\-]{2,31}", re.I
    ),
    "at-handle": re.compile(r"(?<![A-Za-z0-9._%+\-])@[A-Za-z][A-Za-z0-9_]{3,31}(?![A-Za-z0-9_@.])"),
}
_NON_CONTACT_LINKS = {"gov", "reference"}


def find_handles(display: str) -> set[str]:
    """Kinds of messenger handles in the text (never the handles themselves)."""
    return {kind for kind, pattern in _HANDLES.items() if pattern.search(display)}


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
