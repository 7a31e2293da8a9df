"""The data migration gives existing releases their public ids: portal ids keep theirs with the
portal as source, every other release an id of this instance's range; import records keep the
version they left the release at."""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from briefing.releases.keyword_index import ensure_keyword_index

BEFORE = [("releases", "0011_revision_superseded_by"), ("opendata", "0001_initial")]
AFTER = [
    ("releases", "0012_public_news_item_ids"),
    ("opendata", "0002_import_records_follow_release_ids"),
]


@pytest.mark.django_db(transaction=True)
def test_existing_releases_get_their_public_ids(settings):
    settings.NEWS_ITEM_ID_INSTANCE = 3
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Ministry, Release = old.get_model("releases", "Ministry"), old.get_model("releases", "Release")
    ImportRecord = old.get_model("opendata", "ImportRecord")
    ministry = Ministry.objects.create(code="B00013", name="조달청", group="agency")
    when = datetime(2024, 2, 21, tzinfo=UTC)
    made_here = Release.objects.create(
        title="여기서 쓴 보도자료", slug="here", ministry=ministry, body="<p>x</p>", version=4
    )
    imported = Release.objects.create(
        title="가져온 보도자료",
        slug="imported",
        ministry=ministry,
        body="<p>y</p>",
        news_item_id=156472565,
        version=2,
    )
    ImportRecord.objects.create(release=imported, news_item_id=156472565, imported_at=when)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Release = new.get_model("releases", "Release")
    ImportRecord = new.get_model("opendata", "ImportRecord")
    ids = dict(Release.objects.values_list("slug", "news_item_id"))
    sources = dict(Release.objects.values_list("slug", "news_item_source"))
    assert ids == {"here": 9_030_000_000 + made_here.pk, "imported": 156472565}
    assert sources == {"here": "", "imported": "korea.kr"}
    assert ImportRecord.objects.get().release_version == 2

    # Back to the latest schema. Migrating a SQLite table rebuilds it without the keyword
    # index's triggers, which post_migrate remakes; the executor sends no post_migrate, and the
    # tests after this one search.
    call_command("migrate", verbosity=0)
    ensure_keyword_index(connection.alias)
