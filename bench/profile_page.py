"""Profile one page rendered in-process with every cache layer off, as bench/run.py's
"nothing cached" row serves it (PAGE_CACHE=0 FRAGMENT_CACHE=0, production settings).

    .venv/bin/python bench/profile_page.py                    # the seed release, bench-small data
    .venv/bin/python bench/profile_page.py --path /ko/briefing/press-releases/bench-00500/
    .venv/bin/python bench/profile_page.py --database-url postgres://postgres@127.0.0.1:5432/x

It renders the page through the test client (middleware, templates, slots, all of it), prints
the queries of one render with their time, then the milliseconds per render over --renders
renders and the top cumulative functions under cProfile. The database is bench/run.py's (make it
once with `bench/run.py --scale small`, or with `manage.py generate_synthetic_data`); figures
are for reading where the time goes, not targets: those are bench/run.py's.
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "bench" / "results"
SEED_PATH = "/ko/briefing/press-releases/pps-overseas-procurement-record-2024/"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=f"sqlite:///{RESULTS / 'bench-small.sqlite3'}")
    parser.add_argument("--path", default=SEED_PATH)
    parser.add_argument("--renders", type=int, default=200)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--dump", help="also write the raw profile here (for pstats or snakeviz)")
    parser.add_argument(
        "--filter",
        default=r"briefing/|template/|db/models/|db/backends/",
        help="regular expression: list only functions whose file:line(name) matches",
    )
    return parser.parse_args()


def configure(args):
    os.environ.update(
        {
            "DEBUG": "",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": args.database_url,
            "MEDIA_ROOT": str(RESULTS / "media"),
            "STATIC_ROOT": str(RESULTS / "static"),
            "LOG_LEVEL": "WARNING",
            "PAGE_CACHE": "0",
            "FRAGMENT_CACHE": "0",
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "briefing.settings")
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()


def main():
    args = parse_args()
    configure(args)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    response = client.get(args.path)  # warms templates, the sidebar and today's view count
    if response.status_code != 200:
        raise SystemExit(f"{args.path} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(args.path)
    print(f"{args.path}: {len(response.content):,} bytes, {len(queries)} queries")
    for number, query in enumerate(queries.captured_queries, start=1):
        print(f"  {number:>2}. {float(query['time']) * 1000:6.2f} ms  {query['sql'][:150]}")

    started = time.perf_counter()
    for _ in range(args.renders):
        client.get(args.path)
    plain = (time.perf_counter() - started) / args.renders * 1000

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.renders):
        client.get(args.path)
    profile.disable()
    if args.dump:
        profile.dump_stats(args.dump)
    print(f"{plain:.2f} ms per render without the profiler ({args.renders} renders)")
    # The request's way down to the view (client, handler, middleware) tops every cumulative
    # list and says nothing; --filter keeps our code, templates and the ORM.
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out).sort_stats(args.sort)
    stats.print_stats(args.filter, args.top)
    print(out.getvalue())


if __name__ == "__main__":
    main()
