"""``check()``: run every automated rule's validator over one comment and combine the findings.

The registry below is the order findings are reported in (rule order, so form errors read like
the posting rules). Rules 2, 12 and 13 have no validator: moderators decide them.
"""

import logging

from django.utils.translation import gettext_lazy as _

from . import (
    advertising,
    copyright,
    crime,
    impersonation,
    pii,
    piracy,
    profanity,
    public_order,
    relatedness,
    repetition,
)
from .context import CheckContext, is_new_account, release_context
from .history import load_history
from .normalize import normalize
from .verdict import Verdict, hold_pending_review

logger = logging.getLogger(__name__)

MESSAGE_ENGINE_ERROR = _("게시물 운영원칙 검토를 위해 관리자가 확인한 뒤 게시됩니다.")

VALIDATORS = (
    (1, pii.validate),
    (3, public_order.validate),
    (4, profanity.validate),
    (5, piracy.validate),
    (6, advertising.validate),
    (7, copyright.validate),
    (8, crime.validate),
    (9, impersonation.validate),
    (10, relatedness.validate),
    (11, repetition.validate),
)


def check(text, *, release=None, author=None, recent_texts=None, flood_texts=None) -> Verdict:
    """Judge one comment against the posting rules. Pure: no database, no side effects.

    Never raises: a validator that fails is logged and skipped, and if the comment cannot be
    read at all it is held for a moderator rather than published unchecked.
    """
    try:
        context = build_context(release, author, recent_texts, flood_texts)
        normalized = normalize(text)
    except Exception:
        logger.exception("Moderation could not prepare a comment; holding it for review")
        return hold_pending_review(MESSAGE_ENGINE_ERROR)
    findings = []
    for rule, validate in VALIDATORS:
        try:
            findings.extend(validate(normalized, context))
        except Exception:
            logger.exception("Moderation validator for rule %s failed", rule)
    return Verdict.from_findings(findings)


def build_context(release, author, recent_texts, flood_texts) -> CheckContext:
    release = release_context(release)
    if author is not None and (recent_texts is None or flood_texts is None):
        recent, flood = _history_or_nothing(author, release)
        recent_texts = recent if recent_texts is None else recent_texts
        flood_texts = flood if flood_texts is None else flood_texts
    return CheckContext(
        release=release,
        author=author,
        new_account=is_new_account(author),
        recent_texts=_texts(recent_texts),
        flood_texts=_texts(flood_texts),
    )


def _history_or_nothing(author, release):
    # The provider queries the database; if it fails, judge the comment without history rather
    # than not at all (rate limits in the comments app still cap repetition).
    try:
        return load_history(author, release)
    except Exception:
        logger.exception("The comment history provider failed; checking without history")
        return (), ()


def _texts(values) -> tuple[str, ...]:
    return tuple(v for v in (values or ()) if isinstance(v, str))
