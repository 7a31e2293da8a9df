import peercommon
from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from plainpeer.models import Release

COMMENTS_PER_PAGE = 20


def _page(request, path, **context):
    return render(request, "peer/page.html", {
        "page_path": path, "page_url": request.build_absolute_uri(path), **context,
    })  # fmt: skip


def bare(request):
    """The bare render: the same page from a dict, no database."""
    return _page(
        request,
        "/ko/briefing/press-releases/bench/",
        **peercommon.page_context(peercommon.content()),
    )


def detail(request, slug):
    """The same page from the database: release and ministry, photos, comments, neighbours."""
    release = get_object_or_404(Release.objects.select_related("ministry"), slug=slug)
    photos = list(release.photos.order_by("order"))
    comments = list(release.comments.order_by("-created_at", "id")[:COMMENTS_PER_PAGE])
    parts = []
    for index, block in enumerate(release.blocks):
        parts.append({"kind": "html", "html": block})
        parts += [{"kind": "photo", "number": p.order + 1, "src": p.src, "alt": p.alt,
                   "width": p.width, "height": p.height, "caption": p.caption,
                   "credit": p.credit}
                  for p in photos if p.after_block == index + 1]  # fmt: skip
        if release.footnote and release.footnote_after == index + 1:
            parts.append({"kind": "footnote", "text": release.footnote})
    pages = -(-release.comment_count // COMMENTS_PER_PAGE)
    # The neighbours as ours shows them: one index seek each on (published_at, id).
    key = Q(published_at=release.published_at)
    older = (
        Release.objects.filter(
            Q(published_at__lt=release.published_at) | key & Q(id__lt=release.id)
        )
        .order_by("-published_at", "-id")
        .values("slug", "title")
        .first()
    )
    newer = (
        Release.objects.filter(
            Q(published_at__gt=release.published_at) | key & Q(id__gt=release.id)
        )
        .order_by("published_at", "id")
        .values("slug", "title")
        .first()
    )
    return _page(
        request, request.path, r=release, ministry=release.ministry,
        subtitles=release.subtitle.splitlines(), parts=parts, contacts=release.contacts,
        attachments=release.attachments, statistics=release.statistics,
        chart=release.chart, comments=comments,
        comment_count=release.comment_count, comment_pages=pages,
        older=peercommon.link(older), newer=peercommon.link(newer),
    )  # fmt: skip
