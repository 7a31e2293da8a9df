"""The documented backup and restore (README, "Backup and restore") loses nothing."""

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from briefing.releases.models import Photo, Release, Revision, Statistic

BACKUP_EXCLUDES = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


def backup(target: Path, media_root: Path):
    """The README's backup: one JSON dump of content and comments, and a copy of the media."""
    call_command(
        "dumpdata", "--natural-foreign", "--natural-primary", "--indent", "1",
        *[f"--exclude={name}" for name in BACKUP_EXCLUDES], "--output", str(target / "data.json"),
    )  # fmt: skip
    shutil.copytree(media_root, target / "media")


def restore(source: Path, media_root: Path):
    from django.db import connection

    if connection.vendor == "postgresql":
        # The test runs inside a transaction; deferred foreign-key checks from the rows it made
        # must fire before TRUNCATE (a real restore runs flush in its own transaction).
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", "--no-input")
    shutil.rmtree(media_root, ignore_errors=True)
    shutil.copytree(source / "media", media_root)
    call_command("loaddata", str(source / "data.json"))


@pytest.mark.django_db
def test_backup_and_restore_round_trip_keeps_content_comments_and_media(tmp_path, settings):
    """After a restore into an emptied database and media folder, everything is as it was."""
    from django.contrib.auth import get_user_model

    from briefing.comments.models import Comment

    call_command("loaddata", "seed", verbosity=0)
    release = Release.objects.get()
    citizen = get_user_model().objects.create_user("citizen", password="pw-citizen-1234")
    Comment.objects.create(
        release=release, author=citizen, text="수출 실적이 인상적이네요.\n잘 봤습니다."
    )
    Revision.objects.create(
        release=release, number=1, note="첫 판", snapshot={"title_ko": release.title_ko}
    )
    before = {
        "releases": list(
            Release.objects.values_list("slug", "title_ko", "title_en", "body_ko", "body_en")
        ),
        "statistics": list(Statistic.objects.values_list("label_ko", "value").order_by("pk")),
        "comments": list(Comment.objects.values_list("text", "author__username", "status")),
        "revisions": Revision.objects.count(),
    }
    media = Path(settings.MEDIA_ROOT)
    photo_files = {p.image.name: (media / p.image.name).read_bytes() for p in Photo.objects.all()}
    target = tmp_path / "backup"
    target.mkdir()
    backup(target, media)

    restore(target, media)

    after = {
        "releases": list(
            Release.objects.values_list("slug", "title_ko", "title_en", "body_ko", "body_en")
        ),
        "statistics": list(Statistic.objects.values_list("label_ko", "value").order_by("pk")),
        "comments": list(Comment.objects.values_list("text", "author__username", "status")),
        "revisions": Revision.objects.count(),
    }
    assert after == before
    assert get_user_model().objects.get(username="citizen").check_password("pw-citizen-1234")
    for name, content in photo_files.items():
        assert (media / name).read_bytes() == content
