"""The admin's chrome: titled with the site's name, every app label translated, and the way to
the moderators' desk for those who moderate (and back)."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from briefing.comments.services import post_comment
from tests.accounts import PASSWORD

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def staff_client(username, *, group=None, superuser=False):
    User = get_user_model()
    if superuser:
        user = User.objects.create_superuser(username, f"{username}@example.com", PASSWORD)
    else:
        user = User.objects.create_user(
            username, f"{username}@example.com", PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def root(db):
    return staff_client("root", superuser=True)


def admin_page(client, url="/admin/", language="ko"):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "header"),
    [("ko", "대한민국 정책브리핑 관리"), ("en", "Korea Policy Briefing administration")],
)
def test_the_admin_is_titled_with_the_site_name(root, language, header):
    html = admin_page(root, language=language)
    assert re.search(r'<div id="site-name"><a href="/admin/">(.*?)</a>', html)[1] == header
    assert re.search(r"<title>(.*?)</title>", html)[1].endswith(f" | {header}")
    assert "Django" not in re.search(r"<title>(.*?)</title>", html)[1]
    assert "Django 관리" not in html and "Django administration" not in html


def app_captions(html):
    return [
        caption.strip()
        for caption in re.findall(r'<caption>\s*<a[^>]*class="section"[^>]*>(.*?)</a>', html, re.S)
    ]


@pytest.mark.django_db
def test_every_app_label_on_the_admin_index_is_translated(root):
    """Korean labels are Korean, English ones English, and none is a bare app label (which the
    admin's CSS shows upper-cased: PAGEVIEWS, OTP_TOTP)."""
    from django.apps import apps

    # An app that sets no verbose_name is labelled with its label, title-cased (Otp_Totp).
    bare = {config.label.title() for config in apps.get_app_configs()}
    bare = {str(config.verbose_name) for config in apps.get_app_configs()} & bare
    korean, english = app_captions(admin_page(root)), app_captions(admin_page(root, language="en"))
    assert len(korean) == len(english) >= 5
    assert all(HANGUL.search(label) for label in korean), korean
    assert not any(HANGUL.search(label) for label in english), english
    assert not set(korean + english) & bare, (korean, english)


def test_the_second_factor_devices_are_not_managed_in_the_admin():
    """Their admins would show everyone's authenticator keys; reset_two_factor resets a device."""
    assert not admin.site.is_registered(TOTPDevice)
    assert not admin.site.is_registered(StaticDevice)


@pytest.mark.django_db
def test_a_moderator_finds_the_desk_in_the_admin_header(seed, citizen):
    post_comment(
        release=seed,
        author=citizen,
        text="관련 자료는 http://example.com/pps-report 에서 확인하세요.",
        enforce_limits=False,
    )
    moderator = staff_client("mod-kim", group="Moderators")
    html = admin_page(moderator)
    assert '<a href="/ko/moderation/" class="staff-desk">댓글 검토 데스크 (대기 1)</a>' in html
    assert "Moderation desk (1 waiting)" in admin_page(moderator, language="en")


@pytest.mark.django_db
def test_an_editor_sees_no_desk_link(seed):
    html = admin_page(staff_client("editor-park", group="Editors"))
    assert "staff-desk" not in html and "댓글 검토 데스크" not in html
    assert "/moderation/" not in html


@pytest.mark.django_db
def test_the_desk_links_back_to_the_admin(seed):
    html = staff_client("mod-kim", group="Moderators").get("/ko/moderation/").content.decode()
    assert '<a href="/admin/">관리 화면(기록 찾아보기)</a>' in html
