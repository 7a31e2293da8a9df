"""A moderator, in a real browser, signs in and removes a held comment citing a rule."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.browser.conftest import screenshot
from tests.browser.test_pages import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "moderator-browser-pass-42"


@pytest.fixture
def held(live_server):
    from django.core.management import call_command

    from briefing.comments.models import CitizenProfile
    from briefing.comments.services import post_comment
    from briefing.releases.models import Release

    call_command("loaddata", "seed", verbosity=0)
    release = Release.objects.get(slug="pps-overseas-procurement-record-2024")
    User = get_user_model()
    author = User.objects.create_user("writer", "writer@example.com", PASSWORD)
    CitizenProfile.objects.create(
        user=author, display_name="글쓴이", email_verified_at=timezone.now()
    )
    moderator = User.objects.create_user("mod-kim", "mod@example.com", PASSWORD, is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    comment, _verdict = post_comment(
        release=release,
        author=author,
        text="해외조달 컨설팅 문의는 저희 회사로 연락 주세요. 최저가 보장, 상담 환영합니다.",
        enforce_limits=False,
    )
    return comment


def test_a_moderator_removes_a_held_comment_citing_rule_6(live_server, open_page, axe_source, held):
    """Log in, open the queue (no axe violations), cite rule 6 with a note, remove."""
    page = open_page(live_server.url + "/ko/moderation/")
    page.fill("#id_username", "mod-kim")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_selector(f"#comment-{held.pk}")

    item = page.locator(f"#comment-{held.pk}")
    item.get_by_label("어긋나는 운영원칙").select_option("6")
    item.get_by_label("작성자에게 남길 말(선택)").fill("영리 목적의 광고입니다.")
    screenshot(page, "moderation-queue")
    assert axe_violations(page, axe_source) == []
    item.get_by_role("button", name="삭제").click()

    page.wait_for_selector(".mod-messages")
    assert "삭제했습니다" in page.inner_text(".mod-messages")
    held.refresh_from_db()
    assert (held.status, held.decision_rule) == ("removed", 6)


def test_a_moderator_reaches_the_desk_from_the_public_header(live_server, open_page, held):
    """Signed in, the release page's header shows 댓글 검토 with the waiting count; it leads to
    the queue, where the held comment's reason reads in words."""
    page = open_page(
        live_server.url + "/ko/accounts/login/?next=" + held.release.get_absolute_url()
    )
    page.fill("#id_username", "mod-kim")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")

    link = page.locator("header .desk-link")
    assert "대기 1" in link.inner_text()
    link.click()
    page.wait_for_selector(f"#comment-{held.pk}")
    assert "광고·홍보로 보이는 표현" in page.inner_text(f"#comment-{held.pk}")
