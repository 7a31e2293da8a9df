"""임시조치 in a real browser: a moderator applies it, the board shows the placeholder, the clock
passes the end (django.utils.timezone.now patched, the live server's thread included) and the
comment returns with both sides told; and the poster's objection (재게시 요청) path."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_pages import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "measure-browser-pass-42"
TEXT = "이번 계약을 맡은 담당자가 뒷돈을 받았다는 이야기가 돕니다. 사실인지 밝혀 주세요."
PLACEHOLDER = "권리침해 신고로 임시조치된 댓글입니다."
WIDE = {"width": 1440, "height": 900}


@pytest.fixture(autouse=True)
def long_sessions(settings):
    """Sessions outlive the month the clock jumps."""
    settings.SESSION_COOKIE_AGE = 400 * 24 * 3600


@pytest.fixture
def reported(live_server):
    """A published comment reported under rule 2 by the person it names, and a moderator."""
    from django.core.management import call_command

    from briefing.comments.models import CitizenProfile
    from briefing.comments.services import post_comment, report_comment
    from briefing.releases.models import Release

    call_command("loaddata", "seed", verbosity=0)
    release = Release.objects.get(slug="pps-overseas-procurement-record-2024")
    User = get_user_model()
    people = {}
    for username, name in (("writer", "글쓴이"), ("victim", "당사자")):
        people[username] = User.objects.create_user(username, f"{username}@example.com", PASSWORD)
        CitizenProfile.objects.create(
            user=people[username], display_name=name, email_verified_at=timezone.now()
        )
    moderator = User.objects.create_user("mod-kim", "mod@example.com", PASSWORD, is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    comment, verdict = post_comment(
        release=release, author=people["writer"], text=TEXT, enforce_limits=False
    )
    assert comment is not None and comment.status == "published", verdict
    report_comment(
        comment=comment,
        reporter=people["victim"],
        rule=2,
        concerned_party=True,
        explanation="저는 그런 돈을 받은 적이 없습니다.",
    )
    return {"comment": comment, "release": release, **people}


def sign_in(page, username):
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")


def apply_measure(live_server, open_page, axe_source, comment):
    page = open_page(live_server.url + f"/ko/moderation/comments/{comment.pk}/", WIDE)
    sign_in(page, "mod-kim")
    page.wait_for_selector("#rule2-title")
    assert "저는 그런 돈을 받은 적이 없습니다." in page.inner_text("main")
    assert axe_violations(page, axe_source) == []
    panel = page.locator("section", has=page.locator("#panel-temporary"))
    panel.get_by_label("임시조치 기간(일)").fill("30")
    panel.get_by_role("button", name="적용").click()
    page.wait_for_selector(".mod-messages")
    assert "임시조치를 했습니다" in page.inner_text(".mod-messages")
    comment.refresh_from_db()
    assert comment.status == "temporary"
    return page


def test_the_measure_shows_on_the_board_then_lapses_and_both_sides_are_told(
    live_server, open_page, axe_source, reported
):
    comment, release = reported["comment"], reported["release"]
    apply_measure(live_server, open_page, axe_source, comment)
    started = sorted(message.to[0] for message in mail.outbox)
    assert started == ["victim@example.com", "writer@example.com"]

    for name, viewport in (("phone", PHONE), ("wide", WIDE)):
        board = open_page(live_server.url + release.get_absolute_url() + "#comments", viewport)
        item = board.locator(f"#comment-{comment.pk}")
        assert PLACEHOLDER in item.inner_text()
        assert TEXT not in board.content() and "글쓴이" not in item.inner_text()
        item.scroll_into_view_if_needed()
        screenshot(board, f"measure-board-{name}")
        assert axe_violations(board, axe_source) == []

    mail.outbox.clear()
    after_end = comment.hidden_until + timedelta(minutes=5)
    with mock.patch("django.utils.timezone.now", return_value=after_end):
        board = open_page(live_server.url + release.get_absolute_url() + "#comments", PHONE)
        assert TEXT in board.locator(f"#comment-{comment.pk}").inner_text()
        assert PLACEHOLDER not in board.content()

        queue = open_page(live_server.url + "/ko/moderation/?state=overdue", WIDE)
        sign_in(queue, "mod-kim")  # loading the queue sends the notices due
        queue.wait_for_selector(f"#comment-{comment.pk}")
        screenshot(queue, "measure-queue-overdue")

        mine = open_page(live_server.url + "/ko/my/comments/", PHONE)
        sign_in(mine, "writer")
        mine.wait_for_selector(f"#comment-{comment.pk}")
        assert "끝나 댓글이 다시 게시되었습니다" in mine.inner_text(f"#comment-{comment.pk}")
        screenshot(mine, "measure-mine-ended-phone")
        assert axe_violations(mine, axe_source) == []

    told = sorted(message.to[0] for message in mail.outbox)
    assert told == ["victim@example.com", "writer@example.com"]
    assert all("임시조치 종료" in message.subject for message in mail.outbox)


def test_the_poster_objects_and_the_moderator_restores_with_the_objection_in_view(
    live_server, open_page, axe_source, reported
):
    comment, release = reported["comment"], reported["release"]
    desk = apply_measure(live_server, open_page, axe_source, comment)

    mine = open_page(live_server.url + "/ko/my/comments/", PHONE)
    sign_in(mine, "writer")
    mine.wait_for_selector(f"#comment-{comment.pk}")
    item = mine.locator(f"#comment-{comment.pk}")
    item.get_by_role("button", name="재게시 요청하기").click()  # no reason yet: refused
    mine.wait_for_selector("[aria-invalid=true]")
    assert mine.locator("[role=alert]").count() >= 1
    assert mine.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(mine, "measure-objection-refused-phone")
    assert axe_violations(mine, axe_source) == []
    mine.get_by_label("재게시 요청 사유").fill("공개된 감사 결과를 옮긴 것으로 사실입니다.")
    mine.get_by_role("button", name="재게시 요청하기").click()
    mine.wait_for_selector("text=재게시 요청이 접수되었습니다")
    screenshot(mine, "measure-objection-sent-phone")
    assert axe_violations(mine, axe_source) == []

    queue = open_page(live_server.url + "/ko/moderation/", WIDE)
    sign_in(queue, "mod-kim")
    first = queue.locator("article.mod-item").first
    assert first.get_attribute("id") == f"comment-{comment.pk}"  # urgent: first in the queue

    desk.reload()
    measure_panel = desk.locator("section", has=desk.locator("#measure-title"))
    assert "공개된 감사 결과를 옮긴 것으로 사실입니다." in measure_panel.inner_text()
    screenshot(desk, "measure-desk-objection")
    mail.outbox.clear()
    panel = desk.locator("section", has=desk.locator("#panel-restore"))
    panel.get_by_role("button", name="적용").click()
    desk.wait_for_selector(".mod-messages")

    comment.refresh_from_db()
    assert comment.status == "published"
    poster_mail = [m for m in mail.outbox if m.to == ["writer@example.com"]]
    assert "재게시 요청: 인용" in poster_mail[0].body
    assert [m.to for m in mail.outbox if m.to == ["victim@example.com"]]
    mine.reload()
    assert "인용되었습니다" in mine.inner_text(f"#comment-{comment.pk}")
    board = open_page(live_server.url + release.get_absolute_url(), PHONE)
    assert TEXT in board.locator(f"#comment-{comment.pk}").inner_text()


def test_a_rule_2_report_says_who_reports_and_why(live_server, open_page, axe_source, reported):
    """The report form at 390 px: rule 2, the person concerned, their explanation (소명)."""
    from briefing.comments.models import CitizenProfile, Report
    from briefing.comments.services import post_comment

    other, _verdict = post_comment(
        release=reported["release"],
        author=reported["writer"],
        text="해외조달 지원 사업의 담당 부서가 어디인지 궁금합니다.",
        enforce_limits=False,
    )
    reader = get_user_model().objects.create_user("reader", "reader@example.com", PASSWORD)
    CitizenProfile.objects.create(
        user=reader, display_name="독자", email_verified_at=timezone.now()
    )
    page = open_page(live_server.url + f"/ko/comments/{other.pk}/report/", PHONE)
    sign_in(page, "reader")
    page.wait_for_selector("form button[type=submit]")
    page.get_by_label("제2항", exact=False).first.check()
    page.get_by_label("예, 제가 당사자입니다").check()
    page.get_by_label("제2항 신고: 소명 내용(선택)").fill("저를 가리키는 허위 사실입니다.")
    screenshot(page, "measure-report-rule2-phone")
    assert axe_violations(page, axe_source) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="신고하기").click()
    page.wait_for_url(f"**#comment-{other.pk}")
    report = Report.objects.get(comment=other)
    assert (report.rule, report.concerned_party) == (2, True)
    assert report.explanation == "저를 가리키는 허위 사실입니다."
