"""A cache outage is logged once a minute, not once per request; the database cache's tables.

The default cache is django-redis with IGNORE_EXCEPTIONS: everything it holds can be recomputed
(page renders, the sidebar, view-count de-duplication), so when Redis is unreachable every
operation (get, set, add, incr, …) misses or is dropped and the site keeps serving. django-redis
logs each ignored error with its traceback; during an outage that is several per request, so the
logging configuration passes them through this filter. The rate limits use a separate, strict
alias ("ratelimits") whose errors reach the limiter, which then counts another way (see
briefing/throttle.py): a limiter must know its counter failed rather than read a miss as "no
comments yet".
"""

import logging
import time

from django.conf import settings
from django.core.management import call_command

INTERVAL_SECONDS = 60


class OncePerInterval(logging.Filter):
    """Let one record through per interval; the ones in between are counted in the next."""

    def __init__(self, name="", interval=INTERVAL_SECONDS):
        super().__init__(name)
        self.interval = interval
        self.last = float("-inf")
        self.suppressed = 0

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        if now - self.last < self.interval:
            self.suppressed += 1
            return False
        self.last = now
        error = record.exc_info[1] if record.exc_info else None
        cause = getattr(error, "__cause__", None) or error
        record.msg = "Cache unavailable (%s); serving without it. %d more since the last report."
        record.args = (type(cause).__name__, self.suppressed)
        record.exc_info = record.exc_text = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        self.suppressed = 0
        return True


def create_cache_tables(using="default", **kwargs) -> None:
    """post_migrate: the database cache's tables, when the database is the cache (production
    without Redis); a no-op for other backends (createcachetable skips them)."""
    if any("DatabaseCache" in cache["BACKEND"] for cache in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)
