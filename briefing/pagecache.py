"""Whole-page caching for anonymous readers that stays correct.

Why whole pages: the benchmark (bench/run.py) showed that a rendered detail page served from the
cache costs a fraction of rendering even its cached fragments, and anonymous readers are nearly
all the traffic. Logged-in citizens never get a cached page: their pages carry their own state
(held comments, report buttons, the comment form's CSRF token).

Correctness rests on one number, the content version, which is part of every cache key:
- any saved or deleted row that shows on a page (a release and its parts, a ministry, a comment)
  bumps it, through receivers each app connects for its own models (see `invalidate_on_change`);
- a scheduled release passing its publish-at time changes pages without anybody saving anything,
  so the time of the next scheduled publication is kept beside the version, and the first request
  after that time bumps the version itself. No cron job is needed.
Entries also expire after PAGE_SECONDS, which bounds the staleness of the popularity sidebar.

Fragments: a page whose only fast-changing part is one section (a release page's comments) can be
kept as a *shell*, the rendered page with a slot where that section goes, under the same content
version; see `page_shell_key`. A new comment then costs the next reader one section's render
instead of the page's (bench/run.py measures both layers, and neither).

Responses carry an ETag (ConditionalGetMiddleware answers 304 to a matching If-None-Match) and
Cache-Control that lets a reverse proxy hold anonymous pages briefly (see the README's nginx
micro-cache example) while browsers revalidate.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

PAGE_SECONDS = 300
PROXY_SECONDS = 60
VERSION_KEY = "pagecache:version"
NEXT_PUBLICATION_KEY = "pagecache:next-publication"
NO_SCHEDULED = "none"


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = timezone.now().timestamp()  # a fresh cache must not meet old entries
        cache.add(VERSION_KEY, version, None)
    if _scheduled_publication_passed():
        version = bump_content_version()
    return version


def bump_content_version(**_signal_kwargs) -> float:
    version = timezone.now().timestamp()
    cache.set(VERSION_KEY, version, None)
    cache.delete(NEXT_PUBLICATION_KEY)
    return version


def _scheduled_publication_passed() -> bool:
    next_publication = cache.get(NEXT_PUBLICATION_KEY)
    if next_publication is None:
        next_publication = _next_scheduled_publication()
        cache.set(NEXT_PUBLICATION_KEY, next_publication, PAGE_SECONDS)
    return next_publication != NO_SCHEDULED and timezone.now().timestamp() >= next_publication


def _next_scheduled_publication():
    from briefing.releases.models import Release

    upcoming = (
        Release.objects.filter(status=Release.Status.SCHEDULED, published_at__gt=timezone.now())
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return upcoming.timestamp() if upcoming else NO_SCHEDULED


def bump_scope(scope: str) -> None:
    """Invalidate only the pages of one release (its slug): a comment changes nothing else."""
    cache.set(f"pagecache:scope:{scope}", timezone.now().timestamp(), None)


def invalidate_on_change(*models):
    """Each app names the models whose changes show on public pages."""
    for model in models:
        uid = f"pagecache-{model._meta.label_lower}"
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"{uid}-delete")


def _cacheable(request) -> bool:
    return (
        settings.BRIEFING_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
    )


def anonymous_page_cache(view):
    """Serve anonymous GETs from the cache; `after_hit(request, entry)` keeps side effects such as
    view counting working on cached pages (the view stores what it needs in `request.cache_extra`)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        key = _page_key(request, kwargs.get("slug"))
        entry = cache.get(key)
        if entry is not None:
            response = HttpResponse(entry["content"], content_type=entry["content_type"])
            response["X-Page-Cache"] = "hit"
            for hook in getattr(wrapper, "after_hit", ()):
                hook(request, entry.get("extra"))
        else:
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                if hasattr(response, "render"):
                    response.render()
                cache.set(key, _entry(request, response), PAGE_SECONDS)
                response["X-Page-Cache"] = "miss"
        if response.status_code == 200:
            _public_headers(response)
        return response

    wrapper.after_hit = []
    return wrapper


def _page_key(request, scope=None) -> str:
    scope_version = cache.get(f"pagecache:scope:{scope}", 0) if scope else 0
    return f"pagecache:{content_version()}:{scope_version}:{get_language()}:{_path_digest(request)}"


def page_shell_key(request) -> str | None:
    """The cache key of this page's shell for an anonymous reader, or None when shells don't
    apply (a signed-in reader's page carries their own state; the setting may be off)."""
    if not settings.BRIEFING_FRAGMENT_CACHE or request.user.is_authenticated:
        return None
    return f"pageshell:{content_version()}:{get_language()}:{_path_digest(request)}"


def _path_digest(request) -> str:
    return digest(request.get_full_path())


def digest(text: str) -> str:
    """A fixed-length stand-in for a path or query string in cache keys (a long keyword would
    make keys too long for memcached-style backends)."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _storable(request, response) -> bool:
    # A page that set a cookie (a CSRF token, a session) belongs to one visitor only.
    return (
        response.status_code == 200
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(response, "streaming", False)
    )


def _entry(request, response) -> dict:
    return {
        "content": response.content,
        "content_type": response["Content-Type"],
        "extra": getattr(request, "cache_extra", None),
    }


def _public_headers(response):
    patch_cache_control(
        response, public=True, max_age=0, s_maxage=PROXY_SECONDS, must_revalidate=True
    )
    patch_vary_headers(response, ("Cookie",))
