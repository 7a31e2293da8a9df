"""The benchmark's baseline: the detail page's own markup rendered by Django's template engine
from a constant dict, with no database, so each measured page can be quoted as a ratio to it.

Every text node of the captured page becomes a template variable filled from the dict, so the
baseline pays for rendering (variable lookups, auto-escaping) in proportion to the page's content,
as a plain Django view of the same page would.
"""

import os
import re
from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.template import Context, Engine

TEXT_NODE = re.compile(r">([^<>]*\S[^<>]*)<")


@cache
def _baseline():
    markup = Path(os.environ["BENCH_BASELINE_FILE"]).read_text(encoding="utf-8")
    markup = markup.replace("{", "&#123;").replace("}", "&#125;")  # no accidental template tags
    texts = {}

    def to_variable(match):
        key = f"t{len(texts)}"
        texts[key] = match.group(1)
        return ">{{ " + key + " }}<"

    template = Engine(autoescape=True).from_string(TEXT_NODE.sub(to_variable, markup))
    return template, texts


def baseline(request):
    template, texts = _baseline()
    return HttpResponse(template.render(Context(texts)))
