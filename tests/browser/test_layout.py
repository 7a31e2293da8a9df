"""Every public and citizen page, and the desk, fits a 360 px phone and passes axe-core.

Data-driven: PAGES names each page by URL and by who looks at it, so a page another part of the
site adds or restyles is covered by adding one line. Each page is checked in Korean and English:
nothing wider than the viewport at 360 px (with every <details> and the menu opened too), and no
WCAG 2.1 A/AA violation at 390 and 1,440 px.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from tests.accounts import PASSWORD
from tests.browser.conftest import PHONE, SCREENSHOTS, WIDE, screenshot
from tests.browser.test_pages import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 360, "height": 740}
SLUG = "pps-overseas-procurement-record-2024"
RELEASE = f"/briefing/press-releases/{SLUG}/"
IMPORTED_SLUG = "imported-with-file-links"
#: 조달, 조달청 and a period that holds the seed: results, and a chip for each condition.
SEARCH_QUERY = "?q=%EC%A1%B0%EB%8B%AC&ministry=B00013&period=custom&start=2024-01-01&end=2024-12-31"


@dataclass(frozen=True)
class Page:
    name: str
    path: str  # after /<language>; {own}, {other} are comment ids from the `people` fixture
    who: str = "anonymous"  # anonymous, citizen, moderator, or new-staff (second factor on)


PAGES = [
    Page("list", "/briefing/press-releases/"),
    Page("list-search", "/briefing/press-releases/" + SEARCH_QUERY),
    Page("detail", RELEASE),
    Page("detail-citizen", RELEASE, "citizen"),
    Page("detail-imported", f"/briefing/press-releases/{IMPORTED_SLUG}/"),
    Page("photos", RELEASE + "photos/"),
    Page("policies", "/briefing/policies/"),
    Page("not-found", "/briefing/press-releases/no-such-release/"),
    Page("login", "/accounts/login/"),
    Page("signup", "/accounts/signup/"),
    Page("profile", "/accounts/profile/", "citizen"),
    Page("my-comments", "/my/comments/", "citizen"),
    Page("report", "/comments/{other}/report/", "citizen"),
    Page("appeal", "/comments/{own}/appeal/", "citizen"),
    Page("account-delete", "/accounts/delete/", "citizen"),
    Page("desk-queue", "/moderation/", "moderator"),
    Page("desk-comment", "/moderation/comments/{own}/", "moderator"),
    Page("two-factor-setup", "/accounts/two-factor/setup/", "new-staff"),
]

#: Elements sticking out to the right, outside any box that scrolls sideways on its own: what
#: makes the page wider than the screen.
OVERFLOWING = """() => {
  const width = window.innerWidth;
  const scrollsItself = el => {
    for (let box = el.parentElement; box; box = box.parentElement) {
      const overflow = getComputedStyle(box).overflowX;
      if (overflow === "auto" || overflow === "scroll" || overflow === "hidden") return true;
    }
    return false;
  };
  return [...document.body.querySelectorAll("*")]
    .filter(el => el.getBoundingClientRect().right > width + 0.5 && !scrollsItself(el))
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : ""));
}"""
OPEN_EVERYTHING = """() => {
  document.querySelectorAll("details").forEach(d => { d.open = true; });
  const menu = document.querySelector("[data-menu-toggle]");
  if (menu && !menu.hidden && menu.getAttribute("aria-expanded") === "false") menu.click();
}"""


@pytest.fixture
def people(live_server):
    """The seed release, a citizen with a comment, a neighbour's comment and a moderator."""
    from django.core.management import call_command

    from briefing.comments.models import CitizenProfile
    from briefing.comments.services import post_comment
    from briefing.releases.models import Release

    call_command("loaddata", "seed", verbosity=0)
    release = Release.objects.get(slug=SLUG)
    User = get_user_model()
    comments = {}
    for username, name, text in [
        ("minji", "민지", "수출 실적 증가가 반갑습니다. 지방 중소기업 지원도 늘려 주세요."),
        ("neighbour", "이웃주민", "해외조달 지원 사업 설명회 일정이 궁금합니다."),
    ]:
        user = User.objects.create_user(username, f"{username}@example.com", PASSWORD)
        CitizenProfile.objects.create(
            user=user, display_name=name, email_verified_at=timezone.now()
        )
        comments[username], _verdict = post_comment(
            release=release, author=user, text=text, enforce_limits=False
        )
    for username in ("mod-kim", "mod-new"):
        moderator = User.objects.create_user(username, f"{username}@example.com", PASSWORD)
        moderator.is_staff = True
        moderator.save()
        moderator.groups.add(Group.objects.get(name="Moderators"))
    imported_release_with_links(release)
    return {"own": comments["minji"].pk, "other": comments["neighbour"].pk}


