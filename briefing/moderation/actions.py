"""One function per moderator action, shared by the moderators' desk, bulk decisions and the
admin's actions (django-contrib-comments' perform_approve/perform_delete idea): there is exactly
one implementation of "approve".

Every decision locks the comment row (select_for_update), checks the decision version the
moderator saw, applies the change, closes reports, writes audit entries and then tells the author
by e-mail. Two moderators deciding the same comment: the second waits for the first's lock, sees
a newer version and is told "already decided by … at …"; both decisions never apply.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from briefing.comments.models import Appeal, Comment, Objection, Outcome, Report, Suspension
from briefing.comments.services import DEFAMATION_RULE
from briefing.moderation import audit, notices
from briefing.moderation.models import AgencyRequest, AuditEntry
from briefing.rules import (
    CITABLE_RULES,
    choose_citable_rule_message,
    get_rule,
    name_the_law_message,
)

Status = Comment.Status
Action = AuditEntry.Action

AGENCY_RULE = 13
RECORD_AGENCY_REQUEST = "moderation.record_agency_request"
TEMPORARY_MAX_DAYS = 30
SUSPENSION_MAX_DAYS = 3650
NOTE_MAX_LENGTH = 1000


class ActionRefused(Exception):
    """A decision that cannot apply; ``message`` says why, for the moderator."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class AlreadyDecided(ActionRefused):
    pass


@dataclass(frozen=True)
class Decision:
    action: str
    new_status: str
    allowed_from: tuple
    rule: int | None = None
    note: str = ""
    hidden_until: object = None
    still_needs_review: bool = False
    closes_reports: bool = True


# --- decisions on a comment ---------------------------------------------------------------------


def perform_approve(*, comment, moderator, expected_version=None, note=""):
    """Publish the comment; its open reports are closed (and an open appeal granted)."""
    decision = Decision(
        Action.APPROVE,
        Status.PUBLISHED,
        allowed_from=(Status.HELD, Status.HIDDEN, Status.PUBLISHED, Status.TEMPORARY),
        note=_clean_note(note),
    )
    return _decide(comment, moderator, expected_version, decision)


def perform_remove(*, comment, moderator, rule, note="", expected_version=None):
    """Take the comment down under ``rule`` (1–12); rule 12 needs the law named in the note."""
    rule = _removal_rule(rule)
    note = _clean_note(note)
    if get_rule(rule).law_must_be_named and not note:
        raise ValidationError(name_the_law_message(get_rule(rule)), code="law_required")
    decision = Decision(
        Action.REMOVE,
        Status.REMOVED,
        allowed_from=(Status.HELD, Status.HIDDEN, Status.PUBLISHED, Status.TEMPORARY),
        rule=rule,
        note=note,
    )
    return _decide(comment, moderator, expected_version, decision)


def perform_restore(*, comment, moderator, expected_version=None, note=""):
    """Publish again a removed comment, or one whose temporary measure ends in its favour."""
    decision = Decision(
        Action.RESTORE,
        Status.PUBLISHED,
        allowed_from=(Status.REMOVED, Status.TEMPORARY, Status.WITHHELD),
        note=_clean_note(note),
    )
    return _decide(comment, moderator, expected_version, decision)


def perform_temporary_measure(
    *, comment, moderator, days=TEMPORARY_MAX_DAYS, note="", expected_version=None
):
    """Rule 2 (임시조치): hide for up to 30 days while a defamation claim is checked.

    The comment stays in the queue; before the end date a moderator restores or removes it.
    """
    days = _whole_days(
        days, TEMPORARY_MAX_DAYS, gettext("임시조치 기간은 1일에서 30일 사이입니다.")
    )
    decision = Decision(
        Action.TEMPORARY,
        Status.TEMPORARY,
        allowed_from=(Status.HELD, Status.HIDDEN, Status.PUBLISHED),
        rule=DEFAMATION_RULE,
        note=_clean_note(note),
        hidden_until=timezone.now() + timedelta(days=days),
        still_needs_review=True,
        closes_reports=False,
    )
    return _decide(comment, moderator, expected_version, decision)


