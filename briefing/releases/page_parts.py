"""A release's photos, figures, contacts, files and corrections, stored with it for its page.

Why: the release page read them with five queries besides the release's own, and on the cold
path (nothing cached: every page after an edit, every release a crawler walks once) building
those queries cost more than running them (bench/profile_page.py: the ORM's compiler, not
SQLite, was most of their time). They change only when staff edit the release, so they are
stored as plain data in one row beside it (ReleasePageParts), read in the release's own query
(a LEFT JOIN), and turned back into the model instances the template already uses, put where
prefetch_related would have put them: the page's markup does not change by a byte.

Stored where: in the database, not the cache, so the cold path gains too (a cleared or
unreachable cache, a second worker, the crawler), and in a table of its own rather than a
column of Release so that no save of a release loaded earlier can write an old copy back.

When it is stale: every saved or deleted photo, statistic, contact, attachment or revision
gives its release's row a new ``token`` (signals.py); a copy is used only when it was built for
the row's current token. A missing or stale copy is rebuilt by the next reader, from the
prefetched rows, and stored with an UPDATE conditioned on the token the reader started from: an
edit meanwhile changes the token, the UPDATE changes nothing, and the next reader builds again.
So edits made outside the admin (the importer, a restored revision) need nothing of their own;
bulk_create, which sends no signals, makes parts of releases no copy can exist for yet (the
synthetic data makes new releases and then stores their copies, store_all), or must be followed
by ``forget``.

The format is the list of stored columns: a migration that adds a field to one of the models
changes it, and every stored copy is rebuilt on its next read.
"""

import datetime
import hashlib
import json
import uuid
from decimal import Decimal

from django.db import models
from django.db.models import Prefetch
from django.db.models.fields.files import FieldFile
from django.db.models.query import ModelIterable, prefetch_related_objects

from briefing.releases.models import (
    Attachment,
    Contact,
    Photo,
    Release,
    ReleasePageParts,
    Revision,
    Statistic,
)


def _columns(model, *, leave_out=()) -> list:
    return [field for field in model._meta.concrete_fields if field.name not in leave_out]


#: (key, model, columns): what the page reads of each part. Revisions keep only what the
#: correction notice shows (their snapshot is the whole release).
PARTS = [
    ("photos", Photo, _columns(Photo)),
    ("statistics", Statistic, _columns(Statistic)),
    ("contacts", Contact, _columns(Contact)),
    ("attachments", Attachment, _columns(Attachment)),
    ("correction_revisions", Revision, _columns(Revision, leave_out={"snapshot", "created_by"})),
]
FORMAT = hashlib.sha256(
    json.dumps([(key, [f.attname for f in columns]) for key, _m, columns in PARTS]).encode()
).hexdigest()[:16]


def page_parts_prefetches() -> list:
    """The prefetches that read the parts from their tables (what a stored copy stands for)."""
    corrections = Prefetch(
        "revisions", queryset=Revision.objects.corrections(), to_attr="correction_revisions"
    )
    return ["photos", "statistics", "contacts", "attachments", corrections]


class StoredPartsIterable(ModelIterable):
    """Releases with their parts in place, from the stored copy where it is current; the others
    get them prefetched in one go (five queries), and their copies stored."""

    def __iter__(self):
        releases = list(super().__iter__())
        stale = [release for release in releases if not _use_stored(release)]
        if stale:
            prefetch_related_objects(stale, *page_parts_prefetches())
            for release in stale:
                store(release)
        yield from releases


def with_stored_parts(releases):
    """``releases`` (a queryset) read with their stored parts: one query for a release, its
    ministry and its page's parts when the copy is current."""
    queryset = releases.select_related("ministry", "page_parts")
    queryset._iterable_class = StoredPartsIterable
    return queryset


def _current_copy(release):
    try:
        row = release.page_parts
    except ReleasePageParts.DoesNotExist:
        return None
    data = row.data
    if data and data.get("format") == FORMAT and data.get("token") == row.token:
        return data
    return None


