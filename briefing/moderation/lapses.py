"""The notices a temporary measure owes when time passes, sent without a cron job.

A measure's end needs no job: the comment is public again from ``hidden_until`` on, decided at
query time (comments.models.public_condition). What time alone cannot do is send e-mail: the
poster and the requesters are told when a measure runs out, and the moderators a few days before
it does. ``send_due_notices`` sends whatever is due and is run from two places:

- every load of the moderators' queue (the lazy path: a desk in use sends them within minutes
  and needs nothing installed), and
- ``manage.py send_measure_notices``, which a site schedules (hourly, say) so the notices go out
  even when nobody opens the desk.

Why both, and no job that must run: the law's requirement is on the board and the comment's
visibility, which never wait for either; e-mail is a notice that may come a little late but must
never come twice. Each notice is recorded in the audit trail (MEASURE_LAPSED, LAPSE_REMINDER)
inside the transaction that locks the comment, and a comment whose entry exists for its current
measure (an entry newer than the measure's decision) is skipped: two runs at once send once.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from briefing.comments.models import Comment
from briefing.moderation import audit, notices
from briefing.moderation.models import AuditEntry
from briefing.moderation.queue import LAPSING_WITHIN

CLOCK_ACTOR = "system:clock"
Action = AuditEntry.Action


def send_due_notices(now=None) -> dict:
    """Send the lapse notices and moderator reminders that are due: {"lapsed": n, "reminded": n}.

    Two queries when nothing is due (the queue page pays only those).
    """
    now = now or timezone.now()
    lapsed = [
        comment
        for comment in _without_notice(Action.MEASURE_LAPSED).filter(hidden_until__lte=now)
        if _record_once(comment, Action.MEASURE_LAPSED, now, notices.tell_measure_lapsed)
    ]
    lapsing = _without_notice(Action.LAPSE_REMINDER).filter(
        hidden_until__gt=now, hidden_until__lte=now + LAPSING_WITHIN
    )
    reminded = [comment for comment in lapsing if _record_once(comment, Action.LAPSE_REMINDER, now)]
    if reminded:
        notices.tell_moderators_lapsing(reminded, moderators())
    return {"lapsed": len(lapsed), "reminded": len(reminded)}


def _without_notice(action):
    """Comments under an undecided measure with no ``action`` entry since the measure began."""
    measure_started_at = Coalesce(OuterRef("decided_at"), OuterRef("created_at"))  # as the model's
    sent = AuditEntry.objects.filter(
        comment_number=OuterRef("pk"), action=action, created_at__gte=measure_started_at
    )
    return (
        Comment.objects.filter(status=Comment.Status.TEMPORARY, hidden_until__isnull=False)
        .exclude(Exists(sent))
        .select_related("release", "author")
        .order_by("hidden_until")
    )


def _record_once(comment, action, now, tell=None) -> bool:
    with transaction.atomic():
        locked = Comment.objects.select_for_update().filter(pk=comment.pk).first()
        if locked is None or locked.status != Comment.Status.TEMPORARY:
            return False  # decided meanwhile
        if AuditEntry.objects.filter(
            comment_number=locked.pk, action=action, created_at__gte=locked.measure_started_at
        ).exists():
            return False  # another run was first
        requesters = notices.measure_requesters(locked)
        audit.record(
            action,
            actor_name=CLOCK_ACTOR,
            comment=locked,
            rule=locked.decision_rule,
            state_before=locked.status,
            state_after=locked.status,
            details={
                "hidden_until": locked.hidden_until.isoformat(),
                "requesters": len(requesters),
            },
            at=now,
        )
    if tell is not None:
        tell(comment, requesters)
    return True


def moderators():
    """Active accounts that may decide comments (Moderators, agency officers, superusers)."""
    permission = Permission.objects.filter(
        content_type__app_label="moderation", codename="moderate_comment"
    ).first()
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True)
            | Q(groups__permissions=permission)
            | Q(user_permissions=permission),
            is_active=True,
        )
        .exclude(email="")
        .distinct()
    )
