"""Login, admin login and sign-up are throttled per account and per IP, shared by all workers."""

import logging
from datetime import timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from .conftest import PASSWORD, make_staff, signup_data

LOGIN = "/ko/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
SIGNUP = "/ko/accounts/signup/"
LOCKED = "로그인에 여러 번 실패해 잠시 로그인을 막았습니다"
OTHER_IP = "203.0.113.9"


def log_in(client, username, password=PASSWORD, url=LOGIN):
    return client.post(url, {"username": username, "password": password})


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, username, times, url=LOGIN):
    for _attempt in range(times):
        assert log_in(client, username, "wrong-password", url).status_code == 200


def test_five_failures_lock_the_account_with_a_message_saying_how_long(citizen, settings):
    """After five wrong passwords even the right one is refused, with the minutes to wait."""
    client = Client()
    fail(client, "minji", settings.LOGIN_FAILURES_PER_ACCOUNT)

    response = log_in(client, "minji")

    assert response.status_code == 200
    assert f"{LOCKED}. 15분 뒤에 다시 시도하세요." in response.content.decode()
    assert not logged_in(client)


def test_the_account_count_ignores_letter_case(citizen, settings):
    """Guessing as MINJI and minji from one address counts against that account there."""
    client = Client()
    for number in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        log_in(client, "MINJI" if number % 2 else "minji", "wrong-password")

    assert LOCKED in log_in(client, "minji").content.decode()
    assert not logged_in(client)


def test_nobody_can_lock_anyone_else_out_of_their_account(citizen, settings):
    """Wrong passwords typed elsewhere (for the superuser too) never lock the owner out."""
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)
    for username in ("minji", "root"):
        attacker = Client(REMOTE_ADDR="198.51.100.66")
        fail(attacker, username, settings.LOGIN_FAILURES_PER_ACCOUNT + 3)
        assert LOCKED in log_in(attacker, username).content.decode()

    owner = Client(REMOTE_ADDR=OTHER_IP)
    assert log_in(owner, "minji").status_code == 302
    admin = Client(REMOTE_ADDR=OTHER_IP)
    assert log_in(admin, "root", url=ADMIN_LOGIN).status_code == 302


def test_fewer_failures_than_the_limit_leave_the_door_open(citizen, settings):
    """Four typos then the right password: the citizen is in, and the count starts again."""
    client = Client()
    fail(client, "minji", settings.LOGIN_FAILURES_PER_ACCOUNT - 1)

    assert log_in(client, "minji").status_code == 302
    assert logged_in(client)
    client.logout()
    fail(client, "minji", settings.LOGIN_FAILURES_PER_ACCOUNT - 1)
    assert log_in(client, "minji").status_code == 302


def test_twenty_failures_from_one_address_lock_that_address_only(make_citizen, settings):
    """Spraying many accounts from one IP locks that IP; other addresses still log in."""
    make_citizen("target", "목표")
    attacker = Client()
    for number in range(settings.LOGIN_FAILURES_PER_IP):
        log_in(attacker, f"guess{number}", "wrong-password")

    assert LOCKED in log_in(attacker, "target").content.decode()
    assert not logged_in(attacker)
    honest = Client(REMOTE_ADDR=OTHER_IP)
    assert log_in(honest, "target").status_code == 302


def later_by(seconds):
    """Move the clock the site reads (Django's timezone.now) forward."""
    return mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() + timedelta(seconds=seconds)
    )


def test_login_works_again_once_the_window_has_passed(citizen, settings):
    """Fifteen minutes after the first failure the lock lifts by itself."""
    client = Client()
    fail(client, "minji", settings.LOGIN_FAILURES_PER_ACCOUNT)
    assert LOCKED in log_in(client, "minji").content.decode()

    with later_by(settings.LOGIN_FAILURE_WINDOW_SECONDS + 1):
        assert log_in(client, "minji").status_code == 302


