"""The site's own address, from settings: every absolute URL is built here, never from the request.

A Host header is the client's to write; with ALLOWED_HOSTS it is only checked for its name, so
``Host: briefing.example:6666`` passes, and an absolute URL built from it would be cached and
served to every reader (canonical links, og:url, hreflang, feeds, the API's file links).
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """``/ko/briefing/…`` as ``https://briefing.example.go.kr/ko/briefing/…`` (SITE_URL)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def site_domain() -> str:
    return urlsplit(settings.SITE_URL).netloc


def site_protocol() -> str:
    return urlsplit(settings.SITE_URL).scheme or "https"
