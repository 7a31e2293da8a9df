"""The admin's index in a real browser, in Korean at 1,280 px: the site's name in its header,
translated app labels, no axe violations in the header we own."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.accounts import PASSWORD
from tests.browser.conftest import DESKTOP, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_admin_index_in_korean_is_captured(live_server, browser):
    from django.core.management import call_command

    call_command("loaddata", "seed", verbosity=0)
    user = get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR")
    try:
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        page = context.new_page()
        page.goto(live_server.url + "/admin/")
        screenshot(page, "admin-index-ko-desktop")
        assert page.locator("#site-name").inner_text() == "대한민국 정책브리핑 관리"
        assert page.title() == "사이트 관리 | 대한민국 정책브리핑 관리"
        assert page.locator("a.staff-desk").inner_text() == "댓글 검토 데스크 (대기 0)"
        captions = page.locator("caption a.section").all_inner_texts()
        assert captions and all(not caption.isascii() for caption in captions), captions
    finally:
        context.close()
