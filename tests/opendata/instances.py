"""Two real instances of the project for the open-data round trip (test_round_trip.py).

Each Instance is this project run as separate `manage.py` processes with a database, a media
folder, a SITE_URL, an OPENDATA_SOURCE and a NEWS_ITEM_ID_INSTANCE of its own, the way two
deployments are; nothing is shared in memory with the test or with the other instance. The
functions at the end run *inside* an instance (`Instance.run` imports this module there): they
publish, withdraw and report what the instance holds, as JSON.
"""

import json
import os
import secrets
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
RESULT_MARK = "ROUND-TRIP-RESULT "
COMMAND_TIMEOUT = 300


class InstanceError(AssertionError):
    """A command the harness relies on failed: the message carries its output."""


class Instance:
    def __init__(self, name: str, host: str, number: int, database_url: str, folder: Path):
        self.name, self.host, self.folder = name, host, folder
        self.feeds = 0
        folder.mkdir(parents=True, exist_ok=True)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "briefing.settings",
            "DATABASE_URL": database_url,
            "CONN_MAX_AGE": "0",
            "SECRET_KEY": f"round-trip-{name}-{secrets.token_hex(16)}",
            "DEBUG": "0",
            "SECURE_SSL_REDIRECT": "0",
            "STATIC_PLAIN_STORAGE": "1",
            "SITE_URL": f"http://{host}",
            # Only its own host: an image URL of the other instance is not this one's media.
            "ALLOWED_HOSTS": host,
            "OPENDATA_SOURCE": host,
            "NEWS_ITEM_ID_INSTANCE": str(number),
            "MEDIA_ROOT": str(folder / "media"),
            "CACHE_BACKEND": "locmem",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "STAFF_TWO_FACTOR": "0",
        }
        # Each process has its own memory cache; a shared Redis would mix the two sites' pages.
        self.env.pop("REDIS_URL", None)

    def __repr__(self):
        return f"Instance({self.name}, {self.host})"

    def command(self, *args) -> subprocess.Popen:
        return subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *args],
            cwd=PROJECT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def manage(self, *args) -> subprocess.CompletedProcess:
        process = self.command(*args)
        stdout, stderr = process.communicate(timeout=COMMAND_TIMEOUT)
        return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)

    def run(self, code: str):
        """Run Python inside the instance (`side` is this module there); returns what it emit()s."""
        prelude = "from tests.opendata import instances as side\n"
        result = self.manage("shell", "-c", prelude + code)
        lines = [line for line in result.stdout.splitlines() if line.startswith(RESULT_MARK)]
        if result.returncode or not lines:
            raise InstanceError(
                f"{self.name}: shell failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
            )
        return json.loads(lines[-1][len(RESULT_MARK) :])

    def feed(self) -> Path:
        """The instance's press-release feed as served to anyone, saved to a file."""
        self.feeds += 1
        path = self.folder / f"feed-{self.name}-{self.feeds}.xml"
        answer = self.run(f"side.save_feed({str(path)!r}, {self.host!r})")
        if answer["status"] != 200:
            raise InstanceError(f"{self.name}: the feed answered {answer['status']}")
        return path

    def import_(self, path: Path) -> tuple[int, str]:
        result = self.manage("import_press_releases", str(path))
        return result.returncode, result.stdout + result.stderr

    def state(self) -> dict:
        return self.run("side.emit(side.state())")


def migrate_all(instances) -> None:
    """Migrate every instance at once: each is its own process and database."""
    processes = [(instance, instance.command("migrate", "-v0")) for instance in instances]
    for instance, process in processes:
        stdout, stderr = process.communicate(timeout=COMMAND_TIMEOUT)
        if process.returncode:
            raise InstanceError(f"{instance.name}: migrate failed:\n{stdout}\n{stderr}")


@contextmanager
def databases(names, base_url: str, folder: Path):
    """A fresh database per name: on the PostgreSQL server of base_url when it is one (dropped
    afterwards), else SQLite files in folder. Yields their URLs."""
    if not base_url.startswith("postgres"):
        yield [f"sqlite:///{folder / f'{name}.sqlite3'}" for name in names]
        return
    import psycopg

    suffix = secrets.token_hex(4)
    created = [f"roundtrip_{name}_{suffix}" for name in names]
    server, _slash, _database = base_url.partition("?")[0].rpartition("/")
    # The server's maintenance database: the suite's own may not exist outside its test run.
    maintenance = f"{server}/postgres"
    with psycopg.connect(maintenance, autocommit=True) as connection:
        for database in created:
            connection.execute(f'CREATE DATABASE "{database}"')
    try:
        yield [f"{server}/{database}" for database in created]
    finally:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            for database in created:
                connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


# --- Inside an instance ------------------------------------------------------------------------

MINISTRIES = [
    ("B00013", "조달청", "Public Procurement Service", "agency"),
    ("A00002", "행정안전부", "Ministry of the Interior and Safety", "ministry"),
]


