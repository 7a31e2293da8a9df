"""An uncached release page in four queries: its parts are stored with the release
(briefing/releases/page_parts.py) and the page built from them is the page built from their
tables, byte for byte; an edit of any part shows at once."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from briefing.releases.models import (
    Attachment,
    Photo,
    Release,
    ReleasePageParts,
    Revision,
    Statistic,
)
from briefing.releases.page_parts import (
    forget,
    page_parts_prefetches,
    store,
    with_stored_parts,
)
from tests.releases.test_neighbour_seek import add_releases
from tests.releases.test_views_detail import attach

#: The release, both neighbour links, and the comment section's count and page of comments.
COLD_PAGE_QUERIES = 4


@pytest.fixture
def nothing_cached(settings):
    """bench/run.py's "nothing cached" row: no whole pages, no page shells."""
    settings.BRIEFING_PAGE_CACHE = False
    settings.BRIEFING_FRAGMENT_CACHE = False


@pytest.fixture
def full_seed(seed):
    """The seed with everything a page can show: photos and figures (the fixture's), a file,
    a correction and comments."""
    from briefing.comments.models import Comment

    attach(seed, "240221 보도자료.pdf", Attachment.Kind.PDF)
    Revision.objects.create(release=seed, number=1, is_correction=True, note="수치 정정")
    author = get_user_model().objects.create_user("reader", password="pw-reader-1234")
    Comment.objects.bulk_create(
        Comment(release=seed, author=author, text=f"의견 {number}") for number in range(30)
    )
    return seed


def fetch(client, url):
    """The page and the queries it ran, after a first request has stored what a first request
    stores (the sidebar in the cache, today's view count, the page's parts)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.django_db
def test_an_uncached_release_page_runs_four_queries(client, full_seed, nothing_cached):
    html, queries = fetch(client, full_seed.get_absolute_url())
    assert queries <= COLD_PAGE_QUERIES
    assert "240221 보도자료.pdf" in html and "수치 정정" in html and "의견 29" in html


@pytest.mark.django_db
def test_the_four_queries_do_not_grow_with_the_archive(client, full_seed, nothing_cached):
    _html, alone = fetch(client, full_seed.get_absolute_url())
    add_releases(1_000)
    newest = Release.objects.published().first()
    _html, among_many = fetch(client, full_seed.get_absolute_url())
    _html, newest_page = fetch(client, newest.get_absolute_url())
    assert alone == among_many == newest_page <= COLD_PAGE_QUERIES


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ko", "en"])
def test_a_page_from_stored_parts_is_the_page_from_their_tables(
    client, full_seed, nothing_cached, language
):
    url = f"/{language}{full_seed.get_absolute_url()[3:]}"
    client.get(url)  # the sidebar and today's view count, which would differ otherwise
    forget(full_seed.pk)
    with CaptureQueriesContext(connection) as from_tables:
        first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as from_stored:
        second = client.get(url).content.decode()
    assert len(from_tables) > len(from_stored)  # the first read the parts' tables
    assert second == first


@pytest.mark.django_db
def test_editing_any_part_shows_on_the_next_uncached_page(client, full_seed, nothing_cached):
    url = full_seed.get_absolute_url()
    fetch(client, url)
    photo = full_seed.photos.first()
    photo.caption_ko = "▶ 새로 고친 사진 설명"
    photo.save()
    Statistic.objects.create(release=full_seed, label_ko="새 지표", value="16.30", unit="%")
    full_seed.attachments.get().delete()
    Revision.objects.create(release=full_seed, number=2, is_correction=True, note="두 번째 정정")
    html, queries = fetch(client, url)
    assert "새로 고친 사진 설명" in html
    assert "새 지표" in html
    assert "16.3 %" in html
    assert "240221 보도자료.pdf" not in html
    assert "두 번째 정정" in html
    assert queries <= COLD_PAGE_QUERIES


@pytest.mark.django_db
def test_parts_read_before_an_edit_are_never_stored_as_current(full_seed):
    """A reader that read the parts, then lost the race to an editor, must not store what it
    read as the copy for the editor's token (the release had no row yet: made by bulk_create,
    or before the table existed)."""
    ReleasePageParts.objects.filter(pk=full_seed.pk).delete()
    reader = (
        Release.objects.select_related("page_parts")
        .prefetch_related(*page_parts_prefetches())
        .get(pk=full_seed.pk)
    )
    assert len(reader.photos.all()) == 3
    Photo.objects.filter(release=full_seed).first().delete()  # an editor, meanwhile
    store(reader)
    with CaptureQueriesContext(connection) as queries:
        again = with_stored_parts(Release.objects.filter(pk=full_seed.pk)).get()
    assert len(again.photos.all()) == 2
    assert len(queries) == 1  # and what was stored is current: the editor's


@pytest.mark.django_db
def test_store_page_parts_spares_the_first_reader_of_a_bulk_loaded_release(seed):
    """bulk_create sends no signals; the command stores what the first reader would have."""
    from django.core.management import call_command

    add_releases(20)
    loaded = Release.objects.get(slug="seek-00007")
    Photo.objects.bulk_create([Photo(release=loaded, image=seed.photos.first().image.name)])

    def queries_to_read():
        with CaptureQueriesContext(connection) as queries:
            release = with_stored_parts(Release.objects.filter(pk=loaded.pk)).get()
        return len(queries), len(release.photos.all())

    call_command("store_page_parts", verbosity=0)
    assert queries_to_read() == (1, 1)
