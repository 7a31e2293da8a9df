"""Importing files in the portal API's XML shape: what a ministry downloaded from the portal, or
another instance's feed.

Files are untrusted. They are read as bytes and decoded here (encodings below), then parsed by
defusedxml with DTDs refused outright, so no entity is ever expanded and nothing outside the file
is fetched; the portal's responses carry no DTD, so a file that has one is refused rather than
half-read. A file is read whole before anything is written, and written in one transaction: a
file that fails imports nothing, and the files after it still run.

An import never destroys (README, "Importing"). A NewsItemId belongs to a source, so items match
releases on (source, id); an item of this site's own is never written; only releases this
importer made from that source are updated, and not when someone here has edited them since;
photos and attachments are never deleted, and every change is recorded in a revision after the
release's state before it, so a restore brings back whatever an import changed.
"""

import codecs
import hashlib
import html
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from importlib import import_module
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.http.request import validate_host
from django.urls import Resolver404, resolve
from django.utils import timezone, translation

from briefing.opendata.contents import Parts, read_blocks, split_contents
from briefing.opendata.models import ImportedAttachmentLink, ImportRecord
from briefing.opendata.newsitem import REPEATED_FIELDS, parse_portal_date
from briefing.opendata.sources import PORTAL_SOURCE, own_source
from briefing.releases import workflow
from briefing.releases.attachment_sources import LINKABLE_SCHEMES, is_linkable
from briefing.releases.models import Contact, Ministry, Photo, Release
from briefing.releases.revisions import record_revision, snapshot_of
from briefing.releases.services import delete_photo_files, generate_renditions

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

# Limits the database sets: a value past them would be cut (SQLite) or fail the file (PostgreSQL).
# NewsItemId fits a PositiveBigIntegerField with any 18 digits, ModifyId a PositiveIntegerField
# with any 9.
MAX_ID_DIGITS = 18
MAX_MODIFY_ID_DIGITS = 9
TITLE_LENGTH = Release._meta.get_field("title").max_length
ATTRIBUTION_LENGTH = Release._meta.get_field("attribution").max_length
SOURCE_LENGTH = Release._meta.get_field("news_item_source").max_length
MINISTRY_NAME_LENGTH = Ministry._meta.get_field("name").max_length
ORIGINAL_URL_LENGTH = ImportRecord._meta.get_field("original_url").max_length
APPROVER_LENGTH = ImportRecord._meta.get_field("approver_name").max_length
FILE_NAME_LENGTH = ImportedAttachmentLink._meta.get_field("name").max_length
FILE_URL_LENGTH = ImportedAttachmentLink._meta.get_field("url").max_length
SOURCE_FILE_LENGTH = ImportRecord._meta.get_field("source_file").max_length
#: A source names a site: a host name, perhaps with a port.
SOURCE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.:_-]*\Z")
#: Dates outside these are typing errors, and year 1 or 9999 would overflow on conversion to UTC.
EARLIEST_DATE, LATEST_DATE = datetime(1990, 1, 1), datetime(2100, 12, 31, 23, 59, 59)

# --- Encodings ---------------------------------------------------------------------------------

BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Names Korean government files give their encoding. They mean CP949 in practice (EUC-KR's
#: superset, with the 8,822 syllables EUC-KR lacks), so all are decoded as CP949.
KOREAN_ENCODINGS = frozenset(
    {"euc-kr", "euc_kr", "euckr", "ks_c_5601-1987", "ks_c_5601", "ksc5601", "ksc_5601", "korean"}
    | {"cp949", "ms949", "uhc", "windows-949", "x-windows-949"}
)
DECLARED_ENCODING = re.compile(rb"<\?xml\s[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
DECLARATION = re.compile(r"<\?xml\s[^>]*?\?>")


class FileRefused(Exception):
    """The file as a whole cannot be imported; the message names the line where reading stopped."""


class ItemSkipped(Exception):
    """One item cannot be imported; the message says why."""


def _codec_label(codec: str) -> str:
    return codecs.lookup(codec).name.upper().replace("_", "-")


def _line_of(data: bytes, position: int, codec: str) -> int:
    return data[:position].decode(codec, errors="replace").count("\n") + 1


def _decoded(data: bytes, codec: str, reason: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        line = _line_of(data, error.start, codec)
        raise FileRefused(
            f"line {line}: cannot be decoded as {_codec_label(codec)} ({reason}): "
            f"byte 0x{data[error.start]:02x} is not valid there"
        ) from None


def _declared_codec(name: str) -> str:
    if name.lower() in KOREAN_ENCODINGS:
        return "cp949"
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise FileRefused(
            f"line 1: the XML declaration names an unknown encoding {name!r}"
        ) from None


def decode_file(data: bytes) -> str:
    """The file's text: by its byte-order mark, else UTF-16's null bytes, else its declaration,
    else UTF-8 and then CP949 (what undeclared Korean files are)."""
    for mark, codec in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return _decoded(data[len(mark) :], codec, "its byte-order mark")
    if len(data) >= 2 and (data[0] == 0) != (data[1] == 0):
        # "<" is 3C 00 in UTF-16 LE and 00 3C in UTF-16 BE; no other encoding an XML file may
        # use starts with a null byte beside a non-null one.
        codec = "utf-16-be" if data[0] == 0 else "utf-16-le"
        return _decoded(data, codec, "its null bytes")
    if match := DECLARED_ENCODING.match(data):
        name = match[1].decode("ascii")
        return _decoded(data, _declared_codec(name), f"declared {name}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        try:
            return data.decode("cp949")
        except UnicodeDecodeError:
            line = _line_of(data, error.start, "utf-8")
            raise FileRefused(
                f"line {line}: cannot be decoded as UTF-8 or CP949 (no encoding declared); "
                "declare the file's encoding in its XML declaration"
            ) from None


def _as_utf8(text: str) -> bytes:
    """The text for expat: UTF-8, with a declaration saying so in place of the original (whose
    newlines are kept, so expat's line numbers stay the file's)."""
    text = text.removeprefix("\ufeff")
    if match := DECLARATION.match(text):
        declaration = '<?xml version="1.0" encoding="UTF-8"?>' + "\n" * match[0].count("\n")
        text = declaration + text[match.end() :]
    return text.encode("utf-8")


# --- Reading ----------------------------------------------------------------------------------


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
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise FileRefused(f"cannot read the file: {error.strerror}") from None
    parser = DefusedXMLParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(_as_utf8(decode_file(data)))
        root = parser.close()
    except (ParseError, DefusedXmlException) as error:
        raise _refusal(parser, error) from None
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
    try:
        parts = urlsplit(src)
    except ValueError:  # not even a URL ("https://[::1"): certainly not our media
        return None
    if parts.scheme not in ("", *LINKABLE_SCHEMES):
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


# --- Checking an item ---------------------------------------------------------------------------


def item_label(number: int, raw: dict) -> str:
    """How reports name an item: its place in the file, and its id as the file gives it."""
    shown = raw.get("NewsItemId") or "?"
    if len(shown) > 24:
        shown = shown[:24] + "…"
    return f"item {number} (NewsItemId {shown})"


@dataclass
class Item:
    news_item_id: int
    source: str
    modify_id: int
    title: str
    subtitle: str
    ministry: Ministry
    published_at: datetime
    is_embargoed: bool
    data_contents: str
    original_url: str
    approver_name: str
    licence: int
    withdrawn_at: datetime | None
    files: list[tuple[str, str]]
    notes: list[str]


def _digits(raw: dict, name: str, max_digits: int, default: int | None = None) -> int:
    value = raw.get(name, "")
    if not value and default is not None:
        return default
    if not value:
        raise ItemSkipped(f"no {name}")
    if not (value.isascii() and value.isdigit()):
        raise ItemSkipped(f"{name} {value[:30]!r} is not a number")
    if len(value) > max_digits:
        raise ItemSkipped(f"{name} has {len(value)} digits; at most {max_digits}")
    return int(value)


def _limited(name: str, value: str, limit: int) -> str:
    if len(value) > limit:
        raise ItemSkipped(f"{name} has {len(value)} characters; at most {limit}")
    return value


def checked_source(value: str) -> str:
    """A source's name as stored with the id; ItemSkipped when it cannot be one."""
    _limited("NewsItemSource", value, SOURCE_LENGTH)
    if not SOURCE_PATTERN.match(value):
        raise ItemSkipped(
            f"NewsItemSource {value[:40]!r} is not a site's name (letters, digits, . : _ -)"
        )
    return value


def identity(raw: dict, default_source: str) -> tuple[str, int]:
    """The item's (source, NewsItemId): its NewsItemSource, or the run's --source."""
    source = checked_source(raw["NewsItemSource"]) if raw.get("NewsItemSource") else default_source
    return source, _digits(raw, "NewsItemId", MAX_ID_DIGITS)


def _date(raw: dict, name: str) -> datetime | None:
    text = raw.get(name, "")
    try:
        value = parse_portal_date(text)
    except ValueError:
        raise ItemSkipped(f"{name} {text[:30]!r} is not MM/DD/YYYY HH24:MI:SS") from None
    if value and not EARLIEST_DATE <= value.replace(tzinfo=None) <= LATEST_DATE:
        raise ItemSkipped(
            f"{name} {text} lies outside {EARLIEST_DATE:%Y-%m-%d}..{LATEST_DATE:%Y-%m-%d}"
        )
    return value


def _licence(raw: dict) -> int:
    value = raw.get("KoglType", "")
    if not value:
        return Release.Licence.TYPE_1  # the portal's own files: its releases are all type 1
    if value not in {str(choice) for choice in Release.Licence.values}:
        # Guessing type 1 would grant commercial use and changes the source may not allow.
        raise ItemSkipped(f"KoglType {value[:10]!r} is not 1-4: the licence it grants is unknown")
    return int(value)


def _withdrawn_at(raw: dict) -> datetime | None:
    flag = raw.get("Withdrawn", "") or "N"
    if flag not in ("Y", "N"):
        raise ItemSkipped(f"Withdrawn {flag[:10]!r} is not Y or N")
    if flag == "N":
        return None
    return _date(raw, "WithdrawnDate") or _date(raw, "ModifyDate") or timezone.now()


def _links(raw: dict, notes: list[str]) -> list[tuple[str, str]]:
    """The FileName/FileUrl pairs fit to store and republish; any other is left out, noted."""
    names, urls = raw["FileName"], raw["FileUrl"]
    if len(names) != len(urls):
        notes.append(
            f"{len(names)} FileName and {len(urls)} FileUrl elements: unpaired ones left out"
        )
    links = []
    for number, (name, url) in enumerate(zip(names, urls, strict=False), start=1):
        shown = f"link {number} ({name[:60] or 'no name'})"
        if not name or not url:
            notes.append(f"{shown} left out: FileName or FileUrl is empty")
        elif len(name) > FILE_NAME_LENGTH:
            notes.append(f"{shown} left out: FileName longer than {FILE_NAME_LENGTH} characters")
        elif len(url) > FILE_URL_LENGTH:
            notes.append(f"{shown} left out: FileUrl longer than {FILE_URL_LENGTH} characters")
        elif not is_linkable(url):
            scheme = url.partition(":")[0].strip().lower() if ":" in url else "no scheme"
            reason = scheme if scheme not in LINKABLE_SCHEMES else "no readable host"
            notes.append(f"{shown} left out: FileUrl is not an http(s) address ({reason[:20]})")
        else:
            links.append((name, url))
    return links


def checked_item(raw: dict, source: str, news_item_id: int) -> Item:
    title = _limited("Title", html.unescape(raw.get("Title", "")).strip(), TITLE_LENGTH)
    if not title:
        raise ItemSkipped("no Title")
    minister_code = _limited("MinisterCode", raw.get("MinisterCode", ""), MINISTRY_NAME_LENGTH)
    ministry = find_ministry(minister_code)
    if ministry is None:
        raise ItemSkipped(f"unknown ministry {minister_code!r}")
    original_url = _limited("OriginalUrl", raw.get("OriginalUrl", ""), ORIGINAL_URL_LENGTH)
    if original_url and not is_linkable(original_url):
        raise ItemSkipped("OriginalUrl is not an http(s) address")
    modified = _date(raw, "ModifyDate")
    approved = _date(raw, "ApproveDate") or modified or timezone.now()
    embargo = _date(raw, "EmbargoDate")
    subtitles = [html.unescape(raw.get(f"SubTitle{n}", "")) for n in (1, 2, 3)]
    lines = [line.strip(" -\t") for text in subtitles for line in text.splitlines()]
    notes = []
    return Item(
        news_item_id=news_item_id,
        source=source,
        modify_id=_digits(raw, "ModifyId", MAX_MODIFY_ID_DIGITS, default=1),
        title=title,
        subtitle="\n".join(line for line in lines if line),
        ministry=ministry,
        published_at=max(approved, embargo) if embargo else approved,
        is_embargoed=bool(embargo and embargo > approved),
        data_contents=raw.get("DataContents", ""),
        original_url=original_url,
        approver_name=_limited("ApproverName", raw.get("ApproverName", ""), APPROVER_LENGTH),
        licence=_licence(raw),
        withdrawn_at=_withdrawn_at(raw),
        files=_links(raw, notes),
        notes=notes,
    )


# --- One file's run -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportOptions:
    source: str = PORTAL_SOURCE
    overwrite: bool = False
    dry_run: bool = False
    #: fetch_link(link) -> Attachment, and the exception it refuses with; None: not fetching.
    fetcher: tuple | None = None


@dataclass
class Outcome:
    kind: str  # one of FileReport.KINDS
    item: str  # item_label()
    detail: str = ""  # why (unchanged, skipped) or what changed (updated)


@dataclass
class FileReport:
    KINDS = ("created", "updated", "unchanged", "skipped")

    name: str
    dry_run: bool = False
    outcomes: list[Outcome] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""

    def count(self, kind: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.kind == kind)

    def reasons(self, kind: str) -> Counter:
        return Counter(outcome.detail for outcome in self.outcomes if outcome.kind == kind)


def load_fetcher() -> tuple:
    """The attachment fetcher (attachments.py): only for --fetch-attachments, so a run without
    it neither needs the module nor touches the network."""
    module = import_module("briefing.opendata.attachments")
    return module.fetch_link, module.FetchRefused


class FileRun:
    """What importing one file needs besides the item: the options, the report, and the files
    written to storage, deleted again when the file's transaction rolls back."""

    def __init__(self, report: FileReport, options: ImportOptions):
        self.report, self.options = report, options
        self.new_photos: list[Photo] = []
        self._fingerprints: dict[str, tuple | None] = {}

    def note(self, item: str, text: str):
        self.report.notes.append((item, text))

    def fingerprint(self, name: str) -> tuple | None:
        """Size and digest of a stored file: the same image stored under two names is one photo."""
        if name not in self._fingerprints:
            try:
                with default_storage.open(name, "rb") as handle:
                    digest = hashlib.file_digest(handle, "sha256").hexdigest()
                self._fingerprints[name] = (default_storage.size(name), digest)
            except OSError:
                self._fingerprints[name] = None
        return self._fingerprints[name]

    def discard_written_files(self):
        for photo in self.new_photos:
            delete_photo_files(photo)
        self.new_photos = []


def _default_attribution(ministry):
    return f"이 자료는 {ministry.name_ko}의 보도자료를 전재하여 제공함을 알려드립니다."


#: What an update reports as changed, by the item's element, and the keys of the release's
#: snapshot (revisions.py) that element writes: the report says what the revision's diff shows.
REPORTED_KEYS = {
    "Title": ("title_ko",),
    "SubTitle": ("subtitle_ko",),
    "DataContents": ("body_ko", "footnote_ko", "attribution_ko"),
    "MinisterCode": ("ministry_id",),
    "ApproveDate": ("published_at",),
    "KoglType": ("licence",),
    "Withdrawn": ("status", "withdrawal_notice_ko"),
    "contacts": ("contacts",),
}


def _changed_elements(before: dict, after: dict) -> list[str]:
    return [
        element
        for element, keys in REPORTED_KEYS.items()
        if any(before.get(key) != after.get(key) for key in keys)
    ]


def _write_fields(release: Release, item: Item, parts: Parts) -> None:
    attribution = parts.attribution or _default_attribution(item.ministry)
    if len(attribution) > ATTRIBUTION_LENGTH:
        raise ItemSkipped(
            f"the attribution has {len(attribution)} characters; at most {ATTRIBUTION_LENGTH}"
        )
    release.title_ko = item.title
    release.subtitle_ko = item.subtitle
    release.body_ko = "\n".join(parts.body)
    release.footnote_ko = "\n".join(parts.footnote)
    release.attribution_ko = attribution
    release.ministry = item.ministry
    release.published_at = item.published_at
    release.licence = item.licence
    release.news_item_id = item.news_item_id
    release.news_item_source = item.source


def _matching_photo(photos: list[Photo], image_name: str, run: FileRun) -> Photo | None:
    """The release's photo showing that stored image: the same file, or the same bytes (a photo
    imported earlier is a copy of the file the item names)."""
    for photo in photos:
        if photo.image.name == image_name:
            return photo
    wanted = run.fingerprint(image_name)
    for photo in photos:
        if wanted and run.fingerprint(photo.image.name) == wanted:
            return photo
    return None


def _counts(*pairs) -> list[str]:
    return [f"{text}{count}" for text, count in pairs if count]


def _sync_photos(release: Release, parts: Parts, run: FileRun, label: str) -> list[str]:
    """Update the photos the item shows, add new ones, keep every other: never delete one."""
    existing = list(release.photos.all())
    unmatched = list(existing)
    added = changed = 0
    for order, part in enumerate(parts.photos, start=1):
        photo = _matching_photo(unmatched, part.image_name, run)
        values = {
            "caption_ko": part.caption,
            "alt_text_ko": part.alt_text,
            "after_block": part.after_block,
            "order": order,
        }
        if photo is None:
            added += 1
            if not run.options.dry_run:  # a dry run writes nothing to storage
                photo = Photo(release=release, **values)
                with default_storage.open(part.image_name, "rb") as handle:
                    photo.image.save(posixpath.basename(part.image_name), File(handle), save=False)
                run.new_photos.append(photo)
                photo.save()
                generate_renditions(photo, force=True)
            continue
        unmatched.remove(photo)
        if any(getattr(photo, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(photo, name, value)
            photo.save()
            changed += 1
    if unmatched:
        run.note(label, f"{len(unmatched)} photo(s) not in the item kept")
    return _counts(("photos +", added), ("photos edited ", changed))


def _sync_contacts(release: Release, parts: Parts) -> None:
    """Contacts are replaced when they differ: the revision before the change keeps the old."""
    wanted = [
        (c.department, c.name, c.position, c.phone, c.email, order)
        for order, c in enumerate(parts.contacts, start=1)
    ]
    current = list(
        release.contacts.order_by("order", "id").values_list(
            "department_ko", "name_ko", "position_ko", "phone", "email", "order"
        )
    )
    if [tuple(row) for row in current] == wanted:
        return
    release.contacts.all().delete()
    Contact.objects.bulk_create(
        Contact(
            release=release,
            department_ko=department,
            name_ko=name,
            position_ko=position,
            phone=phone,
            email=email,
            order=order,
        )
        for department, name, position, phone, email, order in wanted
    )


def _sync_links(release: Release, item: Item, run: FileRun, label: str) -> list[str]:
    """Imported links follow the item's list, but a link whose file was fetched here stays."""
    existing = list(release.imported_attachment_links.all())
    by_url = {}
    for link in existing:
        by_url.setdefault(link.url, link)
    kept, added = set(), 0
    for order, (name, url) in enumerate(item.files, start=1):
        link = by_url.get(url)
        if link is None or link.pk in kept:
            ImportedAttachmentLink.objects.create(release=release, name=name, url=url, order=order)
            added += 1
            continue
        kept.add(link.pk)
        if (link.name, link.order) != (name, order):
            link.name, link.order = name, order
            link.save(update_fields=["name", "order"])
    removed = 0
    for link in existing:
        if link.pk in kept:
            continue
        if link.attachment_id:
            run.note(label, f"link {link.name!r} kept: its file was fetched here")
        else:
            link.delete()
            removed += 1
    return _counts(("links +", added), ("links -", removed))


def _fetch_attachments(release: Release, run: FileRun, label: str) -> None:
    fetch_link, refused = run.options.fetcher
    for link in release.imported_attachment_links.filter(attachment__isnull=True):
        if not is_linkable(link.url):
            continue
        try:
            link.attachment = fetch_link(link)
        except (refused, OSError) as refusal:
            run.note(label, f"attachment {link.name!r} not fetched: {refusal}")
            continue
        link.save(update_fields=["attachment"])


def _keep_current_state(release: Release) -> dict:
    """Make sure a revision holds the release as it is, so a restore can undo the import; the
    snapshot of that state."""
    current = snapshot_of(release)
    latest = release.revisions.order_by("-number").first()
    if latest is None or latest.snapshot != current:
        record_revision(release, note="가져오기 전 상태 / before an import")
    return current


def _import_note(item: Item) -> str:
    return f"정책브리핑 ModifyId {item.modify_id} 가져오기 / import from {item.source}"


def _remember(release: Release, item: Item, run: FileRun) -> None:
    ImportRecord.objects.update_or_create(
        release=release,
        defaults={
            "modify_id": item.modify_id,
            "original_url": item.original_url,
            "approver_name": item.approver_name,
            "source_file": run.report.name[:SOURCE_FILE_LENGTH],
            "imported_at": timezone.now(),
            "release_version": release.version,
        },
    )


def _published_status(item: Item) -> str:
    return Release.Status.SCHEDULED if item.is_embargoed else Release.Status.PUBLISHED


def _withdrawal_notice(item: Item) -> str:
    """The notice the source shows instead of the body, as plain text (the field is text)."""
    return "\n".join(block.text for block in read_blocks(item.data_contents) if block.text)


def _move(release: Release, status: str, item: Item, *, now=None) -> None:
    previous = release.status
    release.status = status
    workflow.record_publication(release, previous, user=None, now=now)
    workflow.log_change(release, previous, user=None, comment=f"import from {item.source}")


def _withdraw(release: Release, item: Item, run: FileRun) -> list[str]:
    """The source withdrew it: so do we, with its notice and time, keeping the body."""
    before = _keep_current_state(release)
    release.withdrawal_notice_ko = _withdrawal_notice(item)
    release.version += 1
    _move(release, Release.Status.WITHDRAWN, item, now=item.withdrawn_at)
    release.save()
    revision = record_revision(release, note=_import_note(item))
    _remember(release, item, run)
    return _changed_elements(before, revision.snapshot)


def _create(item: Item, parts: Parts, run: FileRun, label: str) -> None:
    release = Release(
        slug=unique_slug(item.news_item_id, item.original_url), status=_published_status(item)
    )
    _write_fields(release, item, parts)
    release.save()
    _sync_photos(release, parts, run, label)
    _sync_contacts(release, parts)
    _sync_links(release, item, run, label)
    if run.options.fetcher and not run.options.dry_run:
        _fetch_attachments(release, run, label)
    # A first revision, so the diff of a later import shows what that import changed.
    record_revision(release, note=_import_note(item))
    _remember(release, item, run)


def _update(release: Release, item: Item, parts: Parts, run: FileRun, label: str) -> list[str]:
    before = _keep_current_state(release)
    _write_fields(release, item, parts)
    if release.status == Release.Status.WITHDRAWN:
        _move(release, _published_status(item), item)  # the source published it again
    release.version += 1
    release.save()
    counted = _sync_photos(release, parts, run, label)
    _sync_contacts(release, parts)
    counted += _sync_links(release, item, run, label)
    if run.options.fetcher and not run.options.dry_run:
        _fetch_attachments(release, run, label)
    revision = record_revision(release, note=_import_note(item))
    _remember(release, item, run)
    return _changed_elements(before, revision.snapshot) + counted


def _conflict(release: Release, record: ImportRecord | None) -> str:
    """Why writing over this release would destroy work done here; "" when it would not."""
    if record is None:
        return (
            f"conflicts with a release made here (slug {release.slug}); "
            "use --overwrite to replace it"
        )
    if release.version > record.release_version:
        return (
            f"edited here since it was imported (slug {release.slug}, version "
            f"{release.version}, imported as {record.release_version}); "
            "use --overwrite to replace the edits"
        )
    return ""


def import_item(raw: dict, label: str, run: FileRun) -> Outcome:
    """Create, update or leave one release from one NewsItem; ItemSkipped to refuse it."""
    source, news_item_id = identity(raw, run.options.source)
    if source == own_source():
        return Outcome("unchanged", label, "this site's own release")
    item = checked_item(raw, source, news_item_id)
    release = Release.objects.filter(news_item_source=source, news_item_id=news_item_id).first()
    record = ImportRecord.objects.filter(release=release).first() if release else None
    if release is None:
        if item.withdrawn_at:
            raise ItemSkipped("withdrawn at the source; not imported")
        parts = split_contents(item.data_contents, stored_media_name)
        _create(item, parts, run, label)
        run.report.notes += [(label, note) for note in item.notes + parts.notes]
        return Outcome("created", label)
    if record is not None and item.modify_id <= record.modify_id:
        return Outcome("unchanged", label, f"already imported (ModifyId {record.modify_id})")
    if (reason := _conflict(release, record)) and not run.options.overwrite:
        raise ItemSkipped(reason)
    if item.withdrawn_at:
        if release.status == Release.Status.WITHDRAWN:
            _remember(release, item, run)
            return Outcome("unchanged", label, "already withdrawn")
        return Outcome("updated", label, ", ".join(_withdraw(release, item, run)))
    parts = split_contents(item.data_contents, stored_media_name)
    changes = _update(release, item, parts, run, label)
    run.report.notes += [(label, note) for note in item.notes + parts.notes]
    return Outcome("updated", label, ", ".join(changes) or "nothing but the ModifyId")


def import_file(path, options: ImportOptions = ImportOptions(), *, progress=None) -> FileReport:  # noqa: B008
    """Import one file in one transaction (rolled back for a dry run); the report says what
    happened to each item, or why the file failed."""
    path = Path(path)
    report = FileReport(name=path.name, dry_run=options.dry_run)
    try:
        items = read_items(path)
    except FileRefused as refusal:
        report.error = str(refusal)
        return report
    run = FileRun(report, options)
    label = "before the first item"
    try:
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            for number, raw in enumerate(items, start=1):
                label = item_label(number, raw)
                try:
                    with transaction.atomic():
                        report.outcomes.append(import_item(raw, label, run))
                except ItemSkipped as reason:
                    report.outcomes.append(Outcome("skipped", label, str(reason)))
                if progress:
                    progress(number, len(items))
            if options.dry_run:
                transaction.set_rollback(True)
    except Exception as error:  # noqa: BLE001 - whatever fails, this file alone fails, reported
        run.discard_written_files()
        message = " ".join(str(error).split())
        return FileReport(
            name=report.name,
            dry_run=options.dry_run,
            error=f"nothing imported: {label}: {type(error).__name__}: {message}",
        )
    return report
