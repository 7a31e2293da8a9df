"""A release as the portal API's NewsItem: its fields in the portal's order and formats.

DataContents carries more than the body: the portal's HTML shows the photos (an image, then its
"▶ " caption), the footnote, the "* 문의:" contact line and the attribution, in that order, so they
are rendered here the same way, and the importer (contents.py) splits them back out.
"""

from datetime import datetime, timedelta
from html import escape
from zoneinfo import ZoneInfo

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from briefing.releases import models as release_models
from briefing.releases.models import Release

SEOUL = ZoneInfo("Asia/Seoul")
PORTAL_DATE_FORMAT = "%m/%d/%Y %H:%M:%S"
GROUPING_CODE = "brief"
# Saving a release a few seconds after its publish-at time is publishing it, not changing it.
CHANGE_GRACE = timedelta(minutes=1)
REPEATED_FIELDS = ("FileName", "FileUrl")
FIELD_ORDER = (
    "NewsItemId", "ContentsStatus", "ModifyId", "ModifyDate", "ApproveDate", "ApproverName",
    "EmbargoDate", "GroupingCode", "Title", "SubTitle1", "SubTitle2", "SubTitle3",
    "DataContents", "MinisterCode", "OriginalUrl",
)  # fmt: skip
#: Fields the portal wraps in CDATA because they hold HTML or free text.
CDATA_FIELDS = frozenset({"Title", "SubTitle1", "SubTitle2", "SubTitle3", "DataContents"})


def portal_date(value: datetime | None) -> str:
    return value.astimezone(SEOUL).strftime(PORTAL_DATE_FORMAT) if value else ""


def parse_portal_date(text: str | None) -> datetime | None:
    """The portal's `MM/DD/YYYY HH24:MI:SS`, Seoul time; ValueError when it is something else."""
    text = (text or "").strip()
    if not text:
        return None
    return datetime.strptime(text, PORTAL_DATE_FORMAT).replace(tzinfo=SEOUL)


def _revision_model():
    # The editorial workflow's Revision model may be absent in an older tree; the feed then
    # counts changes from updated_at alone.
    return getattr(release_models, "Revision", None)


def feed_queryset():
    """Published releases with everything a NewsItem shows, in a fixed number of queries."""
    prefetches = ["photos", "contacts", "attachments", "imported_attachment_links"]
    revision_model = _revision_model()
    if revision_model is not None:
        revisions = revision_model.objects.only("id", "release_id", "created_at")
        prefetches.append(Prefetch("revisions", queryset=revisions, to_attr="feed_revisions"))
    return (
        Release.objects.published()
        .select_related("ministry", "published_by", "import_record")
        .prefetch_related(*prefetches)
    )


def _import_record(release):
    try:
        return release.import_record
    except Release.import_record.RelatedObjectDoesNotExist:
        return None


def modify_id(release: Release) -> int:
    """1 for a release never changed since publication (or since import), plus one per change.

    A change is a revision recorded after that moment; a later save without revisions counts as
    one change. An imported release starts from the portal's own ModifyId.
    """
    record = _import_record(release)
    base, since = (record.modify_id, record.imported_at) if record else (1, release.published_at)
    since += CHANGE_GRACE
    revisions = getattr(release, "feed_revisions", [])
    changes = sum(1 for revision in revisions if revision.created_at > since)
    # A save that recorded no revision (a script, a bulk update) still counts as a change.
    return base + max(changes, 1 if release.updated_at > since else 0)


def embargo_date(release: Release) -> datetime | None:
    """A scheduled release was held until its publish-at time: that is its embargo."""
    scheduled = getattr(Release.Status, "SCHEDULED", None)
    return release.published_at if scheduled and release.status == scheduled else None


def approver_name(release: Release) -> str:
    """The publisher who approved the publication, by full name; empty when nobody on this
    site approved it (an imported release, or one from before approvals were recorded)."""
    return release.published_by.get_full_name() if release.published_by else ""


def approve_date(release: Release) -> datetime:
    """When the publication was approved; for a release from before approvals were recorded,
    its publication time."""
    return release.approved_at or release.published_at


def contact_line(contact) -> str:
    person = " ".join(part for part in (contact.department, contact.name, contact.position) if part)
    reach = ", ".join(part for part in (contact.phone, contact.email) if part)
    label = _("문의")
    return f"* {label}: {person}({reach})"


def _photo_html(photo, absolute_url) -> str:
    image = format_html(
        '<p><img src="{}" alt="{}"></p>', absolute_url(photo.image.url), photo.alt_text
    )
    return f"{image}\n<p>▶ {escape(photo.caption_text, quote=False)}</p>"


def data_contents(release: Release, absolute_url) -> str:
    """The body with photos after the paragraph each names, then footnote, contacts, attribution."""
    blocks = list(release.body_blocks)
    photos = list(release.photos.all())
    parts = []
    for position in range(len(blocks) + 1):
        if position:
            parts.append(str(blocks[position - 1]))
        is_last = position == len(blocks)
        for photo in photos:
            if photo.after_block == position or (is_last and photo.after_block > position):
                parts.append(_photo_html(photo, absolute_url))
    parts += [
        f"<p>{escape(line, quote=False)}</p>"
        for line in release.footnote.splitlines()
        if line.strip()
    ]
    parts += [
        f"<p>{escape(contact_line(contact), quote=False)}</p>" for contact in release.contacts.all()
    ]
    if release.attribution:
        parts.append(f'<p class="remark">“{escape(release.attribution, quote=False)}”</p>')
    return "\n".join(parts)


def _subtitles(release: Release) -> list[str]:
    """Three subtitle fields; any lines past the third stay in SubTitle3 so none is lost."""
    first_two = release.subtitle_lines[:2]
    rest = release.subtitle_lines[2:]
    return [*first_two, *[""] * (2 - len(first_two)), "\n".join(rest)]


def _files(release: Release, absolute_url) -> list[tuple[str, str]]:
    files = []
    for attachment in release.attachments.all():
        path = reverse(
            "releases:attachment-download", kwargs={"slug": release.slug, "pk": attachment.pk}
        )
        files.append((str(attachment), absolute_url(path)))
    files += [(link.name, link.url) for link in release.imported_attachment_links.all()]
    return files


def news_item(release: Release, absolute_url) -> list[tuple[str, str]]:
    """The item as (element, text) pairs in the portal's order; FileName/FileUrl pairs repeat.

    Call it inside the language the feed answers in: translated fields read the active language.
    """
    change_number = modify_id(release)
    values = {
        "NewsItemId": str(release.news_item_id),
        "ContentsStatus": "I" if change_number == 1 else "U",
        "ModifyId": str(change_number),
        "ModifyDate": portal_date(max(release.updated_at, release.published_at)),
        "ApproveDate": portal_date(approve_date(release)),
        "ApproverName": approver_name(release),
        "EmbargoDate": portal_date(embargo_date(release)),
        "GroupingCode": GROUPING_CODE,
        "Title": release.title,
        "DataContents": data_contents(release, absolute_url),
        "MinisterCode": release.ministry.name,
        "OriginalUrl": absolute_url(release.get_absolute_url()),
    }
    for number, line in enumerate(_subtitles(release), start=1):
        values[f"SubTitle{number}"] = line
    pairs = [(name, values[name]) for name in FIELD_ORDER]
    for name, url in _files(release, absolute_url):
        pairs += [("FileName", name), ("FileUrl", url)]
    return pairs
