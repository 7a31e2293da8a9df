"""What a web worker holds: the posting rules' checks load with the first comment, not with pages.

Every gunicorn worker imports the URLconf, and through it the comments app and the rules
registry the release page shows. The checks behind them (the engine with every validator's
patterns, pyahocorasick, python-bidi, rapidfuzz, the learned model) are only needed to judge a
comment, and the QR-code library only to set up a staff authenticator. A fresh process stands in
for a worker here; the megabytes themselves are measured by bench/worker_memory.py, not by a test.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent

#: Loaded by judging a comment, never by serving a page: the engine and its lexicons' automata
#: for every comment, python-bidi and rapidfuzz only for the comments that need them (reordered
#: text; an author's or a release's recent comments to compare with).
CHECK_MODULES = ("briefing.rules.engine", "ahocorasick", "bidi", "rapidfuzz")
EVERY_CHECK = ("briefing.rules.engine", "ahocorasick")
#: Loaded by neither.
NEVER_BY_READERS = ("segno", "confusable_homoglyphs", "PIL")

#: Made before the worker starts, like the seed: saving a display name loads the confusables.
A_CITIZEN = """
from django.contrib.auth import get_user_model
from django.utils import timezone
from briefing.comments.models import CitizenProfile
user = get_user_model().objects.create_user("minji", "minji@example.com", "pw-not-used-1")
CitizenProfile.objects.create(user=user, display_name="민지", email_verified_at=timezone.now())
"""

A_WORKER = """
import json, sys
import django
django.setup()
from django.test import Client
from briefing.wsgi import application
from briefing.rules import learned
from briefing.comments.models import Comment

def loaded():
    names = CHECK_MODULES + NEVER_BY_READERS
    return {"modules": [n for n in names if n in sys.modules],
            "model": learned._installed.model is not None}

slug = "pps-overseas-procurement-record-2024"
page = f"/ko/briefing/press-releases/{slug}/"
client = Client()
reader = client.get(page)
listing = client.get("/ko/briefing/press-releases/")
feed = client.get("/ko/briefing/press-releases/feed/rss/")
out = {"reader": [reader.status_code, listing.status_code, feed.status_code],
       "shows_rules": "수사기관 등의 공식적인 요청이 있는 경우" in reader.content.decode()}
out["after_pages"] = loaded()

from django.contrib.auth import get_user_model
client.force_login(get_user_model().objects.get(username="minji"))
signed_in = client.get(page)
out["signed_in_form"] = 'name="text"' in signed_in.content.decode()
out["after_signed_in_page"] = loaded()
posted = client.post(f"/ko/comments/on/{slug}/post/",
                     {"text": "해외조달 실적이 늘었다니 반갑습니다. 지원 일정도 알려 주세요."})
out["post"] = posted.status_code
out["stored"] = list(Comment.objects.values_list("status", flat=True))
out["after_post"] = loaded()
print(json.dumps(out))
"""


def run_a_worker(tmp_path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "briefing.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'memory.sqlite3'}",
        "SECRET_KEY": "memory-test-secret-key",
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_PLAIN_STORAGE": "1",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "RULES_MODEL_FILE": str(tmp_path / "no-retrained-model.bin"),  # the shipped model
    }
    env.pop("REDIS_URL", None)
    setup = (["migrate", "-v0"], ["loaddata", "seed", "-v0"], ["shell", "-c", A_CITIZEN])
    for command in setup:
        subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *command], cwd=PROJECT, env=env, check=True
        )
    code = (
        f"CHECK_MODULES = {CHECK_MODULES!r}\nNEVER_BY_READERS = {NEVER_BY_READERS!r}\n" + A_WORKER
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=PROJECT, env=env, check=True, capture_output=True,
        text=True,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_pages_load_no_check_and_the_first_comment_loads_them_and_is_judged(tmp_path):
    report = run_a_worker(tmp_path)
    # Readers got the release page (posting rules included), the list and the feed.
    assert report["reader"] == [200, 200, 200]
    assert report["shows_rules"] is True
    assert report["after_pages"] == {"modules": [], "model": False}
    # A signed-in citizen sees the comment form: still nothing of the checks.
    assert report["signed_in_form"] is True
    assert report["after_signed_in_page"] == {"modules": [], "model": False}
    # The first comment of the worker is judged by all the rules and published.
    assert report["post"] == 302
    assert report["stored"] == ["published"]
    assert report["after_post"]["model"] is True
    assert set(EVERY_CHECK) <= set(report["after_post"]["modules"])
    assert not set(NEVER_BY_READERS) & set(report["after_post"]["modules"])
