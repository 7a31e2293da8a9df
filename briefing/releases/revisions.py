"""Revisions of a whole release: snapshots, readable diffs, restores, and the files they keep.

A revision's snapshot holds the release's own fields and, since issue 16, its photos,
statistics, contacts and attachments: every row's fields in every language, with the stored file
name of a photo or attachment. Older snapshots have no such keys; they still diff (their parts
count as unknown, not as deleted) and restore (their parts are left as they are).

Restoring writes a revision's content back but never its workflow state: the status, the
publication time, the slug, the licence and the withdrawal notice (with its time) stay as they are
now, because those are decisions taken since, not text.

Corrections (정정) stay truthful after a restore (see _supersede_corrections): a correction made
after the restored revision whose change the restore undoes is marked superseded and leaves the
public page, and a restore that changes what readers of a live release see is itself recorded as
a correction, dated now, noting which revision it went back to.

Files: a photo's or attachment's file stays in storage while any revision of its release names
it, so a deleted photo or a replaced attachment can come back (signals.py asks file_in_use before
deleting). It goes when no row and no revision names it any more, at the latest with the release.
Photo renditions are never kept: they are made again from the photo when it is restored.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import UTC
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from briefing.releases.models import (
    Attachment,
    Contact,
    Ministry,
    Photo,
    Release,
    Revision,
    Statistic,
)

TRANSLATED_FIELDS = ("title", "subtitle", "body", "footnote", "attribution", "withdrawal_notice")
PLAIN_FIELDS = ("slug", "status", "licence", "ministry_id")
#: The release's keys in the order a diff lists them.
RELEASE_FIELD_ORDER = (
    "title", "subtitle", "slug", "ministry_id", "status", "published_at", "body", "footnote",
    "attribution", "licence", "withdrawal_notice",
)  # fmt: skip
#: What a restore never writes back: the workflow state and the decisions taken with it.
KEPT_ON_RESTORE = frozenset(
    # The ministry too: a restore must not move a release out of its desk (desks.py).
    {"slug", "status", "licence", "published_at", "withdrawal_notice", "ministry_id"}
)

LANGUAGE_LABELS = {"ko": _("한국어"), "en": _("영어")}


@dataclass(frozen=True)
class Part:
    """One kind of row a release is made of, as a snapshot keeps it."""

    key: str  # the snapshot key and the release's related name
    model: type[models.Model]
    fields: tuple[str, ...]
    label: str  # e.g. "사진", for "사진 2: …"
    file_field: str | None = None
    #: Compared and restored, but left out of the diff (an attachment's size follows its file).
    quiet: frozenset[str] = frozenset()


PARTS = (
    Part(
        "photos", Photo,
        ("image", "caption", "alt_text", "credit", "after_block", "order"),
        _("사진"), file_field="image",
    ),
    Part(
        "statistics", Statistic,
        ("label", "value", "unit", "value_text", "as_of", "change_percent", "is_record_high",
         "note", "order"),
        _("통계"),
    ),
    Part(
        "contacts", Contact,
        ("department", "name", "position", "phone", "email", "order"),
        _("문의처"),
    ),
    Part(
        "attachments", Attachment,
        ("file", "name", "kind", "size", "order"),
        _("첨부파일"), file_field="file", quiet=frozenset({"size"}),
    ),
)  # fmt: skip


def _language_codes():
    return [code for code, _name in settings.LANGUAGES]


def _translated(model) -> frozenset[str]:
    try:
        return frozenset(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return frozenset()


def _keys_of(model, name) -> list[str]:
    """The snapshot keys of one field: one per language for a translated field."""
    if name in _translated(model):
        return [f"{name}_{code}" for code in _language_codes()]
    return [name]


# --- Snapshots -----------------------------------------------------------------------------


def _decimal_text(value) -> str | None:
    if value is None:
        return None
    number = Decimal(value).normalize()
    return format(number, "f")


def _row_snapshot(row, part: Part) -> dict:
    data = {"id": row.pk}
    for name in part.fields:
        model_field = part.model._meta.get_field(name)
        for key in _keys_of(part.model, name):
            value = getattr(row, key)
            if isinstance(model_field, models.FileField):
                value = value.name if value else ""
            elif isinstance(model_field, models.DecimalField):
                value = _decimal_text(value)
            elif value is None and isinstance(model_field, models.CharField | models.TextField):
                value = ""
            data[key] = value
    return data


def snapshot_of(release: Release) -> dict:
    """The release's own fields and all its parts as JSON: what a revision keeps."""
    data = {
        f"{name}_{code}": getattr(release, f"{name}_{code}") or ""
        for name in TRANSLATED_FIELDS
        for code in _language_codes()
    }
    data.update({name: getattr(release, name) for name in PLAIN_FIELDS})
    # In UTC, so the same moment is the same text whichever time zone the form gave it in.
    data["published_at"] = (
        release.published_at.astimezone(UTC).isoformat() if release.published_at else None
    )
    for part in PARTS:
        rows = part.model.objects.filter(release=release).order_by("order", "id")
        data[part.key] = [_row_snapshot(row, part) for row in rows]
    return data


