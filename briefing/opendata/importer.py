"""Importing files in the portal API's XML shape: what a ministry downloaded from the portal.

Files are untrusted. They are parsed by defusedxml with DTDs refused outright, so no entity is
ever expanded and nothing outside the file is fetched; the portal's responses carry no DTD, so a
file that has one is refused rather than half-read. A file is read whole before anything is
written, and written in one transaction: a file that fails imports nothing.
"""

import html
import posixpath
from collections import Counter
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.http.request import validate_host
from django.urls import Resolver404, resolve
from django.utils import timezone, translation

from briefing.opendata.contents import Parts, split_contents
from briefing.opendata.models import ImportedAttachmentLink, ImportRecord
from briefing.opendata.newsitem import REPEATED_FIELDS, parse_portal_date
from briefing.opendata.sources import PORTAL_SOURCE
from briefing.releases.models import Contact, Ministry, Photo, Release
from briefing.releases.services import generate_renditions

CHUNK_BYTES = 64 * 1024
# Agencies renamed in the 2025 reorganisation: files downloaded before it use the old names.
FORMER_MINISTRY_NAMES = {
    "기획재정부": "재정경제부",
    "환경부": "기후에너지환경부",
    "여성가족부": "성평등가족부",
    "산업통상자원부": "산업통상부",
    "통계청": "국가데이터처",
    "특허청": "지식재산처",
    "방송통신위원회": "방송미디어통신위원회",
}


class FileRefused(Exception):
    """The file as a whole cannot be imported; the message names the line where reading stopped."""


class ItemSkipped(Exception):
    """One item cannot be imported; the message says why."""


@dataclass
class FileReport:
    name: str
    created: int = 0
    updated: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""

    def skip_reasons(self) -> Counter:
        return Counter(reason for _item, reason in self.skipped)


def _refusal(parser, error) -> FileRefused:
    if isinstance(error, ParseError):
        line = error.position[0]
        return FileRefused(f"line {line}: not well-formed XML ({error})")
    line = parser.parser.CurrentLineNumber
    return FileRefused(
        f"line {line}: refused: the file declares a DTD or entities ({type(error).__name__}); "
        "portal files have none, and entities are never expanded or fetched"
    )


def read_items(path: Path) -> list[dict]:
    """The NewsItem elements of the file as dicts (FileName and FileUrl as lists)."""
    parser = DefusedXMLParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK_BYTES):
                parser.feed(chunk)
        root = parser.close()
    except (ParseError, DefusedXmlException) as error:
        raise _refusal(parser, error) from None
    except OSError as error:
        raise FileRefused(f"cannot read the file: {error.strerror}") from None
    if root.tag != "response":
        raise FileRefused(f"not a press-release API response: the root element is <{root.tag}>")
    code = (root.findtext("header/resultCode") or "0").strip()
    if code not in ("0", "00"):
        message = root.findtext("header/resultMsg") or ""
        raise FileRefused(f"the file is an error response: {code} {message}".strip())
    return [_item_fields(element) for element in root.iterfind("body/NewsItem")]


def _item_fields(element) -> dict:
    item = {name: [] for name in REPEATED_FIELDS}
    for child in element:
        text = (child.text or "").strip()
        if child.tag in REPEATED_FIELDS:
            item[child.tag].append(text)
        else:
            item[child.tag] = text
    return item


def find_ministry(name: str) -> Ministry | None:
    name = " ".join(html.unescape(name or "").split())
    name = FORMER_MINISTRY_NAMES.get(name, name)
    if not name:
        return None
    return (
        Ministry.objects.filter(name_ko=name).first()
        or Ministry.objects.filter(name_en__iexact=name).first()
        or Ministry.objects.filter(code=name).first()
    )


def stored_media_name(src: str) -> str | None:
    """The media file an image URL points to, when it is this site's own and still stored.

    Images elsewhere cannot be downloaded here (and should not be fetched from untrusted files),
    so only an image this site already serves can become a Photo again.
    """
    parts = urlsplit(src)
    if parts.scheme not in ("", "http", "https"):
        return None
    if parts.netloc and not validate_host(parts.hostname or "", settings.ALLOWED_HOSTS):
        return None
    if not parts.path.startswith(settings.MEDIA_URL):
        return None
    name = posixpath.normpath(unquote(parts.path[len(settings.MEDIA_URL) :]))
    if name.startswith(("..", "/")) or not default_storage.exists(name):
        return None
    return name


def _slug_from_original_url(url: str) -> str:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return ""
    return match.kwargs.get("slug", "") if match.view_name == "releases:detail" else ""


def unique_slug(news_item_id: int, original_url: str) -> str:
    """The slug the release had where it was exported from, if it is ours and free; else news-<id>."""
    candidates = [_slug_from_original_url(original_url), f"news-{news_item_id}"]
    for slug in filter(None, candidates):
        if not Release.objects.filter(slug=slug).exists():
            return slug
    return f"news-{news_item_id}-{Release.objects.count() + 1}"


@dataclass
class Item:
    news_item_id: int
    modify_id: int
    title: str
    subtitle: str
    ministry: Ministry
    published_at: object
    is_embargoed: bool
    data_contents: str
    original_url: str
    files: list[tuple[str, str]]


def _number(item, name, default=None) -> int:
    value = item.get(name, "")
    if not value and default is not None:
        return default
    if not value.isdigit():
        raise ItemSkipped(f"{name} missing or not a number")
    return int(value)


def _date(item, name):
    try:
        return parse_portal_date(item.get(name))
    except ValueError:
        raise ItemSkipped(f"{name} is not MM/DD/YYYY HH24:MI:SS") from None


