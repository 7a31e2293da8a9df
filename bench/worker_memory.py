"""What one gunicorn worker holds: RSS, peak RSS, PSS and USS after serving each page type.

    .venv/bin/python bench/worker_memory.py                     # SQLite, small scale, 300 each
    .venv/bin/python bench/worker_memory.py --scale full --requests 500
    .venv/bin/python bench/worker_memory.py --preload           # gunicorn --preload

For each cache configuration (nothing cached, page shells, whole pages) and each page type (a
release page, the same crawled over distinct releases, the list, a keyword search, the RSS feed,
posting comments) a fresh gunicorn is started with bench/run.py's production environment and
two sync workers, the page is requested sequentially --requests times, and each worker's memory
is read from /proc:

  RSS   VmRSS, what the issue measured (shared pages, e.g. copy-on-write ones, counted in full)
  peak  VmHWM, the high-water mark bench/run.py prints
  PSS   smaps_rollup Pss: shared pages divided among the processes sharing them
  USS   Private_Clean + Private_Dirty: what the worker alone holds, freed if it exits

The figure printed is the largest worker's (as bench/run.py does). "idle" is a worker that has
served one robots.txt. Its own port (--port, 8791) and --no-control-socket, so it can run beside the
benchmark. Figures come from this script, never from a test.
"""

import argparse
import http.client
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402 - bench/run.py: the same production environment and data

PORT = 8791
RELEASE = "/ko/briefing/press-releases/bench-500-comments/"
PAGES = {
    "release page": [RELEASE],
    "release crawl": None,  # distinct releases, filled in from the database
    "list page": ["/ko/briefing/press-releases/", "/ko/briefing/press-releases/?page=40"],
    "keyword search": ["/ko/briefing/press-releases/?q=%EC%A1%B0%EB%8B%AC"],
    "feed (RSS)": ["/ko/briefing/press-releases/feed/rss/"],
}
ALL = "all above in one server"
CONFIGURATIONS = {
    "nothing cached": {"PAGE_CACHE": "0", "FRAGMENT_CACHE": "0"},
    "page shells": {"PAGE_CACHE": "0"},
    "whole pages": {},
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scale", choices=sorted(run.SCALES), default="small")
    parser.add_argument("--requests", type=int, default=300, help="requests per page type")
    parser.add_argument("--posts", type=int, default=50, help="comments to post")
    parser.add_argument("--preload", action="store_true", help="gunicorn --preload")
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--redis", action="store_true", help="share the cache through Redis")
    parser.add_argument(
        "--configurations", default=",".join(CONFIGURATIONS), help="comma-separated subset"
    )
    parser.add_argument("--pages", default=",".join([*PAGES, "post comment", ALL]))
    return parser.parse_args()


def start(env, preload, port):
    command = [
        str(Path(run.PYTHON).parent / "gunicorn"), "briefing.wsgi",
        "--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning",
        "--no-control-socket", *(["--preload"] if preload else []),
    ]  # fmt: skip
    process = subprocess.Popen(command, env=env, cwd=run.PROJECT, start_new_session=True)  # noqa: S603
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)  # noqa: S310 - loopback
            return process
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise SystemExit("gunicorn did not start")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


def workers(process):
    return subprocess.run(  # noqa: S603, S607
        ["pgrep", "-P", str(process.pid)], capture_output=True, text=True
    ).stdout.split()


def memory_mb(pid):
    """(RSS, peak RSS, PSS, USS) of one process in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()

    def field(text, name):
        return int(re.search(rf"^{name}:\s+(\d+) kB", text, re.M).group(1)) / 1024

    private = field(rollup, "Private_Clean") + field(rollup, "Private_Dirty")
    return field(status, "VmRSS"), field(status, "VmHWM"), field(rollup, "Pss"), private


def largest_worker(process):
    figures = [memory_mb(pid) for pid in workers(process)]
    return max(figures) if figures else (float("nan"),) * 4


def get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:  # noqa: S310 - loopback
        response.read()
        return response.status


def post(port, sessions, slug, count):
    rng = random.Random()  # texts differ from run to run: rule 11 refuses repeats
    csrf = secrets.token_hex(16)
    statuses = {}
    for index in range(count):
        body = urllib.parse.urlencode(
            {"text": run.post_text(rng, index), "csrfmiddlewaretoken": csrf}
        )
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("POST", f"/ko/comments/on/{slug}/post/", body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={sessions[index % len(sessions)]}; csrftoken={csrf}",
        })  # fmt: skip
        status = connection.getresponse().status
        connection.close()
        statuses[status] = statuses.get(status, 0) + 1
    return statuses


def crawl_paths(env, count):
    code = (
        "from briefing.releases.models import Release\n"
        "print(' '.join(Release.objects.filter(slug__startswith='bench-0')"
        f".order_by('?').values_list('slug', flat=True)[:{count}]))\n"
    )
    slugs = run.manage(env, "shell", "--no-imports", "-c", code, capture=True).stdout.split()
    return [f"/ko/briefing/press-releases/{slug}/" for slug in slugs]


def serve(page, pages, sessions, args):
    """Request one page type --requests times (or post --posts comments); a note if any failed."""
    if page == "post comment":
        return f"  posts {post(args.port, sessions, 'bench-500-comments', args.posts)}"
    paths = pages[page]
    statuses = {get(args.port, paths[i % len(paths)]) for i in range(args.requests)}
    return "" if statuses == {200} else f"  {page} {statuses}"


def main():
    args = parse_args()
    env = run.environment(argparse.Namespace(database=args.database, scale=args.scale,
                                             redis=args.redis))  # fmt: skip
    run.prepare_database(argparse.Namespace(database=args.database, scale=args.scale), env)
    pages = dict(PAGES)
    pages["release crawl"] = crawl_paths(env, args.requests)
    wanted = args.pages.split(",")
    sessions = (
        run.citizen_sessions(env, min(args.posts, 500))
        if {"post comment", ALL} & set(wanted)
        else []
    )
    print(f"\nworker memory — {args.database}, scale {args.scale}, {args.requests} requests per "
          f"page type, {args.posts} posts, gunicorn 2 sync workers"
          f"{' --preload' if args.preload else ''}; MB of the largest worker")  # fmt: skip
    print(f"{'':<32}{'RSS':>8}{'peak':>8}{'PSS':>8}{'USS':>8}")
    for configuration in args.configurations.split(","):
        config_env = {**env, **CONFIGURATIONS[configuration]}
        print(f"-- {configuration}")
        for page in wanted:
            process = start(config_env, args.preload, args.port)
            try:
                if page == wanted[0]:
                    print(f"{'idle (one robots.txt)':<32}" + "".join(
                        f"{value:>8.1f}" for value in largest_worker(process)))  # fmt: skip
                notes = [serve(name, pages, sessions, args) for name in (
                    [*pages, "post comment"] if page == ALL else [page])]  # fmt: skip
                figures = largest_worker(process)
                note = "".join(notes)
            finally:
                stop(process)
            print(f"{page:<32}" + "".join(f"{value:>8.1f}" for value in figures) + note)


if __name__ == "__main__":
    main()
