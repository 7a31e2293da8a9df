"""Splitting the portal's DataContents HTML back into the parts of a release.

The portal's HTML shows, in order: body paragraphs, images each followed by a "▶ " caption, notes
starting with "*" or "※", the "* 문의:" contact line and the attribution. Each is recognised by
its text, as a reader would, so HTML from the portal and HTML from our own feed (newsitem.py)
split the same way. Nothing is dropped silently: what cannot be placed stays a body paragraph and
is listed in `notes`.
"""

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

BLOCK_TAGS = {"p", "ul", "ol", "blockquote", "table", "figure", "pre"} | {
    f"h{level}" for level in range(1, 7)
}
# Wrappers whose own tags carry nothing: their content is read as if it stood at the top level.
CONTAINER_TAGS = {"html", "body", "div", "section", "article", "main", "center"}
DROPPED_TAGS = {"script", "style", "head", "title", "template"}

CAPTION = re.compile(r"^▶\s*(?P<text>.+)$", re.S)
CONTACT = re.compile(
    r"^[*※]?\s*(?:문\s*의|담\s*당\s*자|Inquiries|Contact)\s*:\s*(?P<rest>.+)$", re.S
)
ATTRIBUTION = re.compile(r"^[“\"]?(?P<text>이 자료는 .*전재하여 제공함을 알려드립니다\.?)[”\"]?$")
NOTE = re.compile(r"^[*※]")
CONTACT_ENTRY = re.compile(r"(?P<who>[^(),]+?)\s*\((?P<reach>[^()]*)\)")
POSITION_ENDINGS = ("관", "장", "관보", "주사", "주사보", "연구사", "연구원", "위원", "대변인")
POSITION_WORDS = {
    "주무관",
    "사무관",
    "서기관",
    "과장",
    "팀장",
    "국장",
    "실장",
    "계장",
    "주사",
    "반장",
}


@dataclass
class Block:
    markup: str
    text: str
    images: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class PhotoPart:
    image_name: str
    alt_text: str
    caption: str
    after_block: int


@dataclass
class ContactPart:
    department: str
    name: str
    position: str
    phone: str
    email: str


@dataclass
class Parts:
    body: list[str] = field(default_factory=list)
    photos: list[PhotoPart] = field(default_factory=list)
    footnote: list[str] = field(default_factory=list)
    contacts: list[ContactPart] = field(default_factory=list)
    attribution: str = ""
    notes: list[str] = field(default_factory=list)


class _BlockReader(HTMLParser):
    """Top-level blocks of an HTML fragment, each with its markup, plain text and images."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.open_tag = None  # the tag that opened the current top-level block
        self.nesting = 0
        self.dropping = 0
        self.markup, self.text, self.images = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag in DROPPED_TAGS:
            self.dropping += 1
        if self.dropping:
            return
        if self.open_tag is None and tag in CONTAINER_TAGS:
            self._flush()
            return
        if self.open_tag is None and (tag in BLOCK_TAGS or tag == "br"):
            self._flush()
            if tag == "br":
                return
            self.open_tag = tag
        self.nesting += tag == self.open_tag
        if tag == "img":
            values = dict(attrs)
            self.images.append(((values.get("src") or "").strip(), (values.get("alt") or "")))
        if tag == "br":
            self.text.append("\n")
        self.markup.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag in DROPPED_TAGS:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping or (self.open_tag is None and tag in CONTAINER_TAGS):
            return
        self.markup.append(f"</{tag}>")
        if tag == self.open_tag:
            self.nesting -= 1
            if self.nesting <= 0:
                self._flush()

    def handle_data(self, data):
        if not self.dropping:
            self.markup.append(escape(data, quote=False))
            self.text.append(data)

    def _flush(self):
        text = " ".join("".join(self.text).split())
        markup = "".join(self.markup).strip()
        if text or self.images:
            if self.open_tag is None:  # loose inline content becomes a paragraph of its own
                markup = f"<p>{markup}</p>"
            self.blocks.append(Block(markup, text, self.images))
        self.open_tag, self.nesting = None, 0
        self.markup, self.text, self.images = [], [], []

    def close(self):
        super().close()
        self._flush()


def read_blocks(html: str) -> list[Block]:
    reader = _BlockReader()
    reader.feed(html or "")
    reader.close()
    return reader.blocks


def _is_position(word: str) -> bool:
    return word in POSITION_WORDS or (len(word) >= 3 and word.endswith(POSITION_ENDINGS))


def parse_contacts(rest: str) -> list[ContactPart]:
    """`국제협력담당관실 김성일 사무관(042-724-6492)` and `과 갑(전화), 을(전화)`; [] if unreadable."""
    contacts, department = [], ""
    for match in CONTACT_ENTRY.finditer(rest):
        words = match["who"].split()
        position = words.pop() if len(words) > 1 and _is_position(words[-1]) else ""
        name = words.pop() if words else ""
        department = " ".join(words) or department
        reach = [part.strip() for part in match["reach"].split(",")]
        phone = next((part for part in reach if any(ch.isdigit() for ch in part)), "")
        email = next((part for part in reach if "@" in part), "")
        if not (name and phone) or len(name) > 50 or len(phone) > 30 or len(department) > 100:
            return []
        contacts.append(ContactPart(department, name, position[:50], phone, email))
    return contacts


def _move_trailing_notes_to_footnote(parts: Parts, body_texts: list[str]) -> None:
    while body_texts and NOTE.match(body_texts[-1]):
        parts.footnote.insert(0, body_texts.pop())
        parts.body.pop()
    for photo in parts.photos:
        photo.after_block = min(photo.after_block, len(parts.body))


def split_contents(html: str, resolve_image) -> Parts:
    """The parts of a DataContents fragment. `resolve_image(src)` names a stored file or None."""
    parts, body_texts, waiting_images = Parts(), [], []

    def keep_in_body(block, note=None):
        parts.body.append(block.markup)
        body_texts.append(block.text)
        if note:
            parts.notes.append(note)

    for block in read_blocks(html):
        caption = CAPTION.match(block.text)
        contact = CONTACT.match(block.text)
        attribution = ATTRIBUTION.match(block.text)
        if block.images and not block.text:
            waiting_images += [(src, alt, len(parts.body)) for src, alt in block.images]
        elif caption:
            src, alt, after = waiting_images.pop(0) if waiting_images else ("", "", 0)
            image_name = resolve_image(src) if src else None
            if image_name:
                text = caption["text"].strip()
                parts.photos.append(PhotoPart(image_name, alt or text[:300], f"▶ {text}", after))
            else:
                keep_in_body(block, f"photo caption kept as a paragraph (image {src or 'missing'})")
        elif contact and (found := parse_contacts(contact["rest"])):
            parts.contacts += found
        elif attribution:
            parts.attribution = attribution["text"]
        else:
            note = "contact line kept as a paragraph (unreadable)" if contact else None
            if block.images:
                note = "image inside a text paragraph dropped"
            keep_in_body(block, note)
    parts.notes += [f"image without a caption dropped ({src})" for src, _a, _p in waiting_images]
    _move_trailing_notes_to_footnote(parts, body_texts)
    return parts
