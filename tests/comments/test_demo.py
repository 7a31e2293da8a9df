"""The demo citizens and their comments (called by setup_demo)."""

from django.contrib.auth import authenticate

from briefing.comments.demo import ensure_demo_citizen, seed_demo_comments
from briefing.comments.models import Comment


def test_the_demo_citizen_can_log_in_with_the_printed_password(db):
    """ensure_demo_citizen returns credentials that work, and running it twice is harmless."""
    ensure_demo_citizen()
    username, password = ensure_demo_citizen()

    assert authenticate(username=username, password=password) is not None


def test_the_demo_comments_pass_the_rules_and_are_published_once(seed, client):
    """Every demo comment is published through the real rules; a second run adds nothing."""
    posted = seed_demo_comments(seed)

    assert len(posted) >= 3
    assert all(comment.status == Comment.Status.PUBLISHED for comment in posted)
    assert not Comment.objects.filter(needs_review=True).exists()
    assert seed_demo_comments(seed) == []
    assert Comment.objects.count() == len(posted)
    page = client.get(f"/ko/comments/on/{seed.slug}/").content.decode()
    assert "하늘바라기" in page
