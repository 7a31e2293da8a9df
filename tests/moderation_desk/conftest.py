import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from briefing.comments.services import post_comment, report_comment
from tests.accounts import PASSWORD  # noqa: F401 - tests import it from here

HONEST = "해외조달 전문인력 양성을 재직자로 넓힌다는 계획이 현장에 도움이 되겠습니다."
LINK = "관련 자료는 http://example.com/pps-report 에서 확인하세요."


def make_staff(username, group):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.com", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def moderator(db):
    return make_staff("mod-kim", "Moderators")


@pytest.fixture
def second_moderator(db):
    return make_staff("mod-lee", "Moderators")


@pytest.fixture
def officer(db):
    """A moderator who may also record rule-13 agency requests."""
    return make_staff("officer-choi", "Agency request officers")


@pytest.fixture
def officer_client(officer):
    return client_for(officer)


@pytest.fixture
def editor(db):
    return make_staff("editor-park", "Editors")


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def moderator_client(moderator):
    return client_for(moderator)


@pytest.fixture
def held_comment(seed, citizen):
    """A comment the rules held (an unknown link)."""
    comment, verdict = post_comment(release=seed, author=citizen, text=LINK, enforce_limits=False)
    assert comment.status == "held", verdict
    return comment


@pytest.fixture
def published_comment(seed, citizen):
    comment, _verdict = post_comment(
        release=seed, author=citizen, text=HONEST, enforce_limits=False
    )
    assert comment.status == "published"
    return comment


@pytest.fixture
def reported_comment(published_comment, make_citizen):
    """A published comment one citizen reported under rule 4."""
    report_comment(
        comment=published_comment, reporter=make_citizen("reporter1"), rule=4, note="욕설 같아요"
    )
    published_comment.refresh_from_db()
    return published_comment


def decide_url(comment, action):
    return f"/ko/moderation/comments/{comment.pk}/{action}/"
