"""What the comments app adds to the release page, through the page's slots (briefing.pagecache).

The release page names two places and knows nothing of what fills them: ``posting-rules`` (the 13
rules, read from the rules registry) and ``comments`` (the live comment section, rendered on
every request even when the rest of the page comes from a cached shell).
"""

from types import SimpleNamespace

from django.template.loader import get_template

from briefing import pagecache
from briefing.comments.rendering import render_comment_section
from briefing.rules import RULES, preamble


def render_posting_rules(request) -> str:
    return get_template("includes/posting_rules.html").render(
        {"rules": RULES, "preamble": preamble()}
    )


def render_comments(request, *, release_id, slug) -> str:
    # The section needs only these two attributes; a Release instance costs modeltranslation's
    # __init__ on every request (pyinstrument: 7% of the shell path).
    return render_comment_section(request, SimpleNamespace(pk=release_id, slug=slug))


def register() -> None:
    pagecache.register_slot("posting-rules", render_posting_rules)
    pagecache.register_slot("comments", render_comments, live=True)
