"""The moderators' desk in a real browser at 390 px and 1,440 px, in Korean and English: no axe
violation, nothing wider than the viewport, reasons and history in words, bulk errors announced
beside the bulk form. Screenshots land in tests/browser/screenshots/desk-*.png."""

import pytest

from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_pages import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE = {"width": 1440, "height": 900}
WIDTHS = {"phone": PHONE, "wide": WIDE}
#: The narrowest phone the site promises to fit (issue 17: nothing wider than 360 px).
NARROWEST = {"width": 360, "height": 800}
MODERATOR, PASSWORD = "moderator", "briefing-moderator-demo"


@pytest.fixture
def desk(live_server):
    """The demo queue (held ads and links, reported comments), and one comment under a temporary
    measure decided by another moderator, so its history has several entries."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from briefing.comments import demo as comments_demo
    from briefing.comments.models import Comment
    from briefing.moderation import actions
    from briefing.moderation import demo as moderation_demo
    from briefing.releases.models import Release

    call_command("loaddata", "seed", verbosity=0)
    release = Release.objects.get(slug="pps-overseas-procurement-record-2024")
    comments_demo.prepare_demo(sender=Release, release=release)
    moderation_demo.prepare_demo(sender=Release, release=release)
    root = get_user_model().objects.create_superuser("root", "root@example.com", "pw-root-1!")
    claimed = Comment.objects.get(text__contains="숫자를 조작했다")
    actions.perform_temporary_measure(comment=claimed, moderator=root, days=14, note="소명 확인 중")
    return live_server.url, claimed


def signed_in(open_page, url, language, viewport):
    page = open_page(f"{url}/{language}/accounts/login/?next=/{language}/moderation/", viewport)
    page.fill("#id_username", MODERATOR)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_selector(".mod-item")
    return page


def overflow(page):
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("width", ["phone", "wide"])
def test_the_queue_and_a_comment_fit_the_screen_and_pass_axe(
    desk, open_page, axe_source, language, width
):
    url, claimed = desk
    page = signed_in(open_page, url, language, WIDTHS[width])

    scroll_width, inner_width = overflow(page)
    assert scroll_width <= inner_width
    assert axe_violations(page, axe_source) == []
    text = page.inner_text("main")
    reason = "확인되지 않은 외부 링크" if language == "ko" else "Unverified external link"
    assert reason in text and "link.unknown" not in text and "ad.score" not in text
    header_link = page.locator("header .desk-link")
    assert header_link.is_visible()
    screenshot(page, f"desk-queue-{language}-{width}")
    if width == "phone":
        page.set_viewport_size(NARROWEST)
        scroll_width, inner_width = overflow(page)
        assert scroll_width <= inner_width
        page.set_viewport_size(PHONE)

    page.goto(f"{url}/{language}/moderation/comments/{claimed.pk}/")
    scroll_width, inner_width = overflow(page)
    assert scroll_width <= inner_width
    assert axe_violations(page, axe_source) == []
    history = page.inner_text(".mod-history")
    for raw in ("published", "hidden_until", "{"):
        assert raw not in history
    expected = "임시조치는" if language == "ko" else "The temporary measure ends on"
    assert expected in history
    screenshot(page, f"desk-comment-{language}-{width}")
    if width == "phone":
        page.set_viewport_size(NARROWEST)
        scroll_width, inner_width = overflow(page)
        assert scroll_width <= inner_width


def test_a_bulk_removal_without_a_rule_is_announced_beside_the_form_on_a_phone(
    desk, open_page, axe_source
):
    """Tick a comment, choose 삭제, forget the rule: an alert beside the bulk form says so, the
    rule field is marked invalid, nothing is wider than the phone, and axe finds nothing."""
    url, _claimed = desk
    page = signed_in(open_page, url, "ko", PHONE)
    page.locator(".mod-item input[type=checkbox]").first.check()
    page.locator("#bulk-form").get_by_label("일괄 조치").select_option("remove")
    page.locator("#bulk-form").get_by_role("button", name="선택한 댓글에 적용").click()

    alert = page.locator("#bulk-form [role=alert].form-errors")
    alert.wait_for()
    assert "삭제하려면 어긋나는 운영원칙을 고르세요." in alert.inner_text()
    assert page.locator("#bulk-form select[name=rule]").get_attribute("aria-invalid") == "true"
    scroll_width, inner_width = overflow(page)
    assert scroll_width <= inner_width
    assert axe_violations(page, axe_source) == []
    screenshot(page, "desk-bulk-error-ko-phone")
