"""Counting page views and ranking the most read releases.

Counting: a visitor is a salted hash of the IP address (never the raw IP). The first
view of a release by a visitor on a given day wins a cache.add() race and costs one UPDATE (an
INSERT the first time in the hour); every later view that day costs one cache call and no query.
The cache is the only place the hash lives, and it expires with the day.

Ranking: computed from the hourly rows, kept in the cache for RANKING_SECONDS so pages that show it
stay constant-query; each recomputation is compared with the previous one to draw the rank-change
badges (NEW / ▲n / ▼n / 순위동일), as the portal's 실시간 인기뉴스 does.
"""

import ipaddress
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from briefing.pageviews.models import PageViewHour
from briefing.privacy import client_ip, salted_hash
from briefing.releases.models import Release

RANKING_SECONDS = 5 * 60
REALTIME_SIZE = 6
RANKING_KEY = "pageviews:ranking:v1"
PREVIOUS_RANKING_KEY = "pageviews:ranking:previous:v1"


def visitor_hash(request) -> str:
    """A salted digest standing in for the visitor; the raw IP is hashed, never kept.

    The address alone (an IPv6 address by its /64, which one subscriber holds whole): the user
    agent is the client's to rotate, and one address rotating it must not count as many readers.
    Readers behind one NAT count once a day: the ranking undercounts them rather than letting
    anyone inflate it."""
    return salted_hash(_network(client_ip(request)))[:32]


def _network(address: str) -> str:
    if ":" not in address:
        return address
    return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)


def count_release_view(sender, request, release_id, **kwargs) -> None:
    """Receiver of releases.signals.release_viewed (connected in PageviewsConfig.ready)."""
    record_view(request, release_id)


def record_view(request, release_id: int) -> bool:
    """Count this view unless the visitor already viewed the release today; True if counted."""
    now = timezone.localtime()
    key = f"pageviews:seen:{release_id}:{now:%Y%m%d}:{visitor_hash(request)}"
    seconds_left_today = 24 * 3600 - (now.hour * 3600 + now.minute * 60 + now.second)
    # Asked first, because a repeat visitor is the common case and the database cache's add()
    # answers it by failing an INSERT: the caught IntegrityError's traceback holds the request's
    # frames in reference cycles, and a served worker grew by about 9 MB per 1,000 repeat views
    # (bench/worker_memory.py). add() still decides the race between two first views.
    if cache.get(key) is not None or not cache.add(key, 1, timeout=max(seconds_left_today, 60)):
        return False
    _increment(release_id, now.replace(minute=0, second=0, microsecond=0))
    return True


def _increment(release_id: int, hour) -> None:
    updated = PageViewHour.objects.filter(release_id=release_id, hour=hour).update(
        count=F("count") + 1
    )
    if updated:
        return
    try:
        with transaction.atomic():
            PageViewHour.objects.create(release_id=release_id, hour=hour, count=1)
    except IntegrityError:  # another worker created the row between our UPDATE and INSERT
        PageViewHour.objects.filter(release_id=release_id, hour=hour).update(count=F("count") + 1)


def view_totals(since, limit: int) -> list[tuple[int, int]]:
    """(release id, views) of published releases viewed since `since`, most viewed first."""
    rows = (
        PageViewHour.objects.filter(hour__gte=since, release__in=Release.objects.published())
        .values("release_id")
        .annotate(total=Sum("count"))
        .order_by("-total", "-release_id")[:limit]
    )
    return [(row["release_id"], row["total"]) for row in rows]


@dataclass(frozen=True)
class RankedRelease:
    release_id: int
    views: int
    rank: int
    change: str  # "new", "up", "down" or "same"
    steps: int = 0


@dataclass(frozen=True)
class Ranking:
    computed_at: object
    entries: tuple[RankedRelease, ...]


def realtime_ranking() -> Ranking:
    """The top releases by views over the last 24 hours, recomputed at most every 5 minutes."""
    ranking = cache.get(RANKING_KEY)
    if ranking is None:
        ranking = compute_ranking(previous=cache.get(PREVIOUS_RANKING_KEY))
        cache.set(RANKING_KEY, ranking, RANKING_SECONDS)
        # The previous ranking outlives the current one so the next computation can compare.
        cache.set(PREVIOUS_RANKING_KEY, ranking, RANKING_SECONDS * 12)
    return ranking


def compute_ranking(previous: Ranking | None = None, now=None) -> Ranking:
    now = now or timezone.now()
    totals = view_totals(now - timedelta(hours=24), REALTIME_SIZE)
    earlier = {entry.release_id: entry.rank for entry in previous.entries} if previous else {}
    entries = tuple(
        _ranked(release_id, views, rank, earlier.get(release_id))
        for rank, (release_id, views) in enumerate(totals, start=1)
    )
    return Ranking(computed_at=now, entries=entries)


def _ranked(release_id, views, rank, earlier_rank) -> RankedRelease:
    if earlier_rank is None:
        return RankedRelease(release_id, views, rank, "new")
    if earlier_rank > rank:
        return RankedRelease(release_id, views, rank, "up", earlier_rank - rank)
    if earlier_rank < rank:
        return RankedRelease(release_id, views, rank, "down", rank - earlier_rank)
    return RankedRelease(release_id, views, rank, "same")
