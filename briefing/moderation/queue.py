"""The moderators' queue as querysets: what needs a decision, in what order, with what context.

Every page of the queue costs the same handful of queries whatever its length: one count per
state in a single aggregate, one page of comments with release, author and appeal joined, and
one query each for open reports, authors' histories and active suspensions of that page.
"""

from datetime import timedelta

from django.db.models import Count, DurationField, ExpressionWrapper, F, Prefetch, Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from briefing.comments.models import Comment, Report, Suspension
from briefing.rules import finding_label, get_rule

Status = Comment.Status
#: A temporary measure ending within this time is shown as about to lapse.
LAPSING_WITHIN = timedelta(days=3)

#: Long release fields the queue never shows.
RELEASE_BODY = [
    f"release__{name}{suffix}"
    for name in ("body", "footnote", "attribution", "withdrawal_notice")
    for suffix in ("", "_ko", "_en")
]
ACTION_LABELS = {
    "hold": _("보류"),
    "flag": _("검토 표시"),
    "reject": _("거부"),
    "publish": _("게시"),
}
STATES = (
    "held",
    "reported",
    "hidden",
    "flagged",
    "temporary",
    "lapsing",
    "overdue",
    "appealed",
)


def state_filters(now=None) -> dict:
    now = now or timezone.now()
    return {
        "held": Q(status=Status.HELD),
        "reported": Q(status=Status.PUBLISHED, report_count__gt=0),
        "hidden": Q(status=Status.HIDDEN),
        "flagged": Q(status=Status.PUBLISHED, report_count=0),
        "temporary": Q(status=Status.TEMPORARY),
        "lapsing": Q(
            status=Status.TEMPORARY, hidden_until__gt=now, hidden_until__lte=now + LAPSING_WITHIN
        ),
        # The measure ran out with no decision: the comment is public again by itself, and a
        # moderator still has to record the outcome (restore, or remove).
        "overdue": Q(status=Status.TEMPORARY, hidden_until__lte=now),
        "appealed": Q(appeal__isnull=False, appeal__decided_at__isnull=True),
    }


def queued():
    return Comment.objects.filter(needs_review=True)


def state_counts(now=None) -> dict:
    """{"all": n, "held": n, ...} in one query."""
    filters = state_filters(now)
    counts = {"all": Count("pk")}
    counts.update({state: Count("pk", filter=condition) for state, condition in filters.items()})
    return queued().aggregate(**counts)


def queue(*, state="", rule=None, release=None, search="", now=None):
    """Queued comments, most pressing first: by review priority (the rules' urgent findings,
    then held, reported or appealed ones, then flagged ones), and within one priority by reports
    × age."""
    comments = queued()
    if state in STATES:
        comments = comments.filter(state_filters(now)[state])
    if rule:
        reported_under = Report.objects.filter(rule=rule).values("comment_id")
        comments = comments.with_rule(rule) | comments.filter(pk__in=reported_under)
    if release:
        comments = comments.filter(release_id=release)
    if search:
        comments = comments.filter(
            Q(text__icontains=search)
            | Q(author__username__icontains=search)
            | Q(author__citizen_profile__display_name__icontains=search)
        )
    urgency = ExpressionWrapper(
        (F("report_count") + 1) * (Now() - F("created_at")), output_field=DurationField()
    )
    return (
        comments.select_related("release", "author__citizen_profile", "appeal", "decided_by")
        .defer(*RELEASE_BODY)
        .annotate(urgency=urgency)
        .order_by("review_priority", "-urgency", "pk")
    )


def with_context(comments):
    """Attach open reports, the author's history and suspension to a page of comments."""
    comments = list(comments)
    attach_open_reports(comments)
    author_ids = {comment.author_id for comment in comments}
    histories = author_histories(author_ids)
    suspensions = active_suspensions(author_ids)
    for comment in comments:
        comment.finding_rows = finding_rows(comment)
        comment.author_history = histories.get(comment.author_id, {"total": 0, "removed": 0})
        comment.author_suspension = suspensions.get(comment.author_id)
    return comments


def finding_rows(comment) -> list[dict]:
    """The rules that fired on ``comment``, labelled, each with its reason in words (the code
    stays in the row for the admin and the exports); never the comment's words."""
    rows = []
    for finding in (comment.findings or {}).get("findings", []):
        try:
            label = get_rule(finding.get("rule")).label
        except LookupError:
            label = ""
        rows.append(
            {
                **finding,
                "label": label,
                "reason": finding_label(finding.get("code", "")),
                "action_label": ACTION_LABELS.get(finding.get("action"), ""),
            }
        )
    return rows


def attach_open_reports(comments):
    from django.db.models import prefetch_related_objects

    open_reports = Report.objects.filter(resolved_at__isnull=True).select_related(
        "reporter__citizen_profile"
    )
    prefetch_related_objects(
        comments, Prefetch("reports", queryset=open_reports, to_attr="open_reports")
    )


def author_histories(author_ids) -> dict:
    rows = (
        Comment.objects.filter(author_id__in=author_ids)
        .values("author_id")
        .annotate(
            total=Count("pk"),
            removed=Count("pk", filter=Q(status=Status.REMOVED)),
        )
    )
    return {row["author_id"]: row for row in rows}


def active_suspensions(user_ids) -> dict:
    """The longest-running active suspension of each user (permanent ones win)."""
    by_user = {}
    rows = (
        Suspension.objects.filter(user_id__in=user_ids)
        .active()
        .order_by(F("ends_at").asc(nulls_last=True))
    )
    for suspension in rows:
        by_user[suspension.user_id] = suspension
    return by_user
