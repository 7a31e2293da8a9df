"""How many comments a citizen may post: per day, per release per day, and how often.

The counters are the site's one limiter, briefing.throttle.Window, in the shared "ratelimits"
cache (Redis when REDIS_URL is set), so every worker process sees the same counts. When the cache
cannot be reached the limits are counted from the stored comments instead: slower, but the limit
still holds. Days are calendar days in settings.TIME_ZONE, so "20 a day" resets at
midnight the way a citizen would expect.

Only comments that are stored count: a rejected text is refused before a slot is reserved.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext

from briefing.comments.errors import RateLimited
from briefing.comments.models import Comment
from briefing.throttle import Window

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
    windows = []
    if limits.min_interval > 0:
        # A minimum interval is a window that holds one comment.
        windows.append(
            (
                Window(f"comments:last:{user_id}", 1, limits.min_interval),
                lambda left: _too_soon(limits.min_interval, limits.min_interval - left),
            )
        )
    windows.append(
        (
            Window(f"comments:day:{day}:{user_id}", limits.per_day, DAY_KEY_TIMEOUT),
            lambda _left: _too_many_today(limits.per_day),
        )
    )
    windows.append(
        (
            Window(
                f"comments:day:{day}:{user_id}:{release_id}",
                limits.per_release_per_day,
                DAY_KEY_TIMEOUT,
            ),
            lambda _left: _too_many_here(limits.per_release_per_day),
        )
    )
    taken = []
    try:
        for window, refusal in windows:
            window.take(refusal, now.timestamp())
            taken.append(window)
    except RateLimited:
        # A refused attempt stores nothing, so it uses none of the other limits either.
        for window in taken:
            window.give_back()
        raise


# --- the database: when the cache is down ---------------------------------------------------


def _check_database(author, release, now, limits: Limits) -> None:
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
