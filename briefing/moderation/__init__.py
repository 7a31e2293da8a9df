"""The 13 posting rules (게시물 운영원칙) as validators.

Public API::

    from briefing.moderation import check, validate_display_name, normalize
    verdict = check(text, release=release, author=user)

Imports here are cheap: lexicons and automata are built on first use, not when Django starts.
"""

from .context import ReleaseContext
from .engine import check
from .impersonation import validate_display_name
from .normalize import NormalizedText, normalize
from .rules import RULES, get_rule, rule_choices
from .verdict import Finding, Verdict

__all__ = [
    "RULES",
    "Finding",
    "NormalizedText",
    "ReleaseContext",
    "Verdict",
    "check",
    "get_rule",
    "normalize",
    "rule_choices",
    "validate_display_name",
]
