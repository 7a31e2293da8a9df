"""Imported attachment links: shown on the release page, and fetched into real attachments.

An imported release names its files by FileName/FileUrl. The release page lists those links in
its 첨부파일 box after the release's own files (registered as an attachment source, so the
releases app knows nothing of this one). `import_press_releases --fetch-attachments` turns a link
into a file of the release with `fetch_link`, checked exactly like a file staff upload: from then
on the page offers that file instead of the link.

Fetching a URL a feed chose is a request made from inside our network on a stranger's behalf, so
the guard checks every address the host resolves to, connects only to the addresses it checked
(a second DNS answer cannot swap in 127.0.0.1), follows at most MAX_REDIRECTS redirects checking
each, uses no proxy, and stops reading past the upload limit or the deadline.
"""

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.error
import urllib.request
from functools import partial
from pathlib import PurePosixPath
from tempfile import SpooledTemporaryFile
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import override

from briefing.opendata.models import ImportedAttachmentLink
from briefing.releases import uploads
from briefing.releases.attachment_sources import AttachmentEntry, is_linkable
from briefing.releases.models import Attachment

TIMEOUT_SECONDS = 10
#: A server that answers a byte every few seconds never trips the per-read timeout: the whole
#: download must also end within this time.
DEADLINE_SECONDS = 120
MAX_REDIRECTS = 3
CHUNK_BYTES = 64 * 1024
USER_AGENT = "briefing-opendata-import (+attachment fetch)"


class FetchRefused(Exception):
    """The link was not made into an attachment; ``reason`` says why, in English for the
    operator's report."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# --- on the page ------------------------------------------------------------------------------


def imported_links(release) -> list[AttachmentEntry]:
    """The attachment source the release page reads. A release made here has no imported links,
    so it costs its page no query; a fetched link is shown as its attachment, among the release's
    own files."""
    if not release.news_item_source:
        return []
    links = ImportedAttachmentLink.objects.filter(release=release, attachment__isnull=True)
    return [AttachmentEntry(name=name, url=url) for name, url in links.values_list("name", "url")]


# --- fetching ---------------------------------------------------------------------------------


def fetch_link(link, *, timeout=TIMEOUT_SECONDS, deadline=DEADLINE_SECONDS) -> Attachment:
    """Download the link's file and store it as an attachment of the link's release, or raise
    FetchRefused. Nothing is stored unless every check passed."""
    if link.attachment_id is not None:
        return link.attachment
    name = _checked_name(link)
    url = link.url
    allowed = settings.OPENDATA_FETCH_PRIVATE_NETWORKS
    opener = _opener(allowed)
    ends_at = time.monotonic() + deadline
    for _redirect in range(MAX_REDIRECTS + 1):
        if not is_linkable(url):
            raise FetchRefused(f"not an http(s) address: {url[:200]!r}")
        response = _open(opener, url, timeout)
        if response.status in (301, 302, 303, 307, 308):
            location = response.headers.get("Location", "")
            response.close()
            url = urljoin(url, location)
            continue
        with response:
            if response.status != 200:
                raise FetchRefused(f"the server answered HTTP {response.status}, not 200")
            body = _read_limited(response, ends_at, deadline)
        break
    else:
        raise FetchRefused(f"more than {MAX_REDIRECTS} redirects")
    with body:
        upload = File(body, name=name)
        upload.size = body.seek(0, 2)
        body.seek(0)
        return _store(link, name, upload)


def _checked_name(link) -> str:
    """The name rules of an upload, checked before any byte is fetched: a name claiming a type
    not published here would be refused after the download anyway."""
    name = link.name.strip() or PurePosixPath(unquote(urlsplit(link.url).path)).name
    try:
        with override("en"):  # some messages are formatted when raised
            name = uploads.clean_attachment_name(name)
    except ValidationError as error:
        raise FetchRefused(_in_english(error)) from error
    if uploads.kind_of_name(name) is None:
        raise FetchRefused(f"{name!r} is not a type published here (HWP, HWPX, PDF, …)")
    return name


def _open(opener, url, timeout):
    # Only http(s) gets here (is_linkable), and the opener has no handler for anything else.
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        return opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as error:
        # The opener has no redirect handler: a 3xx arrives here, to be checked before following.
        if error.code in (301, 302, 303, 307, 308) and error.headers.get("Location"):
            return error
        error.close()
        raise FetchRefused(f"the server answered HTTP {error.code}, not 200") from error
    except TimeoutError as error:
        raise FetchRefused(f"no answer within {timeout:g} s") from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise FetchRefused(f"no answer within {timeout:g} s") from error
        raise FetchRefused(f"could not connect: {error.reason}") from error
    except (http.client.HTTPException, OSError) as error:
        raise FetchRefused(f"the download failed: {error!r}") from error


def _read_limited(response, ends_at, deadline):
    """The body in a temporary file, refused as soon as it passes the upload limit."""
    limit = uploads.MAX_ATTACHMENT_BYTES
    refused_size = FetchRefused(f"larger than the upload limit of {limit // (1024 * 1024)} MB")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise refused_size
    body = SpooledTemporaryFile(max_size=1024 * 1024)
    received = 0
    try:
        while True:
            if time.monotonic() > ends_at:
                raise FetchRefused(f"the download took longer than {deadline:g} s")
            try:
                chunk = response.read1(CHUNK_BYTES)
            except TimeoutError as error:
                raise FetchRefused("the server stopped sending") from error
            except (http.client.HTTPException, OSError) as error:
                raise FetchRefused(f"the download failed: {error!r}") from error
            if not chunk:
                break
            received += len(chunk)
            if received > limit:
                raise refused_size
            body.write(chunk)
    except BaseException:
        body.close()
        raise
    body.seek(0)
    return body


@transaction.atomic
def _store(link, name, upload) -> Attachment:
    try:
        with override("en"):
            kind = uploads.attachment_kind(upload)  # the admin form's check: size, name, content
    except ValidationError as error:
        raise FetchRefused(_in_english(error)) from error
    attachment = Attachment(
        release_id=link.release_id, name=name, kind=kind, size=upload.size, order=link.order
    )
    attachment.file.save(name, upload, save=False)
    try:
        attachment.save()
        link.attachment = attachment
        link.save(update_fields=["attachment"])
    except BaseException:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def _in_english(error: ValidationError) -> str:
    with override("en"):
        return " ".join(str(message) for message in error.messages)


# --- the guard --------------------------------------------------------------------------------


def _opener(allowed_networks) -> urllib.request.OpenerDirector:
    """http and https only (no file:, ftp: or data: handler), no proxy, no automatic redirects."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        _GuardedHTTPHandler(allowed_networks),
        _GuardedHTTPSHandler(allowed_networks),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _refused_address(address: str, allowed_networks) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # fe80::1%eth0
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if any(ip in network for network in allowed_networks):
        return False
    return not ip.is_global or ip.is_multicast


