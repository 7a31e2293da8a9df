"""The public NewsItemId of a release: one number that never changes and never collides.

A NewsItemId belongs to a source. A release made here takes an id from this instance's own range
(below), and its source is empty, meaning "this site"; an imported release keeps the id its
source gave it, with the source's name (open data's importer sets both). The pair is unique.

Why a range and not the primary key: a mirror of several portals keys its items on NewsItemId,
and every instance's primary keys start at 1. The portal's own ids are nine digits today
(156472565) and the portal documents ten at most, so our ids are ten digits from 9,000,000,000:
instance N (settings.NEWS_ITEM_ID_INSTANCE, 0-99) owns ten million ids from
9,000,000,000 + N × 10,000,000. An id is stored when the release is first saved, so changing the
setting later never renumbers what other portals already hold.
"""

from django.conf import settings

OWN_RANGE_START = 9_000_000_000
IDS_PER_INSTANCE = 10_000_000


def own_news_item_id(pk: int) -> int:
    """The NewsItemId of the release made here with this primary key."""
    if not 0 < pk < IDS_PER_INSTANCE:
        raise ValueError(f"release {pk} is outside this instance's range of NewsItemIds")
    return OWN_RANGE_START + settings.NEWS_ITEM_ID_INSTANCE * IDS_PER_INSTANCE + pk