def imported_release_with_links(seed):
    """A release imported from the portal whose files are links to it, one with a long name."""
    from briefing.opendata.models import ImportedAttachmentLink
    from briefing.releases.models import Release

    imported = Release.objects.create(
        title_ko="해외조달시장 진출 유망기업 지정 결과",
        title_en="Promising overseas procurement companies",
        slug=IMPORTED_SLUG,
        ministry=seed.ministry,
        published_at=seed.published_at,
        body_ko="<p>조달청은 해외조달시장 진출 유망기업 지정 결과를 발표했다.</p>",
        status=Release.Status.PUBLISHED,
        news_item_source="korea.kr",
        news_item_id=156_000_001,
    )
    for order, name in enumerate(
        [
            "2024년 해외조달시장 진출 유망기업(G-PASS) 지정 결과 및 지원사업 안내(붙임 포함).hwpx",
            "붙임 지정기업 명단.pdf",
            "설명회 안내.txt",
        ]
    ):
        ImportedAttachmentLink.objects.create(
            release=imported, name=name, url=f"https://www.korea.kr/files/{order}", order=order
        )


def signed_in_context(browser, live_server, who, viewport):
    context = browser.new_context(viewport=viewport, locale="ko-KR", bypass_csp=True)
    username = {"citizen": "minji", "moderator": "mod-kim", "new-staff": "mod-new"}.get(who)
    if username:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        cookie = client.cookies["sessionid"]
        context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return context


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("target", PAGES, ids=[page.name for page in PAGES])
def test_the_page_fits_a_phone_and_passes_axe(
    live_server, browser, axe_source, people, settings, target, language
):
    """At 360 px no sideways scroll (closed, then with everything opened); axe-clean at 390 and
    1,440 px."""
    settings.STAFF_TWO_FACTOR = target.who == "new-staff"
    url = f"{live_server.url}/{language}{target.path.format(**people)}"
    for viewport in (NARROW, PHONE, WIDE):
        context = signed_in_context(browser, live_server, target.who, viewport)
        page = context.new_page()
        response = page.goto(url)
        expected = 404 if target.name == "not-found" else 200
        assert response.status == expected, (viewport, page.url)
        assert page.url.split("?")[0] == url.split("?")[0], "redirected"
        where = f"{target.name} /{language}/ at {viewport['width']} px"
        if viewport is NARROW:
            for state in ("closed", "opened"):
                if state == "opened":
                    page.evaluate(OPEN_EVERYTHING)
                widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                assert widths[0] <= widths[1], (where, state, page.evaluate(OVERFLOWING))
        else:
            if language == "ko":
                screenshot(page, f"layout-{target.name}-{viewport['width']}")
            assert axe_violations(page, axe_source) == [], where
        context.close()


# --- The pieces that make the phone layout: menu, search panel, TOP, figures ----------------


@pytest.fixture
def site(live_server):
    from django.core.management import call_command

    call_command("loaddata", "seed", verbosity=0)
    return live_server.url


def test_the_menu_folds_behind_its_button_on_a_phone_only(site, browser, open_page):
    """390 px: the menu is closed, the button opens it and Escape closes it again, focus on the
    button. 1,440 px: no button, the menu is there. Without JavaScript: open, no button."""
    page = open_page(site + "/ko/briefing/press-releases/", PHONE)
    button = page.get_by_role("button", name="메뉴")
    assert button.get_attribute("aria-expanded") == "false"
    assert not page.is_visible("#gnb-menu")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert page.is_visible("#gnb-menu a:text-is('보도자료')")
    page.focus("#gnb-menu a:text-is('보도자료')")
    page.keyboard.press("Escape")
    assert not page.is_visible("#gnb-menu")
    assert page.evaluate("document.activeElement.hasAttribute('data-menu-toggle')")

    wide = open_page(site + "/ko/briefing/press-releases/", WIDE)
    assert not wide.is_visible("[data-menu-toggle]") and wide.is_visible("#gnb-menu")

    context = browser.new_context(viewport=PHONE, locale="ko-KR", java_script_enabled=False)
    plain = context.new_page()
    plain.goto(site + "/ko/briefing/press-releases/")
    assert not plain.is_visible("[data-menu-toggle]") and plain.is_visible("#gnb-menu")
    context.close()


