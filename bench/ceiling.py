"""What gunicorn alone serves on this machine: a WSGI app that returns the captured detail page's
bytes with no Django at all. bench/run.py measures it in the same run as the pages, because no
Django response, however it is cached, can be faster than this; the ratio it reaches against the
bare-render baseline is the ceiling for the cached rows' ratios.
"""

import os
from pathlib import Path

PAGE = Path(os.environ["BENCH_BASELINE_FILE"]).read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(PAGE)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [PAGE]
