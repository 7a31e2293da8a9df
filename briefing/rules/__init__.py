"""The 13 posting rules (게시물 운영원칙): the registry and the checks that enforce them.

Public API::

    from briefing.rules import check, validate_display_name
    verdict = check(text, release=release, author=user, recent_texts=..., flood_texts=...)

This package is pure: it defines no model, runs no query and imports no other app of ours
(import-linter and tests/rules/test_purity.py hold it to that). What a check needs from the
database is gathered by the caller and handed in; see ``check()``.

Imports here are cheap: lexicons and automata are built on first use, not when Django starts.
The checks themselves (``check``, ``validate_display_name`` and the modules behind them: every
validator's compiled patterns, pyahocorasick) are imported on first use as well, through the
module ``__getattr__`` below (PEP 562): every web worker imports this package for the registry,
which the pages show, while only posting a comment or choosing a display name needs the checks,
so a worker that only serves pages never loads them (tests/test_memory.py).
"""

import importlib

from .context import ReleaseContext, ReleaseFacts
from .normalize import NormalizedText, normalize, without_bidi_controls
from .registry import (
    CITABLE_RULES,
    FINDING_LABELS,
    FLAG,
    HOLD,
    PUBLISH,
    REJECT,
    RULES,
    choose_citable_rule_message,
    finding_label,
    get_rule,
    name_the_law_message,
    preamble,
    rule_choices,
)
from .verdict import Finding, Verdict, hold_pending_review

#: Loaded on first use: name -> the submodule that defines it. (Not ``normalize``: the function
#: shares its name with its submodule, which importing the engine would bind here instead.)
_LAZY = {"check": "engine", "validate_display_name": "impersonation"}


def __getattr__(name):
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value  # once: later lookups are plain attribute reads
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CITABLE_RULES",
    "FINDING_LABELS",
    "FLAG",
    "HOLD",
    "PUBLISH",
    "REJECT",
    "RULES",
    "Finding",
    "NormalizedText",
    "ReleaseContext",
    "ReleaseFacts",
    "Verdict",
    "check",
    "choose_citable_rule_message",
    "finding_label",
    "get_rule",
    "hold_pending_review",
    "name_the_law_message",
    "normalize",
    "preamble",
    "rule_choices",
    "validate_display_name",
    "without_bidi_controls",
]
