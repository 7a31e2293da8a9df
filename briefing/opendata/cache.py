"""Cache keys for feed pages that change the moment anything a page shows changes.

A key holds the count and latest update time of the listed releases (one aggregate query, and
it moves when an embargo lifts or a withdrawal's listing period ends, since either changes the
count) and a generation
number that signals bump when a photo, contact, attachment or ministry changes without its
release being saved. A TTL bounds what any path missed.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max

from briefing.opendata.newsitem import listed_releases

GENERATION_KEY = "opendata:generation"
PAGE_TTL_SECONDS = 300


def generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new value differs from the old keys
        cache.set(GENERATION_KEY, 2, timeout=None)


def page_key(query, origin: str) -> str:
    state = listed_releases().aggregate(count=Count("id"), latest=Max("updated_at"))
    parts = (origin, repr(query), state["count"], state["latest"], generation())
    return "opendata:page:" + hashlib.sha256(repr(parts).encode()).hexdigest()