def record_agency_request(
    *,
    comment,
    moderator,
    agency,
    reference,
    received_on,
    legal_basis="",
    disclosable=False,
    expected_version=None,
):
    """Rule 13: record the request and withhold the comment, unchanged, as evidence.

    Only staff with RECORD_AGENCY_REQUEST may (not every moderator: the group made by
    migration 0006). The audit entry says that a request was recorded, not by whom or under
    which reference: those are in the AgencyRequest row, which only superusers may read. The
    author is not e-mailed, since an agency's request may have to stay confidential; "my
    comments" names it only when ``disclosable`` (otherwise: not public, under review).
    """
    if not moderator.has_perm(RECORD_AGENCY_REQUEST):
        raise ActionRefused(gettext("수사기관 요청은 지정된 담당자만 기록할 수 있습니다."))
    agency, reference = str(agency or "").strip(), str(reference or "").strip()
    if not agency or not reference or not received_on:
        raise ValidationError(gettext("요청 기관, 문서 번호, 요청 일자를 모두 적어 주세요."))
    validate_received_on(received_on)
    decision = Decision(
        Action.AGENCY_REQUEST,
        Status.WITHHELD,
        allowed_from=(
            Status.HELD,
            Status.HIDDEN,
            Status.PUBLISHED,
            Status.TEMPORARY,
            Status.REMOVED,
        ),
        rule=AGENCY_RULE,
    )

    def store_request(locked):
        request = AgencyRequest.objects.create(
            comment=locked,
            agency=agency,
            reference=reference,
            received_on=received_on,
            legal_basis=str(legal_basis or "").strip(),
            disclosable=bool(disclosable),
            recorded_by=moderator,
        )
        return {"agency_request": request.pk}

    return _decide(comment, moderator, expected_version, decision, extra=store_request)


def disclosed_agency_requests(comment_ids) -> set:
    """Of these withheld comments, those whose agency request the author may be told of
    (registered with the comments app for "my comments")."""
    return set(
        AgencyRequest.objects.filter(comment_id__in=comment_ids, disclosable=True).values_list(
            "comment_id", flat=True
        )
    )


def validate_received_on(received_on) -> None:
    """A request cannot have arrived after today (Seoul's date): a typo, not evidence."""
    if received_on > timezone.localdate():
        raise ValidationError(
            gettext("요청 일자는 오늘이나 그 이전이어야 합니다. 공문에 적힌 접수일을 적어 주세요."),
            code="future_date",
        )


def _decide(comment, moderator, expected_version, decision, extra=None):
    now = timezone.now()
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        if locked.author_id == moderator.pk:
            raise ActionRefused(gettext("자신이 쓴 댓글은 다른 관리자가 처리해야 합니다."))
        _refuse_if_stale(locked, expected_version)
        _refuse_if_not_allowed(locked, moderator, decision)
        appeal = _open_appeal(locked)
        _refuse_if_own_removal(appeal, moderator)
        before = locked.status
        # Who asked for a measure hear how it ended: read before the decision closes reports.
        requesters = (
            notices.measure_requesters(locked) if _concerns_measure(before, decision) else []
        )
        details = extra(locked) if extra else {}
        outcome = Outcome.GRANTED if decision.new_status == Status.PUBLISHED else Outcome.UPHELD
        if appeal is not None:
            Appeal.objects.filter(pk=appeal.pk).update(decided_at=now, outcome=outcome)
            details["appeal"] = str(outcome)
        # A decision on a comment under a measure answers the poster's objection (재게시 요청).
        if Objection.objects.filter(comment=locked, answered_at__isnull=True).update(
            answered_at=now, outcome=outcome
        ):
            details["objection"] = str(outcome)
        _apply(locked, moderator, decision, now)
        entry = audit.record(
            decision.action,
            actor=moderator,
            comment=locked,
            rule=decision.rule,
            note=decision.note,
            state_before=before,
            state_after=locked.status,
            details=_with_end(details, decision),
            at=now,
        )
        if decision.closes_reports:
            _close_reports(locked, moderator, now)
    if decision.action != Action.AGENCY_REQUEST:
        notices.tell_author(locked, objection=details.get("objection"))
        notices.tell_requesters(locked, requesters)
    return entry


