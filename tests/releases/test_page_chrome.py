"""The header's menu and the list's 상세검색 panel, as the server sends them (before any script)."""

import re

import pytest

from tests.releases.test_views_support import SEED_SLUG

LIST = "/ko/briefing/press-releases/"


@pytest.mark.django_db
@pytest.mark.parametrize("url", [LIST, f"/ko/briefing/press-releases/{SEED_SLUG}/"])
def test_the_menu_lists_only_sections_that_exist(client, seed, url):
    """No '(준비 중)' placeholders: every menu entry is a link that answers 200."""
    html = client.get(url).content.decode()
    menu = html[html.index('<nav id="nav"') :]
    menu = menu[: menu.index("</nav>")]
    assert "준비 중" not in html
    links = re.findall(r'<a href="([^"]+)"', menu)
    assert links and all(client.get(link).status_code == 200 for link in links)
    assert re.findall(r"<li\b", menu) == ["<li"] * len(links)


@pytest.mark.django_db
def test_the_menu_button_controls_the_menu_and_waits_for_the_script(client, seed):
    """The button names the list it folds and is hidden until site.js shows it, so without
    JavaScript the menu is simply open."""
    html = client.get(LIST).content.decode()
    button = re.search(r"<button [^>]*data-menu-toggle[^>]*>", html).group(0)
    assert 'aria-controls="gnb-menu"' in button and 'aria-expanded="true"' in button
    assert " hidden" in button
    assert 'id="gnb-menu"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["", "?q=%EC%A1%B0%EB%8B%AC&ministry=B00013&period=1y", "?ministry=NOPE"]
)
def test_the_detailed_search_stays_closed_after_a_search(client, seed, query):
    """상세검색 opens only when the visitor opens it; the chips say what was chosen."""
    html = client.get(LIST + query).content.decode()
    details = re.search(r'<details class="search-detail"[^>]*>', html).group(0)
    assert "open" not in details
    if "B00013" in query:
        assert '<li class="chip"><span data-content>조달청</span></li>' in html


@pytest.mark.django_db
def test_the_ministries_sit_in_one_scrolling_box_with_a_name_filter(client, seed):
    """All 62 ministries in the scrolling box; the name filter is labelled and never submitted."""
    html = client.get(LIST).content.decode()
    box = html[html.index('<div class="ministry-scroll">') :]
    box = box[: box.index('<div class="detail-actions">')]
    assert box.count('type="checkbox" name="ministry"') == 62
    field = re.search(r'<input type="search" id="ministry-filter"[^>]*>', html).group(0)
    assert "name=" not in field
    assert '<label for="ministry-filter"' in html
