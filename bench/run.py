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
import functools
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "bench" / "results"
PYTHON = sys.executable
PORT = 8765  # --port; nginx and the peers take the next ports (see ports())
HOST = f"http://127.0.0.1:{PORT}"
NGINX_PORT = PORT + 1
PEER_PORTS = {"bare": PORT + 2, "plain": PORT + 3, "wagtail": PORT + 4}
CRAWL_PAGES = 1000
CRAWL_SECONDS = 300  # the cold crawl stops here even if the 1,000 pages are not all fetched
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
    parser.add_argument(
        "--port", type=int, default=PORT,
        help="first of the loopback ports used (this one and the next four): two benchmarks "
        "on one machine must not share them, or each measures the other's server",
    )  # fmt: skip
    parser.add_argument(
        "--peers", action="store_true",
        help="also build (once, in bench/results/peers/) and measure, interleaved with our "
        "uncached release page: a bare Django render, a plain Django page and a Wagtail page "
        "with the same content",
    )  # fmt: skip
    parser.add_argument(
        "--slug", default="bench-500-comments",
        help="the release page measured (and copied by the peers)",
    )  # fmt: skip
    args = parser.parse_args()
    ports(args.port)
    return args


def ports(first):
    global PORT, HOST, NGINX_PORT  # noqa: PLW0603 - one run, one set of ports
    PORT, NGINX_PORT = first, first + 1
    HOST = f"http://127.0.0.1:{PORT}"
    PEER_PORTS.update(bare=first + 2, plain=first + 3, wagtail=first + 4)


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


@functools.cache
def gunicorn_knows(gunicorn, flag):
    """Whether this gunicorn has a flag (the peers' venv may hold another version than ours)."""
    result = subprocess.run([str(gunicorn), "--help"], capture_output=True, text=True, check=False)  # noqa: S603
    return flag in result.stdout.split()


def gunicorn_command(gunicorn, app, port):
    """2 sync workers on loopback. --no-control-socket: gunicorn 27 otherwise opens one control
    socket at the same path (~/.gunicorn/gunicorn.ctl) for every instance on the machine, so
    servers started side by side (ours and the peers, or two benchmarks) would take it over from
    each other. Older gunicorns have no control socket and no such flag."""
    command = [str(gunicorn), app, "--bind", f"127.0.0.1:{port}", "--workers", "2",
               "--log-level", "warning"]  # fmt: skip
    if gunicorn_knows(str(gunicorn), "--no-control-socket"):
        command.append("--no-control-socket")
    return command


