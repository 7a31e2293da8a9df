"""The share box in Chromium at 390 and 1,440 px: its links, the bookmark hint, axe-core; and the
English page of a Korean-only release."""

import pytest

from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_pages import SLUG, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE = {"width": 1440, "height": 900}
DETAIL = f"/ko/briefing/press-releases/{SLUG}/"


@pytest.fixture
def site(live_server):
    from django.core.management import call_command

    call_command("loaddata", "seed", verbosity=0)
    return live_server.url


@pytest.fixture
def touch_phone(browser):
    """A phone with a touch screen and no keyboard or mouse, as Chromium emulates one."""
    context = browser.new_context(viewport=PHONE, locale="ko-KR", has_touch=True, is_mobile=True)
    yield context.new_page()
    context.close()


def share_box_fits(page):
    return page.evaluate(
        "() => { const box = document.querySelector('.share').getBoundingClientRect();"
        " return box.left >= 0 && box.right <= document.documentElement.clientWidth"
        " && document.documentElement.scrollWidth <= document.documentElement.clientWidth; }"
    )


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1440", "390"])
def test_the_share_box_links_bookmark_hint_and_accessibility(site, open_page, axe_source, viewport):
    page = open_page(site + DETAIL, viewport)
    box = page.locator(".share")
    box.scroll_into_view_if_needed()
    names = box.locator("li :is(a, button):visible").all_inner_texts()
    assert names[-5:] == ["페이스북", "X", "밴드", "카카오스토리", "즐겨찾기"]
    kakao = box.get_by_role("link", name="카카오스토리")
    assert kakao.get_attribute("href").startswith("https://story.kakao.com/share?url=http%3A%2F%2F")
    box.get_by_role("button", name="즐겨찾기").click()
    status = box.get_by_role("status")
    status.filter(has_text="Ctrl+D").wait_for()
    assert status.inner_text() == "Ctrl+D를 누르면 이 페이지를 즐겨찾기에 추가할 수 있습니다."
    assert share_box_fits(page)
    width = viewport["width"]
    box.screenshot(path=str(_screenshot_path(f"share-box-ko-{width}")))
    screenshot(page, f"share-detail-ko-{width}")
    assert axe_violations(page, axe_source) == []


def _screenshot_path(name):
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS / f"{name}.png"


def test_on_a_touch_phone_the_bookmark_hint_names_the_browser_menu(site, touch_phone):
    touch_phone.goto(site + DETAIL)
    touch_phone.get_by_role("button", name="즐겨찾기").click()
    status = touch_phone.locator(".share").get_by_role("status")
    status.filter(has_text="북마크 추가").wait_for()
    assert "Ctrl" not in status.inner_text()


def test_a_second_press_announces_the_hint_again(site, open_page):
    """The live region is emptied and refilled, so screen readers repeat it."""
    page = open_page(site + DETAIL, WIDE)
    button = page.get_by_role("button", name="즐겨찾기")
    status = page.locator(".share").get_by_role("status")
    button.click()
    status.filter(has_text="Ctrl+D").wait_for()
    page.evaluate(
        "() => { window.changes = 0; new MutationObserver(() => window.changes++)"
        ".observe(document.querySelector('[data-share-status]'), {childList: true}); }"
    )
    button.click()
    page.wait_for_function("window.changes >= 2")
    assert "Ctrl+D" in status.inner_text()


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1440", "390"])
def test_the_english_page_of_a_korean_only_release(site, open_page, axe_source, viewport):
    from tests.releases.test_views_support import make_release

    release = make_release(1, title_en="", body_en="")
    page = open_page(site + f"/en/briefing/press-releases/{release.slug}/", viewport)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#release-title").get_attribute("lang") == "ko"
    notice = page.locator(".notice-language")
    assert notice.inner_text() == "This release is available in Korean only."
    assert page.get_by_role("link", name="KakaoStory").is_visible()
    screenshot(page, f"korean-only-en-{viewport['width']}")
    assert axe_violations(page, axe_source) == []