SEARCH = "/ko/briefing/press-releases/" + SEARCH_QUERY


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1440"])
def test_after_a_search_the_first_result_is_in_the_first_screen(site, open_page, viewport):
    """상세검색 stays closed after a search, so the first result starts inside the first screen;
    opened, the 62 ministries sit in a short scrolling box and a name filter narrows them."""
    page = open_page(site + SEARCH, viewport)
    screenshot(page, f"layout-list-after-search-{viewport['width']}")
    assert not page.evaluate("document.querySelector('details.search-detail').open")
    first = page.locator(".list-type li").first.bounding_box()
    assert first["y"] < viewport["height"], first

    page.click("summary:has-text('상세검색')")
    box = page.locator(".ministry-scroll").bounding_box()
    assert box["height"] <= 0.5 * viewport["height"], box
    page.get_by_label("기관명으로 찾기").fill("조달")
    shown = page.locator(".ministry-scroll li:visible").all_inner_texts()
    assert [name.strip() for name in shown] == ["조달청"]
    assert page.is_checked("input[name=ministry][value=B00013]")
    page.get_by_label("기관명으로 찾기").fill("")
    assert page.locator(".ministry-scroll li:visible").count() == 62


def test_top_appears_only_after_scrolling_and_is_a_plain_link_without_javascript(
    site, browser, open_page
):
    """TOP is hidden at the top of the release, floats in once scrolled, and takes the reader
    (and focus) back up; without JavaScript it is an ordinary link after the footer."""
    page = open_page(site + "/ko" + RELEASE, PHONE)
    assert not page.is_visible("[data-to-top]")
    page.evaluate("window.scrollTo(0, 2500)")
    page.wait_for_selector("[data-to-top]", state="visible")
    page.click("[data-to-top]")
    page.wait_for_function("window.scrollY === 0")
    assert page.evaluate("document.activeElement.id") == "main"

    context = browser.new_context(viewport=PHONE, locale="ko-KR", java_script_enabled=False)
    plain = context.new_page()
    plain.goto(site + "/ko" + RELEASE)
    link = plain.locator("[data-to-top]")
    assert link.evaluate("a => getComputedStyle(a).position") == "static"
    footer_bottom = plain.locator("footer").bounding_box()
    top_link = link.bounding_box()
    assert top_link["y"] >= footer_bottom["y"] + footer_bottom["height"] - 1
    context.close()


#: Letter sequences (letters, digits and the , . % inside numbers) of the figures table drawn on
#: more than one line. Lines may break at spaces, before "(" and after "-", as text does; never
#: inside "1,263개사" or "13.4%".
SPLIT_WORDS = """() => {
  const split = [];
  for (const cell of document.querySelectorAll(".stats-table th, .stats-table td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[\\p{L}\\p{N}][\\p{L}\\p{N},.%]*/gu)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
        if (tops.size > 1) split.push(word[0]);
      }
    }
  }
  return split;
}"""


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("viewport", [NARROW, PHONE, WIDE], ids=["360", "390", "1440"])
def test_the_figures_table_breaks_lines_only_between_words(site, open_page, viewport, language):
    """'1,263개사', '▲13.4%', '2023년' are never split inside; the table may scroll in its box."""
    page = open_page(f"{site}/{language}{RELEASE}", viewport)
    assert page.locator(".stats-table td").count() == 12
    assert page.evaluate(SPLIT_WORDS) == []


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1440"])
def test_the_chart_is_readable_on_a_phone_and_scaled_per_unit(site, open_page, viewport):
    """Labels and values at the page's text size inside the screen; 개사 bars on one scale
    (1,263 full, 7 a stub), and no bar for the one 달러 figure."""
    page = open_page(site + "/ko" + RELEASE, viewport)
    chart = page.locator(".stats-chart")
    chart.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(exist_ok=True)
    chart.screenshot(path=str(SCREENSHOTS / f"layout-chart-{viewport['width']}.png"))
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    sizes = page.eval_on_selector_all(
        ".stats-chart .chart-label, .stats-chart .chart-value",
        "els => els.map(el => parseFloat(getComputedStyle(el).fontSize))",
    )
    assert len(sizes) == 6 and min(sizes) >= 14
    companies, dollars = page.locator(".chart-unit").all()
    assert "개사" in companies.inner_text() and "달러" in dollars.inner_text()
    full, stub = [bar.bounding_box()["width"] for bar in companies.locator("rect").all()]
    track = companies.locator(".chart-track").first.bounding_box()["width"]
    assert full == pytest.approx(track, abs=1) and stub < full * 0.02
    assert dollars.locator("rect").count() == 0
    assert "16억 3천만불" in dollars.inner_text()
