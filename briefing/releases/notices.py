"""E-mails of the editorial desk: a request for review reaches the ministry's publishers, and a
release sent back reaches its author with the publisher's comment.

Mail goes out after the save commits (a rolled-back save announces nothing), and a mail server
that is down never loses the save: the failure is logged and the editor told on screen.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from briefing.releases.desks import ALL_MINISTRIES_PERMISSION
from briefing.releases.models import Release, StatusChange
from briefing.site import absolute_url

logger = logging.getLogger(__name__)
PUBLISH = "publish_release"


def publishers_of(release: Release):
    """Active publishers who belong to the release's ministry, or handle every ministry."""
    codename = ALL_MINISTRIES_PERMISSION.split(".")[1]
    may_publish = Q(groups__permissions__codename=PUBLISH) | Q(user_permissions__codename=PUBLISH)
    everywhere = Q(groups__permissions__codename=codename) | Q(user_permissions__codename=codename)
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(may_publish)
        .filter(Q(desk_ministries=release.ministry_id) | everywhere)
        .exclude(email="")
        .distinct()
    )


def announce_move(change: StatusChange, *, request) -> None:
    release = change.release
    if change.to_status == Release.Status.REVIEW:
        recipients = [u.email for u in publishers_of(release) if u.pk != request.user.pk]
        done = _("게시 담당자 %(count)d명에게 검토 요청을 알렸습니다.") % {"count": len(recipients)}
    elif change.from_status == Release.Status.REVIEW and change.comment:
        author = release.created_by
        recipients = [author.email] if author and author.email and author != request.user else []
        done = _("작성자에게 검토 의견을 이메일로 보냈습니다.")
    else:
        return
    if not recipients:
        return
    # Staff mail is written in the site's language, whatever the sender's screen shows.
    with translation.override(settings.LANGUAGE_CODE):
        if change.to_status == Release.Status.REVIEW:
            subject = _("[검토 요청] %(title)s") % {"title": release.title}
            lines = [
                _("%(ministry)s의 보도자료가 검토를 기다립니다.") % {"ministry": release.ministry}
            ]
        else:
            subject = _("[되돌려 보냄] %(title)s") % {"title": release.title}
            lines = [_("게시 담당자가 보도자료를 되돌려 보냈습니다. 검토 의견:"), change.comment]
        link = absolute_url(reverse("admin:releases_release_change", args=[release.pk]))
        body = "\n\n".join([*lines, link])
    transaction.on_commit(lambda: _send(subject, body, recipients, request))
    messages.info(request, done)


def _send(subject, body, recipients, request):
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except OSError:
        logger.exception("Could not send the editorial notice %r", subject)
        messages.warning(request, _("알림 이메일을 보내지 못했습니다. 저장은 되었습니다."))
