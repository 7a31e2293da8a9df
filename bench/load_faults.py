"""Load without loss, with faults: gunicorn on PostgreSQL and Redis, loopback only.

    .venv/bin/python bench/load_faults.py [--seconds 20] [--citizens 150] [--workers 4]

Three phases of the same mixed traffic (citizens posting honest, rule-breaking and held comments,
citizens reporting, readers loading pages, moderators deciding when the moderation desk exists):
1. steady load; 2. PostgreSQL restarted mid-phase; 3. Redis stopped mid-phase, then started again.
Afterwards it checks from the database that every post the site accepted is stored exactly once,
that every refused post left nothing, and that no request got a 500. Requests during the
PostgreSQL outage must get a clean 503 page; a post answered 503 may or may not have been stored
(the client was told it failed), and it is reported, never counted as lost.
It prints the figures: sent, accepted, refused, 503, 500, lost (must be 0), duplicated (must be 0).
Every loop is bounded by --seconds per phase; traffic goes to 127.0.0.1 only.
"""

import argparse
import http.client
import json
import os
import random
import secrets
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = 8766
DATABASE_URL = "postgres://postgres@127.0.0.1:5432/briefing_load"
REDIS_URL = "redis://127.0.0.1:6379/13"
SLUG = "pps-overseas-procurement-record-2024"
HONEST = [
    "해외조달 수출 실적이 {n}% 늘었다니 반가운 소식입니다. 지방 중소기업 지원도 부탁드립니다.",
    "G-PASS 기업 지정 기준과 {n}차 신청 일정을 안내해 주시면 좋겠습니다.",
    "성과는 좋지만 예산 {n}억 원의 집행 내역도 함께 공개해 주세요.",
]
PERSONAL = "제 번호는 010-{a:04d}-{b:04d} 입니다 연락주세요"
HELD = "자세한 내용은 http://example-{n}.com/info 에서 확인하세요"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20, help="length of each phase")
    parser.add_argument("--citizens", type=int, default=150)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=12)
    return parser.parse_args()


def environment():
    return {
        **os.environ,
        "DEBUG": "",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "CONN_MAX_AGE": "0",
        "LOG_LEVEL": "ERROR",
        "ACCESS_LOG": "0",
        "MEDIA_ROOT": str(PROJECT / "bench" / "results" / "load-media"),
    }


def manage(env, *arguments):
    return subprocess.run(  # noqa: S603
        [PYTHON, str(PROJECT / "manage.py"), *arguments],
        env=env, cwd=PROJECT, check=True, text=True, capture_output=True,
    ).stdout  # fmt: skip


def prepare(env, citizens):
    subprocess.run(  # noqa: S603, S607
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-c", "DROP DATABASE IF EXISTS briefing_load"],
        capture_output=True, check=False,
    )  # fmt: skip
    subprocess.run(  # noqa: S603, S607
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-c", "CREATE DATABASE briefing_load"],
        capture_output=True, check=True,
    )  # fmt: skip
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "loaddata", "seed", "-v0")
    code = f"""
import json
from datetime import timedelta
from django.contrib.auth import get_user_model, BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from briefing.comments.models import CitizenProfile
User = get_user_model()
def session_for(user):
    s = SessionStore()
    s[SESSION_KEY] = str(user.pk); s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash(); s.create(); return s.session_key
citizens = []
for i in range({citizens}):
    u = User.objects.create_user(f"load-{{i}}", password=None, date_joined=timezone.now() - timedelta(days=30))
    CitizenProfile.objects.create(user=u, display_name=f"부하시험{{i}}")
    citizens.append(session_for(u))
moderators = []
group = Group.objects.filter(name="Moderators").first()
for i in range(2):
    u = User.objects.create_user(f"load-mod-{{i}}", password=None, is_staff=True)
    if group: u.groups.add(group)
    moderators.append(session_for(u))
print(json.dumps({{"citizens": citizens, "moderators": moderators}}))
"""
    return json.loads(manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()[-1])


def start_gunicorn(env, workers):
    process = subprocess.Popen(  # noqa: S603
        [str(Path(PYTHON).parent / "gunicorn"), "briefing.wsgi", "--bind", f"127.0.0.1:{PORT}",
         "--workers", str(workers), "--timeout", "60", "--log-level", "error"],
        env=env, cwd=PROJECT, start_new_session=True,
    )  # fmt: skip
    for _ in range(100):
        try:
            request("GET", "/robots.txt")
            return process
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def request(method, path, *, body=None, cookies=""):
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    headers = {"Cookie": cookies}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urllib.parse.urlencode(body)
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    content = response.read()
    connection.close()
    return response.status, content


class Ledger:
    """What the clients were told, to compare with what the database holds."""

    def __init__(self):
        self.lock = threading.Lock()
        self.posts = []  # (marker, kind, status)
        self.statuses = Counter()

    def record(self, status, post=None):
        with self.lock:
            self.statuses[status] += 1
            if post:
                self.posts.append((*post, status))


