"""Writing the audit trail: one function for every entry, and the receivers for automatic steps;
reading it: ``describe`` turns an entry into the sentence the desk and the admin show.

Entries name the comment by number and describe states, rules, scores and thresholds; the
comment's text is never copied (personal data stays in one place, the comment row).
"""

from django.utils import dateformat, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext, ngettext

from briefing.comments.models import Comment
from briefing.moderation.models import AuditEntry
from briefing.rules import finding_label, get_rule

RULES_ACTOR = "system:rules"
REPORTS_ACTOR = "system:reports"


def name_in_audit(account) -> str:
    """Staff answer for their decisions by login name; a citizen is a pseudonym. Entries outlive
    accounts and cannot be changed, so a deleted citizen's login name would outlive its owner."""
    return account.get_username() if account.is_staff else f"citizen:{account.pk}"


def record(
    action,
    *,
    actor=None,
    actor_name="",
    comment=None,
    subject=None,
    rule=None,
    note="",
    state_before="",
    state_after="",
    details=None,
    at=None,
):
    """Append one entry; ``actor`` None means an automatic step named by ``actor_name``."""
    fields = {
        "action": action,
        "actor": actor,
        "actor_name": name_in_audit(actor) if actor is not None else actor_name,
        "comment": comment,
        "comment_number": comment.pk if comment is not None else None,
        "subject": subject if subject is not None else getattr(comment, "author", None),
        "rule": rule,
        "note": note or "",
        "state_before": state_before or "",
        "state_after": state_after or "",
        "details": details or {},
    }
    if at is not None:
        fields["created_at"] = at
    return AuditEntry.objects.create(**fields)


# --- receivers for the citizen side's signals (connected in ModerationConfig.ready) -----------


def on_comment_queued_by_rules(sender, comment, verdict, **kwargs):
    summary = verdict.as_dict(details=False)  # the learned score's detail quotes the comment
    record(
        AuditEntry.Action.HOLD if comment.status == "held" else AuditEntry.Action.FLAG,
        actor_name=RULES_ACTOR,
        comment=comment,
        rule=min(summary["rules"]) if summary["rules"] else None,
        state_after=comment.status,
        details={"verdict": summary},
        at=comment.created_at,
    )


def on_comment_auto_hidden(sender, comment, report_count, threshold, **kwargs):
    record(
        AuditEntry.Action.AUTO_HIDE,
        actor_name=REPORTS_ACTOR,
        comment=comment,
        state_before="published",
        state_after=comment.status,
        details={"report_count": report_count, "threshold": threshold},
    )


def on_appeal_submitted(sender, appeal, **kwargs):
    comment = appeal.comment
    record(
        AuditEntry.Action.APPEAL,
        actor=comment.author,
        comment=comment,
        state_before=comment.status,
        state_after=comment.status,
        details={"removed_by": appeal.removed_by.get_username() if appeal.removed_by else ""},
    )


# --- reading the trail: one entry as a sentence --------------------------------------------------


def describe(entry) -> str:
    """What the entry records, in words of the active language: the step and its rule, how the
    comment's state changed and what its details hold (ends, counts, outcomes, findings), e.g.
    "삭제 (제4항 욕설·비하 표현). ‘게시’에서 ‘삭제’ 상태로 바뀌었습니다. 작성자의 이의제기를
    받아들이지 않았습니다(삭제 유지)." Used by the desk's history and the admin's audit list."""
    step = entry.get_action_display()
    if entry.rule:
        step = f"{step} ({_rule_label(entry.rule)})"
    sentences = [step + "."]
    if change := state_change(entry.state_before, entry.state_after):
        sentences.append(change)
    sentences.extend(_detail_sentences(entry.details or {}))
    return " ".join(sentences)


def actor_label(entry) -> str:
    """Who took the step: a member of staff by login name, automatic steps and citizens in words."""
    name = entry.actor_name
    if name == RULES_ACTOR:
        return gettext("자동 검사")
    if name == REPORTS_ACTOR:
        return gettext("신고 누적(자동)")
    if name.startswith("citizen:"):
        return gettext("시민 #%(number)s") % {"number": name.partition(":")[2]}
    return name


def state_label(value) -> str:
    """A comment status's label ("게시", "Published"); a value no status has any more as is."""
    try:
        return str(Comment.Status(value).label)
    except ValueError:
        return value


def state_change(before, after) -> str:
    if not after:
        return ""
    if not before:
        return gettext("‘%(after)s’ 상태가 되었습니다.") % {"after": state_label(after)}
    if before == after:
        return gettext("상태는 ‘%(state)s’ 그대로입니다.") % {"state": state_label(after)}
    return gettext("‘%(before)s’에서 ‘%(after)s’ 상태로 바뀌었습니다.") % {
        "before": state_label(before),
        "after": state_label(after),
    }


def _rule_label(number) -> str:
    try:
        return str(get_rule(number).label)
    except LookupError:
        return gettext("운영원칙 %(number)s") % {"number": number}


def _moment(iso) -> str:
    moment = parse_datetime(str(iso)) if iso else None
    if moment is None:
        return str(iso or "")
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return dateformat.format(moment, "Y.m.d H:i")


