"""Files other apps add to a release page's 첨부파일 box.

The box lists the release's own attachments; an app that knows of more for a release (open data:
the links an imported release came with) registers a source in its AppConfig.ready(), the way
pagecache slots are filled, so the box keeps one markup in one template and this app imports none
of those apps. A source is ``source(release) -> iterable of AttachmentEntry``; it should cost the
page no query when it has nothing for the release.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from briefing.releases.models import Attachment
from briefing.releases.uploads import kind_of_name

logger = logging.getLogger(__name__)

#: The only schemes a reader's click may follow: anything else (javascript:, data:, file:) would
#: run or open something in the reader's browser in this site's name.
LINKABLE_SCHEMES = ("http", "https")
#: The icon of a file whose name claims none of the types published here.
OTHER_KIND = "other"


@dataclass(frozen=True)
class AttachmentEntry:
    name: str
    url: str
    #: Served by another site: the page marks it and tells screen readers so.
    is_external: bool = True

    @property
    def kind(self) -> str:
        """Judged by the name only, since the file itself was never seen here."""
        return kind_of_name(self.name) or OTHER_KIND

    @property
    def kind_label(self) -> str:
        kind = kind_of_name(self.name)
        return Attachment.Kind(kind).label if kind else _("파일")


Source = Callable[[object], Iterable[AttachmentEntry]]
_SOURCES: list[Source] = []


def register_attachment_source(source: Source) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def extra_attachments(release) -> list[AttachmentEntry]:
    """Every registered source's entries for the release, in registration order, without any
    whose address a browser should not follow: a source is trusted with names, not with links."""
    entries = []
    for source in _SOURCES:
        for entry in source(release):
            if is_linkable(entry.url):
                entries.append(entry)
            else:
                logger.warning(
                    "release %s: attachment %r not shown, its address is not http(s)",
                    release.pk,
                    entry.name,
                )
    return entries


def is_linkable(url: str) -> bool:
    try:
        parts = urlsplit(str(url or "").strip())
    except ValueError:  # an unbalanced [ in the host
        return False
    return parts.scheme.lower() in LINKABLE_SCHEMES and bool(parts.hostname)
