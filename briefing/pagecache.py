"""Whole-page caching for anonymous readers that stays correct.

Why whole pages: the benchmark (bench/run.py) showed that a rendered detail page served from the
cache costs a fraction of rendering even its cached fragments, and anonymous readers are nearly
all the traffic. Logged-in citizens never get a cached page: their pages carry their own state
(held comments, report buttons, the comment form's CSRF token).

Correctness rests on one number, the content version, which is part of every cache key:
- any saved or deleted row that shows on a page (a release and its parts, a ministry, a comment)
  bumps it, through receivers each app connects for its own models (see `invalidate_on_change`);
- a scheduled release passing its publish-at time (or a comment's temporary measure running out)
  changes pages without anybody saving anything, so the time of the next such change is kept
  beside the version, and the first request after that time bumps the version itself. No cron
  job is needed.
Entries also expire after PAGE_SECONDS, which bounds the staleness of the popularity sidebar.

Slots: a page names the places other apps fill (``{% load pagecache %}{% slot "sidebar" %}``),
and each app registers what goes there (``register_slot`` in its AppConfig.ready()), the way
django-contrib-comments' ``{% render_comment_form %}`` serves models it knows nothing about. So
the release page shows the comments, the posting rules and the ranking without importing them.

Shells: a *live* slot (a release page's comments) changes far more often than the page around it,
so the rendered page is kept as a *shell* with a marker where each live slot goes, under the same
content version (``serve_with_shell``), and each request renders only the live slots. A new
comment then costs the next reader one section's render instead of the page's (bench/run.py
measures both layers, and neither).

Responses carry an ETag (ConditionalGetMiddleware answers 304 to a matching If-None-Match) and
Cache-Control that lets a reverse proxy hold anonymous pages briefly (see the README's nginx
micro-cache example) while browsers revalidate.
"""

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django import template
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.safestring import mark_safe
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


#: Callables answering "when does content next become visible without anybody saving it?"
_SCHEDULES: list[Callable] = []


def watch_schedule(next_change: Callable) -> None:
    """Register ``next_change() -> datetime | None``: the next moment pages change by themselves
    (a scheduled release going live). The first request after that moment bumps the version."""
    if next_change not in _SCHEDULES:
        _SCHEDULES.append(next_change)


def schedule_changed() -> None:
    """A registered schedule has a new moment (a comment's temporary measure was applied): ask
    the schedules again at the next request instead of trusting the remembered moment."""
    cache.delete(NEXT_PUBLICATION_KEY)


def _scheduled_publication_passed() -> bool:
    next_publication = cache.get(NEXT_PUBLICATION_KEY)
    if next_publication is None:
        next_publication = _next_scheduled_change()
        cache.set(NEXT_PUBLICATION_KEY, next_publication, PAGE_SECONDS)
    return next_publication != NO_SCHEDULED and timezone.now().timestamp() >= next_publication


def _next_scheduled_change():
    moments = [moment for moment in (next_change() for next_change in _SCHEDULES) if moment]
    return min(moments).timestamp() if moments else NO_SCHEDULED


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


def serve_with_shell(request, render_page, *, after_hit=()) -> HttpResponse:
    """Answer with ``render_page()``, keeping the page as a shell around its live slots.

    The first anonymous request renders the page with a marker for each live slot and stores
    the pieces; later ones render only the live slots into the stored pieces. ``render_page``
    may set ``request.cache_extra``; it is kept with the shell and handed to each
    ``after_hit(request, extra)`` when a stored shell answers (to count a view, say).
    Signed-in readers, and pages that are not a plain 200, are rendered whole.
    """
    key = page_shell_key(request)
    if key is None:
        return render_page()
    shell = cache.get(key)
    if shell is None:
        request.shell_slots = []
        response = render_page()
        calls, request.shell_slots = request.shell_slots, None
        if not calls or not _storable(request, response):
            return response
        shell = {
            "pieces": SLOT_MARKER.split(response.content.decode()),
            "calls": calls,
            "extra": getattr(request, "cache_extra", None),
        }
        cache.set(key, shell, PAGE_SECONDS)
    else:
        for hook in after_hit:
            hook(request, shell["extra"])
        request.cache_extra = shell["extra"]
    return HttpResponse(_fill(request, shell))


def _fill(request, shell) -> str:
    # The pieces alternate: text, slot number, text, slot number, ..., text.
    pieces = list(shell["pieces"])
    for at in range(1, len(pieces), 2):
        name, params = shell["calls"][int(pieces[at])]
        pieces[at] = render_slot(name, request, params)
    return "".join(pieces)


# --- Slots: places on a page that other apps fill ----------------------------------------------


@dataclass(frozen=True)
class Slot:
    #: ``render(request, **params) -> safe HTML``; params come from the template tag.
    render: Callable
    #: Rendered on every request even inside a cached shell; its params must be JSON data.
    live: bool = False


_SLOTS: dict[str, Slot] = {}
SLOT_MARKER = re.compile(r"<!--briefing:slot:(\d+)-->")

register = template.Library()


def register_slot(name: str, render: Callable, *, live: bool = False) -> None:
    """Fill the slot ``name`` on every page that has one (called from an AppConfig.ready())."""
    _SLOTS[name] = Slot(render, live)


def render_slot(name: str, request, params: dict) -> str:
    slot = _SLOTS.get(name)
    return slot.render(request, **params) if slot else ""


@register.simple_tag(takes_context=True)
def slot(context, name, **params):
    """``{% slot "name" key=value %}``: what the app registered for ``name``, or nothing."""
    request = context.get("request")
    entry = _SLOTS.get(name)
    if entry is None:
        return ""
    calls = getattr(request, "shell_slots", None)
    if entry.live and calls is not None:
        # Building a shell: leave a marker, and remember the call (as JSON-safe data, since
        # the shell is stored in the cache and filled in by other requests).
        calls.append((name, json.loads(json.dumps(params))))
        return mark_safe(f"<!--briefing:slot:{len(calls) - 1}-->")  # noqa: S308 - a number
    return entry.render(request, **params)


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
