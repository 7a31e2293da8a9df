"""The list, the feeds and the sidebar's latest releases read the archive in its order from the
index (release_public_order) and stop after their page: no sort of every public release."""

import pytest
from django.db import connection

from briefing.releases.models import Release
from tests.releases.test_neighbour_seek import add_releases


def assert_ordered_by_the_index(text):
    if connection.vendor == "sqlite":
        assert "TEMP B-TREE" not in text, text
        assert "release_public_order" in text, text
    else:
        assert "Sort" not in text, text


@pytest.mark.django_db
@pytest.mark.parametrize("analysed", [False, True])
@pytest.mark.parametrize("count", [1_000, 10_000])
def test_the_newest_public_releases_are_read_from_the_index(seed, count, analysed):
    """Without planner statistics (a database nobody ran ANALYZE on, as Django leaves it),
    SQLite took a (status, published_at, id) index for published()'s two statuses and sorted."""
    if not analysed and connection.vendor != "sqlite":
        pytest.skip("autovacuum analyses PostgreSQL's tables; unanalysed, it counts one row")
    add_releases(count, analyse=analysed)
    newest_ids = Release.objects.published().values_list("id", flat=True)[:20]
    assert_ordered_by_the_index(newest_ids.explain())
    feed_items = Release.objects.published().select_related("ministry")[:30]
    assert_ordered_by_the_index(feed_items.explain())
