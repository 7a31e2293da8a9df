"""``check()``: run every automated rule's validator over one comment and combine the findings.

The registry below is the order findings are reported in (rule order, so form errors read like
the posting rules). Rules 2, 12 and 13 have no validator: moderators decide them.
"""

import logging

from django.utils.translation import gettext_lazy as _

from . import (
    abuse_score,
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
    stereotypes,
)
from .context import CheckContext, is_new_account, release_context
from .learned import installed_model
from .normalize import normalize
from .verdict import Verdict, hold_pending_review

logger = logging.getLogger(__name__)

MESSAGE_ENGINE_ERROR = _("게시물 운영원칙 검토를 위해 관리자가 확인한 뒤 게시됩니다.")

VALIDATORS = (
    (1, pii.validate),
    (3, public_order.validate),
    (4, profanity.validate),
    (4, stereotypes.validate),
    (4, abuse_score.validate),
    (5, piracy.validate),
    (6, advertising.validate),
    (7, copyright.validate),
    (8, crime.validate),
    (9, impersonation.validate),
    (10, relatedness.validate),
    (11, repetition.validate),
)


#: ``check(model=INSTALLED)``: the model installed for this process (learned.use_model_file).
INSTALLED = object()


def check(
    text,
    *,
    release=None,
    author=None,
    author_name="",
    recent_texts=(),
    flood_texts=(),
    model=INSTALLED,
) -> Verdict:
    """Judge one comment against the posting rules.

    ``release`` is a ReleaseContext or anything offering ``public_facts()`` (a Release);
    ``author`` anything with ``date_joined`` (new accounts are judged more strictly) and
    ``author_name`` the name the comment will be shown under;
    ``recent_texts`` the author's own recent comments and ``flood_texts`` other accounts' recent
    comments on the same release, for rule 11. The caller reads those from its database: this
    function runs no query of its own and has no side effects. ``model`` is the learned score's
    model: the installed one by default, another to compare them, None for rules alone.

    Never raises. A comment that cannot be read at all, or on which a validator fails, is held
    for a moderator rather than published with a rule left unchecked.
    """
    try:
        context = CheckContext(
            release=release_context(release),
            author=author,
            new_account=is_new_account(author),
            recent_texts=_texts(recent_texts),
            flood_texts=_texts(flood_texts),
            model=installed_model() if model is INSTALLED else model,
            author_name=str(author_name or ""),
        )
        normalized = normalize(text)
    except Exception:
        logger.exception("The posting rules could not prepare a comment; holding it for review")
        return hold_pending_review(MESSAGE_ENGINE_ERROR)
    findings = []
    for rule, validate in VALIDATORS:
        try:
            findings.extend(validate(normalized, context))
        except Exception:
            logger.exception("The validator for rule %s failed; holding the comment", rule)
            findings.extend(hold_pending_review(MESSAGE_ENGINE_ERROR).findings)
    return Verdict.from_findings(findings)


def _texts(values) -> tuple[str, ...]:
    return tuple(v for v in (values or ()) if isinstance(v, str))
