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
    data = peercommon.content()
    path = "/ko/briefing/press-releases/bench/"
    return _page(
        request, path, r=data, ministry={"name": data["ministry"], "code": data["ministry_code"]},
        subtitles=data["subtitles"], parts=data["parts"], contacts=data["contacts"],
        attachments=data["attachments"], statistics=data["statistics"]["rows"],
        statistics_unit=data["statistics"]["unit"], comments=data["comments"],
        comment_count=data["comment_count"], comment_pages=data["comment_pages"],
        older=_link(data["older"]), newer=_link(data["newer"]),
    )  # fmt: skip


def detail(request, slug):
    """The same page from the database: release and ministry, photos, comments, neighbours."""
    release = get_object_or_404(Release.objects.select_related("ministry"), slug=slug)
    photos = list(release.photos.order_by("order"))
    comments = list(release.comments.order_by("-created_at")[:COMMENTS_PER_PAGE])
    parts = []
    for index, block in enumerate(release.blocks):
        parts.append({"kind": "html", "html": block})
        parts += [{"kind": "photo", "src": p.src, "alt": p.alt, "width": p.width,
                   "height": p.height, "caption": p.caption}
                  for p in photos if p.after_block == index + 1]  # fmt: skip
    if release.footnote:
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
        statistics_unit=release.statistics_unit, comments=comments,
        comment_count=release.comment_count, comment_pages=pages,
        older=_link(older), newer=_link(newer),
    )  # fmt: skip


def _link(row):
    return row and {"title": row["title"], "url": f"/ko/briefing/press-releases/{row['slug']}/"}
