import itertools
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile

from briefing.releases.models import Attachment, Ministry, Release

SEOUL = ZoneInfo("Asia/Seoul")
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached feed pages."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ministry(db):
    return Ministry.objects.create(
        code="B00013", name_ko="조달청", name_en="Public Procurement Service", group="agency"
    )


@pytest.fixture
def make_release(ministry):
    def make(published_at=datetime(2024, 3, 4, 10, 0, tzinfo=SEOUL), **fields):
        number = next(_numbers)
        values = {
            "title_ko": f"보도자료 {number}",
            "title_en": f"Release {number}",
            "slug": f"release-{number}",
            "ministry": ministry,
            "published_at": published_at,
            "body_ko": f"<p>본문 {number}</p>",
            "status": Release.Status.PUBLISHED,
        }
        release = Release.objects.create(**(values | fields))
        # updated_at is automatic; make it equal publication unless a test says otherwise.
        Release.objects.filter(pk=release.pk).update(updated_at=published_at)
        release.refresh_from_db()
        return release

    return make


@pytest.fixture
def attach():
    def attach(release, name="자료.hwpx"):
        return Attachment.objects.create(
            release=release, file=ContentFile(b"PK\x03\x04", name=name), name=name, kind="hwpx"
        )

    return attach


@pytest.fixture
def xml_file(tmp_path):
    """Writes text to a file in the test's folder and returns its path."""

    def write(text, name="items.xml"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
