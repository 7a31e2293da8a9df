"""The release page's JSON-LD NewsArticle, read as a search engine reads it: JSON in a script."""

import datetime
import json
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.releases.test_views_support import SEED_SLUG, make_release

KST = datetime.timezone(datetime.timedelta(hours=9))
ISO_8601_KST = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$")


def news_article(client, path):
    response = client.get(path)
    assert response.status_code == 200
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert len(blocks) == 1
    return json.loads(blocks[0])


def is_absolute(url):
    return url.startswith("http://testserver/")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_news_article_has_every_required_and_recommended_property(client, seed, language):
    """Headline, dates, author, publisher, image, language, address and description, all set."""
    path = f"/{language}/briefing/press-releases/{SEED_SLUG}/"
    article = news_article(client, path)
    assert article["@context"] == "https://schema.org"
    assert article["@type"] == "NewsArticle"
    expected_headline = {"ko": "조달청 해외조달시장 진출 지원", "en": "PPS widens Korea"}[language]
    assert article["headline"].startswith(expected_headline)
    assert article["description"]
    assert article["inLanguage"] == language
    assert article["url"] == f"http://testserver{path}"
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": article["url"]}


@pytest.mark.django_db
def test_the_dates_are_iso_8601_in_korea_standard_time(client, seed):
    """datePublished and dateModified carry +09:00 and name the release's own instants."""
    article = news_article(client, f"/ko/briefing/press-releases/{SEED_SLUG}/")
    for name in ("datePublished", "dateModified"):
        assert ISO_8601_KST.match(article[name]), article[name]
    published = datetime.datetime.fromisoformat(article["datePublished"])
    assert published == seed.published_at.replace(microsecond=0)
    assert published.utcoffset() == KST.utcoffset(None)
    modified = datetime.datetime.fromisoformat(article["dateModified"])
    assert modified == seed.updated_at.replace(microsecond=0)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_author_is_the_ministry_and_the_portal_publishes(client, seed, language):
    """The ministry is an organization with its name and page; the publisher has a logo."""
    article = news_article(client, f"/{language}/briefing/press-releases/{SEED_SLUG}/")
    author, publisher = article["author"], article["publisher"]
    assert author["@type"] in {"Organization", "GovernmentOrganization"}
    assert author["name"] == {"ko": "조달청", "en": "Public Procurement Service"}[language]
    assert author["url"] == (
        f"http://testserver/{language}/briefing/press-releases/?ministry={seed.ministry.code}"
    )
    assert publisher["@type"] == "Organization"
    assert publisher["name"]
    assert is_absolute(publisher["url"])
    assert publisher["logo"]["@type"] == "ImageObject"
    assert is_absolute(publisher["logo"]["url"])
    logo_path = publisher["logo"]["url"].removeprefix("http://testserver" + settings.STATIC_URL)
    assert finders.find(logo_path), logo_path  # a static file that exists, not a guessed name


@pytest.mark.django_db
def test_the_image_is_the_releases_photo_as_an_absolute_address(client, seed):
    """A release with photos names the first one, absolute, in an image list."""
    article = news_article(client, f"/ko/briefing/press-releases/{SEED_SLUG}/")
    first_photo = seed.photos.first()
    assert article["image"] == [f"http://testserver{first_photo.image.url}"]


@pytest.mark.django_db
def test_a_release_without_photos_names_no_image(client, seed):
    """The site's share picture is not a picture of the release, so no image is claimed."""
    release = make_release(1)
    article = news_article(client, release.get_absolute_url())
    assert "image" not in article
    assert ISO_8601_KST.match(article["datePublished"])


@pytest.mark.django_db
def test_a_korean_only_release_under_en_is_a_korean_article(client, seed):
    """The /en/ address of a release with no English text describes the Korean page."""
    release = make_release(1, title_en="", body_en="")
    article = news_article(client, f"/en/briefing/press-releases/{release.slug}/")
    assert article["inLanguage"] == "ko"
    assert article["url"] == f"http://testserver/ko/briefing/press-releases/{release.slug}/"
    assert article["headline"] == "시험 보도자료 1"
