"""Staff see comments, reports and suspensions in the admin; citizens' words are not edited there."""

import pytest
from django.contrib.auth import get_user_model

from briefing.comments import post_comment
from briefing.comments.models import Suspension

TEXT = "해외조달 지원 사업의 성과가 인상적입니다."


@pytest.fixture
def admin_client(client, db):
    admin = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw-boss-123!")
    client.force_login(admin)
    return client


def test_staff_list_comments_with_their_status_and_rules(admin_client, seed, citizen):
    """The comment list shows each comment's status, and filters by rule."""
    post_comment(release=seed, author=citizen, text="저는 조달청장입니다. 고맙습니다.")

    page = admin_client.get("/admin/comments/comment/?rule=9").content.decode()

    assert "검토 대기" in page
    assert "민지" in page


def test_a_comments_text_cannot_be_edited_in_the_admin(admin_client, seed, citizen):
    """The change form shows the text read-only, and a POST does not change it."""
    comment, _ = post_comment(release=seed, author=citizen, text=TEXT)
    url = f"/admin/comments/comment/{comment.pk}/change/"

    page = admin_client.get(url).content.decode()
    admin_client.post(url, {"text": "바뀐 내용", "status": "removed"})

    assert 'name="text"' not in page
    comment.refresh_from_db()
    assert comment.text == TEXT


def test_staff_without_permission_cannot_see_comments(client, db):
    """Being staff is not enough: the comment model permission is needed."""
    staff = get_user_model().objects.create_user("desk", password="pw-desk-123!", is_staff=True)
    client.force_login(staff)

    assert client.get("/admin/comments/comment/").status_code == 403


def test_suspensions_cannot_be_made_or_edited_in_the_admin(admin_client, citizen):
    """Suspensions come from the desk, audited; the admin offers no form that bypasses it."""
    suspension = Suspension.objects.create(user=citizen, rule=4, reason="욕설 반복")

    assert admin_client.get("/admin/comments/suspension/add/").status_code == 403
    page = admin_client.get(f"/admin/comments/suspension/{suspension.pk}/change/")
    assert 'name="ends_at_0"' not in page.content.decode()
    admin_client.post(
        f"/admin/comments/suspension/{suspension.pk}/change/",
        {"user": citizen.pk, "rule": "1", "reason": "바뀐 사유"},
    )
    suspension.refresh_from_db()
    assert (suspension.rule, suspension.reason) == (4, "욕설 반복")
