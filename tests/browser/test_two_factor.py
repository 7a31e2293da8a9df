"""A new moderator, in a real browser, sets up an authenticator before the desk opens."""

import base64
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.oath import TOTP

from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_pages import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "moderator-browser-pass-42"


@pytest.fixture
def moderator(live_server, settings):
    settings.STAFF_TWO_FACTOR = True
    user = get_user_model().objects.create_user(
        "mod-kim", "mod@example.com", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_a_moderator_scans_the_key_and_keeps_the_recovery_codes(
    live_server, open_page, axe_source, moderator, viewport
):
    """Password, then the set-up page (QR code and key, axe-clean), one code, ten recovery codes,
    and the desk."""
    page = open_page(
        live_server.url + "/ko/moderation/", **({"viewport": viewport} if viewport else {})
    )
    page.fill("#id_username", "mod-kim")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_selector(".totp-qr svg")
    name = "desktop" if viewport is None else "phone"
    screenshot(page, f"two-factor-setup-{name}")
    assert axe_violations(page, axe_source) == []
    qr_box = page.locator(".totp-qr svg").bounding_box()
    assert qr_box["width"] >= 150 and qr_box["x"] + qr_box["width"] <= page.viewport_size["width"]

    secret = re.sub(r"\s", "", page.inner_text(".totp-secret"))
    totp = TOTP(base64.b32decode(secret), 30, 0, 6, 0)
    page.get_by_label("인증 코드").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="등록").click()

    page.wait_for_selector(".recovery-codes")
    assert len(page.locator(".recovery-codes li").all()) == 10
    screenshot(page, f"two-factor-codes-{name}")
    assert axe_violations(page, axe_source) == []
    page.get_by_role("link", name="계속").click()
    page.wait_for_load_state()
    assert "/ko/moderation/" in page.url
