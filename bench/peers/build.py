"""Builds the peer sites for `bench/run.py --peers` (which starts and measures them) in
bench/results/peers/ (ignored by git), with a virtual environment of their own: nothing of theirs
enters the project's dependencies. Each step runs once and is skipped the next time while what
it was made from is unchanged (a stamp holds a hash of its inputs): the venv (requirements.txt
and our Django version), each peer's schema (its code and migrations, the database kind) and its
data (content.json).

The peers (each its own gunicorn, 2 sync workers, production settings, like ours):
  bare     plainpeer: our page's content rendered by Django from a dict, no database
  plain    plainpeer: the same page from the database (release and ministry, photos, comments,
           the two neighbours)
  wagtail  wagtailpeer: a Wagtail page with the same content (StreamField, images and
           renditions, snippet, inline statistics, contacts and attachments, readers' comments)
"""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import content  # noqa: E402 - bench/peers/content.py, standard library only

POSTGRES = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c"]


def _digest(*parts):
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path) and part.is_dir():
            for file in sorted(part.rglob("*")):
                if file.is_file() and "__pycache__" not in file.parts:
                    digest.update(file.relative_to(part).as_posix().encode())
                    digest.update(file.read_bytes())
        elif isinstance(part, Path):
            digest.update(part.read_bytes())
        else:
            digest.update(str(part).encode())
    return digest.hexdigest()


def _stamped(stamp, digest):
    return stamp.exists() and stamp.read_text() == digest


class Peers:
    def __init__(self, scratch, database, django_version):
        self.scratch = Path(scratch)
        self.data = self.scratch / "data"
        self.venv = self.scratch / "venv"
        self.python = self.venv / "bin" / "python"
        self.gunicorn = self.venv / "bin" / "gunicorn"
        self.database = database
        self.django_version = django_version

    def environment(self, package):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", "/root"),
            "LANG": "C.UTF-8",
            "PYTHONPATH": str(HERE),
            "DJANGO_SETTINGS_MODULE": f"{package}.settings",
            "PEER_DATA": str(self.data),
        }
        if self.database == "postgres":
            env["PEER_POSTGRES"] = "1"
        return env

    def run(self, package, *arguments, capture=False, extra=None):
        return subprocess.run(  # noqa: S603 - the peers' own python
            [str(self.python), *arguments],
            env={**self.environment(package), **(extra or {})}, cwd=HERE, check=True,
            text=True, capture_output=capture,
        )  # fmt: skip

    def ensure_venv(self):
        requirements = HERE / "requirements.txt"
        stamp = self.venv / "bench-stamp"
        digest = _digest(requirements, self.django_version)
        if _stamped(stamp, digest):
            return
        print("Peers: making their virtual environment (once) ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(self.venv)], check=True)  # noqa: S603
        constraint = self.scratch / "constraints.txt"
        constraint.write_text(f"Django=={self.django_version}\n")
        subprocess.run(  # noqa: S603
            [str(self.python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
             "-r", str(requirements), "-c", str(constraint)],
            check=True,
        )  # fmt: skip
        stamp.write_text(digest)

    def versions(self):
        code = "import django, wagtail; print(django.get_version(), wagtail.__version__)"
        django, wagtail = self.run("plainpeer", "-c", code, capture=True).stdout.split()
        return {"django": django, "wagtail": wagtail}

    def ensure_data(self, page_file, media, slug):
        """content.json and the chrome from our page; each peer's database made (migrate: once
        per schema, a minute for Wagtail's) and loaded (again whenever our page changed, as it
        does when the benchmark's posts add comments to it)."""
        content.write(page_file, self.data)
        wagtail = self.versions()["wagtail"]
        for package in ("plainpeer", "wagtailpeer"):
            name = package.removesuffix("peer")
            schema_stamp = self.data / f"{name}-{self.database}.schema"
            schema = _digest(HERE / package, HERE / "peercommon.py", self.database, wagtail)
            if not _stamped(schema_stamp, schema):
                print(f"Peers: making the {name} peer's {self.database} database (once) ...",
                      flush=True)  # fmt: skip
                self._empty_database(name)
                self.run(package, "-m", "django", "migrate", "--noinput", "-v0")
                schema_stamp.write_text(schema)
            data_stamp = self.data / f"{name}-{self.database}.stamp"
            loaded = _digest(schema, self.data / "content.json", slug)
            if not _stamped(data_stamp, loaded):
                print(f"Peers: loading our page into the {name} peer ...", flush=True)
                self.run(package, f"{package}/load.py", slug, extra={"PEER_OUR_MEDIA": str(media)})
                data_stamp.write_text(loaded)

    def _empty_database(self, name):
        if self.database == "postgres":
            database = f"bench_peer_{name}"
            subprocess.run([*POSTGRES, f"DROP DATABASE IF EXISTS {database}"], check=True)  # noqa: S603
            subprocess.run([*POSTGRES, f"CREATE DATABASE {database}"], check=True)  # noqa: S603
        else:
            for suffix in ("", "-wal", "-shm"):
                (self.data / f"{name}.sqlite3{suffix}").unlink(missing_ok=True)

    def queries(self, package, path):
        """Queries for one request after a first one (the peers keep no cache to clear)."""
        code = (
            "import django, json; django.setup()\n"
            "from django.db import connection\n"
            "from django.test import Client\n"
            "from django.test.utils import CaptureQueriesContext\n"
            "client = Client(HTTP_HOST='127.0.0.1')\n"
            f"assert client.get({path!r}).status_code == 200\n"
            "with CaptureQueriesContext(connection) as ctx:\n"
            f"    client.get({path!r})\n"
            "print(json.dumps(len(ctx.captured_queries)))\n"
        )
        return json.loads(self.run(package, "-c", code, capture=True).stdout.split()[-1])
