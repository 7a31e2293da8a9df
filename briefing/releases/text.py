"""Control characters never enter what staff publish.

Word and HWP paste a soft line break as U+000B, and other editors leave form feeds, NULs or
terminal escapes behind. None of them can be shown, and XML 1.0 (the feeds, the portal API) cannot
carry them at all: one U+000B in a title used to break the RSS feed for everyone. So every text
field of the releases app is cleaned on save (signals.py): breaks become newlines in long texts
and spaces in one-line fields; the rest are dropped. Tabs and newlines stay.
"""

import re

from django.db import models

_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def without_controls(value: str, *, multiline: bool) -> str:
    value = _BREAKS.sub("\n" if multiline else " ", value)
    value = _CONTROLS.sub("", value)
    return value if multiline else value.replace("\r", " ").replace("\n", " ")


def clean_text_fields(instance) -> None:
    """Clean every CharField and TextField of a model instance, in every language."""
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str) and value:
            setattr(
                instance,
                field.attname,
                without_controls(value, multiline=isinstance(field, models.TextField)),
            )
