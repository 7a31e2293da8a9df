"""Page views: counted once per visitor per day, no raw IPs, and the real-time ranking."""

import pytest
from django.core.cache import cache

from briefing.pageviews.models import PageViewHour
from briefing.pageviews.services import compute_ranking
from tests.releases.test_views_support import SEED_SLUG, make_release

DETAIL = f"/ko/briefing/press-releases/{SEED_SLUG}/"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def views_of(release):
    return sum(PageViewHour.objects.filter(release=release).values_list("count", flat=True))


def visit(client, url, address="203.0.113.7", agent="Firefox"):
    return client.get(url, REMOTE_ADDR=address, HTTP_USER_AGENT=agent)


@pytest.mark.django_db
def test_a_visitor_is_counted_once_a_day(client, seed):
    """Three visits by the same visitor make one view."""
    for _ in range(3):
        visit(client, DETAIL)
    assert views_of(seed) == 1


@pytest.mark.django_db
def test_different_visitors_are_counted_separately(client, seed):
    """Two addresses make two views."""
    visit(client, DETAIL, "203.0.113.7")
    visit(client, DETAIL, "198.51.100.23")
    assert views_of(seed) == 2


@pytest.mark.django_db
def test_no_raw_ip_address_is_stored(client, seed):
    """The visitor's address appears in no database table after a visit."""
    from django.db import connection

    visit(client, DETAIL, "203.0.113.77")
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the schema
            assert "203.0.113.77" not in repr(cursor.fetchall())


@pytest.mark.django_db
def test_unknown_releases_are_not_counted(client, seed):
    """A 404 leaves no page-view row."""
    visit(client, "/ko/briefing/press-releases/nope/")
    assert not PageViewHour.objects.exists()


@pytest.mark.django_db
def test_the_ranking_orders_by_views_and_badges_the_change(seed):
    """Top releases by 24-hour views; a later ranking shows ▲/▼/same/NEW against the previous."""
    from django.utils import timezone

    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    first, second = make_release(1), make_release(2)
    PageViewHour.objects.create(release=first, hour=hour, count=5)
    PageViewHour.objects.create(release=second, hour=hour, count=3)
    earlier = compute_ranking()
    assert [(entry.release_id, entry.change) for entry in earlier.entries] == [
        (first.pk, "new"),
        (second.pk, "new"),
    ]
    PageViewHour.objects.filter(release=second).update(count=9)
    PageViewHour.objects.create(release=seed, hour=hour, count=1)
    later = compute_ranking(previous=earlier)
    assert [(entry.release_id, entry.change, entry.steps) for entry in later.entries] == [
        (second.pk, "up", 1),
        (first.pk, "down", 1),
        (seed.pk, "new", 0),
    ]


@pytest.mark.django_db
def test_views_older_than_a_day_do_not_count_for_the_realtime_ranking(seed):
    """Yesterday's morning does not make today's 실시간 인기뉴스."""
    import datetime

    from django.utils import timezone

    old = timezone.now().replace(minute=0, second=0, microsecond=0) - datetime.timedelta(hours=30)
    PageViewHour.objects.create(release=seed, hour=old, count=50)
    assert compute_ranking().entries == ()


@pytest.mark.django_db
def test_the_sidebar_shows_the_ranking_with_its_time_and_badges(client, seed):
    """After a view, 실시간 인기뉴스 lists the release with a NEW badge and a 기준 time."""
    visit(client, DETAIL)
    cache.clear()  # as if five minutes passed with no ranking computed before this view
    html = client.get("/ko/briefing/press-releases/").content.decode()
    box = html[html.index('class="side-box realtime"') :]
    assert "실시간 인기뉴스" in box and "기준" in box
    assert '<span class="badge badge-new">NEW</span>' in box
    assert "조달청 해외조달시장" in box.split("</ol>")[0]


@pytest.mark.django_db
def test_the_sidebar_lists_the_latest_releases_and_todays_photos(client, seed):
    """최신뉴스 has the newest releases; 오늘의 사진 shows photos with their alt text."""
    newest = make_release(1, days_ago=0)
    html = client.get("/ko/briefing/press-releases/").content.decode()
    latest = html[html.index('id="panel-latest"') :]
    assert latest.index(newest.title) < latest.index("조달청 해외조달시장")
    assert f'alt="{seed.photos.first().alt_text}"' in html


@pytest.mark.django_db
def test_rotating_the_user_agent_from_one_address_counts_once(client, seed):
    """The 실시간 인기뉴스 ranking cannot be inflated from one address."""
    for number in range(20):
        visit(client, DETAIL, agent=f"Bot/{number}")
    assert views_of(seed) == 1


@pytest.mark.django_db
def test_addresses_within_one_ipv6_subscriber_prefix_count_once(client, seed):
    """A subscriber holds a whole /64; stepping through it is one reader."""
    for suffix in ("1", "2", "abcd", "ffff:1"):
        visit(client, DETAIL, f"2001:db8:1:2::{suffix}")
    visit(client, DETAIL, "2001:db8:1:3::1")
    assert views_of(seed) == 2


@pytest.mark.django_db
def test_a_repeat_view_leaves_no_exception_behind_with_the_database_cache(client, seed, settings):
    """Without Redis the cache is the database's. A repeat visitor's view must not be answered by
    a failed INSERT: the caught error's traceback keeps the request's frames in reference
    cycles, which a served worker held as megabytes of garbage (bench/worker_memory.py)."""
    import gc

    from django.core.management import call_command

    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "briefing_cache",
        },
    }
    call_command("createcachetable", verbosity=0)
    visit(client, DETAIL)
    visit(client, DETAIL)  # the page, the sidebar and this visitor's day are in the cache now
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        visit(client, DETAIL)
        gc.collect()
        left = [type(thing).__name__ for thing in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert "traceback" not in left
    assert views_of(seed) == 1
