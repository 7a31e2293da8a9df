"""Release bodies are markup written by staff or imported from other systems: never trusted as-is.

The sanitiser runs in the model field itself, so every path that stores a body (admin, fixtures
loaded through the ORM, importers) gets the same guarantee without remembering to call anything.
"""

import re
from functools import lru_cache
from html.parser import HTMLParser

import nh3
from django.db import models
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

# The structure a press release uses: paragraphs, emphasis, lists, tables and links. Images live
# in Photo rows (with captions and alt text), so <img> is not allowed in the body. No <span>: it
# may carry no attribute here, so it would mean nothing, and Word wraps every run of text in one.
ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "sub", "sup",
    "ul", "ol", "li", "blockquote", "h3", "h4",
    "table", "caption", "thead", "tbody", "tr", "th", "td", "a",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
BLOCK_TAGS = {"p", "ul", "ol", "blockquote", "h3", "h4", "table"}


# Word and HWP lay text out with runs of no-break spaces and end paragraphs with one (their
# "<o:p>&nbsp;</o:p>"); a paragraph of nothing but those is their blank line. A single no-break
# space between words is kept: it may be meant ("10&nbsp;%").
_SPACE_RUN = re.compile(r"(?:&nbsp;|\s){2,}")
_SPACE_BEFORE_END = re.compile(r"(?:&nbsp;|\s)+(</(?:p|li|h3|h4|td|th|caption)>)")
_BLANK_PARAGRAPH = re.compile(r"<p>(?:&nbsp;|\s|<br>)*</p>")


def _tidy_spaces(markup: str) -> str:
    markup = _SPACE_RUN.sub(lambda run: " " if "&nbsp;" in run[0] else run[0], markup)
    markup = _SPACE_BEFORE_END.sub(r"\1", markup)
    return _BLANK_PARAGRAPH.sub("", markup)


def sanitize_html(markup: str) -> str:
    cleaned = nh3.clean(
        markup or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    return _tidy_spaces(cleaned).strip()


class SanitizedHTMLField(models.TextField):
    """A TextField whose value is cleaned by nh3 before it reaches the database."""

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class _BlockSplitter(HTMLParser):
    """Splits sanitised markup into its top-level blocks; loose text becomes its own paragraph."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if self.depth == 0 and tag in BLOCK_TAGS:
            self._flush_loose()
        if tag in BLOCK_TAGS or self.depth:
            self.depth += tag in BLOCK_TAGS
        self.current.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.current.append(f"</{tag}>")
        if tag in BLOCK_TAGS and self.depth:
            self.depth -= 1
            if self.depth == 0:
                self.blocks.append("".join(self.current).strip())
                self.current = []

    def handle_data(self, data):
        self.current.append(data)

    def handle_entityref(self, name):
        self.current.append(f"&{name};")

    def handle_charref(self, name):
        self.current.append(f"&#{name};")

    def _flush_loose(self):
        loose = "".join(self.current).strip()
        if loose:
            self.blocks.append(f"<p>{loose}</p>")
        self.current = []

    def close(self):
        super().close()
        self._flush_loose()


@lru_cache(maxsize=64)
def plain_text(markup: str) -> str:
    """The markup's text without tags, blocks joined by spaces. Pages read the stored excerpts
    instead; the small cache serves the comment rules, which read one release's text per post."""
    return " ".join(strip_tags(block) for block in split_blocks(markup))


@lru_cache(maxsize=256)
def split_blocks(markup: str) -> tuple[str, ...]:
    """Top-level blocks of the markup, sanitised again so an unsaved body is safe to render too."""
    splitter = _BlockSplitter()
    splitter.feed(sanitize_html(markup))
    splitter.close()
    return tuple(mark_safe(block) for block in splitter.blocks if block)  # noqa: S308
