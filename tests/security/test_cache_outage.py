"""A Redis outage costs speed, never a page or a save: the default cache degrades to misses."""

import logging
import sys

import pytest
from django.test import Client

from briefing.cache import OncePerInterval

DETAIL = "/ko/briefing/press-releases/pps-overseas-procurement-record-2024/"


@pytest.fixture
def redis_down(settings):
    """Both cache aliases configured as in production, against a Redis that is not there."""
    options = {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.5}
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {**options, "IGNORE_EXCEPTIONS": True},
        },
        "ratelimits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }


def test_pages_are_served_while_redis_is_down(seed, redis_down):
    """The release page and the list render, uncached."""
    assert Client().get(DETAIL).status_code == 200
    assert Client().get("/ko/briefing/press-releases/").status_code == 200


def test_a_staff_save_goes_through_while_redis_is_down(seed, redis_down):
    """Saving bumps the page version and the feed generation (an incr); neither may fail."""
    seed.title_ko = "캐시가 멈춘 동안 고친 제목"
    seed.save()

    assert "캐시가 멈춘 동안 고친 제목" in Client().get(DETAIL).content.decode()
    feed = Client().get("/api/press-releases/?startDate=20240101&endDate=20241231")
    assert feed.status_code == 200


def test_an_outage_is_logged_once_a_minute_without_a_traceback():
    """Several failures per request would flood the log: one line a minute says what happened."""
    once = OncePerInterval()
    records = []
    for _ in range(5):
        try:
            raise ConnectionError("refused") from OSError("connection refused")
        except ConnectionError:
            record = logging.LogRecord(
                "briefing.cache", logging.ERROR, __file__, 1, "Exception ignored", (), None
            )
            record.exc_info = sys.exc_info()
            if once.filter(record):
                records.append(record)

    assert len(records) == 1
    assert records[0].getMessage().startswith("Cache unavailable (OSError)")
    assert records[0].exc_info is None
    assert once.suppressed == 4