def _connect_checked(address, timeout=None, source_address=None, *, allowed_networks):
    """socket.create_connection that first resolves the host and refuses it if any of its
    addresses is not public, then connects only to those addresses."""
    host, port = address
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise FetchRefused(f"the host {host!r} does not resolve") from error
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    refused = [ip for ip in addresses if _refused_address(ip, allowed_networks)]
    if refused:
        raise FetchRefused(
            f"the host {host!r} resolves to a private, loopback, link-local or multicast "
            f"address ({', '.join(refused)})"
        )
    last_error = None
    for ip in addresses:
        try:
            return socket.create_connection((ip, port), timeout, source_address)
        except OSError as error:
            last_error = error
    raise last_error


class _GuardedConnectionMixin:
    def __init__(self, *args, allowed_networks, **kwargs):
        super().__init__(*args, **kwargs)
        # http.client opens its socket through this attribute; HTTPS then wraps the socket with
        # the host's name, so certificates are still checked against the name, not the address.
        self._create_connection = partial(_connect_checked, allowed_networks=allowed_networks)


class _GuardedHTTPConnection(_GuardedConnectionMixin, http.client.HTTPConnection):
    pass


class _GuardedHTTPSConnection(_GuardedConnectionMixin, http.client.HTTPSConnection):
    pass


class _GuardedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, allowed_networks):
        super().__init__()
        self.allowed_networks = allowed_networks

    def http_open(self, req):
        connection = partial(_GuardedHTTPConnection, allowed_networks=self.allowed_networks)
        return self.do_open(connection, req)


class _GuardedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, allowed_networks):
        super().__init__(context=ssl.create_default_context())
        self.allowed_networks = allowed_networks

    def https_open(self, req):
        connection = partial(_GuardedHTTPSConnection, allowed_networks=self.allowed_networks)
        return self.do_open(connection, req, context=self._context)
