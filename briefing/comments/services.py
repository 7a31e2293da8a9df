"""The write paths citizens take: posting a comment, reporting one, appealing a removal.

Each is one keyword-only function (validate, check the rules, limit, store) rather than work
hidden in ``save()``, so the view, the demo seeder and tests all go through the same door.
Privacy: the text of a comment is never logged, and a rejected text is never stored.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Least
from django.utils import timezone
from django.utils.translation import gettext

from briefing import rules
from briefing.comments.account_deletion import kept_as_evidence
from briefing.comments.cache_invalidation import invalidate_release_page
from briefing.comments.errors import (
    AppealRefused,
    DeleteRefused,
    DuplicateReport,
    EditRefused,
    ObjectionRefused,
    ReportRefused,
    Suspended,
    Unverified,
)
from briefing.comments.models import (
    APPEAL_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    OBJECTION_MAX_LENGTH,
    Appeal,
    Comment,
    Objection,
    Report,
    Suspension,
    display_name_of,
)
from briefing.comments.ratelimits import reserve_slot
from briefing.comments.signals import (
    appeal_submitted,
    comment_auto_hidden,
    comment_queued_by_rules,
    objection_submitted,
)
from briefing.privacy import hash_ip
from briefing.releases.text import without_controls
from briefing.rules import (
    CITABLE_RULES,
    FLAG,
    HOLD,
    REJECT,
    choose_citable_rule_message,
    get_rule,
    without_bidi_controls,
)

logger = logging.getLogger(__name__)

#: Rule 11 compares a comment with the author's own recent comments and with a burst of
#: near-identical comments from other accounts on the same release.
OWN_HISTORY = timedelta(hours=24)
OWN_HISTORY_LIMIT = 50
FLOOD_WINDOW = timedelta(minutes=10)
FLOOD_LIMIT = 100


# --- posting ----------------------------------------------------------------------------------


def post_comment(*, release, author, text, ip_address="", enforce_limits=True, now=None):
    """Check ``text`` against the rules and store it unless rejected: (comment or None, verdict).

    Raises Suspended or RateLimited (each with a ``message`` for the citizen) and ValidationError
    for an empty or over-long text. A rejected text is returned with ``None`` and not stored, so
    it uses none of the author's quota.
    """
    now = now or timezone.now()
    refuse_if_suspended(author, now)
    refuse_if_unverified(author)
    # The rules read the text as typed, bidirectional controls included (they check it in the
    # order a reader would see it); what is stored is the text without them.
    typed = str(text or "").strip()
    text = clean_text(text)
    recent_texts, flood_texts = comment_history(author, release, now)
    # rules.check, not an imported name: the checks load on the first post, not with the
    # pages (briefing/rules/__init__.py).
    verdict = rules.check(
        typed,
        release=release,
        author=author,
        author_name=display_name_of(author),
        recent_texts=recent_texts,
        flood_texts=flood_texts,
    )
    if verdict.action == REJECT:
        return None, verdict
    if enforce_limits:
        reserve_slot(author, release, now)
    with transaction.atomic():
        comment = Comment.objects.create(
            release=release,
            author=author,
            text=text,
            created_at=now,
            ip_hash=hash_ip(ip_address),
            **_status_fields(verdict),
        )
        if comment.needs_review:
            comment_queued_by_rules.send(sender=Comment, comment=comment, verdict=verdict)
    return comment, verdict


def refuse_if_unverified(user) -> None:
    """Citizens comment once they have confirmed their e-mail address (verification.py).

    Accounts without a citizen profile (staff made in the admin) have no address to confirm here.
    """
    profile = getattr(user, "citizen_profile", None)
    if profile is not None and not profile.is_verified:
        raise Unverified(
            gettext(
                "전자우편 주소를 확인한 뒤에 댓글을 쓸 수 있습니다. "
                "가입할 때 보낸 메일의 확인 링크를 여세요."
            )
        )


# --- the author's own corrections -------------------------------------------------------------

#: What an author may still edit or delete: nothing a moderator or a report has touched, since
#: changing or removing it would change what the desk (or a requester) is looking at.
OWN_CHANGEABLE_STATUSES = (Comment.Status.PUBLISHED, Comment.Status.HELD)


def edit_deadline(created_at):
    return created_at + timedelta(minutes=settings.COMMENTS_EDIT_MINUTES)


def can_edit(*, status, report_count, decided_at, created_at, now=None) -> bool:
    """Whether the author may still correct a comment: within COMMENTS_EDIT_MINUTES of posting,
    and while no report and no moderator decision concerns it (the section reads these columns
    without loading comments, so this takes them one by one)."""
    now = now or timezone.now()
    return (
        status in OWN_CHANGEABLE_STATUSES
        and not report_count
        and decided_at is None
        and now < edit_deadline(created_at)
    )


def edit_comment(*, comment, author, text, now=None):
    """Replace the text of the author's own comment, through the rules again: (comment, verdict),
    or (None, verdict) when the new text is rejected, in which case the stored comment is left
    exactly as it was and the rejected text is not kept anywhere.

    Raises EditRefused once the window has passed or the desk is involved, Suspended, and
    ValidationError for an empty or over-long text.
    """
    now = now or timezone.now()
    if comment.author_id != author.pk:
        raise EditRefused(gettext("자신의 댓글만 고칠 수 있습니다."))
    if not can_edit(
        status=comment.status,
        report_count=comment.report_count,
        decided_at=comment.decided_at,
        created_at=comment.created_at,
        now=now,
    ):
        raise EditRefused(
            gettext(
                "이 댓글은 더 고칠 수 없습니다. 댓글은 쓴 뒤 %(minutes)d분 안에, 신고나 관리자의 "
                "결정이 없을 때만 고칠 수 있습니다."
            )
            % {"minutes": settings.COMMENTS_EDIT_MINUTES}
        )
    refuse_if_suspended(author, now)
    typed = str(text or "").strip()
    text = clean_text(text)
    # The comment's own earlier text is not history to repeat: rule 11 would call the correction
    # a duplicate of what it corrects.
    recent_texts, flood_texts = comment_history(author, comment.release, now, exclude=comment)
    verdict = rules.check(
        typed,
        release=comment.release,
        author=author,
        author_name=display_name_of(author),
        recent_texts=recent_texts,
        flood_texts=flood_texts,
    )
    if verdict.action == REJECT:
        return None, verdict
    fields = _status_fields(verdict)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(comment, name, value)
        comment.text = text
        comment.edited_at = now
        # save() sends post_save, which invalidates the release's cached pages.
        comment.save(update_fields=[*fields, "text", "edited_at", "updated_at"])
        if comment.needs_review:
            comment_queued_by_rules.send(sender=Comment, comment=comment, verdict=verdict)
    return comment, verdict


def delete_own_comment(*, comment, author) -> None:
    """The author takes back a comment of theirs, at any time, unless it is under a measure.

    Refused while a report hid it, a temporary measure (임시조치) or a removal stands, or an
    investigative agency relies on it (rule 13): deleting would take away what the desk, the
    person who complained or the agency is examining. The refusal is one sentence for all of
    these, so it never tells the author that an agency asked.
    """
    if comment.author_id != author.pk:
        raise DeleteRefused(gettext("자신의 댓글만 지울 수 있습니다."))
    with transaction.atomic():
        # The row is locked alone: kept_as_evidence() joins the agency requests, and PostgreSQL
        # cannot lock the nullable side of that outer join. Recording a request locks this same
        # row (moderation.actions), so the check below cannot race it.
        locked = Comment.objects.select_for_update().filter(
            pk=comment.pk, status__in=OWN_CHANGEABLE_STATUSES
        )
        if not locked.exists() or (
            Comment.objects.filter(pk=comment.pk).filter(kept_as_evidence()).exists()
        ):
            raise DeleteRefused(
                gettext(
                    "관리자가 조치하고 있거나 조치한 댓글은 지울 수 없습니다. 결정에 동의하지 "
                    "않으면 내 댓글에서 이의를 제기하세요."
                )
            )
        # delete() sends post_delete, which invalidates the release's cached pages; the
        # comment's reports go with it, and the audit trail keeps its entries (SET_NULL).
        comment.delete()


def readable(text) -> str:
    """What citizens write as stored and shown: line breaks unified, and neither bidirectional
    controls (they would let a comment show its letters in another order than it was checked)
    nor other control characters (Word's U+000B, terminal escapes), as for releases."""
    text = without_bidi_controls(str(text or "")).replace("\r\n", "\n").replace("\r", "\n")
    return without_controls(text, multiline=True).strip()


def clean_text(text) -> str:
    """The comment as it will be stored (readable()), or a ValidationError saying why not."""
    text = readable(text)
    if not text:
        raise ValidationError(gettext("댓글 내용을 입력하세요."), code="required")
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            gettext("댓글은 %(limit)d자까지 쓸 수 있습니다.") % {"limit": COMMENT_MAX_LENGTH},
            code="max_length",
        )
    return text


