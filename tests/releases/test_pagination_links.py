"""The pager's arrows go where their labels say: 첫/이전/다음/마지막 페이지."""

import re
from html import unescape

import pytest

from tests.releases.test_views_support import make_release

LIST = "/ko/briefing/press-releases/"


def arrow_targets(client, page_number):
    html = client.get(LIST, {"page": page_number}).content.decode()
    pager = html[html.index('<nav class="paging"') :]
    pager = pager[: pager.index("</nav>")]
    targets = {}
    for kind, href, label in re.findall(
        r'<a class="(first|prev|next|last)" href="([^"]+)">.*?<span class="sr-only">([^<]+)</span>',
        pager,
    ):
        page = re.search(r"page=(\d+)", unescape(href))
        targets[kind] = (int(page.group(1)) if page else 1, label)
    return targets


@pytest.mark.django_db
def test_previous_and_next_move_one_page_and_first_and_last_go_to_the_ends(client, seed, settings):
    """On page 12 of 13 (two blocks of numbers), ‹ is page 11 and › page 13, not a block jump."""
    settings.BRIEFING_LIST_PAGE_SIZE = 2
    for number in range(25):  # 26 releases with the seed: 13 pages
        make_release(number)
    assert arrow_targets(client, 12) == {
        "first": (1, "첫 페이지로 이동"),
        "prev": (11, "이전페이지로 이동"),
        "next": (13, "다음페이지로 이동"),
        "last": (13, "마지막 페이지로 이동"),
    }
    assert arrow_targets(client, 10)["next"] == (11, "다음페이지로 이동")
    assert arrow_targets(client, 2)["prev"] == (1, "이전페이지로 이동")