def _findings_sentence(details):
    verdict = details.get("verdict") or {}
    reasons = []
    for finding in verdict.get("findings", []):
        reason = finding_label(finding.get("code", ""))
        if finding.get("rule"):
            reason = f"{reason}({_rule_label(finding['rule'])})"
        reasons.append(reason)
    if not reasons:
        return ""
    sentence = gettext("자동 검사 결과: %(reasons)s.") % {"reasons": ", ".join(reasons)}
    if verdict.get("urgent"):
        sentence += " " + gettext("긴급으로 표시했습니다.")
    return sentence


def _auto_hide_sentence(details):
    count, threshold = details.get("report_count"), details.get("threshold")
    if count is None:
        return ""
    return ngettext(
        "서로 다른 시민 %(count)d명이 신고해 자동 숨김 기준(%(threshold)s명)에 이르렀습니다.",
        "서로 다른 시민 %(count)d명이 신고해 자동 숨김 기준(%(threshold)s명)에 이르렀습니다.",
        count,
    ) % {"count": count, "threshold": threshold}


def _temporary_end_sentence(details):
    return gettext("임시조치는 %(end)s에 끝납니다.") % {"end": _moment(details["hidden_until"])}


def _appeal_sentence(details):
    if details["appeal"] == "granted":
        return gettext("작성자의 이의제기를 받아들였습니다.")
    return gettext("작성자의 이의제기를 받아들이지 않았습니다(삭제 유지).")


def _objection_sentence(details):
    if details["objection"] == "granted":
        return gettext("작성자의 재게시 요청을 받아들였습니다.")
    return gettext("작성자의 재게시 요청을 받아들이지 않았습니다.")


def _requesters_sentence(details):
    count = details.get("requesters") or 0
    return ngettext(
        "임시조치를 요청한 시민 %(count)d명에게 알렸습니다.",
        "임시조치를 요청한 시민 %(count)d명에게 알렸습니다.",
        count,
    ) % {"count": count}


def _reports_closed_sentence(details):
    closed = details.get("closed") or 0
    sentence = ngettext(
        "처리되지 않은 신고 %(count)d건을 종료했습니다.",
        "처리되지 않은 신고 %(count)d건을 종료했습니다.",
        closed,
    ) % {"count": closed}
    if rules := details.get("reported_rules"):
        sentence += " " + gettext("신고된 운영원칙: %(rules)s.") % {
            "rules": ", ".join(_rule_label(rule) for rule in rules)
        }
    return sentence


def _suspension_sentence(details):
    days = details.get("days")
    if days is None:
        return gettext("기한 없이 정지했습니다.")
    return ngettext(
        "%(days)d일 동안, %(end)s까지 정지했습니다.",
        "%(days)d일 동안, %(end)s까지 정지했습니다.",
        days,
    ) % {"days": days, "end": _moment(details.get("ends_at"))}


def _lifted_sentence(details):
    return gettext("이용 정지 기록 %(number)s번을 지금 끝냈습니다.") % {
        "number": details["suspension"]
    }


def _agency_sentence(details):
    return gettext("요청 내용은 요청 기록 %(number)s번에 있으며 최고관리자만 열람합니다.") % {
        "number": details["agency_request"]
    }


def _removed_by_sentence(details):
    if not details["removed_by"]:
        return ""
    return gettext("삭제한 관리자(%(who)s)가 아닌 다른 관리자가 결정합니다.") % {
        "who": details["removed_by"]
    }


#: The keys an entry's details may hold, and the sentence each group of them makes, in the order
#: they are read. A key with no sentence here is shown as "key: value", never hidden: give a new
#: key its sentence here.
DETAIL_SENTENCES = (
    (("verdict",), _findings_sentence),
    (("report_count", "threshold"), _auto_hide_sentence),
    (("hidden_until",), _temporary_end_sentence),
    (("appeal",), _appeal_sentence),
    (("objection",), _objection_sentence),
    (("requesters",), _requesters_sentence),
    (("closed", "reported_rules"), _reports_closed_sentence),
    (("days", "ends_at"), _suspension_sentence),
    (("suspension",), _lifted_sentence),
    (("agency_request",), _agency_sentence),
    (("removed_by",), _removed_by_sentence),
)
_KNOWN_KEYS = {key for keys, _sentence in DETAIL_SENTENCES for key in keys}


def _detail_sentences(details: dict) -> list[str]:
    sentences = []
    for keys, sentence in DETAIL_SENTENCES:
        if any(key in details for key in keys) and (text := sentence(details)):
            sentences.append(text)
    sentences.extend(f"{key}: {value}." for key, value in details.items() if key not in _KNOWN_KEYS)
    return sentences


def on_objection_submitted(sender, objection, **kwargs):
    comment = objection.comment
    record(
        AuditEntry.Action.OBJECTION,
        actor=comment.author,
        comment=comment,
        state_before=comment.status,
        state_after=comment.status,
        details={
            "hidden_until": comment.hidden_until.isoformat() if comment.hidden_until else None
        },
    )