@transaction.atomic
def record_revision(release: Release, *, user=None, note: str = "", is_correction=False):
    """Keep a snapshot of the release as it now is in the database."""
    last = release.revisions.aggregate(last=Max("number"))["last"] or 0
    return Revision.objects.create(
        release=release,
        number=last + 1,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        note=note[:300],
        is_correction=is_correction,
        snapshot=snapshot_of(release),
    )


def _flat(snapshot: dict) -> dict[tuple, object]:
    """Every comparable value of a snapshot under one key each; parts it lacks are absent."""
    flat = {("release", key): value for key, value in snapshot.items() if key not in _PART_KEYS}
    for part in PARTS:
        for row in snapshot.get(part.key) or []:
            flat[(part.key, row.get("id"), "present")] = True
            for key, value in row.items():
                if key != "id":
                    flat[(part.key, row.get("id"), key)] = value
    return flat


_PART_KEYS = frozenset(part.key for part in PARTS)


def _restorable(flat_key: tuple) -> bool:
    if flat_key[0] != "release":
        return True
    key = flat_key[1]
    return key not in KEPT_ON_RESTORE and key.rsplit("_", 1)[0] not in KEPT_ON_RESTORE


# --- Diffs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldDiff:
    field: str  # a readable label: "본문 (한국어)", "사진 2: 사진 설명 (영어)"
    html: str


def diff_revisions(older: Revision, newer: Revision) -> list[FieldDiff]:
    """A readable diff of everything that changed between two revisions."""
    return diff_snapshots(older.snapshot, newer.snapshot)


def diff_snapshots(older: dict, newer: dict) -> list[FieldDiff]:
    """The release's fields, then each part's rows added, deleted or changed. A part one of the
    snapshots does not have (a revision from before issue 16) is not compared."""
    changes = []
    ministries = _ministry_names(older, newer)
    keys = [
        key
        for name in RELEASE_FIELD_ORDER
        for key in ([name] if name in PLAIN_FIELDS or name == "published_at" else
                    [f"{name}_{code}" for code in _language_codes()])
    ]  # fmt: skip
    extra = sorted((set(older) | set(newer)) - set(keys) - _PART_KEYS)
    for key in keys + extra:
        if key not in older and key not in newer:
            continue
        before, after = older.get(key), newer.get(key)
        if _release_comparable(key, before) != _release_comparable(key, after):
            changes.append(
                FieldDiff(
                    _release_label(key),
                    _word_diff_html(
                        _release_value(key, before, ministries),
                        _release_value(key, after, ministries),
                    ),
                )
            )
    for part in PARTS:
        if part.key in older and part.key in newer:
            changes += _part_diff(part, older[part.key] or [], newer[part.key] or [])
    return changes


def _release_comparable(key, value):
    if key == "published_at" and value:
        return parse_datetime(str(value)) or value  # older snapshots kept the local offset
    return value or ""


def _release_label(key: str) -> str:
    if key == "ministry_id":
        return str(Release._meta.get_field("ministry").verbose_name)
    return _field_label(Release, key)


def _field_label(model, key: str) -> str:
    """The field's verbose name, with the language for a translated one: "본문 (한국어)"."""
    base, _sep, code = key.rpartition("_")
    if base and code in LANGUAGE_LABELS and base in _translated(model):
        name = str(model._meta.get_field(base).verbose_name)
        return f"{name} ({LANGUAGE_LABELS[code]})"
    try:
        return str(model._meta.get_field(key).verbose_name)
    except Exception:  # noqa: BLE001 - a key from a newer or older snapshot format
        return key


def _ministry_names(*snapshots) -> dict:
    ids = {snapshot.get("ministry_id") for snapshot in snapshots} - {None}
    return dict(Ministry.objects.filter(pk__in=ids).values_list("pk", "name"))


