"""Publishers, moderators and superusers sign in with a second factor (briefing/two_factor)."""

import base64
import re
import time

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from .conftest import PASSWORD, make_staff

ADMIN = "/admin/"
VERIFY = "/ko/accounts/two-factor/"
ENROL = "/ko/accounts/two-factor/setup/"


@pytest.fixture(autouse=True)
def second_factor_on(settings):
    settings.STAFF_TWO_FACTOR = True


def signed_in(username):
    """A browser that signed in with the password only, as the admin's login form does it."""
    client = Client()
    response = client.post(
        "/admin/login/", {"username": username, "password": PASSWORD, "next": ADMIN}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def code_now(user, offset=0):
    """What the authenticator app shows ``offset`` seconds from now (its clock knows no drift)."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, 0)
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def enrol(client, user):
    """Set up the authenticator as a new moderator would: read the key off the page, prove it."""
    page = client.get(ENROL).content.decode()
    secret = re.search(r'class="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert base64.b32decode(secret) == device.bin_key
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, 0)
    response = client.post(ENROL, {"code": f"{totp.token():06d}", "next": ADMIN})
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())


@pytest.mark.parametrize(
    "role",
    [
        ("mod-kim", "Moderators"),
        ("publisher-choi", "Publishers"),
        ("portal-lee", "Portal editors"),
        ("root", None),
    ],
)
def test_staff_who_decide_set_up_an_authenticator_before_the_admin_opens(db, role):
    """Password alone leads to the set-up page (QR and key); one right code opens the admin and
    shows ten recovery codes once."""
    username, group = role
    user = make_staff(username, group, is_superuser=group is None)
    client = signed_in(username)

    assert client.get(ADMIN)["Location"].startswith(ENROL)
    assert client.get("/ko/moderation/")["Location"].startswith(ENROL)
    page = client.get(ENROL).content.decode()
    assert "<svg" in page and "totp-secret" in page
    wrong = client.post(ENROL, {"code": "000000"})
    assert "코드가 맞지 않습니다" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    time.sleep(1.1)  # one wrong code: django-otp checks the next after a second

    codes = enrol(client, user)

    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get(ADMIN).status_code == 200


def test_a_later_sign_in_asks_for_the_code_and_refuses_wrong_and_reused_ones(db):
    """A new session needs a current code; a wrong code and the same code again are refused."""
    user = make_staff("mod-kim", "Moderators")
    enrol(signed_in("mod-kim"), user)

    client = signed_in("mod-kim")
    assert client.get("/ko/moderation/")["Location"].startswith(VERIFY)
    wrong = client.post(VERIFY, {"code": "12345"})
    assert "코드가 맞지 않거나" in wrong.content.decode()
    time.sleep(1.1)  # one wrong code: django-otp checks the next after a second

    right = client.post(VERIFY, {"code": code_now(user, offset=30), "next": "/ko/moderation/"})

    assert right["Location"] == "/ko/moderation/"
    assert client.get("/ko/moderation/").status_code == 200
    again = signed_in("mod-kim")
    replay = again.post(VERIFY, {"code": code_now(user, offset=30)})
    assert "코드가 맞지 않거나" in replay.content.decode()
    assert again.get(ADMIN).status_code == 302


def test_wrong_codes_make_the_next_try_wait(db):
    """After wrong codes django-otp's back-off refuses even a right code for a moment."""
    user = make_staff("mod-kim", "Moderators")
    enrol(signed_in("mod-kim"), user)
    client = signed_in("mod-kim")
    for _attempt in range(3):
        client.post(VERIFY, {"code": "000000"})

    response = client.post(VERIFY, {"code": code_now(user, offset=30)})

    assert "잠시 막았습니다" in response.content.decode()
    assert client.get(ADMIN).status_code == 302


def test_a_recovery_code_signs_in_once(db):
    """A recovery code (typed with a hyphen and capitals) works once; the second time it does not."""
    user = make_staff("mod-kim", "Moderators")
    codes = enrol(signed_in("mod-kim"), user)
    typed = f"{codes[0][:4].upper()}-{codes[0][4:]}"

    client = signed_in("mod-kim")
    assert client.post(VERIFY, {"code": typed})["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200
    second = signed_in("mod-kim")
    assert "코드가 맞지 않거나" in second.post(VERIFY, {"code": codes[0]}).content.decode()
    recovery = client.get("/ko/accounts/two-factor/recovery-codes/").content.decode()
    assert "9개 남았습니다" in recovery


def test_the_reset_command_lets_a_staff_member_set_up_a_new_device(db, capsys):
    """A lost phone: the command removes the devices; the next sign-in sets up a new one."""
    user = make_staff("mod-kim", "Moderators")
    enrol(signed_in("mod-kim"), user)

    call_command("reset_two_factor", "mod-kim")

    assert "Removed 2 device(s)" in capsys.readouterr().out
    assert signed_in("mod-kim").get(ADMIN)["Location"].startswith(ENROL)


def test_citizens_and_editors_sign_in_with_the_password_alone(db, make_citizen):
    """The second factor is for the roles that decide; a citizen or an editor is not asked."""
    make_staff("editor-park", "Editors")
    editor = signed_in("editor-park")
    assert editor.get(ADMIN).status_code == 200
    citizen = make_citizen("minji", "민지")
    client = Client()
    client.force_login(citizen)
    assert client.get("/ko/my/comments/").status_code == 200
    assert client.get(VERIFY).status_code == 404


def test_an_unverified_session_sees_no_staff_page_and_no_embargoed_file(db, seed):
    """Until the code, a publisher's session is sent to the second factor from every page."""
    make_staff("publisher-choi", "Publishers")
    client = signed_in("publisher-choi")

    for url in (ADMIN, "/admin/releases/release/", seed.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and "/two-factor/" in response["Location"], url
    assert client.post("/ko/accounts/logout/").status_code == 302
