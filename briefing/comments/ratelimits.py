"""How many comments a citizen may post: per day, per release per day, and how often.

The counters live in the cache (Redis when REDIS_URL is set), so every worker process sees the
same counts, and each step is one atomic cache operation (``add`` claims, ``incr`` counts). When
the cache cannot be reached the limits are counted from the stored comments instead: slower, but
the limit still holds. Days are calendar days in settings.TIME_ZONE, so "20 a day" resets at
midnight the way a citizen would expect.

Only comments that are stored count: a rejected text is refused before a slot is reserved.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import caches
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext

from briefing.comments.errors import RateLimited

# A strict cache of its own: its errors must reach this module so the limits fall back to the
# database (the default cache swallows them; see briefing/cache.py).
cache = caches["ratelimits"]

logger = logging.getLogger(__name__)

DAY_KEY_TIMEOUT = 2 * 24 * 60 * 60


@dataclass(frozen=True)
class Limits:
    per_day: int
    per_release_per_day: int
    min_interval: int

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            per_day=settings.COMMENTS_PER_DAY,
            per_release_per_day=settings.COMMENTS_PER_RELEASE_PER_DAY,
            min_interval=settings.COMMENTS_MIN_INTERVAL_SECONDS,
        )


def reserve_slot(author, release, now: datetime | None = None) -> None:
    """Count one comment against the author's limits, or raise RateLimited saying which."""
    now = now or timezone.now()
    limits = Limits.from_settings()
    try:
        _reserve_in_cache(author.pk, release.pk, now, limits)
    except RateLimited:
        raise
    except Exception as error:  # noqa: BLE001 - any cache failure falls back to the database
        logger.warning(
            "Comment rate limits are counted from the database: the cache failed (%s).",
            type(error).__name__,
        )
        _check_database(author, release, now, limits)


# --- the cache: shared by every worker ------------------------------------------------------


def _reserve_in_cache(user_id, release_id, now, limits: Limits) -> None:
    day = timezone.localtime(now).strftime("%Y%m%d")
    interval_key = f"comments:last:{user_id}"
    day_key = f"comments:day:{day}:{user_id}"
    release_key = f"comments:day:{day}:{user_id}:{release_id}"

    _claim_interval(interval_key, now, limits.min_interval)
    try:
        _count(day_key, limits.per_day, _too_many_today)
        try:
            _count(release_key, limits.per_release_per_day, _too_many_here)
        except RateLimited:
            _uncount(day_key)
            raise
    except RateLimited:
        cache.delete(interval_key)
        raise


def _claim_interval(key, now, min_interval: int) -> None:
    if min_interval <= 0:
        return
    stamp = now.timestamp()
    if cache.add(key, stamp, timeout=min_interval):
        return
    last = cache.get(key)
    if last is not None and stamp - float(last) < min_interval:
        raise _too_soon(min_interval, stamp - float(last))
    # The key outlived the interval by our clock (its expiry runs on the cache's clock).
    cache.set(key, stamp, timeout=min_interval)


def _count(key, limit: int, refusal) -> None:
    cache.add(key, 0, timeout=DAY_KEY_TIMEOUT)
    if cache.incr(key) > limit:
        _uncount(key)
        raise refusal(limit)


def _uncount(key) -> None:
    try:
        cache.decr(key)
    except ValueError:  # expired in between: nothing left to give back
        pass


# --- the database: when the cache is down ---------------------------------------------------


def _check_database(author, release, now, limits: Limits) -> None:
    from briefing.comments.models import Comment

    day_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    since = min(day_start, now - timedelta(seconds=limits.min_interval))
    today = Q(created_at__gte=day_start)
    counts = Comment.objects.filter(author=author, created_at__gte=since).aggregate(
        today=Count("pk", filter=today),
        here=Count("pk", filter=today & Q(release=release)),
        last=Max("created_at"),
    )
    if counts["last"] is not None:
        elapsed = (now - counts["last"]).total_seconds()
        if elapsed < limits.min_interval:
            raise _too_soon(limits.min_interval, elapsed)
    if counts["today"] >= limits.per_day:
        raise _too_many_today(limits.per_day)
    if counts["here"] >= limits.per_release_per_day:
        raise _too_many_here(limits.per_release_per_day)


# --- what the citizen reads -----------------------------------------------------------------


def _too_soon(min_interval: int, elapsed: float) -> RateLimited:
    remaining = max(1, int(min_interval - elapsed + 0.999))
    return RateLimited(
        gettext(
            "댓글은 %(interval)d초에 한 번 쓸 수 있습니다. %(remaining)d초 뒤에 다시 등록하세요."
        )
        % {"interval": min_interval, "remaining": remaining}
    )


def _too_many_today(limit: int) -> RateLimited:
    return RateLimited(
        gettext("댓글은 하루에 %(limit)d개까지 쓸 수 있습니다. 내일 다시 등록하세요.")
        % {"limit": limit}
    )


def _too_many_here(limit: int) -> RateLimited:
    return RateLimited(
        gettext(
            "한 보도자료에는 하루에 댓글을 %(limit)d개까지 쓸 수 있습니다. 내일 다시 등록하세요."
        )
        % {"limit": limit}
    )