def _status_fields(verdict) -> dict:
    if verdict.urgent:
        priority = Comment.Priority.URGENT
    elif verdict.action == HOLD:
        priority = Comment.Priority.HIGH
    else:
        priority = Comment.Priority.LOW
    return {
        "status": Comment.Status.HELD if verdict.action == HOLD else Comment.Status.PUBLISHED,
        "needs_review": verdict.action in (HOLD, FLAG),
        "review_priority": priority,
        "findings": verdict.as_dict(),
        "rules": ",".join(str(n) for n in sorted(verdict.rules)),
        "urgent": bool(verdict.urgent),
    }


# --- suspensions ------------------------------------------------------------------------------


def active_suspension(user, now=None):
    """The suspension in force for ``user`` (the longest-running one), or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    suspensions = Suspension.objects.filter(user=user).active(now)
    return suspensions.order_by(F("ends_at").desc(nulls_first=True)).first()


def refuse_if_suspended(user, now=None) -> None:
    suspension = active_suspension(user, now)
    if suspension is not None:
        raise Suspended(suspension_message(suspension), suspension)


def suspension_message(suspension) -> str:
    rule = get_rule(suspension.rule)
    if suspension.is_permanent:
        when = gettext("댓글 쓰기와 신고가 정지되었습니다(기한 없음).")
    else:
        until = timezone.localtime(suspension.ends_at).strftime("%Y-%m-%d %H:%M")
        when = gettext("%(until)s까지 댓글 쓰기와 신고가 정지되었습니다.") % {"until": until}
    why = gettext("사유: 운영원칙 %(rule)s — %(reason)s") % {
        "rule": rule.label,
        "reason": suspension.reason,
    }
    return f"{when} {why}"


# --- reports ----------------------------------------------------------------------------------


DEFAMATION_RULE = 2


def report_comment(
    *, comment, reporter, rule, note="", concerned_party=None, explanation="", now=None
):
    """Record one citizen's report; enough distinct reporters hide the comment for review.

    A rule-2 report (defamation) may say whether the reporter is the person concerned and carry
    their explanation (소명); other reports keep neither (nothing is stored that is not needed).
    """
    now = now or timezone.now()
    refuse_if_suspended(reporter, now)
    _refuse_unreportable(comment, reporter, rule)
    if int(rule) != DEFAMATION_RULE:
        concerned_party, explanation = None, ""
    with transaction.atomic():
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    comment=comment,
                    reporter=reporter,
                    rule=int(rule),
                    note=readable(note),
                    concerned_party=concerned_party,
                    explanation=readable(explanation),
                    created_at=now,
                )
        except IntegrityError:
            raise DuplicateReport(
                gettext("이미 신고한 댓글입니다. 한 댓글은 한 번만 신고할 수 있습니다.")
            ) from None
        # One report is enough to put a comment in front of a moderator (as Discourse does);
        # hiding it from the public takes several citizens.
        Comment.objects.filter(pk=comment.pk).update(
            report_count=F("report_count") + 1, needs_review=True
        )
        threshold = settings.COMMENTS_REPORT_HIDE_THRESHOLD
        hidden = Comment.objects.filter(
            pk=comment.pk, status=Comment.Status.PUBLISHED, report_count__gte=threshold
        ).update(
            status=Comment.Status.HIDDEN,
            review_priority=Least(F("review_priority"), Comment.Priority.HIGH),
            updated_at=now,
        )
        comment.refresh_from_db(
            fields=["report_count", "status", "needs_review", "review_priority"]
        )
        if hidden:
            # update() sends no post_save: the release's cached pages must learn of it here.
            transaction.on_commit(lambda: invalidate_release_page(Comment, comment))
            comment_auto_hidden.send(
                sender=Comment,
                comment=comment,
                report_count=comment.report_count,
                threshold=threshold,
            )
    return report


def _refuse_unreportable(comment, reporter, rule) -> None:
    if comment.author_id == reporter.pk:
        raise ReportRefused(gettext("자신의 댓글은 신고할 수 없습니다."))
    if not comment.is_public:
        raise ReportRefused(gettext("이 댓글은 이미 관리자가 검토하고 있습니다."))
    try:
        number = int(rule)
    except (TypeError, ValueError):
        number = None
    if number not in CITABLE_RULES:
        raise ReportRefused(choose_citable_rule_message())


# --- appeals ----------------------------------------------------------------------------------


def submit_appeal(*, comment, author, text, now=None):
    """Ask, once, for a removal to be reconsidered; the comment goes back to the queue.

    Raises AppealRefused (with a ``message``) when the comment is not the author's, is not
    removed, or was already appealed; ValidationError for an empty or over-long text.
    """
    now = now or timezone.now()
    text = clean_request_text(
        text,
        limit=APPEAL_MAX_LENGTH,
        missing=gettext("이의제기 내용을 입력하세요."),
        too_long=gettext("이의제기는 %(limit)d자까지 쓸 수 있습니다."),
    )
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        _refuse_unappealable(locked, author)
        try:
            with transaction.atomic():
                appeal = Appeal.objects.create(
                    comment=locked, text=text, removed_by_id=locked.decided_by_id, created_at=now
                )
        except IntegrityError:
            raise AppealRefused(gettext("이의제기는 댓글 하나에 한 번만 할 수 있습니다.")) from None
        Comment.objects.filter(pk=locked.pk).update(
            needs_review=True,
            review_priority=Least(F("review_priority"), Comment.Priority.HIGH),
            updated_at=now,
        )
        appeal_submitted.send(sender=Appeal, appeal=appeal)
    return appeal


def clean_request_text(text, *, limit, missing, too_long) -> str:
    """An appeal's or an objection's reason, readable and within ``limit`` characters; the
    messages say which of the two the author is writing."""
    text = readable(text)
    if not text:
        raise ValidationError(missing, code="required")
    if len(text) > limit:
        raise ValidationError(too_long % {"limit": limit}, code="max_length")
    return text


def _refuse_unappealable(comment, author) -> None:
    if comment.author_id != author.pk:
        raise AppealRefused(gettext("자신의 댓글만 이의제기할 수 있습니다."))
    if comment.status != Comment.Status.REMOVED:
        raise AppealRefused(gettext("삭제된 댓글에만 이의제기할 수 있습니다."))
    if Appeal.objects.filter(comment=comment).exists():
        raise AppealRefused(gettext("이의제기는 댓글 하나에 한 번만 할 수 있습니다."))


# --- objections to a temporary measure ----------------------------------------------------------


def submit_objection(*, comment, author, text, now=None):
    """The poster asks for a comment under a temporary measure to be re-posted (재게시 요청).

    The comment goes to the front of the queue (URGENT): the law lets the measure last only while
    the claim is checked, and an objection is the poster's side of that check. Raises
    ObjectionRefused (with a ``message``) when the comment is not the author's, is not under a
    measure, or was already objected to in this measure.
    """
    now = now or timezone.now()
    text = clean_request_text(
        text,
        limit=OBJECTION_MAX_LENGTH,
        missing=gettext("재게시를 요청하는 이유를 입력하세요."),
        too_long=gettext("재게시 요청 사유는 %(limit)d자까지 쓸 수 있습니다."),
    )
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        if locked.author_id != author.pk:
            raise ObjectionRefused(gettext("자신의 댓글만 재게시를 요청할 수 있습니다."))
        if not locked.under_measure:
            raise ObjectionRefused(gettext("임시조치 중인 댓글에만 재게시를 요청할 수 있습니다."))
        if Objection.objects.filter(
            comment=locked, created_at__gte=locked.measure_started_at
        ).exists():
            raise ObjectionRefused(gettext("이 임시조치에는 이미 재게시를 요청했습니다."))
        objection = Objection.objects.create(comment=locked, text=text, created_at=now)
        Comment.objects.filter(pk=locked.pk).update(
            needs_review=True, review_priority=Comment.Priority.URGENT, updated_at=now
        )
        objection_submitted.send(sender=Objection, objection=objection)
    return objection


# --- rule 13: what the author may learn ---------------------------------------------------------

#: Whether an author may learn that an investigative agency asked for their comment to be
#: withheld (rule 13) is part of the agency request, which the moderation app keeps; it registers
#: the answer here, as the page cache's schedules are registered. Without one, nothing is
#: disclosed: the author reads only that the comment is not public while under review.
_withholding_disclosure = []


def register_withholding_disclosure(disclosed_ids) -> None:
    """``disclosed_ids(comment_ids) -> set``: the withheld comments whose agency request may be
    named to their author (called from an AppConfig.ready())."""
    _withholding_disclosure[:] = [disclosed_ids]


def disclosed_withholdings(comment_ids) -> set:
    comment_ids = list(comment_ids)
    if not comment_ids or not _withholding_disclosure:
        return set()
    return set(_withholding_disclosure[0](comment_ids))


# --- rule 11's memory -------------------------------------------------------------------------


def comment_history(author, release, now=None, *, exclude=None):
    """(the author's texts of the last day, other accounts' texts on this release just now).

    What rule 11 compares a new comment with; post_comment hands both to check(). Two indexed
    queries with a LIMIT each. Only stored comments count: rejected texts are never kept.
    """
    if author is None or getattr(author, "pk", None) is None:
        return (), ()
    now = now or timezone.now()
    own = Comment.objects.filter(author=author, created_at__gte=now - OWN_HISTORY)
    if exclude is not None:
        own = own.exclude(pk=exclude.pk)
    recent = list(own.order_by("-created_at").values_list("text", flat=True)[:OWN_HISTORY_LIMIT])
    release_id = getattr(release, "pk", None)
    if release_id is None:
        return recent, ()
    others = Comment.objects.filter(
        release_id=release_id, created_at__gte=now - FLOOD_WINDOW
    ).exclude(author=author)
    flood = list(others.order_by("-created_at").values_list("text", flat=True)[:FLOOD_LIMIT])
    return recent, flood
