"""Rate limits: how often, how many a day, how many per release, shared and robust."""

import logging
import os
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from briefing.comments import post_comment
from briefing.comments.errors import RateLimited
from briefing.comments.models import Comment

TEXTS = [
    "해외조달 수출실적이 늘었다니 반갑습니다.",
    "전시회 참가 지원 사업의 신청 시기가 궁금합니다.",
    "지방 중소기업도 맞춤형 시장 정보를 받을 수 있으면 좋겠습니다.",
    "재직자 대상 해외조달 교육 일정도 알려 주세요.",
    "G-PASS 기업 지정 기준이 어떻게 되는지 알고 싶습니다.",
]


@pytest.fixture
def limits(settings):
    """Generous limits, so each test tightens only the one it is about."""
    settings.COMMENTS_PER_DAY = 100
    settings.COMMENTS_PER_RELEASE_PER_DAY = 100
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0
    return settings


@pytest.fixture
def second_release(seed):
    """Another published release (a copy of the announcement under another address)."""
    from briefing.releases.models import Release

    copy = Release.objects.get(pk=seed.pk)
    copy.pk = None
    copy.slug = "another-release"
    copy.news_item_id = None
    copy.save()
    return copy


def with_ratelimits_cache(settings, location):
    """Point the shared "ratelimits" cache at a Redis server; a new setting means new connections,
    as in another worker process."""
    settings.CACHES = {
        **settings.CACHES,
        "ratelimits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "briefing-test",
        },
    }


@pytest.fixture
def redis_down(settings):
    """The rate limits talk to a Redis server that does not answer (nothing listens on port 1)."""
    with_ratelimits_cache(settings, "redis://127.0.0.1:1/0")


def at(moment):
    """Freeze the clock the comments code reads."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_a_second_comment_within_the_interval_is_refused_with_a_clear_message(
    citizen_client, post_url, limits
):
    """Within 60 seconds the form says when to try again; after 61 seconds it works."""
    limits.COMMENTS_MIN_INTERVAL_SECONDS = 60
    start = timezone.now()
    with at(start):
        citizen_client.post(post_url, {"text": TEXTS[0]})
    with at(start + timedelta(seconds=30)):
        refused = citizen_client.post(post_url, {"text": TEXTS[1]})
    assert "60초에 한 번" in refused.content.decode()
    assert f">{TEXTS[1]}</textarea>" in refused.content.decode()
    assert Comment.objects.count() == 1

    with at(start + timedelta(seconds=61)):
        citizen_client.post(post_url, {"text": TEXTS[1]})

    assert Comment.objects.count() == 2


def test_a_fourth_comment_on_one_release_in_a_day_is_refused(
    citizen_client, post_url, second_release, limits
):
    """Three comments per release per day; the fourth is refused, another release is fine."""
    limits.COMMENTS_PER_RELEASE_PER_DAY = 3
    for text in TEXTS[:3]:
        citizen_client.post(post_url, {"text": text})

    refused = citizen_client.post(post_url, {"text": TEXTS[3]})
    elsewhere = citizen_client.post(
        f"/ko/comments/on/{second_release.slug}/post/", {"text": TEXTS[3]}
    )

    assert "하루에 댓글을 3개까지" in refused.content.decode()
    assert elsewhere.status_code == 302
    assert Comment.objects.count() == 4


def test_the_per_release_limit_resets_the_next_day(citizen, seed, limits):
    """The day's count starts again after midnight."""
    limits.COMMENTS_PER_RELEASE_PER_DAY = 1
    today = timezone.now()
    post_comment(release=seed, author=citizen, text=TEXTS[0], now=today)
    with pytest.raises(RateLimited):
        post_comment(release=seed, author=citizen, text=TEXTS[1], now=today)

    post_comment(release=seed, author=citizen, text=TEXTS[1], now=today + timedelta(days=1))

    assert Comment.objects.count() == 2


