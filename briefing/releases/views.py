"""The public briefing-room pages: the press-release list, a release, its photos and files.

Every page reads releases through Release.objects.published(), the one definition of what a
citizen may see now, and runs a fixed number of queries (the sidebar is cached, the release's parts
are prefetched). What other apps add to these pages (comments, the posting rules, the ranking)
they add through the pages' slots (briefing/pagecache.py), and files they know of for a release
through attachment sources (attachment_sources.py); this module imports none of them.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections
from django.db.models import F, Subquery
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from django.http import FileResponse, Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override
from django.views.decorators.http import require_safe

from briefing.pagecache import anonymous_page_cache, content_version, digest, serve_with_shell
from briefing.releases.attachment_sources import extra_attachments
from briefing.releases.charts import unit_groups
from briefing.releases.filters import PERIODS, ListFilter
from briefing.releases.models import Attachment, Ministry, Release, SlugRedirect
from briefing.releases.page_parts import with_stored_parts
from briefing.releases.paging import DeferredJoinPaginator
from briefing.releases.presentation import body_parts, licence_info, news_article_json_ld
from briefing.releases.signals import release_viewed
from briefing.site import absolute_url

PAGE_WINDOW = 10
#: Drawn by briefing/releases/fixtures/placeholders.py: PNG at the 1200×630 previews use.
SITE_SHARE_IMAGE = "img/og-default.png"


@require_safe
@anonymous_page_cache
def release_list(request):
    ministries = list(Ministry.objects.order_by("group", "order", "name"))
    by_code = {ministry.code: ministry for ministry in ministries}
    list_filter = ListFilter.from_query(request.GET, known_codes=by_code)
    paginator = DeferredJoinPaginator(
        list_filter.apply(Release.objects.published()),
        settings.BRIEFING_LIST_PAGE_SIZE,
        rows=Release.objects.select_related("ministry"),
        # The count and the deep-page anchors change only with the content, so they are kept
        # under the content version, which also moves when a scheduled release's time passes
        # (PostgreSQL: 11 ms per count).
        cache_key=f"list:{content_version()}:{digest(list_filter.querystring())}",
    )
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "releases/release_list.html",
        {
            "page_obj": page,
            "pagination": pagination(page, list_filter, reverse("releases:list")),
            "list_filter": list_filter,
            "querystring": list_filter.querystring(page.number),
            "periods": PERIODS.items(),
            "ministry_groups": group_ministries(ministries),
            "selected_ministries": [by_code[code] for code in list_filter.ministry_codes],
        },
    )


def pagination(page, list_filter, base_url) -> dict:
    """The portal's pager: 처음, 이전, up to ten numbers (1–10, 11–20, …), 다음, 마지막.

    이전 and 다음 move one page, as their labels ("이전페이지로 이동") say; the numbers show the
    block of ten the page is in. Every link keeps the filters.
    """
    last = page.paginator.num_pages
    first_in_block = (page.number - 1) // PAGE_WINDOW * PAGE_WINDOW + 1
    last_in_block = min(first_in_block + PAGE_WINDOW - 1, last)

    def link(number):
        return base_url + (list_filter.querystring(number) or "?")

    return {
        "first": link(1) if page.number > 1 else None,
        "previous": link(page.number - 1) if page.number > 1 else None,
        "numbers": [
            (number, link(number), number == page.number)
            for number in range(first_in_block, last_in_block + 1)
        ],
        "next": link(page.number + 1) if page.number < last else None,
        "last": link(last) if page.number < last else None,
    }


def group_ministries(ministries) -> list[tuple[str, str, list]]:
    groups = []
    for value, label in Ministry.Group.choices:
        members = [ministry for ministry in ministries if ministry.group == value]
        if members:
            groups.append((value, label, members))
    return groups


def with_page_parts(releases):
    """Everything a release page shows, fetched with the release in one query when its parts
    are stored (page_parts.py), in six when they must be read from their tables."""
    return with_stored_parts(releases)


def published_release(slug):
    return get_object_or_404(with_page_parts(Release.objects.published()), slug=slug)


def moved_release(slug) -> Release:
    """The release that used to answer at ``slug`` (its address changed), or 404."""
    moved = SlugRedirect.objects.select_related("release").filter(old_slug=slug).first()
    if moved is None:
        raise Http404("no release has this address")
    return moved.release


def to_new_address(request, view_name, slug, **kwargs):
    """A permanent redirect from an address a release used to have to the one it has now,
    keeping the query string (a reader's list filters, a feed's tracking)."""
    url = reverse(view_name, kwargs={"slug": moved_release(slug).slug, **kwargs})
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


@require_safe
@anonymous_page_cache
def release_detail(request, slug):
    """An anonymous reader gets the page's cached shell with its comment section freshly
    rendered: two queries (the section's count and page of comments) instead of about ten, and a
    new comment re-renders only its section. Signed-in readers, and the first reader of a shell,
    get a full render."""

    def render_page():
        release = with_page_parts(Release.objects.viewable()).filter(slug=slug).first()
        if release is None:
            return to_new_address(request, "releases:detail", slug)
        if release.status == Release.Status.WITHDRAWN:
            return render(request, "releases/release_withdrawn.html", {"release": release})
        request.cache_extra = {"release_id": release.pk}
        announce_view(request, request.cache_extra)
        return render_release_page(request, release)

    return serve_with_shell(request, render_page, after_hit=[announce_view])


def announce_view(request, extra):
    """Tell whoever counts views (the pageviews app) that a reader saw a release, whether the
    page was rendered, built from its shell or served whole from the cache."""
    if extra and "release_id" in extra:
        release_viewed.send(sender=Release, request=request, release_id=extra["release_id"])


release_detail.after_hit.append(announce_view)


def render_release_page(request, release, *, preview=False):
    """The release page; the staff preview renders a draft through this same function."""
    list_filter = ListFilter.from_query(request.GET)
    photos = list(release.photos.all())
    statistics = list(release.statistics.all())
    # A release not written in the reader's language is the Korean page in other chrome: its
    # address for search engines and for sharing is the Korean one.
    language = get_language() if get_language() in release.languages else settings.LANGUAGE_CODE
    with override(language):
        url = absolute_url(release.get_absolute_url())
    image_url = absolute_url(photos[0].image.url) if photos else ""
    # Link previews (KakaoTalk, Facebook, X) show a grey box without an image, so a release
    # without photos offers the site's own; it is no picture of the release, so the NewsArticle
    # data names photos only.
    share_image_url = image_url or absolute_url(static(SITE_SHARE_IMAGE))
    older, newer = neighbours(release, list_filter)
    return render(
        request,
        "releases/release_detail.html",
        {
            "release": release,
            "parts": body_parts(release),
            "licence": licence_info(release),
            "statistics": statistics,
            "extra_attachments": extra_attachments(release),
            "chart_groups": unit_groups(statistics),
            "older": older,
            "newer": newer,
            "list_filter": list_filter,
            "list_querystring": list_filter.querystring(_page_number(request)),
            "filter_querystring": list_filter.querystring(),
            "canonical_url": url,
            "preview": preview,
            "og_image": share_image_url,
            "json_ld": news_article_json_ld(
                release,
                url=url,
                image_url=image_url,
                site_name=settings.SITE_NAME,
                language=language,
            ),
        },
    )


def _page_number(request) -> int | None:
    try:
        return max(int(request.GET.get("page", "")), 1)
    except ValueError:
        return None


def neighbours(release, list_filter):
    """The previous (older) and next (newer) releases within the reader's current filters, as
    ``(older, newer)``, each None at the end of the list; none for a draft in the staff preview,
    which has no place in the list yet. One query whatever the size of the archive (below)."""
    if release.published_at is None:
        return None, None
    if list_filter.is_unfiltered:
        rows = _UNFILTERED_NEIGHBOURS.run(release)
    else:
        rows = neighbours_queryset(release, list_filter)
    older = newer = None
    for row in rows:
        if (row.published_at, row.pk) < (release.published_at, release.pk):
            older = row
        else:
            newer = row
    return older, newer


class _WrittenOnce:
    """The unfiltered neighbours query, written by the ORM once per process and database and
    run with each release's values: building it took the ORM five times as long as SQLite took
    to answer it (bench/profile_page.py), on every uncached release page, and nearly every
    reader arrives without list filters. The SQL is neighbours_queryset's own, so published()
    stays the one definition of what is public; only its parameters are bound anew, found by
    writing the query for stand-in values and noting where each one went."""

    STAND_IN_ID = 987_654_321_987
    STAND_IN_TIME = datetime.datetime(2001, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC)
    STAND_IN_NOW = datetime.datetime(2002, 3, 4, 5, 6, 7, 890123, tzinfo=datetime.UTC)

    def __init__(self):
        self._written = {}

    def run(self, release):
        database = release._state.db or "default"
        if database not in self._written:
            self._written[database] = self._write(database)
        sql, slots = self._written[database]
        values = {"id": release.pk, "time": release.published_at, "now": timezone.now()}
        prepared = self._prepare(values, connections[database])
        params = [prepared[slot] if slot in prepared else slot[1] for slot in slots]
        return Release.objects.raw(sql, params).using(database)

    def _prepare(self, values, connection):
        field = Release._meta.get_field("published_at")
        return {
            ("id",): values["id"],
            ("time",): field.get_db_prep_value(values["time"], connection),
            ("now",): field.get_db_prep_value(values["now"], connection),
        }

    def _write(self, database):
        stand_in = Release(pk=self.STAND_IN_ID, published_at=self.STAND_IN_TIME)
        stand_in._state.db = database
        queryset = neighbours_queryset(stand_in, ListFilter(period="all"), now=self.STAND_IN_NOW)
        sql, params = queryset.query.get_compiler(using=database).as_sql()
        prepared = self._prepare(
            {"id": self.STAND_IN_ID, "time": self.STAND_IN_TIME, "now": self.STAND_IN_NOW},
            connections[database],
        )
        by_value = {value: slot for slot, value in prepared.items()}
        # A value that is none of the stand-ins (a status) is kept as written: ("as is", value).
        slots = [by_value.get(param, ("as is", param)) for param in params]
        if not set(prepared) <= set(slots):  # a stand-in went in changed: bind nothing blind
            raise ImproperlyConfigured(f"cannot bind the neighbours query: {sql}")
        return sql, slots


_UNFILTERED_NEIGHBOURS = _WrittenOnce()


def neighbours_queryset(release, list_filter, *, now=None):
    """Both neighbours in one query: ``id IN (older seek, newer seek)``, each seek a LIMIT 1 on
    the list's order, (published_at, id), from the release's own place in it.

    Each seek reads the index that holds the list's order (Release.Meta.indexes,
    release_public_order: published_at, id, then status, which published() filters on), from the
    release onwards, and stops at the first row that passes the filters: the same few index
    entries for the newest release as for the oldest of 10,000. The condition is the row value
    ``(published_at, id) > (x, y)``, which PostgreSQL compares in the index itself (an Index Only
    Scan, Backward for the newer one, with the row in its Index Cond). SQLite gets Django's
    expansion of it (``published_at > x OR (published_at = x AND id > y)``), which its planner
    answered with a MULTI-INDEX OR and a TEMP B-TREE sorting every newer release (the issue's
    11.6 ms for the oldest page); the plain range ``published_at >= x`` beside it makes it seek.
    tests/releases/test_neighbour_seek.py checks both plans at 1,000 and 10,000 releases.

    Two seeks as scalar subqueries of one ``IN`` rather than a UNION ALL: the ORM cannot put a
    LIMIT inside a UNION on SQLite; either way it is one query instead of two.
    """
    here = Tuple("published_at", "id")
    place = (release.published_at, release.pk)
    listed = list_filter.apply(Release.objects.published(now))
    older = listed.filter(TupleLessThan(here, place))
    newer = listed.filter(TupleGreaterThan(here, place))
    if not connection.features.supports_tuple_lookups:
        # The expansion's OR defeats SQLite's range analysis; on PostgreSQL this range would
        # only tempt the planner to the single-column published_at index and a sort.
        older = older.filter(published_at__lte=release.published_at)
        newer = newer.filter(published_at__gte=release.published_at)
    older = older.order_by("-published_at", "-id")
    newer = newer.order_by("published_at", "id")
    return (
        Release.objects.filter(
            pk__in=[Subquery(older.values("pk")[:1]), Subquery(newer.values("pk")[:1])]
        )
        .only("id", "slug", "published_at", "title_ko", "title_en")
        .order_by()
    )


@require_safe
def release_photos(request, slug):
    try:
        release = published_release(slug)
    except Http404:
        return to_new_address(request, "releases:photos", slug)
    return render(request, "releases/release_photos.html", {"release": release})


def published_attachment(slug, pk) -> Attachment:
    return get_object_or_404(
        Attachment.objects.select_related("release"),
        pk=pk,
        release__in=Release.objects.published().filter(slug=slug),
    )


def _attachment_or_redirect(request, view_name, slug, pk):
    """The attachment, or a permanent redirect when the release's address has changed."""
    try:
        return published_attachment(slug, pk), None
    except Http404:
        return None, to_new_address(request, view_name, slug, pk=pk)


