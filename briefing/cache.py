"""A Redis cache that degrades instead of failing.

Everything the default cache holds can be recomputed (page renders, the sidebar, view-count
de-duplication), so when Redis is unreachable the site keeps serving: a read misses, a write is
dropped, and one warning a minute is logged. The comment rate limits use a separate, strict alias
("ratelimits") whose errors reach the limiter, which then counts from the database instead: a
limiter must know its counter failed rather than read a miss as "no comments yet".
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
WARNING_INTERVAL_SECONDS = 60


class ResilientRedisCache(RedisCache):
    _last_warning = 0.0

    def _degraded(self, operation, error, default):
        now = time.monotonic()
        if now - ResilientRedisCache._last_warning > WARNING_INTERVAL_SECONDS:
            ResilientRedisCache._last_warning = now
            logger.warning(
                "Cache unavailable (%s during %s); serving without it.",
                type(error).__name__,
                operation,
            )
        return default

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as error:
            return self._degraded("get", error, default)

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            return self._degraded("get_many", error, {})

    def set(self, key, value, timeout=None, version=None, **kwargs):
        try:
            return super().set(key, value, timeout, version)
        except RedisError as error:
            return self._degraded("set", error, None)

    def set_many(self, data, timeout=None, version=None):
        try:
            return super().set_many(data, timeout, version)
        except RedisError as error:
            return self._degraded("set_many", error, list(data))

    def add(self, key, value, timeout=None, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError as error:
            return self._degraded("add", error, False)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as error:
            return self._degraded("delete", error, False)

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except RedisError as error:
            return self._degraded("delete_many", error, None)

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except RedisError as error:
            return self._degraded("has_key", error, False)

    def touch(self, key, timeout=None, version=None):
        try:
            return super().touch(key, timeout, version)
        except RedisError as error:
            return self._degraded("touch", error, False)