def citizen_loop(ledger, sessions, deadline, rng):
    csrf = secrets.token_hex(16)
    while time.monotonic() < deadline:
        session = rng.choice(sessions)
        cookies = f"sessionid={session}; csrftoken={csrf}"
        choice = rng.random()
        if choice < 0.35:
            status, _ = request("GET", f"/ko/briefing/press-releases/{SLUG}/", cookies=cookies)
            ledger.record(status)
            continue
        marker = secrets.token_hex(6)
        if choice < 0.75:
            kind, text = "honest", rng.choice(HONEST).format(n=rng.randint(1, 99)) + f" ({marker})"
        elif choice < 0.9:
            kind, text = (
                "personal",
                PERSONAL.format(a=rng.randint(0, 9999), b=rng.randint(0, 9999)) + f" {marker}",
            )
        else:
            kind, text = "held", HELD.format(n=rng.randint(1, 999)) + f" {marker}"
        try:
            status, content = request(
                "POST", f"/ko/comments/on/{SLUG}/post/",
                body={"text": text, "csrfmiddlewaretoken": csrf}, cookies=cookies,
            )  # fmt: skip
        except OSError:
            ledger.record("connection-error", (marker, kind))
            continue
        ledger.record(status, (marker, kind))


def reader_loop(ledger, deadline, rng):
    paths = ["/ko/briefing/press-releases/", f"/en/briefing/press-releases/{SLUG}/",
             "/ko/briefing/press-releases/?q=%EC%A1%B0%EB%8B%AC", "/api/press-releases/?startDate=20240101&endDate=20241231"]  # fmt: skip
    while time.monotonic() < deadline:
        try:
            status, _ = request("GET", rng.choice(paths))
        except OSError:
            status = "connection-error"
        ledger.record(status)


def run_phase(name, args, sessions, fault=None):
    ledger = Ledger()
    deadline = time.monotonic() + args.seconds
    rng = random.Random(name)
    threads = [threading.Thread(target=citizen_loop, args=(ledger, sessions["citizens"], deadline, random.Random(i)))
               for i in range(args.threads)]  # fmt: skip
    threads += [
        threading.Thread(target=reader_loop, args=(ledger, deadline, rng)) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    if fault:
        time.sleep(args.seconds / 3)
        fault()
    for thread in threads:
        thread.join()
    return ledger


def restart_postgres():
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(  # noqa: S603, S607
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart", "-m", "fast"],
        check=True, capture_output=True,
    )  # fmt: skip


def stop_and_restart_redis(pause):
    subprocess.run(["redis-cli", "-h", "127.0.0.1", "shutdown", "nosave"], capture_output=True)  # noqa: S603, S607

    def restart():
        time.sleep(pause)
        subprocess.run(  # noqa: S603, S607
            ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379",
             "--save", "", "--appendonly", "no"],
            capture_output=True,
        )  # fmt: skip

    threading.Thread(target=restart).start()


def verify(env, ledgers):
    posts = [post for ledger in ledgers for post in ledger.posts]
    markers = [marker for marker, _kind, _status in posts]
    code = (
        "import json\nfrom briefing.comments.models import Comment\nfrom collections import Counter\n"
        f"markers = {markers!r}\n"
        "texts = Comment.objects.filter(author__username__startswith='load-').values_list('text', flat=True)\n"
        "found = Counter(m for t in texts for m in markers if m in t)\n"
        "print(json.dumps(found))\n"
    )
    found = json.loads(manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()[-1])
    figures = Counter()
    for marker, kind, status in posts:
        stored = found.get(marker, 0)
        figures["sent"] += 1
        if status == 302:
            figures["accepted"] += 1
            figures["lost"] += stored == 0
            figures["duplicated"] += stored > 1
        elif status == 200:
            figures["refused"] += 1
            figures["refused but stored"] += stored > 0
        elif status == 503:
            figures["503 (told to retry)"] += 1
            figures["503 yet stored"] += stored > 0
        else:
            figures[f"other {status}"] += 1
        figures[f"kind {kind}"] += 1
    return figures


def main():
    args = parse_args()
    env = environment()
    print("Preparing PostgreSQL database briefing_load, citizens and sessions ...", flush=True)
    sessions = prepare(env, args.citizens)
    process = start_gunicorn(env, args.workers)
    ledgers, report = [], []
    try:
        phases = [
            ("steady", None),
            ("postgres restart", restart_postgres),
            ("redis stopped", lambda: stop_and_restart_redis(args.seconds / 3)),
        ]
        for name, fault in phases:
            ledger = run_phase(name, args, sessions, fault)
            ledgers.append(ledger)
            report.append((name, ledger.statuses))
            time.sleep(2)
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)
    figures = verify(env, ledgers)
    print("\nphase               requests  statuses")
    for name, statuses in report:
        print(f"{name:<20}{sum(statuses.values()):>8}  {dict(sorted(statuses.items(), key=str))}")
    print("\ncomment posts:")
    for key in ("sent", "accepted", "refused", "503 (told to retry)", "lost", "duplicated",
                "refused but stored", "503 yet stored"):  # fmt: skip
        print(f"  {key:<22}{figures.get(key, 0):>7}")
    errors_500 = sum(statuses.get(500, 0) for _n, statuses in report)
    print(f"  {'HTTP 500 responses':<22}{errors_500:>7}")
    ok = figures.get("lost", 0) == 0 and figures.get("duplicated", 0) == 0 and errors_500 == 0
    ok = ok and figures.get("refused but stored", 0) == 0
    print("\nRESULT:", "no loss, no 500" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
