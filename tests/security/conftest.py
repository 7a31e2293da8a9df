"""Accounts in every role the site knows, and clients signed in as them."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from briefing.comments.models import Suspension
from briefing.releases.models import Ministry
from tests.accounts import PASSWORD

HONEST = "해외조달 전문인력 양성을 재직자로 넓힌다는 계획이 현장에 도움이 되겠습니다."


#: The roles that handle releases of their own ministries only (briefing/releases/desks.py).
PRESS_OFFICES = ("Editors", "Publishers")


def make_staff(username, group=None, *, ministries=("B00013",), **extra):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.com",
        password=PASSWORD,
        is_staff=True,
        **extra,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    if group in PRESS_OFFICES:
        # Press officers work for a ministry: the seed announcement's, 조달청, unless told.
        user.desk_ministries.set(Ministry.objects.filter(code__in=ministries))
    return user


def suspend(user, days=7):
    Suspension.objects.create(
        user=user, rule=4, reason="욕설 반복", ends_at=timezone.now() + timedelta(days=days)
    )
    return user


def client_for(user, **kwargs):
    client = Client(**kwargs)
    if user is not None:
        client.force_login(user)
    return client


def signup_data(number):
    """A valid sign-up form for the citizen "newcomer<number>"."""
    return {
        "username": f"newcomer{number}",
        "email": f"newcomer{number}@example.com",
        "display_name": f"새내기{number}",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",  # 개인정보 수집·이용 동의
    }


def comments_page(release):
    return f"/ko/comments/on/{release.slug}/"


def post_url(release):
    return f"/ko/comments/on/{release.slug}/post/"
