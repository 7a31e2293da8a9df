"""Role boundaries: who reaches the desk, the admin's models and the rule-13 records."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from tests.moderation_desk.conftest import client_for

QUEUE = "/ko/moderation/"


def test_anonymous_visitors_are_sent_to_the_login_page(db):
    """The desk asks for a login rather than showing anything."""
    response = client_for_anonymous().get(QUEUE)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def client_for_anonymous():
    from django.test import Client

    return Client()


def test_citizens_and_editors_are_refused_the_desk(citizen, editor):
    """Signed in without the moderate permission: 403 for both."""
    assert client_for(citizen).get(QUEUE).status_code == 403
    assert client_for(editor).get(QUEUE).status_code == 403


def test_moderators_and_superusers_reach_the_desk(moderator, db):
    """The Moderators group and superusers have the moderate permission."""
    boss = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw-pw-pw-123")

    assert client_for(moderator).get(QUEUE).status_code == 200
    assert client_for(boss).get(QUEUE).status_code == 200


def test_moderators_cannot_edit_releases_in_the_admin(moderator, seed):
    """Release pages of the admin answer 403 to a moderator."""
    client = client_for(moderator)

    assert client.get("/admin/releases/release/").status_code == 403
    assert client.get(f"/admin/releases/release/{seed.pk}/change/").status_code == 403


def test_editors_cannot_see_comments_in_the_admin(editor):
    """Editors edit releases but comments, reports and the audit trail are closed to them."""
    client = client_for(editor)

    assert client.get("/admin/releases/release/").status_code == 200
    assert client.get("/admin/comments/comment/").status_code == 403
    assert client.get("/admin/moderation/auditentry/").status_code == 403


def test_a_citizen_never_reaches_the_admin(citizen):
    """A citizen account is not staff: the admin sends it to its login form."""
    response = client_for(citizen).get("/admin/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_only_superusers_can_read_agency_requests(moderator, db):
    """Moderators lack view_agencyrequest; a superuser sees the list."""
    boss = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw-pw-pw-123")

    assert client_for(moderator).get("/admin/moderation/agencyrequest/").status_code == 403
    assert client_for(boss).get("/admin/moderation/agencyrequest/").status_code == 200


def test_createstaff_makes_a_staff_moderator(db):
    """The command creates a staff account in the Moderators group, not a superuser."""
    call_command("createstaff", "mod-choi", role="moderator", password="long-pass-phrase-77")

    user = get_user_model().objects.get(username="mod-choi")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Moderators"]
    assert user.has_perm("moderation.moderate_comment")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"role": "janitor"}, "Unknown role 'janitor'"),
        ({"role": "editor", "password": "123"}, "Password refused"),
    ],
)
def test_createstaff_explains_what_is_wrong(db, arguments, message):
    """An unknown role or a weak password is a clear error, and no account is made."""
    arguments = {"password": "long-pass-phrase-77", **arguments}
    with pytest.raises(CommandError, match=message):
        call_command("createstaff", "someone", **arguments)
    assert not get_user_model().objects.filter(username="someone").exists()


def test_createstaff_refuses_an_existing_username(moderator):
    """A second account with a taken name is refused."""
    with pytest.raises(CommandError, match="already exists"):
        call_command("createstaff", moderator.username, role="editor", password="long-pass-77x")
