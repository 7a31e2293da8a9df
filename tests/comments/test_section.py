"""The comment section the release page embeds: order, paging, counts, constant queries."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from briefing.comments.models import Comment


def add_comments(release, author, count):
    now = timezone.now()
    Comment.objects.bulk_create(
        Comment(
            release=release,
            author=author,
            text=f"의견 번호 {n}",
            created_at=now - timedelta(minutes=count - n),
        )
        for n in range(count)
    )


def render_section(release, user):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load comment_tags %}{% comment_section release %}")
    return template.render(Context({"release": release, "request": request}))


def test_comments_are_listed_newest_first_with_the_count(client, seed, citizen, comments_url):
    """The newest comment comes first and the count is shown."""
    add_comments(seed, citizen, 3)

    page = client.get(comments_url).content.decode()

    assert page.index("의견 번호 2") < page.index("의견 번호 1") < page.index("의견 번호 0")
    assert "댓글 3개" in page


def test_comments_are_paginated(client, seed, citizen, comments_url, settings):
    """Twenty comments a page; the second page holds the older ones."""
    add_comments(seed, citizen, 25)

    first = client.get(comments_url).content.decode()
    second = client.get(comments_url + "?cpage=2").content.decode()

    assert "의견 번호 24" in first and "의견 번호 4<" not in first
    assert "의견 번호 4<" in second and "의견 번호 24" not in second
    assert "?cpage=2#comments" in first


def test_a_page_number_out_of_range_shows_the_last_page(client, seed, citizen, comments_url):
    """A bad page number never errors."""
    add_comments(seed, citizen, 3)

    for bad in ("99", "abc", "-1"):
        response = client.get(comments_url + f"?cpage={bad}")
        assert response.status_code == 200
        assert "의견 번호 2" in response.content.decode()


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "citizen"])
def test_the_section_makes_the_same_number_of_queries_for_0_or_50_comments(
    seed, make_citizen, signed_in
):
    """No query per comment: authors' names come with the comments."""
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    viewer = make_citizen("viewer", "보는사람") if signed_in else AnonymousUser()
    with CaptureQueriesContext(connection) as empty:
        render_section(seed, viewer)

    for n in range(5):
        add_comments(seed, make_citizen(f"writer{n}", f"작성자{n}"), 10)
    with CaptureQueriesContext(connection) as full:
        html = render_section(seed, viewer)

    assert "작성자4" in html
    assert len(full) == len(empty) <= 3


def test_the_release_page_can_embed_the_section(seed):
    """The tag renders on its own with the release it is given (as the detail page uses it)."""
    from django.contrib.auth.models import AnonymousUser

    html = render_section(seed, AnonymousUser())

    assert 'id="comments"' in html
    assert "댓글 0개" in html


def test_staff_comment_under_a_display_name_marked_as_staff_never_their_login(client, seed):
    """A member of staff without a display name appears as the site's staff, with a badge."""
    from django.contrib.auth import get_user_model

    from briefing.comments import post_comment

    staff = get_user_model().objects.create_user(
        "kim.official", password="pw-staff-1234", is_staff=True
    )
    post_comment(release=seed, author=staff, text="설명회 일정은 다음 주에 공지합니다.")

    page = client.get(f"/ko/comments/on/{seed.slug}/").content.decode()

    assert "kim.official" not in page
    assert "정책브리핑 직원" in page
    assert '<span class="comment-staff">직원</span>' in page