def _use_stored(release) -> bool:
    data = _current_copy(release)
    if data is None:
        return False
    cache = release.__dict__.setdefault("_prefetched_objects_cache", {})
    for key, model, columns in PARTS:
        objects = [_instance(model, columns, values, release) for values in data[key]]
        if key == "correction_revisions":
            release.correction_revisions = objects
            continue
        # What prefetch_related leaves: the related manager's queryset with its results.
        queryset = getattr(release, key).get_queryset()
        queryset._result_cache = objects
        queryset._prefetch_done = True
        cache[key] = queryset
    return True


def _instance(model, columns, values, release):
    instance = model.from_db(
        release._state.db,
        [field.attname for field in columns],
        [_decode(field, value) for field, value in zip(columns, values, strict=True)],
    )
    model.release.field.set_cached_value(instance, release)
    return instance


def store(release) -> None:
    """Store the prefetched parts of ``release`` for the next reader, unless they changed since
    the reader began (the row's token moved) or another reader stored them first."""
    try:
        row = release.page_parts
    except ReleasePageParts.DoesNotExist:
        row = None
    if row is None:
        # A release no part of which has changed since it was made (or since this table was):
        # give it a row, so that an edit from now on has a token to change.
        ReleasePageParts.objects.bulk_create(
            [ReleasePageParts(release_id=release.pk, token=uuid.uuid4().hex)],
            ignore_conflicts=True,
        )
        token = ReleasePageParts.objects.filter(pk=release.pk).values_list("token", flat=True)
        token = token.first()
        if token is None:
            return
        # The parts were read before the row existed: read them again after, so that an edit
        # in between is either in them or has moved the token.
        prefetch_related_objects([_fresh(release)], *page_parts_prefetches())
    else:
        token = row.token
    data = {"format": FORMAT, "token": token}
    for key, _model, columns in PARTS:
        objects = (
            release.correction_revisions
            if key == "correction_revisions"
            else getattr(release, key).all()
        )
        data[key] = [[_encode(field, obj) for field in columns] for obj in objects]
    ReleasePageParts.objects.filter(pk=release.pk, token=token).update(data=data)


def _fresh(release):
    """Drop what was prefetched, so the next prefetch reads the tables again."""
    release.__dict__.pop("_prefetched_objects_cache", None)
    release.__dict__.pop("correction_revisions", None)
    return release


def forget(release_id) -> None:
    """The parts of this release changed: no stored copy may be used from now on."""
    ReleasePageParts.objects.bulk_create(
        [ReleasePageParts(release_id=release_id, token=uuid.uuid4().hex)],
        update_conflicts=True,
        unique_fields=["release"],
        update_fields=["token"],
    )


def store_all(batch_size=500) -> int:
    """Store a current copy for every release that lacks one (after a bulk load, say, which
    sends no signals); returns how many releases were read."""
    ids = list(Release.objects.order_by("pk").values_list("pk", flat=True))
    ReleasePageParts.objects.bulk_create(
        (ReleasePageParts(release_id=pk, token=uuid.uuid4().hex) for pk in ids),
        batch_size=batch_size,
        ignore_conflicts=True,
    )
    for start in range(0, len(ids), batch_size):
        list(with_stored_parts(Release.objects.filter(pk__in=ids[start : start + batch_size])))
    return len(ids)


# --- Values as JSON, and back exactly as the database gives them -----------------------------


def _encode(field, obj):
    # The raw attribute, as the database filled it: for a translated field's base column,
    # modeltranslation's descriptor would give the active language's text instead.
    value = obj.__dict__[field.attname]
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, datetime.datetime):
        return value.isoformat()  # every microsecond: the page prints them in its <time>s
    if isinstance(value, Decimal):
        return str(value)  # keeps the scale the database gave (16.30, not 16.3)
    return value


def _decode(field, value):
    if value is None:
        return None
    if isinstance(field, models.DateTimeField):
        return datetime.datetime.fromisoformat(value)
    if isinstance(field, models.DecimalField):
        return Decimal(value)
    return value
