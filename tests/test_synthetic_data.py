"""The benchmark's data generator: the scale asked for, releases that read and search like
published ones, and the showcase release with its 500 comments."""

import pytest
from django.core.management import call_command

from briefing.comments.models import Comment
from briefing.releases.filters import keyword_condition
from briefing.releases.models import Release


@pytest.mark.django_db(transaction=True)  # VACUUM cannot run inside a transaction on PostgreSQL
def test_generated_releases_are_complete_searchable_and_listed(client):
    call_command(
        "generate_synthetic_data", "--releases", "40", "--ministries", "5",
        "--comments", "700", "--citizens", "30", stdout=None,
    )  # fmt: skip
    generated = Release.objects.filter(slug__startswith="bench-")
    assert generated.count() == 40
    assert generated.values("ministry").distinct().count() <= 5
    showcase = Release.objects.get(slug="bench-500-comments")
    assert Comment.objects.filter(release=showcase).count() == 500
    assert Comment.objects.filter(release__slug__startswith="bench-").count() == 700
    sample = generated.order_by("pk").first()
    assert len(sample.body_ko) > 1000  # a real release's size, not a line
    assert sample.lead(150) and sample.search_grams
    word = sample.title_ko.split()[0]
    assert Release.objects.filter(keyword_condition(word)).filter(pk=sample.pk).exists()
    page = client.get("/ko/briefing/press-releases/").content.decode()
    assert showcase.title_ko in page  # the newest release heads the list
