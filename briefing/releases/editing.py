"""Form pieces of the editing desk: the body's editor, photo placement and numbers as people write
them. The model fields stay as they are (the body a sanitised TextField, the placement a block
number, the figures decimals), so the public page and open data read the same data as before."""

from decimal import Decimal, InvalidOperation
from html import unescape

from django import forms
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from briefing.releases.html import plain_text, split_blocks

#: What the editor lets staff write: exactly the markup the public page styles (html.py allows
#: it on save). Headings start at h3 because the page's h1 and h2 are its title and sections.
#: Whatever the editor's schema has no node for (Word's classes, styles, fonts) is dropped on
#: paste; the server's sanitiser (html.py) and control-character cleaning (text.py) still run
#: on every save, whatever sent the body.
BODY_EDITOR_EXTENSIONS = {
    "Heading": {"levels": [3, 4]},
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}
BODY_HELP_TEXT = _(
    "문단, 소제목, 굵게·기울임, 목록, 인용, 표, 링크를 쓸 수 있습니다. 한글·워드에서 붙여 넣으면 "
    "글꼴과 색 같은 서식은 빠지고 문단과 목록만 남습니다."
)


#: The admin's form field for the body (an admin's formfield_overrides entry): the prose editor
#: over the same HTML text. It does not sanitise itself; the model field does, on every save.
BODY_EDITOR_FORMFIELD = {
    "form_class": ProseEditorFormField,
    "widget": AdminProseEditorWidget,
    "config": {"extensions": BODY_EDITOR_EXTENSIONS},
    "help_text": BODY_HELP_TEXT,
}


# --- Photo placement ------------------------------------------------------------------------

#: Positions offered while a release has no saved body yet.
UNSAVED_BODY_POSITIONS = 10
EXCERPT_CHARS = 30


def placement_choices(markup: str, stored_positions=()) -> list[tuple[int, str]]:
    """Where a photo may go: before the body, or after one of its top-level blocks, each named
    by the block's first words. A stored position past the body's end (it shows at the end)
    stays selectable, so opening and saving the form never moves a photo by itself."""
    blocks = split_blocks(markup or "")
    choices = [(0, _("본문 맨 앞"))]
    if not blocks:
        choices += [
            (number, _("%(number)d문단 뒤") % {"number": number})
            for number in range(1, UNSAVED_BODY_POSITIONS + 1)
        ]
    for number, block in enumerate(blocks, start=1):
        excerpt = Truncator(unescape(plain_text(block))).chars(EXCERPT_CHARS)
        choices.append(
            (number, _("%(number)d문단 뒤: %(excerpt)s") % {"number": number, "excerpt": excerpt})
        )
    last = len(choices) - 1
    for position in sorted({p for p in stored_positions if p is not None and p > last}):
        choices.append((position, _("%(number)d문단 뒤 (본문 끝)") % {"number": position}))
    return choices


def placement_help_text(markup: str):
    if split_blocks(markup or ""):
        return _(
            "사진을 놓을 곳을 고르세요. 본문 문단을 고쳤다면 저장한 뒤 위치를 다시 확인하세요."
        )
    return _("사진을 놓을 곳을 고르세요. 본문을 저장하면 문단마다 첫 구절이 함께 보입니다.")


# --- Numbers as people write them -------------------------------------------------------------


class NumberWithUnitInput(forms.TextInput):
    """A text input for a number (so grouping commas can be typed), with its unit written after
    it: the reader of the form sees "1,630,000,000 달러" as the page will say it."""

    def __init__(self, attrs=None, unit=""):
        super().__init__({"inputmode": "decimal", "class": "vNumber", **(attrs or {})})
        self.unit = unit

    def render(self, name, value, attrs=None, renderer=None):
        field = super().render(name, value, attrs, renderer)
        if not self.unit:
            return field
        return format_html('{} <span class="number-unit">{}</span>', field, self.unit)


class GroupedDecimalField(forms.DecimalField):
    """A decimal shown with thousands separators and without trailing zeros (1,630,000,000;
    12.5), and accepted the same way: grouping commas and spaces are ignored."""

    widget = NumberWithUnitInput
    default_error_messages = {"invalid": _("숫자로 입력하세요 (예: 1,630,000,000)")}

    def __init__(self, **kwargs):
        kwargs.pop("widget", None)  # always the text input: a number input refuses commas
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(",", "").replace(" ", "").replace("\u00a0", "")
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal | int):
            return grouped(Decimal(value))
        return value  # what was typed, kept as typed when the form comes back with an error

    def widget_attrs(self, widget):
        # DecimalField adds min/max/step for number inputs only; a text input needs none.
        return forms.Field.widget_attrs(self, widget)


def grouped(number: Decimal) -> str:
    try:
        number = number.normalize()
    except InvalidOperation:
        return str(number)
    if number == number.to_integral():
        return f"{number.quantize(Decimal(1)):,f}"
    return f"{number:,f}"