def _concerns_measure(before, decision) -> bool:
    """A measure starts, or a moderator decides a comment that was under one."""
    return decision.action == Action.TEMPORARY or (
        before == Status.TEMPORARY and decision.action != Action.AGENCY_REQUEST
    )


def _refuse_if_stale(locked, expected_version):
    if expected_version is None or int(expected_version) == locked.decision_version:
        return
    raise AlreadyDecided(already_decided_message(locked))


def already_decided_message(comment) -> str:
    when = (
        timezone.localtime(comment.decided_at).strftime("%Y-%m-%d %H:%M")
        if comment.decided_at
        else ""
    )
    who = comment.decided_by.get_username() if comment.decided_by_id else gettext("다른 관리자")
    return gettext(
        "댓글 #%(number)s은(는) 이미 %(who)s 님이 %(when)s에 결정했습니다(현재 상태: %(status)s). "
        "화면을 새로 고쳐 확인하세요."
    ) % {"number": comment.pk, "who": who, "when": when, "status": comment.get_status_display()}


def _refuse_if_not_allowed(locked, moderator, decision):
    if locked.status == Status.WITHHELD and not moderator.is_superuser:
        raise ActionRefused(
            gettext("수사기관 요청에 따라 증거로 보존 중인 댓글은 최고관리자만 처리할 수 있습니다.")
        )
    allowed = locked.status in decision.allowed_from
    # A removal under appeal may be upheld: removed again by a different moderator.
    if decision.action == Action.REMOVE and locked.status == Status.REMOVED:
        allowed = _open_appeal(locked) is not None
    if decision.action == Action.APPROVE and locked.status == Status.PUBLISHED:
        allowed = locked.needs_review
    if not allowed:
        if locked.decided_at:
            raise AlreadyDecided(already_decided_message(locked))
        raise ActionRefused(
            gettext("현재 상태(%(status)s)의 댓글에는 이 조치를 할 수 없습니다.")
            % {"status": locked.get_status_display()}
        )


def _open_appeal(comment):
    return Appeal.objects.filter(comment=comment, decided_at__isnull=True).first()


def _refuse_if_own_removal(appeal, moderator):
    if appeal is not None and appeal.removed_by_id == moderator.pk:
        raise ActionRefused(
            gettext("이의제기는 삭제를 결정한 관리자가 아닌 다른 관리자가 처리해야 합니다.")
        )


def _apply(locked, moderator, decision, now):
    locked.status = decision.new_status
    locked.needs_review = decision.still_needs_review
    locked.decided_by = moderator
    locked.decided_at = now
    locked.decision_rule = decision.rule
    locked.decision_note = decision.note
    locked.hidden_until = decision.hidden_until
    locked.decision_version = F("decision_version") + 1
    locked.save(
        update_fields=[
            "status",
            "needs_review",
            "decided_by",
            "decided_at",
            "decision_rule",
            "decision_note",
            "hidden_until",
            "decision_version",
            "updated_at",
        ]
    )
    locked.refresh_from_db(fields=["decision_version"])


def _close_reports(comment, moderator, now):
    open_reports = Report.objects.filter(comment=comment, resolved_at__isnull=True)
    rules = sorted(set(open_reports.values_list("rule", flat=True)))
    closed = open_reports.update(resolved_at=now)
    if closed:
        audit.record(
            Action.REPORTS_CLOSED,
            actor=moderator,
            comment=comment,
            state_after=comment.status,
            details={"closed": closed, "reported_rules": rules},
            at=now,
        )


def _with_end(details, decision):
    if decision.hidden_until is not None:
        details["hidden_until"] = decision.hidden_until.isoformat()
    return details


# --- suspensions --------------------------------------------------------------------------------


