"""Feeds, sitemap and robots.txt: the release list as the wider web reads it."""

import datetime
import re
from pathlib import Path

import feedparser
import pytest
import xmlschema
from django.utils import timezone

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


FEEDS = [(language, kind) for language in ("ko", "en") for kind in ("rss", "atom")]

# The offset each format writes for Korea Standard Time: RSS 2.0 dates are RFC 822 ("+0900"),
# Atom dates RFC 3339 ("+09:00"). A UTC date ("+0000", "+00:00" or "Z") would be the same
# instant but not the portal's time.
KST_OFFSET = {"rss": "+0900", "atom": "+09:00"}
DATE_ELEMENTS = {"rss": ("pubDate", "lastBuildDate"), "atom": ("published", "updated")}


def read_feed(client, language, kind, **query):
    response = client.get(f"/{language}/briefing/press-releases/feed/{kind}/", query)
    assert response.status_code == 200
    return response.content.decode(), feedparser.parse(response.content)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "kind"), FEEDS)
def test_feedparser_reads_each_feed_without_complaint(client, seed, language, kind):
    """feedparser finds a well-formed feed in its declared format, in the page's language."""
    _body, feed = read_feed(client, language, kind)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == {"rss": "rss20", "atom": "atom10"}[kind]
    assert feed.feed.language == language
    assert feed.feed.link == f"http://testserver/{language}/briefing/press-releases/"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "kind"), FEEDS)
def test_every_entry_has_a_title_an_absolute_link_and_a_stable_id(client, seed, language, kind):
    """Each entry names the release page in the feed's language as both its link and its id."""
    make_release(1)
    _body, feed = read_feed(client, language, kind)
    assert len(feed.entries) == 2
    for entry in feed.entries:
        assert entry.title
        assert entry.link.startswith(f"http://testserver/{language}/briefing/press-releases/")
        assert entry.id == entry.link
    expected = {"ko": "시험 보도자료 1", "en": "Test release 1"}[language]
    assert expected in [entry.title for entry in feed.entries]


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "kind"), FEEDS)
def test_feed_dates_are_written_in_korea_standard_time(client, seed, language, kind):
    """Every date element carries the +09:00 offset, in the notation of its format."""
    body, feed = read_feed(client, language, kind)
    for element in DATE_ELEMENTS[kind]:
        values = re.findall(rf"<{element}>([^<]+)</{element}>", body)
        assert values, element
        assert all(value.endswith(KST_OFFSET[kind]) for value in values), values
    # The seed was published at 09:00 KST on 21 February 2024, midnight UTC: the same instant.
    entry = feed.entries[0]
    assert entry.published_parsed[:5] == (2024, 2, 21, 0, 0)
    assert "09:00:00" in entry.published


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_feed_without_releases_still_dates_itself_in_korea_standard_time(client, seed, kind):
    """A ministry with nothing published gets a feed dated now, with the +09:00 offset."""
    body, feed = read_feed(client, "ko", kind, ministry="A00005")
    assert not feed.bozo
    assert feed.entries == []
    element = {"rss": "lastBuildDate", "atom": "updated"}[kind]
    (value,) = re.findall(rf"<{element}>([^<]+)</{element}>", body)
    assert value.endswith(KST_OFFSET[kind])
    built = feed.feed.get("updated_parsed")
    built_at = datetime.datetime(*built[:6], tzinfo=datetime.UTC)
    assert abs((built_at - timezone.now()).total_seconds()) < 60


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_withdrawn_release_leaves_the_feed(client, seed, kind):
    """A withdrawn release keeps its page (with the notice) but is no longer syndicated."""
    from briefing.releases.models import Release

    make_release(1, status=Release.Status.WITHDRAWN, withdrawn_at=timezone.now())
    _body, feed = read_feed(client, "ko", kind)
    assert not feed.bozo
    assert "시험 보도자료 1" not in [entry.title for entry in feed.entries]