@require_safe
def attachment_download(request, slug, pk):
    """Serve the file as a download and count it (an F() update, so concurrent counts add up)."""
    attachment, moved = _attachment_or_redirect(request, "releases:attachment-download", slug, pk)
    if moved:
        return moved
    response = _file_response(attachment, as_attachment=True)
    Attachment.objects.filter(pk=attachment.pk).update(download_count=F("download_count") + 1)
    return response


@require_safe
def attachment_view(request, slug, pk):
    """바로보기: a PDF shown in the browser; other kinds have no viewer here."""
    attachment, moved = _attachment_or_redirect(request, "releases:attachment-view", slug, pk)
    if moved:
        return moved
    if attachment.kind != Attachment.Kind.PDF:
        raise Http404("no viewer for this file type")
    response = _file_response(attachment, as_attachment=False)
    response["Content-Type"] = "application/pdf"
    return response


def _file_response(attachment, *, as_attachment: bool) -> FileResponse:
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404("the file is missing") from missing
    filename = attachment.name or attachment.file.name.rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=as_attachment, filename=filename)


@require_safe
def policies(request):
    """개인정보처리방침, 저작권정책 and 이메일 수집거부: the footer's three policy notices."""
    return render(request, "releases/policies.html", {"crumb_title": True})


def robots_txt(request):
    sitemap = absolute_url(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Allow: /", "", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