def emit(value) -> None:
    print(RESULT_MARK + json.dumps(value, ensure_ascii=False, default=str))


def prepare() -> None:
    """What every instance has before it publishes: the ministries, and a publisher."""
    from django.contrib.auth import get_user_model

    from briefing.releases.models import Ministry

    for code, name_ko, name_en, group in MINISTRIES:
        Ministry.objects.get_or_create(
            code=code, defaults={"name_ko": name_ko, "name_en": name_en, "group": group}
        )
    get_user_model().objects.get_or_create(
        username="publisher", defaults={"first_name": "길동", "last_name": "홍"}
    )
    emit({"ok": True})


def _png(number: int) -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (640, 400), (40 * number % 256, 110, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def publish(slug: str, title: str, *, ministry: str = "B00013", photos: int = 0, licence=1):
    """A release written, photographed and published as the admin does it; returns its ids."""
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile

    from briefing.releases import workflow
    from briefing.releases.models import Ministry, Photo, Release
    from briefing.releases.services import generate_renditions, record_revision

    publisher = get_user_model().objects.get(username="publisher")
    release = Release.objects.create(
        slug=slug,
        title_ko=title,
        subtitle_ko=f"{title} 부제",
        ministry=Ministry.objects.get(code=ministry),
        body_ko=f"<p>{title} 첫 문단</p><p>{title} 둘째 문단</p>",
        attribution_ko="",
        licence=licence,
        created_by=publisher,
    )
    for number in range(1, photos + 1):
        photo = Photo(
            release=release,
            caption_ko=f"▶ {title} 사진 {number}",
            alt_text_ko=f"{title} 사진 {number}",
            after_block=1,
            order=number,
        )
        photo.image.save(f"{slug}-{number}.png", ContentFile(_png(number)), save=False)
        photo.save()
        generate_renditions(photo, force=True)
    previous = release.status
    release.status = Release.Status.PUBLISHED
    workflow.record_publication(release, previous, user=publisher)
    release.version += 1
    release.save()
    workflow.log_change(release, previous, user=publisher)
    record_revision(release, user=publisher, note="게시")
    return {"pk": release.pk, "news_item_id": release.news_item_id, "slug": slug}


def withdraw(news_item_id: int, notice: str):
    """A publisher withdraws the release made here with this NewsItemId, as the admin does."""
    from django.contrib.auth import get_user_model

    from briefing.releases import workflow
    from briefing.releases.models import Release
    from briefing.releases.services import record_revision

    publisher = get_user_model().objects.get(username="publisher")
    release = Release.objects.get(news_item_source="", news_item_id=news_item_id)
    previous = release.status
    release.status = Release.Status.WITHDRAWN
    release.withdrawal_notice_ko = notice
    workflow.record_publication(release, previous, user=publisher)
    release.version += 1
    release.save()
    workflow.log_change(release, previous, user=publisher)
    record_revision(release, user=publisher, note="게시 철회")
    return {"withdrawn_at": release.withdrawn_at.isoformat()}


FEED_PARAMETERS = {"numOfRows": "100"}


def save_feed(path: str, host: str) -> None:
    """The feed over the last and next day, fetched as a client would, written to path."""
    from datetime import timedelta

    from django.test import Client
    from django.utils import timezone

    today = timezone.localdate()
    parameters = FEED_PARAMETERS | {
        "startDate": f"{today - timedelta(days=1):%Y%m%d}",
        "endDate": f"{today + timedelta(days=1):%Y%m%d}",
    }
    response = Client().get("/api/press-releases/", parameters, HTTP_HOST=host)
    Path(path).write_bytes(response.content)
    emit({"status": response.status_code})


def _files(photo, storage) -> dict:
    names = [photo.image.name, *(r["path"] for r in (photo.renditions or {}).values())]
    return {name: storage.exists(name) for name in names}


def state() -> dict:
    """Everything the round trip compares: each release with its ids, status, photos on disk."""
    from django.core.files.storage import default_storage

    from briefing.releases.models import Release

    releases = []
    for release in Release.objects.order_by("pk").prefetch_related("photos"):
        record = getattr(release, "import_record", None)
        releases.append(
            {
                "pk": release.pk,
                "news_item_id": release.news_item_id,
                "news_item_source": release.news_item_source,
                "slug": release.slug,
                "title": release.title_ko,
                "status": release.status,
                "withdrawal_notice": release.withdrawal_notice_ko or "",
                "version": release.version,
                "updated_at": release.updated_at.isoformat(),
                "body": release.body_ko,
                "modify_id": record.modify_id if record else None,
                "photos": [_files(photo, default_storage) for photo in release.photos.all()],
            }
        )
    return {"releases": releases}


def page(slug: str, host: str) -> None:
    """A release's public page as a reader gets it."""
    from django.test import Client

    from briefing.releases.models import Release

    url = Release.objects.get(slug=slug).get_absolute_url()
    response = Client().get(url, HTTP_HOST=host)
    emit({"status": response.status_code, "html": response.content.decode()})