def checked_item(item: dict) -> Item:
    news_item_id = _number(item, "NewsItemId")
    title = html.unescape(item.get("Title", "")).strip()
    if not title:
        raise ItemSkipped("no Title")
    ministry = find_ministry(item.get("MinisterCode", ""))
    if ministry is None:
        raise ItemSkipped(f"unknown ministry {item.get('MinisterCode', '')!r}")
    approved = _date(item, "ApproveDate") or _date(item, "ModifyDate") or timezone.now()
    embargo = _date(item, "EmbargoDate")
    subtitles = [html.unescape(item.get(f"SubTitle{n}", "")) for n in (1, 2, 3)]
    lines = [line.strip(" -\t") for text in subtitles for line in text.splitlines()]
    return Item(
        news_item_id=news_item_id,
        modify_id=_number(item, "ModifyId", default=1),
        title=title[:300],
        subtitle="\n".join(line for line in lines if line),
        ministry=ministry,
        published_at=max(approved, embargo) if embargo else approved,
        is_embargoed=bool(embargo and embargo > approved),
        data_contents=item.get("DataContents", ""),
        original_url=item.get("OriginalUrl", "")[:500],
        files=list(zip(item["FileName"], item["FileUrl"], strict=False)),
    )


def _record_revision(release, note):
    """Keep a revision of an update where the editorial workflow offers revisions."""
    record_revision = getattr(import_module("briefing.releases.services"), "record_revision", None)
    if record_revision is not None:
        record_revision(release, note=note)


def _default_attribution(ministry):
    return f"이 자료는 {ministry.name_ko}의 보도자료를 전재하여 제공함을 알려드립니다."


def _write_release(release: Release, item: Item, parts: Parts) -> None:
    release.title_ko = item.title
    release.subtitle_ko = item.subtitle
    release.body_ko = "\n".join(parts.body)
    release.footnote_ko = "\n".join(parts.footnote)
    release.attribution_ko = parts.attribution or _default_attribution(item.ministry)
    release.ministry = item.ministry
    release.published_at = item.published_at
    release.news_item_id = item.news_item_id
    release.news_item_source = PORTAL_SOURCE
    release.save()


def _replace_parts(release: Release, item: Item, parts: Parts) -> None:
    # New photos are copied before the old ones go (taking their files with them, see
    # releases.signals), since re-importing our own feed names the old photos' files.
    old_photos = list(release.photos.values_list("pk", flat=True))
    for order, part in enumerate(parts.photos, start=1):
        photo = Photo(release=release, caption_ko=part.caption, alt_text_ko=part.alt_text)
        photo.after_block, photo.order = part.after_block, order
        with default_storage.open(part.image_name, "rb") as handle:
            photo.image.save(posixpath.basename(part.image_name), File(handle), save=False)
        photo.save()
        generate_renditions(photo, force=True)
    Photo.objects.filter(pk__in=old_photos).delete()
    release.contacts.all().delete()
    Contact.objects.bulk_create(
        Contact(
            release=release,
            department_ko=contact.department,
            name_ko=contact.name,
            position_ko=contact.position,
            phone=contact.phone,
            email=contact.email,
            order=order,
        )
        for order, contact in enumerate(parts.contacts, start=1)
    )
    release.imported_attachment_links.all().delete()
    ImportedAttachmentLink.objects.bulk_create(
        ImportedAttachmentLink(release=release, name=name[:255], url=url[:1000], order=order)
        for order, (name, url) in enumerate(item.files, start=1)
        if name and url
    )


def _published_status(item: Item) -> str:
    scheduled = getattr(Release.Status, "SCHEDULED", None)
    return scheduled if item.is_embargoed and scheduled else Release.Status.PUBLISHED


def import_item(raw: dict, report: FileReport) -> None:
    """Create or update one release from one NewsItem; raise ItemSkipped to leave it alone."""
    item = checked_item(raw)
    release = Release.objects.filter(
        news_item_source=PORTAL_SOURCE, news_item_id=item.news_item_id
    ).first()
    record = ImportRecord.objects.filter(release=release).first() if release else None
    if release is not None and record is not None and item.modify_id <= record.modify_id:
        raise ItemSkipped(f"already imported (ModifyId {record.modify_id})")
    parts = split_contents(item.data_contents, stored_media_name)
    report.notes += [(str(item.news_item_id), note) for note in parts.notes]
    if release is None:
        release = Release(
            slug=unique_slug(item.news_item_id, item.original_url),
            status=_published_status(item),
        )
        _write_release(release, item, parts)
        report.created += 1
    else:
        _write_release(release, item, parts)
        _record_revision(release, note=f"정책브리핑 ModifyId {item.modify_id} 가져오기 / import")
        report.updated += 1
    _replace_parts(release, item, parts)
    ImportRecord.objects.update_or_create(
        release=release,
        defaults={
            "modify_id": item.modify_id,
            "original_url": item.original_url,
            "source_file": report.name[:255],
            "imported_at": timezone.now(),
        },
    )


def import_file(path, *, progress=None) -> FileReport:
    """Import one file in one transaction; the report says what happened, and why not."""
    path = Path(path)
    report = FileReport(name=path.name)
    try:
        items = read_items(path)
    except FileRefused as refusal:
        report.error = str(refusal)
        return report
    try:
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            for number, raw in enumerate(items, start=1):
                try:
                    with transaction.atomic():
                        import_item(raw, report)
                except ItemSkipped as reason:
                    report.skipped.append((raw.get("NewsItemId", "?") or "?", str(reason)))
                if progress:
                    progress(number, len(items))
    except (DatabaseError, OSError) as error:
        failed = FileReport(name=report.name)
        failed.error = f"nothing imported: {type(error).__name__}: {error}"
        return failed
    return report