def test_the_daily_limit_counts_across_releases(citizen, seed, second_release, limits):
    """The per-day limit applies to all releases together."""
    limits.COMMENTS_PER_DAY = 3
    post_comment(release=seed, author=citizen, text=TEXTS[0])
    post_comment(release=second_release, author=citizen, text=TEXTS[1])
    post_comment(release=seed, author=citizen, text=TEXTS[2])

    with pytest.raises(RateLimited, match="하루에 3개까지"):
        post_comment(release=second_release, author=citizen, text=TEXTS[3])


def test_the_default_limits_are_twenty_a_day_three_per_release_and_one_a_minute(settings):
    """The configured defaults are the ones the issue asks for."""
    assert settings.COMMENTS_PER_DAY == 20
    assert settings.COMMENTS_PER_RELEASE_PER_DAY == 3
    assert settings.COMMENTS_MIN_INTERVAL_SECONDS == 60


def test_rejected_attempts_do_not_use_up_the_quota(citizen_client, post_url, limits):
    """A refused text stores nothing, so it does not count against the limit."""
    limits.COMMENTS_PER_RELEASE_PER_DAY = 2
    limits.COMMENTS_MIN_INTERVAL_SECONDS = 60
    citizen_client.post(post_url, {"text": "제 번호는 010-1234-5678 입니다"})

    citizen_client.post(post_url, {"text": TEXTS[0]})

    assert Comment.objects.count() == 1


def test_an_attempt_refused_by_one_limit_does_not_count_against_another(
    citizen, seed, second_release, limits
):
    """Refused by the per-release limit, an attempt gives its daily slot back."""
    limits.COMMENTS_PER_DAY = 2
    limits.COMMENTS_PER_RELEASE_PER_DAY = 1
    post_comment(release=seed, author=citizen, text=TEXTS[0])
    with pytest.raises(RateLimited, match="한 보도자료에는"):
        post_comment(release=seed, author=citizen, text=TEXTS[1])

    post_comment(release=second_release, author=citizen, text=TEXTS[2])

    assert Comment.objects.count() == 2


def test_limits_still_hold_from_the_database_when_the_cache_is_down(
    citizen, seed, limits, redis_down, caplog
):
    """With Redis unreachable the limits are counted from stored comments, without a crash."""
    limits.COMMENTS_MIN_INTERVAL_SECONDS = 60
    post_comment(release=seed, author=citizen, text=TEXTS[0])

    with caplog.at_level(logging.WARNING), pytest.raises(RateLimited, match="60초에 한 번"):
        post_comment(release=seed, author=citizen, text=TEXTS[1])

    assert "counted from the database" in caplog.text
    limits.COMMENTS_MIN_INTERVAL_SECONDS = 0
    limits.COMMENTS_PER_RELEASE_PER_DAY = 1
    with pytest.raises(RateLimited, match="한 보도자료에는"):
        post_comment(release=seed, author=citizen, text=TEXTS[1])


def test_the_page_shows_a_message_not_an_error_when_the_cache_is_down(
    citizen_client, post_url, limits, redis_down
):
    """A visitor never sees a server error because the rate-limit cache is unreachable."""
    limits.COMMENTS_MIN_INTERVAL_SECONDS = 60
    assert citizen_client.post(post_url, {"text": TEXTS[0]}).status_code == 302

    refused = citizen_client.post(post_url, {"text": TEXTS[1]})

    assert refused.status_code == 200
    assert "60초에 한 번" in refused.content.decode()


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL")
def test_limits_are_shared_between_processes_through_redis(citizen, seed, limits):
    """Two separate Redis connections (two workers) see the same counters."""
    from django.core.cache import caches

    limits.COMMENTS_MIN_INTERVAL_SECONDS = 60
    with_ratelimits_cache(limits, os.environ["REDIS_URL"])
    first_worker = caches["ratelimits"]
    first_worker.clear()
    try:
        post_comment(release=seed, author=citizen, text=TEXTS[0])
        with_ratelimits_cache(limits, os.environ["REDIS_URL"])
        assert caches["ratelimits"] is not first_worker
        with pytest.raises(RateLimited, match="60초에 한 번"):
            post_comment(release=seed, author=citizen, text=TEXTS[1])
    finally:
        caches["ratelimits"].clear()
