import gc
import os

from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "briefing.settings")
application = get_wsgi_application()

# A served worker's memory (issue 19; bench/worker_memory.py measures it).
#
# Everything loaded so far lives as long as the process: frozen, the collector no longer walks it
# (a full collection of these ~90,000 objects took 30-130 ms in the middle of some request), and
# with gunicorn --preload the workers keep sharing its pages instead of the collector writing to
# each object's header in every worker. Collected first: garbage frozen would never be freed.
gc.collect()
gc.freeze()

#: Objects a request may leave behind before the young generations are collected after it.
YOUNG_OBJECTS = 200


def collect_request_cycles(**kwargs):
    """Free the reference cycles a request leaves once its response has gone out.

    Some requests leave 150-400 KB in cycles: the list's template context; the queryset classes
    modeltranslation makes per query. Left to the collector's own schedule they wait in the older
    generations for dozens of requests, and a worker's memory grows by several MB of garbage and
    fragments. Collecting the young generations here (after the last byte, Django's
    request_finished) costs only requests that left objects behind or saw a collection start
    while they ran; a cached page usually leaves neither.
    """
    young, collections_since, _old = gc.get_count()
    if young > YOUNG_OBJECTS or collections_since:
        gc.collect(1)


# Served processes only (this module); tests and management commands keep Python's defaults.
request_finished.connect(collect_request_cycles, dispatch_uid="briefing.wsgi.collect_cycles")