def _release_value(key, value, ministries) -> str:
    if value in (None, ""):
        return ""
    if key == "ministry_id":
        return str(ministries.get(value, value))
    if key == "status":
        return str(Release.Status(value).label) if value in Release.Status.values else str(value)
    if key == "licence":
        return str(Release.Licence(value).label) if value in Release.Licence.values else str(value)
    if key == "published_at":
        moment = parse_datetime(str(value))
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else str(value)
    return str(value)


def _part_diff(part: Part, older: list[dict], newer: list[dict]) -> list[FieldDiff]:
    changes = []
    old_rows = {row.get("id"): row for row in older}
    new_ids = {row.get("id") for row in newer}
    for position, row in enumerate(newer, start=1):
        before = old_rows.get(row.get("id"))
        name = _row_name(part, row, position)
        if before is None:
            label = gettext("%(row)s 추가") % {"row": name}
            changes.append(FieldDiff(label, f"<ins>{escape(_row_summary(part, row))}</ins>"))
            continue
        for key in row:
            if key == "id" or _base(part, key) in part.quiet:
                continue
            old_value, new_value = before.get(key), row.get(key)
            if _comparable(old_value) == _comparable(new_value):
                continue
            field_label = _field_label(part.model, key)
            if key == part.file_field:
                label = gettext("%(row)s: %(field)s 교체") % {"row": name, "field": field_label}
            else:
                label = f"{name}: {field_label}"
            changes.append(
                FieldDiff(
                    label,
                    _word_diff_html(
                        _row_value(part, key, old_value), _row_value(part, key, new_value)
                    ),
                )
            )
    for position, row in enumerate(older, start=1):
        if row.get("id") not in new_ids:
            label = gettext("%(row)s 삭제") % {"row": _row_name(part, row, position)}
            changes.append(FieldDiff(label, f"<del>{escape(_row_summary(part, row))}</del>"))
    return changes


def _base(part: Part, key: str) -> str:
    base, _sep, code = key.rpartition("_")
    return base if base and code in LANGUAGE_LABELS and base in _translated(part.model) else key


def _comparable(value):
    return "" if value is None else value


def _localized(row: dict, name: str) -> str:
    code = (get_language() or "ko").split("-")[0]
    return row.get(f"{name}_{code}") or row.get(f"{name}_ko") or ""


def _row_name(part: Part, row: dict, position: int) -> str:
    """How a diff names a row: 사진 2, 통계 '수출실적', 문의처 '부서 이름', 첨부파일 '파일.pdf'."""
    label = str(part.label)
    if part.key == "statistics":
        return f"{label} '{_localized(row, 'label')}'"
    if part.key == "contacts":
        person = " ".join(
            text for text in (_localized(row, "department"), _localized(row, "name")) if text
        )
        return f"{label} '{person}'"
    if part.key == "attachments":
        return f"{label} '{row.get('name') or _file_name(row.get('file'))}'"
    return f"{label} {position}"


def _row_summary(part: Part, row: dict) -> str:
    """A row's own words, for a row added or deleted as a whole."""
    if part.key == "photos":
        texts = [_localized(row, "caption"), _file_name(row.get("image"))]
    elif part.key == "statistics":
        value = _localized(row, "value_text") or (
            f"{_number_text(row.get('value'))} {_localized(row, 'unit')}".strip()
        )
        texts = [_localized(row, "label"), value, _localized(row, "as_of")]
    elif part.key == "contacts":
        texts = [_localized(row, name) for name in ("department", "name", "position")]
        texts += [row.get("phone") or "", row.get("email") or ""]
    else:
        texts = [row.get("name") or "", _file_name(row.get("file")), str(row.get("kind") or "")]
    return " · ".join(text for text in texts if text)


def _row_value(part: Part, key: str, value) -> str:
    if value is None or value == "":
        return ""
    model_field = part.model._meta.get_field(_base(part, key))
    if isinstance(model_field, models.FileField):
        return _file_name(value)
    if isinstance(model_field, models.DecimalField):
        return _number_text(value)
    if isinstance(model_field, models.BooleanField):
        return gettext("예") if value else gettext("아니요")
    return str(value)


