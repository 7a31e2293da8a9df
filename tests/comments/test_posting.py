"""Posting comments through the form: the four verdicts, privacy, and who may post."""

import logging
from datetime import timedelta

from django.utils import timezone

from briefing.comments import post_comment
from briefing.comments.models import Comment, Suspension
from briefing.releases.models import Release, SlugRedirect

PHONE_COMMENT = "해외조달 실적 문의는 제 번호 010-1234-5678 로 연락 주세요"
HELD_COMMENT = "저는 조달청장입니다. 이번 해외조달 성과를 자랑스럽게 생각합니다."
GOOD_COMMENT = "해외조달 수출실적이 역대 최고라니 반가운 소식입니다."


def test_a_published_comment_shows_up_on_the_release(citizen_client, post_url, comments_url):
    """A comment that passes the rules is published and listed with its author's name."""
    response = citizen_client.post(post_url, {"text": GOOD_COMMENT})

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    page = citizen_client.get(comments_url).content.decode()
    assert GOOD_COMMENT in page
    assert "민지" in page
    assert "댓글 1개" in page


def test_a_held_comment_is_shown_under_review_to_its_author_only(
    citizen_client, client, make_citizen, post_url, comments_url
):
    """A held comment is marked 검토 중 for its author and invisible to everyone else."""
    citizen_client.post(post_url, {"text": HELD_COMMENT})
    assert Comment.objects.get().status == Comment.Status.HELD

    own_page = citizen_client.get(comments_url).content.decode()
    assert HELD_COMMENT in own_page
    assert "검토 중" in own_page

    other = make_citizen("other", "다른시민")
    other_client = client.__class__()
    other_client.force_login(other)
    for viewer in (other_client, client.__class__()):
        page = viewer.get(comments_url).content.decode()
        assert HELD_COMMENT not in page
        assert "댓글 0개" in page


def test_a_comment_with_a_phone_number_is_refused_citing_rule_1_and_nothing_is_stored(
    citizen_client, post_url, caplog
):
    """Rule 1 rejects a phone number: the error names the rule, the text stays, nothing is kept."""
    caplog.set_level(logging.DEBUG)

    response = citizen_client.post(post_url, {"text": PHONE_COMMENT})

    page = response.content.decode()
    assert response.status_code == 200
    assert "운영원칙 제1항" in page
    assert f">{PHONE_COMMENT}</textarea>" in page
    assert Comment.objects.count() == 0
    for record in caplog.records:
        assert "010-1234-5678" not in record.getMessage()
        assert "010-1234-5678" not in str(record.args)
    assert "010-1234-5678" not in str(dict(citizen_client.session))


def test_the_rejection_does_not_repeat_the_offending_words_outside_the_textarea(
    citizen_client, post_url
):
    """The phone number appears once on the page: in the author's own textarea, not the error."""
    page = citizen_client.post(post_url, {"text": PHONE_COMMENT}).content.decode()

    assert page.count("010-1234-5678") == 1


def test_an_empty_comment_is_refused_with_a_message(citizen_client, post_url):
    """A blank comment gets a field error rather than an empty post."""
    response = citizen_client.post(post_url, {"text": "   "})

    assert response.context["form"].errors["text"]
    assert not Comment.objects.exists()


def test_anonymous_visitors_get_a_log_in_prompt_and_cannot_post(client, comments_url, post_url):
    """The section invites visitors to log in, and a POST without an account goes to log-in."""
    page = client.get(comments_url).content.decode()
    assert "/ko/accounts/login/?next=" in page
    assert "<textarea" not in page

    response = client.post(post_url, {"text": GOOD_COMMENT})

    assert response.status_code == 302
    assert response["Location"].startswith("/ko/accounts/login/")
    assert not Comment.objects.exists()


def test_a_suspended_citizen_reads_but_cannot_post_and_is_told_until_when_and_why(
    citizen_client, citizen, comments_url, post_url
):
    """A suspension hides the form, names its end and reason, and refuses a POST."""
    ends_at = timezone.now() + timedelta(days=7)
    Suspension.objects.create(user=citizen, ends_at=ends_at, rule=4, reason="반복된 욕설")
    until = timezone.localtime(ends_at).strftime("%Y-%m-%d %H:%M")

    page = citizen_client.get(comments_url).content.decode()
    assert "<textarea" not in page
    assert until in page
    assert "반복된 욕설" in page
    assert "제4항" in page

    response = citizen_client.post(post_url, {"text": GOOD_COMMENT})

    assert until in response.content.decode()
    assert not Comment.objects.exists()


def test_an_ended_suspension_no_longer_stops_posting(citizen_client, citizen, post_url):
    """Once a suspension has ended the citizen may post again."""
    past = timezone.now() - timedelta(days=1)
    Suspension.objects.create(
        user=citizen, starts_at=past - timedelta(days=7), ends_at=past, rule=4, reason="욕설"
    )

    citizen_client.post(post_url, {"text": GOOD_COMMENT})

    assert Comment.objects.filter(status=Comment.Status.PUBLISHED).count() == 1


