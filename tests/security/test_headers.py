"""Every public page type carries the security headers, and no page runs inline script."""

from html.parser import HTMLParser

import pytest

from .conftest import client_for

DETAIL = "/ko/briefing/press-releases/pps-overseas-procurement-record-2024/"
ANONYMOUS_PAGES = {
    "list": "/ko/briefing/press-releases/",
    "list in English": "/en/briefing/press-releases/",
    "detail": DETAIL,
    "photos": DETAIL + "photos/",
    "comments": "/ko/comments/on/pps-overseas-procurement-record-2024/",
    "policies": "/ko/briefing/policies/",
    "rss feed": "/ko/briefing/press-releases/feed/rss/",
    "atom feed": "/ko/briefing/press-releases/feed/atom/",
    "sitemap": "/sitemap.xml",
    "robots": "/robots.txt",
    "login": "/ko/accounts/login/",
    "signup": "/ko/accounts/signup/",
    "not found": "/ko/briefing/press-releases/no-such-release/",
    "api": "/api/press-releases/?startDate=20240201&endDate=20240229",
    "api error": "/api/press-releases/",
    "api schema": "/api/schema/",
    "admin login": "/admin/login/",
}
CITIZEN_PAGES = {
    "my comments": "/ko/my/comments/",
    "profile": "/ko/accounts/profile/",
    "account deletion": "/ko/accounts/delete/",
    "comment form": "/ko/comments/on/pps-overseas-procurement-record-2024/post/",
}
HTML_PAGES = [
    name
    for name in (*ANONYMOUS_PAGES, *CITIZEN_PAGES)
    if name not in {"rss feed", "atom feed", "sitemap", "robots", "api", "api error", "api schema"}
]


def fetch(name, seed, citizen):
    if name in CITIZEN_PAGES:
        return client_for(citizen).get(CITIZEN_PAGES[name], follow=True)
    return client_for(None).get(ANONYMOUS_PAGES[name])


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


@pytest.mark.parametrize("name", [*ANONYMOUS_PAGES, *CITIZEN_PAGES])
def test_every_page_type_sends_the_security_headers(name, seed, citizen):
    """CSP without inline scripts, nosniff, a referrer policy and frame denial on every page."""
    response = fetch(name, seed, citizen)
    assert response.status_code in (200, 400, 404), response.status_code

    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy.get("default-src", [])
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


class ScriptFinder(HTMLParser):
    """Collects inline scripts and event-handler attributes."""

    DATA_TYPES = {"application/ld+json", "application/json"}

    def __init__(self):
        super().__init__()
        self.inline_scripts = []
        self.handlers = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.handlers += [f"<{tag} {name}=…>" for name, _v in attrs if name.startswith("on")]
        if tag == "script" and "src" not in attributes:
            if (attributes.get("type") or "").lower() not in self.DATA_TYPES:
                self.inline_scripts.append(self.getpos())

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


@pytest.mark.parametrize("name", HTML_PAGES)
def test_no_page_has_inline_script_or_event_handler_attributes(name, seed, citizen):
    """Only external scripts and JSON data blocks: the CSP can then forbid everything else."""
    finder = ScriptFinder()
    finder.feed(fetch(name, seed, citizen).content.decode())

    assert finder.inline_scripts == []
    assert finder.handlers == []
