"""Imported attachment links: on the release page like our own files, and fetched into real
attachments (`--fetch-attachments`) only through the checks of an upload and the SSRF guard."""

import io
import re
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_network

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from briefing.opendata.attachments import FetchRefused, fetch_link
from briefing.opendata.models import ImportedAttachmentLink
from briefing.releases.models import Attachment

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
MEGABYTE = 1024 * 1024


def hwpx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/hwp+zip")
        package.writestr("Contents/section0.xml", "<hs:sec/>")
        package.writestr("META-INF/container.xml", "<container/>")
    return buffer.getvalue()


@pytest.fixture
def imported(make_release):
    """A release the importer made from the portal."""
    return make_release(news_item_source="korea.kr", news_item_id=156_000_001)


def add_link(release, name, url, order=0):
    return ImportedAttachmentLink.objects.create(release=release, name=name, url=url, order=order)


def file_box(client, release, language="ko"):
    """The page's 첨부파일 box, or "" when the page has none."""
    with override(language):
        url = release.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r'<div class="filedown">.*?</div>', html, re.S)
    return match.group(0) if match else ""


# --- on the page ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_lists_imported_links_after_its_own_files(client, imported, attach):
    attach(imported, "우리 자료.hwpx")
    add_link(imported, "보도자료 본문.hwpx", "https://www.korea.kr/files/1.hwpx", order=0)
    add_link(imported, "붙임 통계.xlsx", "http://www.korea.kr/files/2.xlsx", order=1)
    box = file_box(client, imported)
    assert (
        box.index("우리 자료.hwpx") < box.index("보도자료 본문.hwpx") < box.index("붙임 통계.xlsx")
    )
    row = box[box.index("보도자료 본문.hwpx") - 300 :]
    assert 'src="/static/img/file-hwpx.svg" alt="HWPX"' in row
    assert "외부 링크" in box
    assert (
        '<a class="go" href="https://www.korea.kr/files/1.hwpx" rel="noopener noreferrer external">'
        in box
    )
    assert "(외부 사이트로 이동)" in box
    assert 'alt="XLSX"' in box and 'href="http://www.korea.kr/files/2.xlsx"' in box


@pytest.mark.django_db
def test_a_name_of_another_type_gets_the_generic_icon(client, imported):
    add_link(imported, "안내문.txt", "https://www.korea.kr/files/3.txt")
    box = file_box(client, imported)
    assert 'src="/static/img/file-other.svg" alt="파일"' in box
    assert "안내문.txt" in box


@pytest.mark.django_db
def test_the_box_appears_when_the_release_has_only_links(client, imported):
    assert file_box(client, imported) == ""
    add_link(imported, "보도자료.pdf", "https://www.korea.kr/files/1.pdf")
    box = file_box(client, imported)
    assert "첨부파일" in box and "보도자료.pdf" in box


@pytest.mark.django_db
def test_the_english_page_marks_the_link_in_english(client, imported):
    add_link(imported, "report.pdf", "https://www.korea.kr/files/1.pdf")
    box = file_box(client, imported, "en")
    assert "External link" in box and "(goes to another site)" in box


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "https:///no-host",
    ],
)
def test_a_stored_link_that_is_not_http_is_never_rendered_as_a_link(client, imported, url):
    """Defence in depth: the importer refuses these and migration 0003 deleted old ones, but a
    row written some other way must not become a link in our name."""
    add_link(imported, "악성.pdf", url)
    add_link(imported, "정상.pdf", "https://www.korea.kr/files/ok.pdf")
    box = file_box(client, imported)
    assert "악성.pdf" not in box
    assert "script" not in box.lower() and "file:" not in box and "///" not in box
    assert 'href="https://www.korea.kr/files/ok.pdf"' in box


@pytest.mark.django_db
def test_a_cached_page_shows_a_link_added_later(client, imported, settings):
    settings.BRIEFING_PAGE_CACHE = True
    assert "보도자료.pdf" not in file_box(client, imported)
    add_link(imported, "보도자료.pdf", "https://www.korea.kr/files/1.pdf")
    assert "보도자료.pdf" in file_box(client, imported)


