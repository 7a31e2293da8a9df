"""이전기사/다음기사 are found by an index seek: their cost and the page's queries do not grow with
the archive (issue 19: the newer link of the oldest release used to sort every newer release)."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from briefing.releases.filters import ListFilter
from briefing.releases.models import Ministry, Release
from briefing.releases.views import neighbours, neighbours_queryset

NO_FILTERS = ListFilter.from_query(QueryDict(""))


def add_releases(count, *, start=0, analyse=True):
    """``count`` public releases a minute apart after the seed (2024-02-21), with a draft, a
    future scheduled release and a withdrawn one every so often, as in a real archive; then
    the planner's statistics, as the benchmark's data has them (Django never makes them)."""
    ministries = list(Ministry.objects.order_by("pk")[:5])
    first = timezone.make_aware(datetime.datetime(2024, 3, 1))
    rows = []
    for number in range(start, start + count):
        status = Release.Status.PUBLISHED
        published_at = first + datetime.timedelta(minutes=number)
        if number % 97 == 0:
            status, published_at = Release.Status.DRAFT, None
        elif number % 89 == 0:
            status = Release.Status.SCHEDULED
            published_at = timezone.now() + datetime.timedelta(days=1, minutes=number)
        elif number % 83 == 0:
            status = Release.Status.WITHDRAWN
        rows.append(
            Release(
                title=f"보도자료 {number}",
                title_ko=f"보도자료 {number}",
                slug=f"seek-{number:05d}",
                ministry=ministries[number % len(ministries)],
                body_ko="<p>본문</p>",
                body="<p>본문</p>",
                status=status,
                published_at=published_at,
            )
        )
    Release.objects.bulk_create(rows, batch_size=500)
    if analyse:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def public_order():
    """The list's order, worked out in Python: what the seeks must agree with."""
    return list(Release.objects.published().order_by("published_at", "id"))


def plan(release, list_filter=NO_FILTERS) -> str:
    return neighbours_queryset(release, list_filter).explain()


def assert_seeks(text):
    """Each neighbour is read from an index in the list's order and nothing is sorted."""
    if connection.vendor == "sqlite":
        assert "TEMP B-TREE" not in text, text
        searches = [line for line in text.splitlines() if "SEARCH U0" in line]
        assert len(searches) == 2, text
        assert all("INDEX release_public_order" in line for line in searches), text
        assert "SCAN" not in text, text
    else:
        assert "Sort" not in text, text
        assert "Seq Scan" not in text, text
        assert text.count("Index Only Scan") + text.count("Index Scan") >= 3, text


def page_queries(client, release):
    with override_settings(BRIEFING_PAGE_CACHE=False, BRIEFING_FRAGMENT_CACHE=False):
        client.get(release.get_absolute_url())  # the sidebar and today's view count
        with CaptureQueriesContext(connection) as queries:
            assert client.get(release.get_absolute_url()).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_neighbours_are_index_seeks_at_1000_and_10000_releases(client, seed):
    add_releases(1_000)
    oldest, newest = seed, public_order()[-1]
    queries_at_1000 = {page_queries(client, release) for release in (oldest, newest)}
    for release in public_order()[::250] + [newest]:
        assert_seeks(plan(release))

    add_releases(9_000, start=1_000)
    assert Release.objects.count() >= 10_000
    ordered = public_order()
    for release in [*ordered[::2_500], ordered[-1]]:
        assert_seeks(plan(release))
    queries_at_10000 = {page_queries(client, release) for release in (oldest, ordered[-1])}
    assert queries_at_1000 == queries_at_10000
    assert len(queries_at_10000) == 1  # the oldest page costs what the newest costs


@pytest.mark.django_db
def test_the_seeks_find_the_releases_next_to_it_in_the_list(seed):
    """Drafts, releases scheduled for later and withdrawn ones are skipped; at either end of
    the list there is no link."""
    add_releases(300)
    ordered = public_order()
    assert neighbours(ordered[0], NO_FILTERS) == (None, ordered[1])
    assert neighbours(ordered[-1], NO_FILTERS) == (ordered[-2], None)
    for at in range(1, len(ordered) - 1, 37):
        assert neighbours(ordered[at], NO_FILTERS) == (ordered[at - 1], ordered[at + 1])


@pytest.mark.django_db
def test_releases_published_at_the_same_second_are_ordered_by_id(seed):
    """The list breaks a tie on the publication time by id; so do the links."""
    same_time = seed.published_at + datetime.timedelta(days=1)
    twins = [
        Release.objects.create(
            title_ko=f"같은 시각 {number}",
            slug=f"twin-{number}",
            ministry=seed.ministry,
            body_ko="<p>본문</p>",
            status=Release.Status.PUBLISHED,
            published_at=same_time,
        )
        for number in range(3)
    ]
    assert neighbours(twins[1], NO_FILTERS) == (twins[0], twins[2])
    assert neighbours(twins[0], NO_FILTERS) == (seed, twins[1])


@pytest.mark.django_db
def test_the_query_written_once_answers_as_the_orm_does(seed):
    """Without filters the page runs the ORM's query written once with new values bound: the
    same neighbours as the ORM's query built for each release."""
    add_releases(200)
    for release in public_order()[::13]:
        expected = {row.pk for row in neighbours_queryset(release, NO_FILTERS)}
        older, newer = neighbours(release, NO_FILTERS)
        assert {row.pk for row in (older, newer) if row} == expected


@pytest.mark.django_db
def test_a_scheduled_release_becomes_a_neighbour_when_its_time_comes(seed):
    """The moment is bound anew on every call: an embargo lifts on the links too."""
    from unittest import mock

    later = timezone.now() + datetime.timedelta(minutes=5)
    scheduled = Release.objects.create(
        title_ko="엠바고",
        slug="embargoed",
        ministry=seed.ministry,
        body_ko="<p>본문</p>",
        status=Release.Status.SCHEDULED,
        published_at=later,
    )
    newest = public_order()[-1]
    assert neighbours(newest, NO_FILTERS)[1] is None
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert neighbours(newest, NO_FILTERS)[1] == scheduled
