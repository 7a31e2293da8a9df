"""Feeds, sitemap and robots.txt: the release list as the wider web reads it."""

import pytest

from briefing.releases.models import Ministry
from tests.releases.test_views_support import SEED_SLUG, make_release


@pytest.mark.django_db
def test_the_rss_feed_lists_published_releases(client, seed):
    """RSS 2.0 carries the seed's title, link and ministry."""
    response = client.get("/ko/briefing/press-releases/feed/rss/")
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "조달청 해외조달시장 진출 지원 역대 최대 성과로" in body
    assert f"/ko/briefing/press-releases/{SEED_SLUG}/</link>" in body


@pytest.mark.django_db
def test_the_atom_feed_is_in_english_under_en(client, seed):
    """The English Atom feed has the English title."""
    response = client.get("/en/briefing/press-releases/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "PPS widens Korea" in response.content.decode()


@pytest.mark.django_db
def test_a_ministry_feed_has_only_that_ministrys_releases(client, seed):
    """?ministry=A00005 leaves the 조달청 announcement out."""
    make_release(1, ministry=Ministry.objects.get(code="A00005"))
    body = client.get(
        "/ko/briefing/press-releases/feed/rss/", {"ministry": "A00005"}
    ).content.decode()
    assert "시험 보도자료 1" in body
    assert "조달청 해외조달시장" not in body


@pytest.mark.django_db
def test_feeds_leave_out_unpublished_releases(client, seed):
    """A draft never reaches a feed."""
    from briefing.releases.models import Release

    make_release(1, status=Release.Status.DRAFT)
    assert (
        "시험 보도자료 1"
        not in client.get("/ko/briefing/press-releases/feed/rss/").content.decode()
    )


@pytest.mark.django_db
def test_an_unknown_ministry_feed_is_a_404(client, seed):
    """A feed for a code that does not exist is not found."""
    assert (
        client.get("/ko/briefing/press-releases/feed/rss/", {"ministry": "ZZZ"}).status_code == 404
    )


@pytest.mark.django_db
def test_the_sitemap_lists_the_release_in_both_languages(client, seed):
    """sitemap.xml has the Korean and English addresses with hreflang alternates."""
    body = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver/ko/briefing/press-releases/{SEED_SLUG}/" in body
    assert f"http://testserver/en/briefing/press-releases/{SEED_SLUG}/" in body
    assert 'hreflang="en"' in body


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client):
    """robots.txt keeps crawlers out of the admin and names the sitemap."""
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
