"""Who gave a NewsItemId: the portal, another instance, or this site (releases/identifiers.py).

A release made here stores no source (it is this site's); the feed names this site by
settings.OPENDATA_SOURCE, so a mirror stores that name with the id, and an item that comes back
to us under our own name is recognised as ours.
"""

from django.conf import settings

#: The national portal (정책브리핑): the source of files downloaded from its API.
PORTAL_SOURCE = "korea.kr"
MAX_SOURCE_LENGTH = 100


def own_source() -> str:
    return settings.OPENDATA_SOURCE


def source_of(release) -> str:
    """The name a consumer should store with the release's NewsItemId."""
    return release.news_item_source or own_source()