def _number_text(value) -> str:
    """1630000000 -> 1,630,000,000 and 8.30 -> 8.3: how a person writes the figure."""
    try:
        number = Decimal(str(value)).normalize()
    except (InvalidOperation, ValueError):
        return str(value)
    if number == number.to_integral():
        return f"{number.quantize(Decimal(1)):,}"
    return f"{number:,f}"


def _file_name(name) -> str:
    return PurePosixPath(str(name)).name if name else ""


def _word_diff_html(before: str, after: str) -> str:
    old_words, new_words = before.split(" "), after.split(" ")
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape(" ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(' '.join(old_words[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(' '.join(new_words[j1:j2]))}</ins>")
    return mark_safe(" ".join(parts))  # noqa: S308 - every piece of text above is escaped


# --- Restoring -----------------------------------------------------------------------------


@dataclass
class RestorePlan:
    """What restoring a revision would do to the release as it now is."""

    revision: Revision
    release: Release
    target: dict  # the snapshot the release will match
    changes: list[FieldDiff]
    #: Parts the revision did not record (older format): they stay as they are.
    unrecorded: list[str] = field(default_factory=list)
    #: Rows whose file is gone from storage: they cannot come back.
    missing_files: list[str] = field(default_factory=list)
    #: Readers see the release now: a restore that changes it is recorded as a correction.
    is_live: bool = False


class StaleRestore(Exception):
    """The release was saved after the confirmation page was shown."""


def restore_plan(revision: Revision, release: Release | None = None) -> RestorePlan:
    release = release or revision.release
    current = snapshot_of(release)
    target = _target(current, revision.snapshot)
    storage_missing = []
    for part in PARTS:
        if part.key not in revision.snapshot or not part.file_field:
            continue
        current_ids = {row["id"] for row in current[part.key]}
        for row in target[part.key]:
            name = row.get(part.file_field)
            if row.get("id") not in current_ids and not _file_exists(part, name):
                storage_missing.append(_file_name(name) or str(part.label))
    return RestorePlan(
        revision=revision,
        release=release,
        target=target,
        changes=diff_snapshots(current, target),
        unrecorded=[str(part.label) for part in PARTS if part.key not in revision.snapshot],
        missing_files=storage_missing,
        is_live=Release.objects.published().filter(pk=release.pk).exists(),
    )


def _target(current: dict, recorded: dict) -> dict:
    """The current snapshot with the revision's restorable content laid over it."""
    target = dict(current)
    for key, value in recorded.items():
        if key in _PART_KEYS:
            target[key] = [dict(row) for row in value or []]
        elif key in current and _restorable(("release", key)):
            target[key] = value
    return target


def _file_exists(part: Part, name) -> bool:
    return bool(name) and part.model._meta.get_field(part.file_field).storage.exists(name)


@transaction.atomic
def restore_revision(revision: Revision, *, user, expected_version=None) -> Revision | None:
    """Make the release match an earlier revision and record that as a revision of its own.

    Returns None when the release already matches it. Raises StaleRestore when
    expected_version is given and someone saved the release since (optimistic locking)."""
    release = Release.objects.select_for_update().get(pk=revision.release_id)
    if expected_version is not None and release.version != expected_version:
        raise StaleRestore
    plan = restore_plan(revision, release)
    if not plan.changes:
        return None
    for key, value in plan.target.items():
        if key not in _PART_KEYS and _restorable(("release", key)) and hasattr(release, key):
            setattr(release, key, value)
    release.version += 1
    release.save()
    for part in PARTS:
        if part.key in revision.snapshot:
            _restore_rows(release, part, plan.target[part.key])
    restored = record_revision(
        release,
        user=user,
        note=f"r{revision.number} 내용으로 되돌림 / restored to r{revision.number}",
        # What readers of a live release see changed now: they are told so, with today's date.
        is_correction=plan.is_live,
    )
    _supersede_corrections(release, revision, restored)
    return restored


def _restore_rows(release: Release, part: Part, rows: list[dict]):
    """Update, recreate and delete the release's rows of one part to match the snapshot."""
    existing = {row.pk: row for row in part.model.objects.filter(release=release)}
    keep = set()
    for data in rows:
        row = existing.get(data.get("id"))
        if row is None and part.file_field and not _file_exists(part, data.get(part.file_field)):
            continue  # its file is gone (from before files were kept): it cannot come back
        created = row is None
        if created:
            row = part.model(release=release)
            if not part.model.objects.filter(pk=data.get("id")).exists():
                row.pk = data.get("id")  # the same id keeps the row's history in one line
        file_changed = _assign(row, part, data, created=created)
        if created or file_changed or _differs(row, part, data):
            row.save()
        keep.add(row.pk)
        if part.model is Photo and (created or file_changed or not _renditions_exist(row)):
            from briefing.releases.services import generate_renditions

            generate_renditions(row, force=True)
    for pk, row in existing.items():
        if pk not in keep:
            row.delete()  # signals.py keeps its file: the revisions still name it


