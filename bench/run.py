"""Benchmark: gunicorn (2 workers, production settings) on 127.0.0.1, loaded by wrk.

    .venv/bin/python bench/run.py                       # SQLite, full scale
    .venv/bin/python bench/run.py --database postgres   # PostgreSQL at 127.0.0.1:5432
    .venv/bin/python bench/run.py --scale small         # 1,000 releases, 20,000 comments

It prints, for each page: requests per second, p50 and p99 latency (medians of --runs runs), the
throughput as a ratio to a bare Django render of the same detail markup from a constant dict
(measured in the same server run), queries per request, and the workers' peak memory (RSS).

The release page is measured at each caching layer, each in its own server run:
  nothing cached   PAGE_CACHE=0 FRAGMENT_CACHE=0, caches cleared before counting queries
  page shell       PAGE_CACHE=0: the cached shell around a live comment section
  whole page       the default: anonymous pages from the cache
  nginx            an nginx micro-cache in front (the README's example), if nginx is installed
and beside them the ceiling: gunicorn serving the page's bytes from a bare WSGI app (bench/ceiling.py).
Figures come from this script, never from a timed test. Traffic goes to 127.0.0.1 only and every
wrk run is bounded by --duration.
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "bench" / "results"
PYTHON = sys.executable
PORT = 8765
HOST = f"http://127.0.0.1:{PORT}"
NGINX_PORT = 8766
SCALES = {
    "full": ["--releases", "10000", "--comments", "500000", "--citizens", "5000"],
    "small": ["--releases", "1000", "--comments", "20000", "--citizens", "500"],
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=1)
    parser.add_argument("--redis", action="store_true", help="share the cache through Redis")
    parser.add_argument("--posts", type=int, default=200, help="comments to post")
    return parser.parse_args()


def environment(args):
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.database == "postgres":
        database_url = f"postgres://postgres@127.0.0.1:5432/bench_{args.scale}"
    else:
        database_url = f"sqlite:///{RESULTS / f'bench-{args.scale}.sqlite3'}"
    env = {
        **os.environ,
        "DEBUG": "",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(RESULTS / "media"),
        "STATIC_ROOT": str(RESULTS / "static"),
        "BENCH_BASELINE": "1",
        "BENCH_BASELINE_FILE": str(RESULTS / "baseline.html"),
        # Posting is measured through every rule; the per-citizen limits would otherwise turn
        # most posts into instant refusals and measure only the limiter.
        "COMMENTS_MIN_INTERVAL_SECONDS": "0",
        "COMMENTS_PER_DAY": "100000",
        "COMMENTS_PER_RELEASE_PER_DAY": "100000",
        "LOG_LEVEL": "WARNING",
        "ACCESS_LOG": "0",  # gunicorn.conf.py: measure the site, not its log
    }
    if args.redis:
        env["REDIS_URL"] = "redis://127.0.0.1:6379/14"
    else:
        env.pop("REDIS_URL", None)
    return env


def manage(env, *arguments, capture=False):
    return subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, str(PROJECT / "manage.py"), *arguments],
        env=env, cwd=PROJECT, check=True, text=True,
        capture_output=capture,
    )  # fmt: skip


def prepare_database(args, env):
    if args.database == "postgres":
        subprocess.run(  # noqa: S603, S607
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-c", f"CREATE DATABASE bench_{args.scale}"],
            capture_output=True, check=False,
        )  # fmt: skip
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    count = manage(env, "shell", "--no-imports", "-c",
                   "from briefing.releases.models import Release;"
                   "print(Release.objects.filter(slug__startswith='bench-').count())",
                   capture=True).stdout.strip().splitlines()[-1]  # fmt: skip
    if count == "0":
        print(f"Generating {args.scale} synthetic data on {args.database} (once) ...", flush=True)
        manage(env, "generate_synthetic_data", *SCALES[args.scale])


def start_gunicorn(env, app="briefing.wsgi"):
    for _ in range(50):  # the previous server may still hold the port for a moment
        try:
            urllib.request.urlopen(f"{HOST}/robots.txt", timeout=0.2)  # noqa: S310 - loopback
            time.sleep(0.2)
        except OSError:
            break
    process = subprocess.Popen(  # noqa: S603
        [str(Path(PYTHON).parent / "gunicorn"), app, "--bind", f"127.0.0.1:{PORT}",
         "--workers", "2", "--log-level", "warning"],
        env=env, cwd=PROJECT, start_new_session=True,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{HOST}/robots.txt", timeout=1)  # noqa: S310 - loopback
            return process
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


def worker_peak_rss_mb(process):
    children = subprocess.run(  # noqa: S603, S607
        ["pgrep", "-P", str(process.pid)], capture_output=True, text=True
    ).stdout.split()
    peaks = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024)
    return max(peaks) if peaks else float("nan")


WRK_LINE = re.compile(r"Requests/sec:\s+([\d.]+)")
WRK_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)


def run_wrk(url, args):
    output = subprocess.run(  # noqa: S603, S607
        ["wrk", "-t1", f"-c{args.connections}", f"-d{args.duration}s", "--latency", url],
        capture_output=True, text=True, timeout=args.duration + 30,
    ).stdout  # fmt: skip
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    latency = {p: float(v) * scale[u] for p, v, u in WRK_LATENCY.findall(output)}
    return float(WRK_LINE.search(output).group(1)), latency.get("50"), latency.get("99")


def measure(url, args):
    # A second of warm-up first: each worker's first requests import modules, compile templates
    # and fill caches, which is start-up cost, not the page's steady-state latency.
    run_wrk(url, argparse.Namespace(**{**vars(args), "duration": 1}))
    runs = [run_wrk(url, args) for _ in range(args.runs)]
    return tuple(statistics.median(values) for values in zip(*runs, strict=True))


def queries_per_request(env, paths, *, cold=True):
    """Queries each page runs, counted in-process with the test client on the same database:
    with every cache cleared (cold), or after one request has filled them."""
    code = (
        "import json,sys\n"
        "from django.core.cache import cache\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client(HTTP_HOST='127.0.0.1')\n"
        f"paths = {paths!r}\n"
        "out = {}\n"
        "for path in paths:\n"
        "    cache.clear()\n"
        "    client.get(path)\n"
        f"    {'cache.clear()' if cold else 'pass'}\n"
        "    with CaptureQueriesContext(connection) as ctx:\n"
        "        client.get(path)\n"
        "    out[path] = len(ctx.captured_queries)\n"
        "print(json.dumps(out))\n"
    )
    result = manage(env, "shell", "--no-imports", "-c", code, capture=True)
    import json

    return json.loads(result.stdout.strip().splitlines()[-1])


SESSIONS_CODE = """
import json
from django.contrib.auth import get_user_model, BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
out = []
for user in get_user_model().objects.filter(username__startswith="bench-citizen-").order_by("pk")[:COUNT]:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    out.append(session.session_key)
print(json.dumps(out))
"""
OPENINGS = [
    "수출 실적이 {n}% 늘었다니 반갑습니다.",
    "예산 {n}억 원의 쓰임새가 궁금합니다.",
    "해외 전시회 {n}차 지원 일정을 알려주세요.",
    "Good news for {n} exporters.",
]
MIDDLES = [
    "지역 중소기업도 혜택을 받을 수 있으면 좋겠습니다.",
    "세부 내역을 공개해 주시면 좋겠습니다.",
    "신청 자격과 절차를 쉽게 안내해 주세요.",
    "Could you publish the figures by region?",
    "작년과 비교한 수치도 함께 보고 싶습니다.",
    "현장의 목소리를 더 들어 주셨으면 합니다.",
]
CLOSINGS = ["감사합니다.", "응원합니다.", "검토 부탁드립니다.", "Thanks.", "기대하겠습니다."]


def post_text(rng, index):
    """Varied honest comments: identical texts would (rightly) be refused by rule 11."""
    return " ".join([
        rng.choice(OPENINGS).format(n=rng.randint(2, 999)),
        *rng.sample(MIDDLES, 2),
        rng.choice(CLOSINGS),
        f"({index}-{rng.randint(1000, 9999)})",
    ])  # fmt: skip


def citizen_sessions(env, count):
    import json

    code = SESSIONS_CODE.replace("COUNT", str(count))
    result = manage(env, "shell", "--no-imports", "-c", code, capture=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def post_comments(sessions, slug, count):
    """Logged-in citizens post through every rule; returns latencies (ms) and status counts."""
    import http.client
    import random
    import urllib.parse

    rng = random.Random()
    csrf = secrets.token_hex(16)  # a 32-character secret, sent as cookie and form field alike
    latencies, statuses = [], {}
    path = f"/ko/comments/on/{slug}/post/"
    for index in range(count):
        body = urllib.parse.urlencode({
            "text": post_text(rng, index),
            "csrfmiddlewaretoken": csrf,
        })  # fmt: skip
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={sessions[index % len(sessions)]}; csrftoken={csrf}",
        }
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        started = time.perf_counter()
        connection.request("POST", path, body=body, headers=headers)
        status = connection.getresponse().status
        latencies.append((time.perf_counter() - started) * 1000)
        connection.close()
        statuses[status] = statuses.get(status, 0) + 1
    return latencies, statuses


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def serve_and_measure(env, pages, args, *, proxied=()):
    """Measure pages on one gunicorn; `proxied` pages go through the nginx micro-cache."""
    process = start_gunicorn(env)
    try:
        rows = {name: measure(HOST + path, args) for name, path in pages.items()}
        if proxied:
            with nginx_micro_cache() as proxy:
                rows.update({name: measure(proxy + path, args) for name, path in proxied})
        return rows, worker_peak_rss_mb(process)
    finally:
        stop(process)


NGINX_CONF = """
daemon off;
user root;
worker_processes 1;
pid {results}/nginx.pid;
error_log {results}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {results}/nginx-tmp/body;
    proxy_temp_path {results}/nginx-tmp/proxy;
    fastcgi_temp_path {results}/nginx-tmp/fastcgi;
    uwsgi_temp_path {results}/nginx-tmp/uwsgi;
    scgi_temp_path {results}/nginx-tmp/scgi;
    proxy_cache_path {results}/nginx-cache levels=1:2 keys_zone=briefing:10m max_size=200m
                     inactive=10m use_temp_path=off;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_set_header Host $host;
            proxy_cache briefing;
            proxy_cache_bypass $cookie_sessionid;
            proxy_no_cache $cookie_sessionid;
            proxy_cache_use_stale updating error timeout;
            proxy_cache_lock on;
            add_header X-Proxy-Cache $upstream_cache_status;
        }}
    }}
}}
"""


class nginx_micro_cache:  # noqa: N801 - used as a context manager, like open()
    """nginx in front of the running gunicorn with the README's micro-cache settings; the cache
    honours the pages' own Cache-Control (s-maxage=60), so only what Django marks public is held."""

    def __enter__(self):
        for folder in ("nginx-cache", "nginx-tmp"):
            shutil.rmtree(RESULTS / folder, ignore_errors=True)
            (RESULTS / folder).mkdir()
        conf = RESULTS / "nginx.conf"
        conf.write_text(NGINX_CONF.format(results=RESULTS, port=NGINX_PORT, upstream=PORT))
        self.process = subprocess.Popen(  # noqa: S603
            [shutil.which("nginx"), "-c", str(conf), "-p", str(RESULTS)], start_new_session=True
        )
        proxy = f"http://127.0.0.1:{NGINX_PORT}"
        for _ in range(50):
            try:
                urllib.request.urlopen(f"{proxy}/robots.txt", timeout=1)  # noqa: S310 - loopback
                return proxy
            except OSError:
                time.sleep(0.1)
        raise SystemExit("nginx did not start: see bench/results/nginx-error.log")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=20)


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    env = environment(args)
    prepare_database(args, env)
    slug = "bench-500-comments"
    detail = f"/ko/briefing/press-releases/{slug}/"
    baseline = {BASELINE: "/__bench__/baseline/"}
    pages = {
        "list page 1": "/ko/briefing/press-releases/",
        "list page 400": "/ko/briefing/press-releases/?page=400",
        "list + ministry filter": "/ko/briefing/press-releases/?ministry=B00013",
        "keyword search": "/ko/briefing/press-releases/?q=%EC%A1%B0%EB%8B%AC",
        "detail, 500 comments": detail,
        "feed (RSS)": "/ko/briefing/press-releases/feed/rss/",
    }
    uncached_env = {**env, "PAGE_CACHE": "0", "FRAGMENT_CACHE": "0"}
    shell_env = {**env, "PAGE_CACHE": "0"}
    process = start_gunicorn(uncached_env)
    try:
        with urllib.request.urlopen(HOST + detail) as response:  # noqa: S310 - loopback
            (RESULTS / "baseline.html").write_bytes(response.read())
    finally:
        stop(process)

    sections = []  # (title, rows, queries by row name)
    uncached, rss = serve_and_measure(uncached_env, {**baseline, **pages}, args)
    cold = queries_per_request(uncached_env, list(pages.values()))
    sections.append(("nothing cached", uncached, {n: cold[p] for n, p in pages.items()}))

    shell, shell_rss = serve_and_measure(
        shell_env, {**baseline, "detail, page shell": detail}, args
    )
    warm = queries_per_request(shell_env, [detail], cold=False)
    sections.append(
        ("page shell cached, comments live", shell, {"detail, page shell": warm[detail]})
    )

    proxied = [("detail via nginx micro-cache", detail)] if shutil.which("nginx") else []
    cached_pages = {
        **baseline,
        "detail (whole page)": detail,
        "list page 1 (whole page)": pages["list page 1"],
    }
    cached, cached_rss = serve_and_measure(env, cached_pages, args, proxied=proxied)
    sections.append(("whole page cached" + (" / nginx in front" if proxied else ""), cached, {}))

    process = start_gunicorn(env, app="bench.ceiling:application")
    try:
        ceiling = measure(HOST + "/", args)
    finally:
        stop(process)

    sessions = citizen_sessions(env, min(args.posts, 500))
    process = start_gunicorn(env)
    try:
        # Ten unmeasured posts first, as every page gets a warm-up: a worker's first post loads
        # the rules' lexicons and libraries, which is start-up cost, not a post's latency.
        post_comments(sessions, slug, 10)
        latencies, statuses = post_comments(sessions, slug, args.posts)
    finally:
        stop(process)

    print(f"\nbriefing benchmark — {args.database}, scale {args.scale}, c={args.connections}, "
          f"{args.runs}×{args.duration}s per page, medians of runs")  # fmt: skip
    print(f"{'page':<30}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'× base':>8}{'queries':>9}")
    for title, rows, queries in sections:
        base = rows[BASELINE][0]
        print(f"-- {title} (baseline measured in the same server run)")
        for name, (rps, p50, p99) in rows.items():
            count = queries.get(name, "")
            print(f"{name:<30}{rps:>9.0f}{p50:>9.2f}{p99:>9.2f}{rps / base:>8.2f}{count!s:>9}")
    rps, p50, p99 = ceiling
    base = statistics.median(rows[BASELINE][0] for _title, rows, _queries in sections)
    print("-- ceiling: gunicorn serving the page's bytes from a bare WSGI app, no Django")
    print(f"{'bench/ceiling.py':<30}{rps:>9.0f}{p50:>9.2f}{p99:>9.2f}{rps / base:>8.2f}")
    print(f"-- posting a comment through all 13 rules ({args.posts} posts, "
          f"{len(sessions)} citizens, sequential)")  # fmt: skip
    print(f"{'post comment':<30}{'':>9}{percentile(latencies, 0.5):>9.2f}"
          f"{percentile(latencies, 0.99):>9.2f}   statuses {statuses}")  # fmt: skip
    print(f"worker peak RSS: {rss:.1f} MB nothing cached, {shell_rss:.1f} MB page shells, "
          f"{cached_rss:.1f} MB whole pages")  # fmt: skip


BASELINE = "baseline (bare render)"


if __name__ == "__main__":
    main()
