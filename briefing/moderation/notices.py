"""Telling authors what was decided, by e-mail through Django's backend (console in development).

The e-mail names the release, the outcome, the rule and the moderator's note, and points to "my
comments" (where an appeal can be made); it does not quote the comment. A failing mail server
never undoes a decision: the failure is logged and the author still sees it on "my comments".
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from briefing.comments.services import suspension_message
from briefing.rules import get_rule

logger = logging.getLogger(__name__)


def tell_author(comment) -> bool:
    """E-mail the author the outcome of the latest decision on ``comment``."""
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            gettext("보도자료 「%(title)s」에 쓰신 댓글(#%(number)s)의 처리 결과를 알려 드립니다.")
            % {"title": comment.release.title, "number": comment.pk},
            gettext("결과: %(status)s") % {"status": comment.get_status_display()},
        ]
        if comment.decision_rule:
            lines.append(
                gettext("근거: 운영원칙 %(rule)s") % {"rule": get_rule(comment.decision_rule).label}
            )
        if comment.hidden_until:
            lines.append(
                gettext("임시조치 종료 예정: %(end)s") % {"end": _local(comment.hidden_until)}
            )
        if comment.decision_note:
            lines.append(gettext("관리자의 말: %(note)s") % {"note": comment.decision_note})
        if comment.status == comment.Status.REMOVED:
            lines.append(
                gettext("삭제에 동의하지 않으시면 '내 댓글'에서 한 번 이의제기할 수 있습니다.")
            )
        lines.append(_my_comments_url())
        subject = gettext("[정책브리핑] 댓글 처리 결과 안내")
        return _send(subject, lines, comment.author)


def tell_suspended(suspension) -> bool:
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("[정책브리핑] 댓글 이용 정지 안내")
        return _send(subject, [suspension_message(suspension)], suspension.user)


def tell_suspension_lifted(suspension) -> bool:
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("[정책브리핑] 댓글 이용 정지 해제 안내")
        return _send(subject, [gettext("댓글 쓰기와 신고 정지가 해제되었습니다.")], suspension.user)


def _send(subject, lines, user) -> bool:
    if not getattr(user, "email", ""):
        return False
    try:
        send_mail(subject, "\n\n".join(str(line) for line in lines), None, [user.email])
    except Exception as error:  # noqa: BLE001 - the decision stands; the page still tells them
        logger.warning("A moderation notice could not be sent (%s).", type(error).__name__)
        return False
    return True


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _my_comments_url() -> str:
    return gettext("내 댓글: %(url)s") % {"url": reverse("comments:mine")}
