"""The client's address behind the README's reverse proxy: believed from the proxy, never from
the client, and used alike by sign-up and login limits, page views and stored IP hashes."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from briefing.comments.models import Comment
from briefing.pageviews.models import PageViewHour
from briefing.privacy import client_ip, hash_ip

from .conftest import PASSWORD, post_url, signup_data

PROXY = "127.0.0.1"
SIGNUP = "/ko/accounts/signup/"
LOGIN = "/ko/accounts/login/"
DETAIL = "/ko/briefing/press-releases/pps-overseas-procurement-record-2024/"


@pytest.fixture
def behind_proxy(settings):
    """nginx on the same host, as the README sets it up (BEHIND_PROXY=1 means one proxy)."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["127.0.0.1/32", "::1/128"]


def via_proxy(visitor: str, **extra) -> Client:
    """A browser at ``visitor``, reaching the site through nginx."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=visitor, **extra)


def request_from(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


# --- which address ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        (PROXY, "198.51.100.7", "198.51.100.7"),  # what nginx wrote
        (PROXY, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the client's own prefix is ignored
        (PROXY, " 198.51.100.7 ", "198.51.100.7"),
        (PROXY, "2001:db8::1", "2001:db8::1"),
        ("::1", "198.51.100.7", "198.51.100.7"),
        ("203.0.113.5", "198.51.100.7", "203.0.113.5"),  # not from our proxy: not believed
        (PROXY, "not-an-address", PROXY),
        (PROXY, "", PROXY),
        (PROXY, None, PROXY),
    ],
)
def test_the_address_behind_one_trusted_proxy(behind_proxy, remote, forwarded, expected):
    """The last X-Forwarded-For entry, and only when the request came from the proxy."""
    assert client_ip(request_from(remote, forwarded)) == expected


def test_without_a_declared_proxy_the_header_is_never_believed(settings):
    """By default (no proxy declared) X-Forwarded-For is the client's word and is ignored."""
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from(PROXY, "198.51.100.7")) == PROXY


def test_two_proxies_take_the_second_entry_from_the_right(settings):
    """A load balancer in front of nginx: the client is the second entry from the right."""
    settings.TRUSTED_PROXY_COUNT = 2
    settings.TRUSTED_PROXIES = ["127.0.0.1/32", "10.0.0.0/8"]
    assert client_ip(request_from(PROXY, "6.6.6.6, 198.51.100.7, 10.1.2.3")) == "198.51.100.7"
    assert client_ip(request_from(PROXY, "198.51.100.7")) == PROXY  # one hop missing


# --- what uses it ------------------------------------------------------------------------------


def test_visitors_behind_the_proxy_sign_up_under_their_own_limits(db, behind_proxy, settings):
    """Six citizens behind nginx each sign up; the limit applies per visitor, not to nginx."""
    for number in range(settings.SIGNUPS_PER_IP + 1):
        response = via_proxy(f"198.51.100.{number + 1}").post(SIGNUP, signup_data(number))
        assert response.status_code == 302, number

    for number in range(settings.SIGNUPS_PER_IP):
        via_proxy("203.0.113.77").post(SIGNUP, signup_data(100 + number))
    assert via_proxy("203.0.113.77").post(SIGNUP, signup_data(999)).status_code == 429


def test_a_client_cannot_escape_the_limit_by_forging_the_header(db, behind_proxy, settings):
    """A client talking to the server directly, with a new X-Forwarded-For each time, is still
    one address."""
    for number in range(settings.SIGNUPS_PER_IP):
        forged = Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"10.9.9.{number}")
        assert forged.post(SIGNUP, signup_data(number)).status_code == 302

    forged = Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="10.9.9.250")
    assert forged.post(SIGNUP, signup_data(99)).status_code == 429


def test_failed_logins_from_one_visitor_do_not_lock_out_the_others(
    make_citizen, behind_proxy, settings
):
    """An address that guessed too often is locked; a neighbour behind the same nginx is not."""
    make_citizen("target", "목표")
    for number in range(settings.LOGIN_FAILURES_PER_IP):
        via_proxy("198.51.100.66").post(LOGIN, {"username": f"g{number}", "password": "nope"})

    locked = via_proxy("198.51.100.66").post(LOGIN, {"username": "target", "password": PASSWORD})
    neighbour = via_proxy("198.51.100.67").post(LOGIN, {"username": "target", "password": PASSWORD})

    assert locked.status_code == 200
    assert neighbour.status_code == 302


def test_page_views_count_each_visitor_behind_the_proxy(seed, behind_proxy):
    """Two readers behind nginx are two views; the same reader again is not."""
    via_proxy("198.51.100.1").get(DETAIL)
    via_proxy("198.51.100.2").get(DETAIL)
    via_proxy("198.51.100.2").get(DETAIL)

    views = PageViewHour.objects.filter(release=seed).values_list("count", flat=True)
    assert sum(views) == 2


def test_a_comment_keeps_the_salted_hash_of_the_visitor_not_of_the_proxy(
    seed, citizen, behind_proxy
):
    """The stored hash stands for the citizen's own address."""
    client = via_proxy("198.51.100.44")
    client.force_login(citizen)
    text = "해외조달 전문인력 양성 사업의 신청 방법을 알고 싶습니다."

    assert client.post(post_url(seed), {"text": text}).status_code == 302

    stored = Comment.objects.get(author=citizen)
    assert stored.ip_hash == hash_ip("198.51.100.44")
    assert stored.ip_hash != hash_ip(PROXY)
    assert get_user_model().objects.count() == 1