def _assign(row, part: Part, data: dict, *, created: bool) -> bool:
    """Set the row's fields from the snapshot; True when its file changed."""
    file_changed = False
    for name in part.fields:
        model_field = part.model._meta.get_field(name)
        for key in _keys_of(part.model, name):
            if key not in data:
                continue  # a field added to the model after the snapshot was taken
            value = data[key]
            if isinstance(model_field, models.FileField):
                current = getattr(row, key)
                if created or (current.name if current else "") != value:
                    setattr(row, key, value)
                    file_changed = not created
                continue
            if isinstance(model_field, models.DecimalField) and value is not None:
                value = Decimal(str(value))
            setattr(row, key, value)
    return file_changed


def _differs(row, part: Part, data: dict) -> bool:
    saved = part.model.objects.filter(pk=row.pk).first()
    return saved is None or _row_snapshot(saved, part) != _row_snapshot(row, part)


def _renditions_exist(photo) -> bool:
    storage = photo.image.storage
    return bool(photo.renditions) and all(
        storage.exists(item["path"]) for item in photo.renditions.values()
    )


def _supersede_corrections(release: Release, restored_from: Revision, restore: Revision):
    """The rule that keeps 정정 labels true after a restore of revision N.

    A correction recorded after N (and not yet superseded) is superseded by the restore when
    the restore undid any of its change: some value that the correction changed (compared with
    the revision before it) is no longer what the correction made it. Its label and note then
    leave the public page, since they describe text readers no longer see; the restore, a
    correction itself when the release is live, says what readers see now and since when. A
    correction whose change survives the restore keeps its label. Superseded corrections stay
    in the admin's history, with the restore that superseded them."""
    revisions = list(release.revisions.order_by("number"))
    now = _flat(restore.snapshot)
    for previous, correction in zip(revisions, revisions[1:], strict=False):
        if (
            correction.number <= restored_from.number
            or correction.pk == restore.pk
            or not correction.is_correction
            or correction.superseded_by_id
        ):
            continue
        before, after = _flat(previous.snapshot), _flat(correction.snapshot)
        changed = {
            key
            for key in set(before) | set(after)
            if _restorable(key)
            and _comparable(before.get(key)) != _comparable(after.get(key))
            and _known_in(key, previous.snapshot, correction.snapshot, restore.snapshot)
        }
        if any(_comparable(now.get(key)) != _comparable(after.get(key)) for key in changed):
            correction.superseded_by = restore
            correction.save(update_fields=["superseded_by"])


def _known_in(key: tuple, *snapshots) -> bool:
    """A part's value is comparable only between snapshots that all recorded that part."""
    return key[0] == "release" or all(key[0] in snapshot for snapshot in snapshots)


# --- Files the revisions keep ------------------------------------------------------------------


def files_named_by_revisions(release_id) -> set[str]:
    """Every photo and attachment file any revision of the release names."""
    names = set()
    for snapshot in Revision.objects.filter(release_id=release_id).values_list(
        "snapshot", flat=True
    ):
        names |= files_named_by(snapshot)
    return names


def files_named_by(snapshot: dict) -> set[str]:
    return {
        row.get(part.file_field)
        for part in PARTS
        if part.file_field
        for row in (snapshot or {}).get(part.key) or []
        if row.get(part.file_field)
    }


def file_in_use(name: str, *, release_id) -> bool:
    """True while a photo or attachment row, or a revision of the release, names the file."""
    return (
        Photo.objects.filter(image=name).exists()
        or Attachment.objects.filter(file=name).exists()
        or name in files_named_by_revisions(release_id)
    )


def delete_files_of_revision(revision: Revision):
    """A deleted revision lets go of its files: those nothing else names are deleted."""
    for part in PARTS:
        if not part.file_field:
            continue
        storage = part.model._meta.get_field(part.file_field).storage
        for row in (revision.snapshot or {}).get(part.key) or []:
            name = row.get(part.file_field)
            if name and not file_in_use(name, release_id=revision.release_id):
                storage.delete(name)