def detail_queries(client, release):
    with override_settings(BRIEFING_PAGE_CACHE=False, BRIEFING_FRAGMENT_CACHE=False):
        client.get(release.get_absolute_url())  # warms the sidebar, counts today's visitor
        with CaptureQueriesContext(connection) as queries:
            assert client.get(release.get_absolute_url()).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_links_cost_an_imported_page_one_query_however_many_and_a_local_page_none(
    client, make_release, imported
):
    local = make_release()
    made_here = detail_queries(client, local)
    assert detail_queries(client, imported) == made_here + 1
    for number in range(30):
        add_link(imported, f"붙임 {number}.pdf", f"https://www.korea.kr/files/{number}.pdf")
    assert detail_queries(client, imported) == made_here + 1
    assert detail_queries(client, local) == made_here


# --- fetching ---------------------------------------------------------------------------------


class FileServer:
    """A web server on 127.0.0.1 whose answers each test writes: {path: handler(request)}."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        routes, requests = self.routes, self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                requests.append(self.path)
                routes.get(self.path, lambda request: request.send_error(404))(self)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def url(self, path):
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def serve(self, path, content, content_type="application/octet-stream"):
        def answer(request):
            request.send_response(200)
            request.send_header("Content-Type", content_type)
            request.send_header("Content-Length", str(len(content)))
            request.end_headers()
            request.wfile.write(content)

        self.routes[path] = answer
        return self.url(path)

    def redirect(self, path, location, status=302):
        def answer(request):
            request.send_response(status)
            request.send_header("Location", location)
            request.send_header("Content-Length", "0")
            request.end_headers()

        self.routes[path] = answer
        return self.url(path)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def server():
    running = FileServer()
    yield running
    running.close()


@pytest.fixture
def loopback_allowed(settings):
    """The test server is on 127.0.0.1, which the guard refuses unless told otherwise."""
    settings.OPENDATA_FETCH_PRIVATE_NETWORKS = [ip_network("127.0.0.0/8")]


def refusal(link, **options):
    with pytest.raises(FetchRefused) as refused:
        fetch_link(link, **options)
    link.refresh_from_db()
    assert link.attachment is None
    assert not Attachment.objects.filter(release=link.release).exists()
    return refused.value.reason


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "kind"), [("보도자료.pdf", PDF, "pdf"), ("보도자료.hwpx", hwpx(), "hwpx")]
)
def test_a_fetched_file_becomes_an_attachment_of_the_release(
    client, imported, server, loopback_allowed, name, content, kind
):
    link = add_link(imported, name, server.serve("/files/1", content), order=2)
    attachment = fetch_link(link)
    link.refresh_from_db()
    assert link.attachment == attachment
    assert (attachment.release, attachment.name, attachment.kind) == (imported, name, kind)
    assert attachment.size == len(content) and attachment.order == 2
    with attachment.file.open("rb") as stored:
        assert stored.read() == content
    box = file_box(client, imported)
    assert box.count("<li") == 1 and name in box
    assert "외부 링크" not in box and server.url("/files/1") not in box
    download = reverse("releases:attachment-download", args=[imported.slug, attachment.pk])
    assert f'href="{download}"' in box


@pytest.mark.django_db
def test_a_fetched_link_is_not_fetched_twice(imported, server, loopback_allowed):
    link = add_link(imported, "보도자료.pdf", server.serve("/files/1", PDF))
    first = fetch_link(link)
    assert fetch_link(link) == first
    assert server.requests == ["/files/1"]


@pytest.mark.django_db
def test_three_redirects_are_followed(imported, server, loopback_allowed):
    server.serve("/files/final", PDF)
    server.redirect("/r3", "/files/final", status=301)
    server.redirect("/r2", server.url("/r3"), status=307)
    link = add_link(imported, "보도자료.pdf", server.redirect("/r1", "/r2"))
    assert fetch_link(link).kind == "pdf"
    assert server.requests == ["/r1", "/r2", "/r3", "/files/final"]


@pytest.mark.django_db
def test_a_fourth_redirect_is_refused(imported, server, loopback_allowed):
    server.serve("/files/final", PDF)
    for number in range(1, 5):
        server.redirect(f"/r{number}", f"/r{number + 1}" if number < 4 else "/files/final")
    link = add_link(imported, "보도자료.pdf", server.url("/r1"))
    assert refusal(link) == "more than 3 redirects"
    assert "/files/final" not in server.requests


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://ftp.example.org/a.pdf", "file:///etc/passwd"]
)
def test_a_link_that_is_not_http_is_refused(imported, url):
    assert refusal(add_link(imported, "보도자료.pdf", url)).startswith("not an http(s) address")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",
        "[::1]",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.0.10",
        "169.254.169.254",
        "[fe80::1]",
        "224.0.0.1",
        "0.0.0.0",  # noqa: S104 - an address to refuse, nothing binds to it
        "[::ffff:127.0.0.1]",
    ],
)
def test_the_guard_refuses_hosts_inside_our_network(imported, server, settings, host):
    settings.OPENDATA_FETCH_PRIVATE_NETWORKS = []
    url = f"http://{host}:{server.server.server_port}/files/1"
    server.serve("/files/1", PDF)
    reason = refusal(add_link(imported, "보도자료.pdf", url))
    assert "private, loopback, link-local or multicast address" in reason
    assert server.requests == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "location", ["http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/a.pdf"]
)
def test_a_redirect_into_our_network_is_refused(imported, server, loopback_allowed, location):
    link = add_link(imported, "보도자료.pdf", server.redirect("/r1", location))
    assert "private, loopback, link-local or multicast address" in refusal(link)


@pytest.mark.django_db
@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://127.0.0.1/a.pdf"])
def test_a_redirect_to_another_scheme_is_refused(imported, server, loopback_allowed, location):
    link = add_link(imported, "보도자료.pdf", server.redirect("/r1", location))
    assert refusal(link).startswith("not an http(s) address")


@pytest.mark.django_db
def test_an_answer_other_than_200_is_refused(imported, server, loopback_allowed):
    link = add_link(imported, "보도자료.pdf", server.url("/missing"))
    assert refusal(link) == "the server answered HTTP 404, not 200"

    def no_content(request):
        request.send_response(204)
        request.end_headers()

    server.routes["/empty"] = no_content
    link = add_link(imported, "보도자료.pdf", server.url("/empty"))
    assert refusal(link) == "the server answered HTTP 204, not 200"


@pytest.mark.django_db
def test_a_file_declared_larger_than_an_upload_may_be_is_refused_unread(
    imported, server, loopback_allowed
):
    def huge(request):
        request.send_response(200)
        request.send_header("Content-Length", str(51 * MEGABYTE))
        request.end_headers()
        request.wfile.write(PDF)  # and then nothing: the client must not wait for the rest

    server.routes["/huge"] = huge
    link = add_link(imported, "보도자료.pdf", server.url("/huge"))
    assert refusal(link, timeout=5) == "larger than the upload limit of 50 MB"


@pytest.mark.django_db
def test_a_stream_past_the_upload_limit_is_cut_off(imported, server, loopback_allowed):
    sent = []

    def endless(request):
        request.send_response(200)
        request.end_headers()  # no Content-Length: the size shows only while reading
        request.wfile.write(PDF)
        chunk = b"0" * MEGABYTE
        try:
            for _ in range(200):
                request.wfile.write(chunk)
                sent.append(len(chunk))
        except OSError:  # the client hung up, as it should
            pass

    server.routes["/endless"] = endless
    link = add_link(imported, "보도자료.pdf", server.url("/endless"))
    assert refusal(link) == "larger than the upload limit of 50 MB"
    time.sleep(0.2)
    assert sum(sent) < 60 * MEGABYTE


@pytest.mark.django_db
def test_a_server_that_does_not_answer_in_time_is_refused(imported, server, loopback_allowed):
    def silent(request):
        time.sleep(2)

    server.routes["/silent"] = silent
    link = add_link(imported, "보도자료.pdf", server.url("/silent"))
    started = time.monotonic()
    assert refusal(link, timeout=0.5) == "no answer within 0.5 s"
    assert time.monotonic() - started < 1.5


@pytest.mark.django_db
def test_a_download_dripping_past_the_deadline_is_refused(imported, server, loopback_allowed):
    def drip(request):
        request.send_response(200)
        request.end_headers()
        try:
            for _ in range(40):
                request.wfile.write(PDF[:4])
                request.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    server.routes["/drip"] = drip
    link = add_link(imported, "보도자료.pdf", server.url("/drip"))
    assert refusal(link, timeout=1, deadline=0.5) == "the download took longer than 0.5 s"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("보도자료.pdf", b"<html><body>Not found</body></html>"),
        ("보도자료.hwpx", b"PK\x03\x04 not really a package"),
        ("보도자료.docx", hwpx()),  # a real package, of another kind
    ],
)
def test_content_that_fails_the_upload_check_is_refused_and_nothing_is_stored(
    imported, server, loopback_allowed, name, content
):
    link = add_link(imported, name, server.serve("/files/1", content))
    reason = refusal(link)
    assert reason == (
        "Only HWP, HWPX, PDF, DOCX, XLSX, PPTX, ZIP, CSV, JPG and PNG files can be uploaded, "
        "and the content must match the extension."
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        (
            "보도자료\u202efdp.exe",
            "A file name cannot contain invisible characters or characters that change the "
            "text direction.",
        ),
        ("설치파일.exe", "'설치파일.exe' is not a type published here (HWP, HWPX, PDF, …)"),
        ("가" * 197 + ".pdf", "A file name can be at most 200 characters long."),
    ],
)
def test_a_name_an_upload_could_not_have_is_refused_before_downloading(
    imported, server, loopback_allowed, name, reason
):
    link = add_link(imported, name, server.serve("/files/1", PDF))
    assert refusal(link) == reason
    assert server.requests == []


# --- through the importer ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_importer_fetches_links_into_files_the_page_and_the_feed_offer_once(
    client, ministry, xml_file, server, loopback_allowed
):
    """`import_press_releases --fetch-attachments` end to end: the portal's FileUrl is fetched
    through the real fetcher, and readers get our checked copy, once, on the page and in the feed;
    a link the fetcher refuses stays a link, and the summary says why."""
    from tests.opendata.test_import import item, portal_file, run

    missing, good = server.url("/files/missing"), server.serve("/files/2", PDF)
    text = item(id=156_000_777).replace("https://www.korea.kr/common/download.do?fileId=1", missing)
    text = text.replace("https://www.korea.kr/common/download.do?fileId=2", good)
    out, _err = run(xml_file(portal_file(text)), fetch_attachments=True)
    assert "240221 보도자료.hwpx" in out and "not fetched" in out and "404" in out

    release = ImportedAttachmentLink.objects.get(url=good).release
    attachment = Attachment.objects.get(release=release)
    assert (attachment.name, attachment.kind) == ("240221 보도자료.pdf", "pdf")
    box = file_box(client, release)
    assert box.count("<li") == 2  # our copy of the first file, and the refused one as a link
    assert good not in box and missing in box
    # The revision written by the import names the fetched file, so a restore keeps it.
    assert any(
        row["file"] == attachment.file.name
        for row in release.revisions.order_by("-number").first().snapshot["attachments"]
    )
    feed = client.get("/api/press-releases/?startDate=20240221&endDate=20240221").content.decode()
    assert feed.count("<FileUrl>") == 2 and good not in feed