def wait_for(url, process, *, what="gunicorn"):
    for _ in range(150):
        if process.poll() is not None:
            raise SystemExit(f"{what} exited with status {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310 - loopback
            return process
        except urllib.error.HTTPError:
            return process  # it answers, even if not with 200
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise SystemExit(f"{what} did not start")


def port_is_free(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def start_gunicorn(env, app="briefing.wsgi", *, port=None, gunicorn=None, cwd=PROJECT):
    port = port or PORT
    for _ in range(50):  # the previous server may still hold the port for a moment
        if port_is_free(port):
            break
        time.sleep(0.2)
    else:
        raise SystemExit(f"127.0.0.1:{port} is taken by another program: pick --port")
    process = subprocess.Popen(  # noqa: S603
        gunicorn_command(gunicorn or Path(PYTHON).parent / "gunicorn", app, port),
        env=env, cwd=cwd, start_new_session=True,
    )  # fmt: skip
    return wait_for(f"http://127.0.0.1:{port}/robots.txt", process)


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


def queries_per_request(env, paths):
    """Queries each page runs, counted in-process with the test client on the same database, as
    "steady/cold": steady is a request like those wrk repeats (caches as this configuration
    leaves them after one request), cold the same request with every cache emptied first (a
    first visit, as in the cold crawl). The cache is the in-process one here (CACHE_BACKEND=
    locmem), as in the tests' django_assert_num_queries: the served database cache would add its
    own statements (five per write), which are cache traffic, not the page's queries."""
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
        "    cache.clear()\n"
        "    with CaptureQueriesContext(connection) as cold:\n"
        "        client.get(path)\n"
        "    with CaptureQueriesContext(connection) as steady:\n"
        "        client.get(path)\n"
        "    out[path] = f'{len(steady.captured_queries)}/{len(cold.captured_queries)}'\n"
        "print(json.dumps(out))\n"
    )
    env = {**env, "CACHE_BACKEND": "locmem"}
    env.pop("REDIS_URL", None)
    result = manage(env, "shell", "--no-imports", "-c", code, capture=True)
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


def interleaved(urls, args):
    """Each URL measured round-robin, --runs rounds (a, b, c, a, b, c, ...), so drift in the
    machine's load falls on every row alike; medians per URL. Beside req/s and p99 at
    --connections, p50 comes from rounds at c=1 (the same rounds when --connections is 1)."""
    single = argparse.Namespace(**{**vars(args), "connections": 1})
    sizes = {}
    for name, url in urls.items():  # wrk counts any answer: an error page must not be measured
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
            if response.status != 200:
                raise SystemExit(f"{name}: {url} answers {response.status}")
            sizes[name] = len(response.read())
    for url in urls.values():  # warm-up, as measure() does
        run_wrk(url, argparse.Namespace(**{**vars(args), "duration": 1}))
    loaded = {name: [] for name in urls}
    alone = {name: [] for name in urls}
    for _ in range(args.runs):
        for name, url in urls.items():
            loaded[name].append(run_wrk(url, args))
            if args.connections != 1:
                alone[name].append(run_wrk(url, single))
    rows = {}
    for name in urls:
        rps, p50, p99 = (statistics.median(v) for v in zip(*loaded[name], strict=True))
        if alone[name]:
            p50 = statistics.median(p for _rps, p, _p99 in alone[name])
        rows[name] = (rps, p50, p99)
    return rows, sizes


def measure_peers(args, uncached_env, slug, detail):
    """Ours (nothing cached) and the peers, all serving at once, measured interleaved."""
    import django

    sys.path.insert(0, str(PROJECT / "bench"))
    from peers.build import Peers

    peers = Peers(RESULTS / "peers", args.database, django.get_version())
    peers.ensure_venv()
    peers.ensure_data(RESULTS / "baseline.html", RESULTS / "media", slug)
    versions = peers.versions()
    db = {"sqlite": "SQLite", "postgres": "PostgreSQL"}[args.database]
    processes = {"ours": start_gunicorn(uncached_env)}
    try:
        for name, package in (("bare", "plainpeer"), ("plain", "plainpeer"),
                              ("wagtail", "wagtailpeer")):  # fmt: skip
            processes[name] = start_gunicorn(
                peers.environment(package), f"{package}.wsgi", port=PEER_PORTS[name],
                gunicorn=peers.gunicorn, cwd=peers.environment(package)["PYTHONPATH"],
            )  # fmt: skip
        urls = {
            OURS_COLD: (HOST + detail, "ours"),
            f"peer: Wagtail {versions['wagtail']} page": (
                f"http://127.0.0.1:{PEER_PORTS['wagtail']}/press-releases/{slug}/", "wagtail"),
            BASELINE: (HOST + "/__bench__/baseline/", "ours"),
            "peer: bare Django, from a dict": (
                f"http://127.0.0.1:{PEER_PORTS['bare']}/bare/", "bare"),
            f"peer: plain Django + {db}": (
                f"http://127.0.0.1:{PEER_PORTS['plain']}/ko/briefing/press-releases/{slug}/",
                "plain"),
        }  # fmt: skip
        rows, sizes = interleaved({name: url for name, (url, _server) in urls.items()}, args)
        rss = {name: worker_peak_rss_mb(process) for name, process in processes.items()}
    finally:
        for process in processes.values():
            stop(process)
    names = list(urls)
    queries = {
        OURS_COLD: queries_per_request(uncached_env, [detail])[detail],
        BASELINE: 0,
        names[1]: peers.queries("wagtailpeer", f"/press-releases/{slug}/"),
        names[3]: 0,
        names[4]: peers.queries("plainpeer", f"/ko/briefing/press-releases/{slug}/"),
    }
    return {
        name: (*rows[name], queries[name], rss[server], sizes[name])
        for name, (_url, server) in urls.items()
    }, versions


def release_paths(env, count, exclude):
    code = (
        "from briefing.releases.models import Release\n"
        "print('\\n'.join(Release.objects.filter(status='published').order_by('-published_at')"
        f".exclude(slug__in={sorted(exclude)!r}).values_list('slug', flat=True)[:{count}]))\n"
    )
    slugs = manage(env, "shell", "--no-imports", "-c", code, capture=True).stdout.split()
    return [f"/ko/briefing/press-releases/{slug}/" for slug in slugs]


def clear_cache(env):
    code = "from django.core.cache import cache; cache.clear()"
    manage(env, "shell", "--no-imports", "-c", code)


def crawl(paths, connections, limit):
    """Fetch each path once over `connections` keep-alive connections to 127.0.0.1; returns
    (pages fetched, seconds, latencies in ms, statuses). Bounded: stops after `limit` seconds.
    A few lines of http.client rather than wrk with a Lua script: wrk runs for a duration, not
    for one pass over a list, so it would fetch some pages twice (warm) or stop short; at the
    crawl's rate (tens of pages a second) the client's own cost is far below the page's."""
    import http.client
    import queue
    import threading

    work = queue.SimpleQueue()
    for path in paths:
        work.put(path)
    latencies, statuses, lock = [], {}, threading.Lock()
    deadline = time.monotonic() + limit

    def fetch():
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        while time.monotonic() < deadline:
            try:
                path = work.get_nowait()
            except queue.Empty:
                break
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[response.status] = statuses.get(response.status, 0) + 1
        connection.close()

    threads = [threading.Thread(target=fetch) for _ in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies), time.monotonic() - started, latencies, statuses


def cold_crawl(env, args, slug):
    """1,000 distinct release pages, each fetched once, every cache on but emptied first: what a
    crawler walking the archive, or readers after a deploy, get. The server is started after the
    clear, its workers warmed on the list and on one release outside the crawl (start-up is not
    the pages' cost), then the crawl runs over --connections connections."""
    paths = release_paths(env, CRAWL_PAGES, {slug})
    clear_cache(env)
    process = start_gunicorn(env)
    try:
        for path in ("/ko/briefing/press-releases/", f"/ko/briefing/press-releases/{slug}/") * 3:
            urllib.request.urlopen(HOST + path).read()  # noqa: S310 - loopback
        fetched, seconds, latencies, statuses = crawl(paths, args.connections, CRAWL_SECONDS)
        rss = worker_peak_rss_mb(process)
    finally:
        stop(process)
    return {
        "pages": fetched, "wanted": len(paths), "rate": fetched / seconds,
        "p50": percentile(latencies, 0.5), "p99": percentile(latencies, 0.99),
        "statuses": statuses, "rss": rss,
    }  # fmt: skip


def print_peers(rows, versions, args):
    base = rows[BASELINE][0]
    wagtail = next(rps for name, (rps, *_rest) in rows.items() if "Wagtail" in name)
    print(f"-- peers, interleaved round-robin in one run (Django {versions['django']}, "
          f"Wagtail {versions['wagtail']}; p50 at c=1)")  # fmt: skip
    print(f"{'page':<38}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'× base':>8}{'× Wagt.':>8}"
          f"{'queries':>8}{'RSS MB':>8}{'KB':>6}")  # fmt: skip
    for name, (rps, p50, p99, queries, rss, size) in rows.items():
        print(f"{name:<38}{rps:>8.0f}{p50:>8.2f}{p99:>8.2f}{rps / base:>8.2f}"
              f"{rps / wagtail:>8.2f}{queries!s:>8}{rss:>8.1f}{size / 1000:>6.1f}")  # fmt: skip


def print_targets(sections, peer_rows, crawl_row, rss_figures):
    """Issue 19's targets, each with the figure of this run."""
    uncached = sections[0][1]
    queries = sections[0][2]
    base = uncached[BASELINE][0]
    lines = []

    def check(label, value, target, met, unit="×"):
        mark = "met" if met else "NOT met"
        lines.append(f"  {label:<52}{value:>8.2f}{unit:<3} target {target:<8} {mark}")

    check(f"{DETAIL} nothing cached / bare render", uncached[DETAIL][0] / base, "≥ 0.7",
          uncached[DETAIL][0] / base >= 0.7)  # fmt: skip
    if peer_rows:
        ours = peer_rows[OURS_COLD][0]
        interleaved_base = peer_rows[BASELINE][0]
        wagtail = next(row[0] for name, row in peer_rows.items() if "Wagtail" in name)
        check("  same, interleaved with the peers", ours / interleaved_base, "≥ 0.7",
              ours / interleaved_base >= 0.7)  # fmt: skip
        check("release page nothing cached / Wagtail", ours / wagtail, "≥ 2.5",
              ours / wagtail >= 2.5)  # fmt: skip
    for name in ("list page 1", "list page 400", "list + ministry filter", "keyword search",
                 "feed (RSS)"):  # fmt: skip
        check(f"{name} nothing cached / bare render", uncached[name][0] / base, "≥ 0.7",
              uncached[name][0] / base >= 0.7)  # fmt: skip
    steady = int(queries[DETAIL].split("/")[0])
    check(f"{DETAIL} queries, nothing cached", steady, "≤ 4", steady <= 4, "")
    worst = max(rss_figures.values())
    check("worker peak RSS, worst configuration (MB)", worst, "≤ 60", worst <= 60, "")
    print("-- issue 19 targets")
    print("\n".join(lines))
    print(f"  cold crawl: {crawl_row['rate']:.1f} pages/s, p99 {crawl_row['p99']:.1f} ms "
          "(no target yet: a new row)")  # fmt: skip


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    env = environment(args)
    prepare_database(args, env)
    slug = args.slug
    detail = f"/ko/briefing/press-releases/{slug}/"
    baseline = {BASELINE: "/__bench__/baseline/"}
    pages = {
        "list page 1": "/ko/briefing/press-releases/",
        "list page 400": "/ko/briefing/press-releases/?page=400",
        "list + ministry filter": "/ko/briefing/press-releases/?ministry=B00013",
        "keyword search": "/ko/briefing/press-releases/?q=%EC%A1%B0%EB%8B%AC",
        DETAIL: detail,
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

    peer_rows, versions = (
        measure_peers(args, uncached_env, slug, detail) if args.peers else ({}, {})
    )

    sections = []  # (title, rows, queries by row name)
    uncached, rss = serve_and_measure(uncached_env, {**baseline, **pages}, args)
    cold = queries_per_request(uncached_env, list(pages.values()))
    sections.append(("nothing cached", uncached, {n: cold[p] for n, p in pages.items()}))

    shell, shell_rss = serve_and_measure(
        shell_env, {**baseline, "detail, page shell": detail}, args
    )
    warm = queries_per_request(shell_env, [detail])
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

    crawl_row = cold_crawl(env, args, slug)

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
          f"{args.runs}×{args.duration}s per page, medians of runs; release page {slug}")  # fmt: skip
    if peer_rows:
        print_peers(peer_rows, versions, args)
    print(f"{'page':<30}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'× base':>8}{'queries':>9}"
          "   (queries: steady/cold, see queries_per_request)")  # fmt: skip
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
    print(f"-- cold crawl: {crawl_row['wanted']:,} distinct release pages once each, caches on "
          f"but emptied first, c={args.connections}")  # fmt: skip
    print(f"{'cold crawl':<30}{crawl_row['rate']:>9.1f}{crawl_row['p50']:>9.2f}"
          f"{crawl_row['p99']:>9.2f}{crawl_row['rate'] / base:>8.2f}   pages/s; "
          f"{crawl_row['pages']:,} fetched, statuses {crawl_row['statuses']}")  # fmt: skip
    print(f"worker peak RSS: {rss:.1f} MB nothing cached, {shell_rss:.1f} MB page shells, "
          f"{cached_rss:.1f} MB whole pages, {crawl_row['rss']:.1f} MB cold crawl")  # fmt: skip
    rss_figures = {"nothing cached": rss, "page shells": shell_rss, "whole pages": cached_rss,
                   "cold crawl": crawl_row["rss"]}  # fmt: skip
    print_targets(sections, peer_rows, crawl_row, rss_figures)


BASELINE = "baseline (bare render)"
DETAIL = "detail, 500 comments"
OURS_COLD = "briefing release page, nothing cached"


if __name__ == "__main__":
    main()
