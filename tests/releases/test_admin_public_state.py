"""The release admin shows the release as the public sees it now: "사이트에서 보기" only while the
public page answers (the preview otherwise), and a scheduled release read as live or pending."""

import datetime
import re

import pytest
from django.utils import timezone, translation

from briefing.releases.models import Release
from tests.releases.test_views_support import make_release
from tests.test_admin_chrome import admin_page, staff_client


@pytest.fixture
def root(db):
    return staff_client("root", superuser=True)


def change_form(client, release):
    return admin_page(client, f"/admin/releases/release/{release.pk}/change/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "days_ago"),
    [
        (Release.Status.DRAFT, 1),
        (Release.Status.REVIEW, 1),
        (Release.Status.SCHEDULED, -1),
    ],
)
def test_view_on_site_is_absent_while_the_page_is_not_public(seed, root, status, days_ago):
    release = make_release(1, status=status, days_ago=days_ago)
    html = change_form(root, release)
    assert "viewsitelink" not in html and "사이트에서 보기" not in html
    assert f"/admin/releases/release/{release.pk}/preview/?lang=ko" in html
    assert root.get(release.get_absolute_url()).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Release.Status.PUBLISHED, Release.Status.SCHEDULED])
def test_view_on_site_leads_to_a_live_release(seed, root, status):
    release = make_release(1, status=status, days_ago=1)
    html = change_form(root, release)
    link = re.search(r'<a href="([^"]+)" class="viewsitelink">', html)
    assert link and root.get(link[1]).url.endswith(release.get_absolute_url())
    assert root.get(link[1], follow=True).status_code == 200
    assert f"/admin/releases/release/{release.pk}/preview/?lang=ko" in html


@pytest.mark.django_db
def test_a_scheduled_release_reads_as_the_public_sees_it(seed):
    when = timezone.make_aware(datetime.datetime(2024, 2, 21, 9, 0))
    live = make_release(1, status=Release.Status.SCHEDULED, published_at=when)
    assert live.public_state_label() == "게시 (예약 게시됨 2024-02-21 09:00)"
    later = timezone.localtime() + datetime.timedelta(days=2)
    pending = make_release(2, status=Release.Status.SCHEDULED, published_at=later)
    assert pending.public_state_label() == f"게시 예약 ({later:%Y-%m-%d %H:%M} 공개)"
    assert make_release(3).public_state_label() == "게시"
    assert make_release(4, status=Release.Status.DRAFT).public_state_label() == "작성 중"
    with translation.override("en"):
        assert live.public_state_label() == "Published (scheduled, live since 2024-02-21 09:00)"
        assert str(Release.public_state_label.short_description) == "Public state"