def test_html_in_a_comment_is_escaped_and_line_breaks_are_kept(
    citizen_client, post_url, comments_url
):
    """Markup a citizen types is shown as text; their line breaks survive; links are not links."""
    text = '<script>alert(1)</script> 해외조달 수출\n<a href="https://x.example">둘째 줄</a>'
    citizen_client.post(post_url, {"text": text})

    page = citizen_client.get(comments_url).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 해외조달 수출<br>" in page
    assert 'href="https://x.example"' not in page


def test_the_ip_address_is_stored_only_as_a_salted_hash(citizen_client, post_url):
    """No column of the stored comment contains the raw address, but its hash is kept."""
    citizen_client.post(post_url, {"text": GOOD_COMMENT}, REMOTE_ADDR="203.0.113.77")

    row = Comment.objects.values().get()
    assert all("203.0.113.77" not in str(value) for value in row.values())
    assert len(row["ip_hash"]) == 64


def test_the_same_address_gives_the_same_hash_and_another_address_another(make_citizen, seed):
    """Hashes let moderators link comments from one address without knowing the address."""
    first, second = make_citizen("a1", "가나다"), make_citizen("b2", "라마바")
    one, _ = post_comment(release=seed, author=first, text=GOOD_COMMENT, ip_address="198.51.100.1")
    two, _ = post_comment(
        release=seed,
        author=second,
        text="해외조달 지원 사업 신청 방법이 궁금합니다.",
        ip_address="198.51.100.1",
    )
    three, _ = post_comment(
        release=seed,
        author=make_citizen("c3", "사아자"),
        text="전시회 참가 지원이 확대되면 좋겠습니다.",
        ip_address="198.51.100.2",
    )

    assert one.ip_hash == two.ip_hash != three.ip_hash


def test_post_comment_returns_the_verdict_and_stores_findings_without_text(citizen, seed):
    """The service stores the verdict's summary (rules, action) with the comment."""
    comment, verdict = post_comment(release=seed, author=citizen, text=HELD_COMMENT)

    assert verdict.action == "hold"
    assert comment.rules == "9"
    assert comment.needs_review
    assert comment.findings["action"] == "hold"
    assert HELD_COMMENT not in str(comment.findings)


def test_a_rejected_comment_returns_none_from_the_service(citizen, seed):
    """post_comment never stores a rejected text."""
    comment, verdict = post_comment(release=seed, author=citizen, text=PHONE_COMMENT)

    assert comment is None
    assert verdict.action == "reject"
    assert 1 in verdict.rules
    assert not Comment.objects.exists()


def test_my_comments_lists_the_citizens_own_comments_including_held_ones(
    citizen_client, citizen, make_citizen, seed
):
    """The "my comments" page shows the citizen's comments, held ones marked, others' absent."""
    post_comment(release=seed, author=citizen, text=HELD_COMMENT)
    post_comment(release=seed, author=make_citizen("x", "엑스"), text=GOOD_COMMENT)

    page = citizen_client.get("/ko/my/comments/").content.decode()

    assert HELD_COMMENT in page
    assert "검토 중" in page
    assert GOOD_COMMENT not in page


def test_after_posting_the_release_page_shows_the_comment_and_a_confirmation(
    citizen_client, post_url
):
    """The redirect lands on the release page, which lists the new comment and says it is posted."""
    response = citizen_client.post(post_url, {"text": GOOD_COMMENT}, follow=True)

    page = response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/ko/briefing/press-releases/")
    assert GOOD_COMMENT in page
    assert page.count("댓글이 게시되었습니다.") == 1


def test_an_over_long_comment_is_refused_and_kept(citizen_client, post_url):
    """More than 1,000 characters gets a clear error, the text stays, nothing is stored."""
    text = "해외조달 " * 300

    response = citizen_client.post(post_url, {"text": text})

    assert response.context["form"].errors["text"]
    assert response.context["form"]["text"].value() == text
    assert not Comment.objects.exists()


def test_a_get_to_the_post_address_goes_back_to_the_comments(citizen_client, post_url):
    """Opening the posting address directly is not an error."""
    response = citizen_client.get(post_url)

    assert response.status_code == 302
    assert response["Location"].endswith("#comments")


def test_a_comment_posted_to_a_renamed_releases_old_address_still_lands(citizen_client, seed):
    """A reader who loaded the page before its slug changed still gets the comment posted."""
    old_slug = seed.slug
    SlugRedirect.objects.create(old_slug=old_slug, release=seed)
    Release.objects.filter(pk=seed.pk).update(slug="pps-renamed")

    response = citizen_client.post(f"/ko/comments/on/{old_slug}/post/", {"text": GOOD_COMMENT})

    assert response.status_code == 302
    assert Comment.objects.get().release_id == seed.pk
    assert citizen_client.post("/ko/comments/on/never-existed/post/", {}).status_code == 404