@pytest.mark.django_db
def test_a_corrected_release_shows_its_later_update_in_the_atom_feed(client, seed):
    """A correction saved after publication moves the entry's <updated>, not its <published>."""
    from briefing.releases.models import Release

    corrected_at = timezone.now() - datetime.timedelta(hours=1)
    release = make_release(1)
    Release.objects.filter(pk=release.pk).update(updated_at=corrected_at)
    _body, feed = read_feed(client, "ko", "atom")
    entry = next(entry for entry in feed.entries if entry.title == "시험 보도자료 1")
    assert entry.updated_parsed > entry.published_parsed
    assert entry.updated_parsed[:5] == corrected_at.utctimetuple()[:5]
    assert entry.updated.endswith("+09:00")


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


SITEMAP_XSD = Path(__file__).parents[1] / "data" / "sitemap-0.9.xsd"

# The sitemap's hreflang alternates (<xhtml:link>) sit in the official schema's
# <xsd:any namespace="##other" processContents="strict"/>, so a validator needs a declaration of
# them: this is XHTML 1.0's <link> (xhtml1-strict.xsd), cut down to the attributes Google's
# "localized versions" sitemap format uses, all three required there.
XHTML_LINK_XSD = """<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    targetNamespace="http://www.w3.org/1999/xhtml" elementFormDefault="qualified">
  <xsd:element name="link">
    <xsd:complexType>
      <xsd:attribute name="rel" type="xsd:NMTOKENS" use="required"/>
      <xsd:attribute name="hreflang" type="xsd:language" use="required"/>
      <xsd:attribute name="href" type="xsd:anyURI" use="required"/>
    </xsd:complexType>
  </xsd:element>
</xsd:schema>
"""


@pytest.fixture(scope="module")
def sitemap_schema():
    return xmlschema.XMLSchema([SITEMAP_XSD, XHTML_LINK_XSD])


def sitemap_errors(schema, document: bytes) -> list[str]:
    return [error.reason for error in schema.iter_errors(document)]


@pytest.mark.django_db
def test_the_sitemap_is_valid_against_the_sitemaps_org_schema(client, seed, sitemap_schema):
    """sitemap.xml, alternates included, passes the sitemaps.org 0.9 XSD."""
    make_release(1)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert sitemap_errors(sitemap_schema, response.content) == []
    assert response.content.count(b"<url>") == 6  # two releases and the list, in two languages


@pytest.mark.parametrize(
    ("original", "replacement"),
    [
        (b"<lastmod>2024-02-21</lastmod>", b"<lastmod>2024-02-31</lastmod>"),
        (b"<lastmod>2024-02-21</lastmod>", b"<lastmod>21 Feb 2024</lastmod>"),
        (b"<priority>0.8</priority>", b"<priority>8</priority>"),
        (b"<changefreq>monthly</changefreq>", b"<changefreq>sometimes</changefreq>"),
        (b"<loc>http://testserver/ko/briefing/press-releases/test/</loc>", b""),
        (b'hreflang="en"', b'lang="en"'),
    ],
    ids=["impossible-date", "rfc822-date", "priority-above-one", "changefreq", "no-loc", "link"],
)
def test_the_sitemap_check_fails_on_a_broken_sitemap(sitemap_schema, original, replacement):
    """A bad date, priority or frequency, a missing <loc> or a malformed alternate is caught."""
    good = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        b' xmlns:xhtml="http://www.w3.org/1999/xhtml"><url>'
        b"<loc>http://testserver/ko/briefing/press-releases/test/</loc>"
        b"<lastmod>2024-02-21</lastmod><changefreq>monthly</changefreq><priority>0.8</priority>"
        b'<xhtml:link rel="alternate" hreflang="en"'
        b' href="http://testserver/en/briefing/press-releases/test/"/>'
        b"</url></urlset>"
    )
    assert sitemap_errors(sitemap_schema, good) == []
    assert original in good
    assert sitemap_errors(sitemap_schema, good.replace(original, replacement))
