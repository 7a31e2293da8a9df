"""A web worker loads only what serving pages needs: each heavy library left out is megabytes of
every worker's memory (bench/run.py prints the workers' peak RSS)."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent

LOAD_A_WORKER = """
import json, sys
import django
django.setup()
from briefing.wsgi import application
from django.test import Client
client = Client()
pages = [client.get(path).status_code for path in ("/ko/briefing/press-releases/", "/robots.txt")]
heavy = ("psycopg", "rapidfuzz", "PIL")
print(json.dumps({"pages": pages, "loaded": [name for name in heavy if name in sys.modules]}))
"""


def test_a_sqlite_worker_serving_pages_loads_neither_psycopg_nor_rapidfuzz_nor_pillow(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "briefing.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'footprint.sqlite3'}",
        "SECRET_KEY": "footprint-test-secret-key",
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
    }
    env.pop("REDIS_URL", None)
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=PROJECT, env=env, check=True
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", LOAD_A_WORKER],
        cwd=PROJECT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["pages"] == [200, 200]
    assert report["loaded"] == []
