"""The list and a release in a real browser: navigation, tools and accessibility (axe-core)."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "pps-overseas-procurement-record-2024"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]


@pytest.fixture
def site(live_server):
    from django.core.management import call_command

    call_command("loaddata", "seed", verbosity=0)
    return live_server.url


def axe_violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result["violations"]
    ]


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("which", ["list", "detail"])
def test_pages_pass_axe_and_are_captured(site, open_page, axe_source, language, width, which):
    """List and detail, Korean and English, desktop and phone: zero axe violations."""
    path = f"/{language}/briefing/press-releases/" + (f"{SLUG}/" if which == "detail" else "")
    page = open_page(site + path, DESKTOP if width == "desktop" else PHONE)
    screenshot(page, f"{which}-{language}-{width}")
    assert axe_violations(page, axe_source) == []


def test_the_skip_link_moves_focus_to_the_main_content(site, open_page):
    """Tab then Enter on 본문 바로가기 puts keyboard focus on <main>."""
    page = open_page(site + "/ko/briefing/press-releases/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "본문 바로가기"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_search_filter_pagination_and_the_list_round_trip(site, open_page):
    """Search 조달 with 조달청 ticked, open the release, press 목록, and the filters are back."""
    page = open_page(site + "/ko/briefing/press-releases/")
    page.fill("#search-keyword", "조달")
    page.click("summary:has-text('상세검색')")
    page.check("input[name=ministry][value=B00013]")
    page.click(".detail-actions button[type=submit]")
    assert page.locator(".chip").count() == 2
    assert page.locator(".list-type li").count() == 1
    page.click(".list-type li a")
    page.wait_for_selector("#release-title")
    page.click("[data-list-link]")
    page.wait_for_selector(".list-type")
    assert page.input_value("#search-keyword") == "조달"
    assert page.is_checked("input[name=ministry][value=B00013]")


def test_bad_input_on_the_list_shows_a_friendly_message(site, open_page):
    """An end date before the start gives a notice and still lists the releases."""
    page = open_page(
        site + "/ko/briefing/press-releases/?period=custom&start=2024-03-01&end=2024-01-01&page=abc"
    )
    assert "종료일이 시작일보다 앞설 수 없습니다" in page.inner_text(".notice")
    assert page.locator(".list-type li").count() == 1


def test_pagination_moves_between_pages_keeping_the_keyword(site, open_page):
    """With 25 matching releases, page 2 keeps the keyword and marks itself current."""
    from tests.releases.test_views_support import make_release

    for number in range(25):
        make_release(number)
    page = open_page(site + "/ko/briefing/press-releases/?q=%EC%8B%9C%ED%97%98")
    page.click(".paging .num a:text-is('2')")
    page.wait_for_selector(".paging .num.on a:text-is('2')")
    assert page.input_value("#search-keyword") == "시험"
    assert page.locator(".list-type li").count() == 5


def test_the_language_switch_keeps_the_reader_on_the_release(site, open_page):
    """English on a Korean release opens the same release in English."""
    page = open_page(site + f"/ko/briefing/press-releases/{SLUG}/")
    page.click(".language-switch a[lang=en]")
    page.wait_for_url(f"**/en/briefing/press-releases/{SLUG}/")
    assert page.get_attribute("html", "lang") == "en"
    assert "PPS widens Korea" in page.inner_text("h1")


def test_text_size_changes_and_is_remembered(site, open_page):
    """최대크게 enlarges the body and stays chosen on the next page load."""
    page = open_page(site + f"/ko/briefing/press-releases/{SLUG}/")
    body = ".view-cont p"
    normal = page.eval_on_selector(body, "p => parseFloat(getComputedStyle(p).fontSize)")
    page.click("button[data-font-step='5']")
    largest = page.eval_on_selector(body, "p => parseFloat(getComputedStyle(p).fontSize)")
    assert largest > normal
    page.reload()
    assert page.get_attribute("button[data-font-step='5']", "aria-pressed") == "true"
    assert page.eval_on_selector(body, "p => parseFloat(getComputedStyle(p).fontSize)") == largest