def suspend_author(*, user, moderator, rule, reason, days=None, comment=None):
    """Stop ``user`` posting and reporting for ``days`` (None: permanently), citing ``rule``.

    The preamble of the rules allows it ("삭제 또는 계정이 차단"); the suspension ends by itself.
    """
    rule = get_rule(_rule_number(rule)).number
    reason = _clean_note(reason)
    if not reason:
        raise ValidationError(gettext("정지 사유를 적어 주세요. 시민에게 그대로 보입니다."))
    if user.is_staff or user.is_superuser:
        raise ActionRefused(gettext("직원 계정은 이용 정지할 수 없습니다."))
    now = timezone.now()
    ends_at = None
    if days is not None:
        days = _whole_days(
            days, SUSPENSION_MAX_DAYS, gettext("정지 기간은 1일에서 3650일 사이입니다.")
        )
        ends_at = now + timedelta(days=days)
    with transaction.atomic():
        suspension = Suspension.objects.create(
            user=user,
            starts_at=now,
            ends_at=ends_at,
            rule=rule,
            reason=reason,
            created_by=moderator,
        )
        audit.record(
            Action.SUSPEND,
            actor=moderator,
            comment=comment,
            subject=user,
            rule=rule,
            note=reason,
            details={"days": days, "ends_at": ends_at.isoformat() if ends_at else None},
            at=now,
        )
    notices.tell_suspended(suspension)
    return suspension


def lift_suspension(*, suspension, moderator, note=""):
    """End a suspension now (or refuse one already over), with an audit entry and a notice."""
    note = _clean_note(note)
    now = timezone.now()
    with transaction.atomic():
        locked = Suspension.objects.select_for_update().get(pk=suspension.pk)
        if locked.ends_at is not None and locked.ends_at <= now:
            raise ActionRefused(gettext("이미 끝난 이용 정지입니다."))
        locked.ends_at = now
        locked.save(update_fields=["ends_at"])
        audit.record(
            Action.LIFT_SUSPENSION,
            actor=moderator,
            subject=locked.user,
            rule=locked.rule,
            note=note,
            details={"suspension": locked.pk},
            at=now,
        )
    notices.tell_suspension_lifted(locked)
    return locked


# --- bulk ---------------------------------------------------------------------------------------


def bulk_decide(*, items, moderator, action, rule=None, note=""):
    """Apply one decision to several comments, each on its own: (done, [refusal messages]), each
    message naming the comment it skipped.

    ``items`` are (comment, expected_version or None) pairs. A refusal for one comment (already
    decided, wrong state) does not stop the others.
    """
    done, refused = [], []
    for comment, version in items:
        try:
            if action == Action.APPROVE:
                perform_approve(comment=comment, moderator=moderator, expected_version=version)
            elif action == Action.REMOVE:
                perform_remove(
                    comment=comment,
                    moderator=moderator,
                    rule=rule,
                    note=note,
                    expected_version=version,
                )
            else:
                raise ActionRefused(gettext("일괄 처리는 승인과 삭제만 할 수 있습니다."))
        except ActionRefused as refusal:
            refused.append(_skipped(comment, refusal.message))
        except ValidationError as error:
            refused.append(_skipped(comment, " ".join(error.messages)))
        else:
            done.append(comment)
    return done, refused


def _skipped(comment, reason) -> str:
    return gettext("댓글 #%(number)s: %(reason)s") % {"number": comment.pk, "reason": reason}


# --- input checks -------------------------------------------------------------------------------


def _rule_number(rule) -> int:
    try:
        return int(rule)
    except (TypeError, ValueError):
        raise ValidationError(gettext("운영원칙을 고르세요."), code="rule_required") from None


def _removal_rule(rule) -> int:
    number = _rule_number(rule)
    if number == AGENCY_RULE:
        raise ValidationError(
            gettext("제13항은 수사기관 요청 기록으로만 적용합니다."), code="agency_only"
        )
    if number not in CITABLE_RULES:
        raise ValidationError(choose_citable_rule_message())
    return number


def _clean_note(note) -> str:
    note = str(note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            gettext("메모는 %(limit)d자까지 쓸 수 있습니다.") % {"limit": NOTE_MAX_LENGTH}
        )
    return note


def _whole_days(days, maximum, message) -> int:
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise ValidationError(message) from None
    if not 1 <= days <= maximum:
        raise ValidationError(message)
    return days
