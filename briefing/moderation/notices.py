"""Telling authors what was decided, by e-mail through Django's backend (console in development).

The e-mail names the release, the outcome, the rule and the moderator's note, and points to "my
comments" (where an appeal can be made); it does not quote the comment. A failing mail server
never undoes a decision: the failure is logged and the author still sees it on "my comments".

Temporary measures (정보통신망법 제44조의2 ②: "지체 없이 신청인 및 정보게재자에게 알려야")
also tell the requesters, the citizens who reported the comment under rule 2, when the measure
starts, when it runs out and when a moderator decides it; and the moderators, a few days before
it runs out (lapses.py sends those two).
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from briefing.comments.models import Outcome, Report
from briefing.comments.services import DEFAMATION_RULE, suspension_message
from briefing.rules import get_rule
from briefing.site import absolute_url

logger = logging.getLogger(__name__)


def tell_author(comment, *, objection=None) -> bool:
    """E-mail the author the outcome of the latest decision on ``comment``; ``objection``
    ("granted"/"upheld") when the decision answers their request to re-post it."""
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
        if objection:
            lines.append(
                gettext("재게시 요청: %(outcome)s") % {"outcome": Outcome(objection).label}
            )
        if comment.status == comment.Status.TEMPORARY:
            lines.append(
                gettext(
                    "임시조치에 동의하지 않으시면 '내 댓글'에서 재게시를 요청할 수 있습니다. "
                    "결정이 없으면 종료 일시에 댓글이 다시 게시됩니다."
                )
            )
        if comment.status == comment.Status.REMOVED:
            lines.append(
                gettext("삭제에 동의하지 않으시면 '내 댓글'에서 한 번 이의제기할 수 있습니다.")
            )
        lines.append(_my_comments_url())
        subject = gettext("[정책브리핑] 댓글 처리 결과 안내")
        return _send(subject, lines, comment.author)


def measure_requesters(comment) -> list:
    """Who asked for the temporary measure: the citizens whose rule-2 reports on ``comment`` are
    still open (a measure leaves them open until a moderator decides)."""
    reports = Report.objects.filter(
        comment=comment, rule=DEFAMATION_RULE, resolved_at__isnull=True
    ).select_related("reporter")
    return [report.reporter for report in reports]


def tell_requesters(comment, requesters) -> int:
    """E-mail each rule-2 reporter what became of the comment they reported: the measure began,
    or a moderator decided it. The comment's text and its author are not named."""
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        if comment.status == comment.Status.TEMPORARY:
            outcome = gettext(
                "신고하신 댓글을 임시조치했습니다. %(end)s까지 게시판에 보이지 않습니다."
            ) % {"end": _local(comment.hidden_until)}
        elif comment.status == comment.Status.REMOVED:
            outcome = gettext("신고하신 댓글을 검토한 결과 삭제했습니다.")
        else:
            outcome = gettext("신고하신 댓글을 검토한 결과 다시 게시했습니다.")
        for reporter in requesters:
            sent += _send(
                gettext("[정책브리핑] 권리침해 신고 처리 안내"),
                [_reported_comment_line(comment), outcome],
                reporter,
            )
    return sent


def tell_measure_lapsed(comment, requesters) -> int:
    """The measure ran out with no decision: the poster and the requesters are told the comment
    is shown again (lapses.py sends this once per measure)."""
    with translation.override(settings.LANGUAGE_CODE):
        end = _local(comment.hidden_until)
        sent = _send(
            gettext("[정책브리핑] 임시조치 종료 안내"),
            [
                gettext(
                    "보도자료 「%(title)s」에 쓰신 댓글(#%(number)s)의 임시조치가 %(end)s에 "
                    "끝나 다시 게시되었습니다."
                )
                % {"title": comment.release.title, "number": comment.pk, "end": end},
                _my_comments_url(),
            ],
            comment.author,
        )
        for reporter in requesters:
            sent += _send(
                gettext("[정책브리핑] 임시조치 종료 안내"),
                [
                    _reported_comment_line(comment),
                    gettext("임시조치 기간이 %(end)s에 끝나 댓글이 다시 게시되었습니다.")
                    % {"end": end},
                ],
                reporter,
            )
    return sent


def tell_moderators_lapsing(comments, moderators) -> int:
    """One e-mail per moderator listing the measures that run out soon without a decision."""
    if not comments:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        lines = [gettext("다음 임시조치가 곧 끝납니다. 종료 전에 복원하거나 삭제를 결정해 주세요.")]
        lines += [
            gettext("댓글 #%(number)s: %(end)s 종료 — %(url)s")
            % {
                "number": comment.pk,
                "end": _local(comment.hidden_until),
                "url": absolute_url(reverse("moderation:comment", args=[comment.pk])),
            }
            for comment in comments
        ]
        subject = gettext("[정책브리핑] 임시조치 만료 예정 안내")
        return sum(_send(subject, lines, moderator) for moderator in moderators)


def _reported_comment_line(comment) -> str:
    return gettext(
        "보도자료 「%(title)s」의 댓글(#%(number)s)에 하신 권리침해 신고에 관한 안내입니다."
    ) % {
        "title": comment.release.title,
        "number": comment.pk,
    }


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
    return gettext("내 댓글: %(url)s") % {"url": absolute_url(reverse("comments:mine"))}
