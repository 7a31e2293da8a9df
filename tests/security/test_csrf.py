"""Every state-changing form needs its CSRF token, and GET never changes anything."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import get_resolver, reverse

from briefing.comments.models import Appeal, CitizenProfile, Comment, Report, Suspension
from briefing.comments.services import post_comment
from briefing.moderation.models import AgencyRequest, AuditEntry
from briefing.releases.models import Release
from tests.releases.test_workflow import form_data

from .conftest import HONEST, PASSWORD, make_staff

SIGNUP_DATA = {
    "username": "newcomer",
    "email": "newcomer@example.com",
    "display_name": "새내기",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "consent": "on",  # 개인정보 수집·이용 동의
}


@pytest.fixture
def world(seed, citizen, make_citizen):
    other, _v = post_comment(
        release=seed, author=make_citizen("other", "다른시민"), text=HONEST, enforce_limits=False
    )
    removed, _v = post_comment(
        release=seed, author=citizen, text=HONEST + " 두 번째", enforce_limits=False
    )
    Comment.objects.filter(pk=removed.pk).update(status=Comment.Status.REMOVED)
    # A live release is never deleted (it is withdrawn): the delete form is a draft's.
    draft = Release.objects.create(
        title_ko="작성 중인 보도자료", slug="a-draft", ministry=seed.ministry, body_ko="<p>초안</p>"
    )
    return {
        "release": seed,
        "draft": draft,
        "citizen": citizen,
        "other": other,
        "removed": removed,
        "moderator": make_staff("mod-kim", "Moderators"),
        "publisher": make_staff("publisher-choi", "Publishers"),
    }


def moderation_urls(world):
    """Every URL of the moderators' desk, found through the URL resolver."""
    if "moderation" not in get_resolver().namespace_dict:
        return []
    from briefing.moderation import views

    comment = world["other"]
    urls = []
    for pattern in get_resolver().namespace_dict["moderation"][1].url_patterns:
        keys = set(pattern.pattern.converters)
        if "action" in keys:
            for action in getattr(views, "DECISIONS", ("approve", "remove")):
                urls.append(reverse(f"moderation:{pattern.name}", args=[comment.pk, action]))
        elif "pk" in keys:
            urls.append(reverse(f"moderation:{pattern.name}", args=[comment.pk]))
        else:
            urls.append(reverse(f"moderation:{pattern.name}"))
    return urls


def state_changing_forms(world):
    """(who, URL, what a real form would post) for every form that changes something."""
    release, other, removed = world["release"], world["other"], world["removed"]
    citizen, moderator = world["citizen"], world["moderator"]
    forms = [
        (citizen, f"/ko/comments/on/{release.slug}/post/", {"text": HONEST + " 새 의견"}),
        (citizen, f"/ko/comments/{other.pk}/report/", {"rule": 6, "note": "광고"}),
        (citizen, f"/ko/comments/{removed.pk}/appeal/", {"text": "삭제 사유가 맞지 않습니다."}),
        (citizen, "/ko/accounts/profile/", {"display_name": "새이름"}),
        (citizen, "/ko/accounts/delete/", {"password": PASSWORD}),
        (citizen, "/ko/accounts/logout/", {}),
        (None, "/ko/accounts/login/", {"username": "minji", "password": PASSWORD}),
        (None, "/ko/accounts/signup/", SIGNUP_DATA),
        (None, "/admin/login/", {"username": "mod-kim", "password": PASSWORD}),
        (
            world["publisher"],
            reverse("admin:releases_release_change", args=[release.pk]),
            form_data(release, title_ko="바뀐 제목"),
        ),
        (
            world["publisher"],
            reverse("admin:releases_release_delete", args=[world["draft"].pk]),
            {"post": "yes"},
        ),
    ]
    for url in moderation_urls(world):
        data = {"version": other.decision_version, "note": "메모", "rule": 4, "days": 7}
        data |= {"reason": "사유", "action": "approve", "comments": [other.pk]}
        forms.append((moderator, url, data))
    return forms


def snapshot():
    """Everything a forged request could change."""
    return {
        "users": list(get_user_model().objects.values_list("pk", "is_active").order_by("pk")),
        "names": list(CitizenProfile.objects.values_list("display_name", flat=True).order_by("pk")),
        "comments": list(
            Comment.objects.values_list("pk", "status", "author_id", "needs_review").order_by("pk")
        ),
        "releases": list(Release.objects.values_list("pk", "title_ko", "status").order_by("pk")),
        "counts": [
            model.objects.count()
            for model in (Report, Appeal, Suspension, AgencyRequest, AuditEntry)
        ],
    }


def signed_in_as(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def test_every_state_changing_post_without_a_token_is_refused_and_changes_nothing(world):
    """Each form posted without its CSRF token answers 403 and leaves every record as it was."""
    forms = state_changing_forms(world)
    assert len(forms) > 12, "the moderation desk's URLs were found"
    before = snapshot()
    for user, url, data in forms:
        client = signed_in_as(user)
        response = client.post(url, data)

        assert response.status_code == 403, url
        assert snapshot() == before, url
        if user is not None:
            assert "_auth_user_id" in client.session, f"{url} logged the user out"


def test_the_same_forms_work_with_their_token(world):
    """The 403s above come from the missing token: a real form with it goes through."""
    client = signed_in_as(world["citizen"])
    page = client.get(f"/ko/comments/on/{world['release'].slug}/post/", follow=True)
    token = page.context["csrf_token"]

    response = client.post(
        f"/ko/comments/{world['other'].pk}/report/",
        {"rule": 6, "note": "", "csrfmiddlewaretoken": str(token)},
    )

    assert response.status_code == 302
    assert Report.objects.count() == 1


def test_get_on_state_changing_urls_changes_nothing(world):
    """Following a link (GET) to any of these URLs never changes a record or logs anyone out."""
    before = snapshot()
    for user, url, _data in state_changing_forms(world):
        client = signed_in_as(user)
        response = client.get(url)

        assert response.status_code in (200, 302, 405), url
        assert snapshot() == before, url
        if user is not None:
            assert "_auth_user_id" in client.session, f"GET {url} logged the user out"
