"""Builders shared by the view tests (a module, not a conftest, so it stays in this folder's files)."""

import datetime

from django.utils import timezone

from briefing.releases.models import Ministry, Release

SEED_SLUG = "pps-overseas-procurement-record-2024"


def make_release(number, *, ministry=None, days_ago=1, status=None, **fields):
    ministry = ministry or Ministry.objects.get(code="B00013")
    values = {
        "title_ko": f"시험 보도자료 {number}",
        "title_en": f"Test release {number}",
        "body_ko": f"<p>시험 본문 {number}입니다.</p>",
        "body_en": f"<p>Test body {number}.</p>",
        "slug": f"test-release-{number}",
        "ministry": ministry,
        "status": status or Release.Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(days=days_ago, minutes=number),
    }
    values.update(fields)
    return Release.objects.create(**values)
