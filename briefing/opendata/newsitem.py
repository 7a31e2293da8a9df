"""A release as the portal API's NewsItem: its fields in the portal's order and formats.

DataContents carries more than the body: the portal's HTML shows the photos (an image, then its
"▶ " caption), the footnote, the "* 문의:" contact line and the attribution, in that order, so they
are rendered here the same way, and the importer (contents.py) splits them back out.

After the portal's fields come four extension elements (EXTENSION_FIELDS) that the portal does not
have; clients that read fields by name are not disturbed by them. A withdrawn release stays listed
for settings.OPENDATA_WITHDRAWN_DAYS with only its title and the notice of withdrawal, so a mirror
learns of the withdrawal instead of seeing the item vanish.
"""

from datetime import datetime, timedelta
from html import escape
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from briefing.opendata.sources import source_of
from briefing.releases import models as release_models
from briefing.releases.attachment_sources import is_linkable
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
#: Ours, not the portal's: written after the FileName/FileUrl pairs (XML) or as further keys (JSON).
EXTENSION_FIELDS = ("NewsItemSource", "KoglType", "Withdrawn", "WithdrawnDate")
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


def listed_releases():
    """What the feed lists: the published releases, and those withdrawn within the last
    OPENDATA_WITHDRAWN_DAYS days (older withdrawals drop out, as a mirror has had a year to
    learn of them)."""
    kept_since = timezone.now() - timedelta(days=settings.OPENDATA_WITHDRAWN_DAYS)
    return Release.objects.published() | Release.objects.withdrawn().filter(
        withdrawn_at__gte=kept_since
    )


def feed_queryset():
    """The listed releases with everything a NewsItem shows, in a fixed number of queries."""
    prefetches = ["photos", "contacts", "attachments", "imported_attachment_links"]
    revision_model = _revision_model()
    if revision_model is not None:
        revisions = revision_model.objects.only("id", "release_id", "created_at")
        prefetches.append(Prefetch("revisions", queryset=revisions, to_attr="feed_revisions"))
    return (
        listed_releases()
        .select_related("ministry", "published_by", "import_record")
        .prefetch_related(*prefetches)
    )


def _import_record(release):
    try:
        return release.import_record
    except Release.import_record.RelatedObjectDoesNotExist:
        return None


def withdrawal_time(release: Release) -> datetime | None:
    """When the release was withdrawn, while it is; None for a release that is not withdrawn."""
    return release.withdrawn_at if release.status == Release.Status.WITHDRAWN else None


def modify_id(release: Release) -> int:
    """1 for a release never changed since publication (or since import), plus one per change.

    A change is a revision recorded after that moment, and the withdrawal; a later save without
    revisions counts as one change. An imported release starts from the source's own ModifyId,
    which already counts a withdrawal made there before the import.
    """
    record = _import_record(release)
    base, since = (record.modify_id, record.imported_at) if record else (1, release.published_at)
    withdrawn_at = withdrawal_time(release)
    withdrawal = 1 if withdrawn_at and withdrawn_at > since else 0

    def is_edit(revision):
        # The desk records a revision just after saving the withdrawal: that is the same change.
        own = withdrawal and withdrawn_at <= revision.created_at <= withdrawn_at + CHANGE_GRACE
        return revision.created_at > since + CHANGE_GRACE and not own

    edits = sum(1 for revision in getattr(release, "feed_revisions", []) if is_edit(revision))
    # A save that recorded no revision (a script, a bulk update) still counts as a change.
    unrecorded = 1 if not (edits or withdrawal) and release.updated_at > since + CHANGE_GRACE else 0
    return base + edits + withdrawal + unrecorded


def embargo_date(release: Release) -> datetime | None:
    """A scheduled release was held until its publish-at time: that is its embargo."""
    scheduled = getattr(Release.Status, "SCHEDULED", None)
    return release.published_at if scheduled and release.status == scheduled else None


def approver_name(release: Release) -> str:
    """Who approved the publication, never who wrote it: the source's ApproverName for an
    imported release, else the publisher here by full name; empty when unknown (a release from
    before approvals were recorded)."""
    record = _import_record(release)
    if record:
        return record.approver_name
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


def withdrawal_contents(release: Release) -> str:
    """The notice of withdrawal as paragraphs, one per line: all the public page still shows."""
    notice = release.withdrawal_notice.strip() or _("게시가 철회된 보도자료입니다")
    return "\n".join(
        f"<p>{escape(line.strip(), quote=False)}</p>"
        for line in notice.splitlines()
        if line.strip()
    )


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
    # A link whose file was fetched is already listed above as our file; a link to anything but
    # a web address (javascript:, file:) is never republished.
    files += [
        (link.name, link.url)
        for link in release.imported_attachment_links.all()
        if link.attachment_id is None and is_linkable(link.url)
    ]
    return files


def news_item(release: Release, absolute_url) -> list[tuple[str, str]]:
    """The item as (element, text) pairs in the portal's order; FileName/FileUrl pairs repeat.

    Call it inside the language the feed answers in: translated fields read the active language.
    A withdrawn release keeps its title and gives the notice as DataContents: no subtitles,
    body, photos, contacts or files, as its public page shows none.
    """
    change_number = modify_id(release)
    withdrawn_at = withdrawal_time(release)
    values = {
        "NewsItemId": str(release.news_item_id),
        "ContentsStatus": "I" if change_number == 1 and not withdrawn_at else "U",
        "ModifyId": str(change_number),
        "ModifyDate": portal_date(withdrawn_at or max(release.updated_at, release.published_at)),
        "ApproveDate": portal_date(approve_date(release)),
        "ApproverName": approver_name(release),
        "EmbargoDate": portal_date(embargo_date(release)),
        "GroupingCode": GROUPING_CODE,
        "Title": release.title,
        "DataContents": (
            withdrawal_contents(release) if withdrawn_at else data_contents(release, absolute_url)
        ),
        "MinisterCode": release.ministry.name,
        "OriginalUrl": absolute_url(release.get_absolute_url()),
    }
    subtitles = ["", "", ""] if withdrawn_at else _subtitles(release)
    for number, line in enumerate(subtitles, start=1):
        values[f"SubTitle{number}"] = line
    pairs = [(name, values[name]) for name in FIELD_ORDER]
    for name, url in [] if withdrawn_at else _files(release, absolute_url):
        pairs += [("FileName", name), ("FileUrl", url)]
    return pairs + [
        ("NewsItemSource", source_of(release)),
        ("KoglType", str(release.licence)),
        ("Withdrawn", "Y" if withdrawn_at else "N"),
        ("WithdrawnDate", portal_date(withdrawn_at)),
    ]
