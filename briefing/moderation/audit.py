"""Writing the audit trail: one function for every entry, and the receivers for automatic steps.

Entries name the comment by number and describe states, rules, scores and thresholds; the
comment's text is never copied (personal data stays in one place, the comment row).
"""

from briefing.moderation.models import AuditEntry

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
