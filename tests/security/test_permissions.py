"""Who may do what: every role tried against every state-changing URL and admin page.

Outcomes: "ok" (served, or done and redirected onward), "login" (sent to a login page),
"forbidden" (403), "refused" (the page explains why nothing happened).
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from briefing.comments.services import post_comment
from tests.releases.test_workflow import form_data

from .conftest import HONEST, PASSWORD, client_for, make_staff, suspend

ROLES = ["anonymous", "citizen", "suspended", "editor", "publisher", "moderator", "superuser"]
CITIZENS = {"anonymous": "login", "citizen": "login", "suspended": "login"}
STAFF_ONLY_ADMIN = CITIZENS | {"superuser": "ok"}


def expect(**outcomes):
    assert set(outcomes) == set(ROLES), f"every role needs an outcome: {sorted(outcomes)}"
    return outcomes


# name: (method, url name, what to post), outcomes per role
TABLE = {
    "comment post": (
        "post",
        "comments:post",
        expect(
            anonymous="login", citizen="ok", suspended="refused",
            editor="ok", publisher="ok", moderator="ok", superuser="ok",
        ),
    ),
    "report": (
        "post",
        "comments:report",
        expect(
            anonymous="login", citizen="ok", suspended="refused",
            editor="ok", publisher="ok", moderator="ok", superuser="ok",
        ),
    ),
    "my comments": (
        "get",
        "comments:mine",
        expect(
            anonymous="login", citizen="ok", suspended="ok",
            editor="ok", publisher="ok", moderator="ok", superuser="ok",
        ),
    ),
    "account deletion": (
        "get",
        "account_delete",
        expect(
            anonymous="login", citizen="ok", suspended="ok",
            editor="refused", publisher="refused", moderator="refused", superuser="refused",
        ),
    ),
    "admin index": (
        "get",
        "admin:index",
        expect(**CITIZENS, editor="ok", publisher="ok", moderator="ok", superuser="ok"),
    ),
    "admin release add": (
        "get",
        "admin:releases_release_add",
        expect(**CITIZENS, editor="ok", publisher="ok", moderator="forbidden", superuser="ok"),
    ),
    "admin release change page": (
        "get",
        "admin:releases_release_change",
        expect(**CITIZENS, editor="ok", publisher="ok", moderator="forbidden", superuser="ok"),
    ),
    "admin release change (save)": (
        "post",
        "admin:releases_release_change",
        expect(
            **CITIZENS, editor="forbidden", publisher="ok", moderator="forbidden", superuser="ok"
        ),
    ),
    "admin comment list": (
        "get",
        "admin:comments_comment_changelist",
        expect(
            **CITIZENS, editor="forbidden", publisher="forbidden", moderator="ok", superuser="ok"
        ),
    ),
    "admin suspension list": (
        "get",
        "admin:comments_suspension_changelist",
        expect(
            **CITIZENS, editor="forbidden", publisher="forbidden", moderator="ok", superuser="ok"
        ),
    ),
    "admin suspension add": (
        "get",
        "admin:comments_suspension_add",
        expect(
            **CITIZENS,
            editor="forbidden",
            publisher="forbidden",
            moderator="forbidden",
            superuser="forbidden",
        ),
    ),
    "admin user list": (
        "get",
        "admin:auth_user_changelist",
        expect(
            **CITIZENS,
            editor="forbidden",
            publisher="forbidden",
            moderator="forbidden",
            superuser="ok",
        ),
    ),
    "moderation queue": (
        "get",
        "moderation:queue",
        expect(
            anonymous="login", citizen="forbidden", suspended="forbidden",
            editor="forbidden", publisher="forbidden", moderator="ok", superuser="ok",
        ),
    ),
    "moderation decision": (
        "post",
        "moderation:decide",
        expect(
            anonymous="login", citizen="forbidden", suspended="forbidden",
            editor="forbidden", publisher="forbidden", moderator="ok", superuser="ok",
        ),
    ),
}  # fmt: skip
REFUSAL_MARKERS = ("정지되었습니다", "직원 계정은 이 화면에서 삭제할 수 없습니다")


@pytest.fixture
def world(seed, make_citizen):
    """One account per role, and a published comment by somebody else to act on."""
    suspended = suspend(make_citizen("suspended", "정지된시민"))
    accounts = {
        "anonymous": None,
        "citizen": make_citizen("minji", "민지"),
        "suspended": suspended,
        "editor": make_staff("editor-park", "Editors"),
        "publisher": make_staff("publisher-choi", "Publishers"),
        "moderator": make_staff("mod-kim", "Moderators"),
        "superuser": make_staff("root", is_superuser=True),
    }
    other, _v = post_comment(
        release=seed, author=make_citizen("other", "다른시민"), text=HONEST, enforce_limits=False
    )
    return {"accounts": accounts, "comment": other, "release": seed}


def url_for(name, world):
    release, comment = world["release"], world["comment"]
    arguments = {
        "comments:post": {"slug": release.slug},
        "comments:report": {"pk": comment.pk},
        "admin:releases_release_change": {"object_id": release.pk},
        "moderation:decide": {"pk": comment.pk, "action": "approve"},
    }.get(name, {})
    try:
        return reverse(name, kwargs=arguments)
    except NoReverseMatch:
        pytest.skip(f"the URL {name!r} does not exist yet")


def data_for(name, world):
    comment = world["comment"]
    return {
        "comment post": {"text": f"{HONEST} 덧붙여 의견을 남깁니다."},
        "report": {"rule": 6, "note": ""},
        "admin release change (save)": form_data(world["release"], title_ko="바뀐 제목"),
        "moderation decision": {"version": comment.decision_version, "note": ""},
    }


def outcome(response, method) -> str:
    if response.status_code == 302 and "/two-factor/" in response["Location"]:
        return "second factor"
    if response.status_code == 403:
        return "forbidden"
    if response.status_code == 302 and "/login/" in response["Location"]:
        return "login"
    if response.status_code == 200 and any(
        marker in response.content.decode() for marker in REFUSAL_MARKERS
    ):
        return "refused"
    if response.status_code == 200 and getattr(response, "context", None):
        form = response.context.get("form") or response.context.get("adminform")
        errors = getattr(form, "errors", None)
        if errors and method == "post":
            return f"form errors {dict(errors)}"
    if response.status_code in (200, 302):
        return "ok"
    return f"HTTP {response.status_code}"


# The roles that decide (briefing/two_factor): until their session passed the second factor,
# every URL sends them there; after it, the table holds.
SECOND_FACTOR_ROLES = {"publisher", "moderator", "superuser"}
CELLS = [
    (name, role, factor)
    for name in TABLE
    for role in ROLES
    for factor in (("verified", "unverified") if role in SECOND_FACTOR_ROLES else ("n/a",))
]


def signed_in_client(user, factor):
    client = client_for(user)
    if factor == "verified":
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.mark.parametrize(
    ("name", "role", "factor"), CELLS, ids=[f"{n} / {r} / {f}" for n, r, f in CELLS]
)
def test_each_role_gets_exactly_what_it_may(world, settings, name, role, factor):
    """The response for this role and URL matches the table, with the second factor on."""
    settings.STAFF_TWO_FACTOR = True
    method, url_name, expected = TABLE[name]
    url = url_for(url_name, world)
    client = signed_in_client(world["accounts"][role], factor)

    if method == "post":
        response = client.post(url, data_for(name, world)[name])
    else:
        response = client.get(url)

    assert outcome(response, method) == (
        "second factor" if factor == "unverified" else expected[role]
    )


def test_a_refused_comment_post_by_a_suspended_citizen_stores_nothing(world):
    """The suspension message is shown and no comment is added."""
    client = client_for(world["accounts"]["suspended"])
    count = world["comment"].release.comments.count()

    client.post(url_for("comments:post", world), {"text": HONEST + " 정지 중"})

    assert world["comment"].release.comments.count() == count


def test_an_inactive_account_cannot_log_in_anywhere(world):
    """A deactivated account is refused by both login pages."""
    user = world["accounts"]["citizen"]
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)

    for url in ("/ko/accounts/login/", "/admin/login/"):
        client = Client()
        client.post(url, {"username": user.username, "password": PASSWORD})
        assert "_auth_user_id" not in client.session
