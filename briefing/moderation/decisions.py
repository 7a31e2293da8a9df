"""Moderators' decisions as labelled data: what the learned score can learn from the portal itself.

A decided comment says something about its language when a moderator removed it under rule 4, or
published it (approved or restored) after the rules or a citizen questioned it under rule 4. The
export keeps only the text, the rule, the decision and the day: no author, address or name. The
comments whose text is itself someone's data are never exported: rule 1 (personal information),
rule 2 (claims about a person) and rule 13 (kept as evidence).
"""

from django.db.models import Q

from briefing.comments.models import Comment, Report
from briefing.rules import CITABLE_RULES

NEVER_EXPORTED_RULES = (1, 2, 13)


def decided_comments():
    """Comments a moderator has decided (published or removed), newest first."""
    decided = Comment.objects.filter(decided_at__isnull=False).filter(
        Q(status=Comment.Status.REMOVED) | Q(status=Comment.Status.PUBLISHED)
    )
    return decided.exclude(decision_rule__in=NEVER_EXPORTED_RULES).order_by("-decided_at")


def export_rows(comments=None):
    """One dict per decided comment: text, rule, decision, questioned_under, decided_on."""
    comments = list(decided_comments() if comments is None else comments)
    reported = _reported_rules([c.pk for c in comments])
    for comment in comments:
        questioned = sorted(set(comment.rule_numbers) | reported.get(comment.pk, set()))
        if any(rule in NEVER_EXPORTED_RULES for rule in questioned):
            continue
        yield {
            "text": comment.text,
            "rule": comment.decision_rule,
            "decision": "removed" if comment.status == Comment.Status.REMOVED else "published",
            "questioned_under": [rule for rule in questioned if rule in CITABLE_RULES],
            "decided_on": comment.decided_at.date().isoformat(),
        }


def _reported_rules(comment_ids) -> dict[int, set[int]]:
    rules: dict[int, set[int]] = {}
    for comment_id, rule in Report.objects.filter(comment_id__in=comment_ids).values_list(
        "comment_id", "rule"
    ):
        rules.setdefault(comment_id, set()).add(rule)
    return rules
