"""What both peer sites share: where their data lives, their database, production settings and
the content read from our page (content.py). Imported by the peers' settings, in their own
virtual environment; nothing here imports briefing."""

import json
import os
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
# content.json and chrome-*.html: bench/results/peers/data, as bench/peers/build.py sets it.
DATA = Path(os.environ.get("PEER_DATA") or HERE.parent / "results" / "peers" / "data")


def databases(name):
    """SQLite in the data folder, or PostgreSQL (PEER_POSTGRES=1) at 127.0.0.1 as --database
    postgres uses it; connections kept like ours (CONN_MAX_AGE 60, health checks)."""
    if os.environ.get("PEER_POSTGRES"):
        default = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": f"bench_peer_{name}",
            "USER": "postgres",
            "HOST": "127.0.0.1",
            "PORT": "5432",
        }
    else:
        default = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA / f"{name}.sqlite3"),
            # The same pragmas as ours (briefing/settings.py): a fair comparison.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    return {"default": {**default, "CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}}


def production(settings):
    """The settings a production Django site runs with, as ours do in the benchmark."""
    settings.update(
        DEBUG=False,
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-peer-not-secret"),
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        USE_TZ=True,
        TIME_ZONE="Asia/Seoul",
        LANGUAGE_CODE="ko",
        USE_I18N=True,
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        STATIC_URL="/static/",
        STATIC_ROOT=str(DATA / "static"),
        MEDIA_URL="/media/",
        SECURE_CONTENT_TYPE_NOSNIFF=True,
        X_FRAME_OPTIONS="DENY",
        LOGGING={"version": 1, "disable_existing_loggers": False},
    )


def templates(*, context_processors=()):
    # DEBUG off: Django wraps the loaders in the cached loader, as in production.
    return [{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [str(HERE / "templates")],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": [
            "django.template.context_processors.request",
            "peercommon.chrome",
            *context_processors,
        ]},
    }]  # fmt: skip


@cache
def _chrome():
    return {name: (DATA / f"chrome-{name}.html").read_text(encoding="utf-8")
            for name in ("head", "rules", "tail")}  # fmt: skip


def chrome(request):
    """The fixed markup around the article (content.py), read once per worker."""
    return {"chrome": _chrome()}


def when(text):
    return datetime.fromisoformat(text)


@cache
def content():
    """Our page's content (content.json), with its dates as datetimes."""
    data = json.loads((DATA / "content.json").read_text(encoding="utf-8"))
    data["published_at"] = when(data["published"])
    for comment in data["comments"]:
        comment["created_at"] = when(comment["datetime"])
    return data


def all_comments(data):
    """As many comments as our page counts: its first page, then copies of it a year further
    back for each further page, so a peer reads one page of many from an index, as ours does.
    In page order: shown times have whole seconds, and comments posted within one second are
    told apart by id (the peers order by -created_at, then id)."""
    shown = data["comments"]
    for index in range(data["comment_count"]):
        comment = shown[index % len(shown)]
        back = timedelta(days=365 * (index // len(shown)))
        yield {**comment, "created_at": comment["created_at"] - back}


def link(neighbour):
    return neighbour and {
        "title": neighbour["title"],
        "url": f"/ko/briefing/press-releases/{neighbour['slug']}/",
    }


def page_context(data):
    """The template's context from content.json's dict: the bare render's whole work."""
    return {
        "r": data,
        "ministry": {"name": data["ministry"], "code": data["ministry_code"]},
        "subtitles": data["subtitles"],
        "parts": data["parts"],
        "contacts": data["contacts"],
        "attachments": data["attachments"],
        "statistics": data["statistics"]["rows"],
        "chart": data["statistics"]["chart"],
        "comments": data["comments"],
        "comment_count": data["comment_count"],
        "comment_pages": data["comment_pages"],
        "older": link(data["older"]),
        "newer": link(data["newer"]),
    }