def test_the_lock_message_counts_down_the_minutes(citizen, settings):
    """Ten minutes into the window the message says five minutes are left."""
    client = Client()
    fail(client, "minji", settings.LOGIN_FAILURES_PER_ACCOUNT)

    with later_by(600):
        assert "5분 뒤에 다시 시도하세요" in log_in(client, "minji").content.decode()


def test_the_lock_message_is_translated_into_english(citizen, settings):
    """An English-speaking citizen reads the lock in English."""
    client = Client()
    fail(client, "minji", settings.LOGIN_FAILURES_PER_ACCOUNT, url="/en/accounts/login/")

    page = log_in(client, "minji", url="/en/accounts/login/").content.decode()

    assert "Too many failed logins" in page
    assert "15 minutes" in page


def test_the_admin_login_is_throttled_too(seed, settings):
    """Five wrong passwords on the admin login lock that staff account as well."""
    make_staff("editor-park", "Editors")
    client = Client()
    fail(client, "editor-park", settings.LOGIN_FAILURES_PER_ACCOUNT, url=ADMIN_LOGIN)

    response = log_in(client, "editor-park", url=ADMIN_LOGIN)

    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert not logged_in(client)


def test_the_counters_are_shared_between_the_citizen_and_admin_logins(seed, settings):
    """Failures on one login page count on the other: an attacker cannot alternate."""
    make_staff("editor-park", "Editors")
    client = Client()
    fail(client, "editor-park", settings.LOGIN_FAILURES_PER_ACCOUNT, url=LOGIN)

    assert LOCKED in log_in(client, "editor-park", url=ADMIN_LOGIN).content.decode()


def stored_keys() -> list[str]:
    """The raw keys in the ratelimits cache, whether local memory or Redis."""
    cache = caches["ratelimits"]
    if isinstance(getattr(cache, "_cache", None), dict):  # local memory
        return list(cache._cache)
    return [key.decode() for key in cache.client.get_client().keys("*")]  # django-redis


def test_no_counter_key_holds_the_address_or_the_username(citizen):
    """The cache keys are hashes: neither 127.0.0.1 nor the login name appear in them."""
    log_in(Client(), "minji", "wrong-password")

    keys = " ".join(stored_keys())
    assert "login:" in keys
    assert "127.0.0.1" not in keys
    assert "minji" not in keys


def test_logins_go_on_when_the_shared_cache_is_down(citizen, caplog):
    """Fail open: a cache outage must not lock everybody out; the outage is logged."""
    cache = caches["ratelimits"]
    broken = mock.Mock(side_effect=ConnectionError("redis down"))
    with (
        mock.patch.object(cache, "get_many", broken),
        mock.patch.object(cache, "add", broken),
        caplog.at_level(logging.WARNING, logger="briefing.throttle"),
    ):
        client = Client()
        assert log_in(client, "minji", "wrong-password").status_code == 200
        assert log_in(client, "minji").status_code == 302

    assert "Login throttling is off" in caplog.text


# --- sign-up --------------------------------------------------------------------------------


def test_the_sixth_sign_up_from_one_address_in_an_hour_is_refused(db, settings):
    """Five accounts an hour per address; the sixth gets 429 and a message, no account."""
    for number in range(settings.SIGNUPS_PER_IP):
        assert Client().post(SIGNUP, signup_data(number)).status_code == 302

    response = Client().post(SIGNUP, signup_data(99))

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 3500
    assert "가입을 잠시 막았습니다. 60분 뒤에 다시 시도하세요." in response.content.decode()
    assert response.context["form"]["username"].value() == "newcomer99"  # nothing to retype
    assert not get_user_model().objects.filter(username="newcomer99").exists()
    assert Client(REMOTE_ADDR=OTHER_IP).post(SIGNUP, signup_data(99)).status_code == 302


def test_sign_ups_refused_for_mistakes_use_no_slot(db, settings):
    """A form sent back for a weak password does not count as an account made."""
    weak = signup_data(0) | {"password1": "1234", "password2": "1234"}
    for _attempt in range(settings.SIGNUPS_PER_IP + 2):
        assert Client().post(SIGNUP, weak).status_code == 200

    assert Client().post(SIGNUP, signup_data(0)).status_code == 302
