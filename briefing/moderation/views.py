"""The moderators' desk: a staff page in the site's style, not the Django admin.

Why a page of its own: a decision needs, on one screen, the comment, the release it is on, the
rules that fired and why, every open report with the reporter's rule and note, the author's
history and suspension, and the decision buttons. The admin's change list shows one row per
object and its change form edits one model; building that screen inside it would mean custom
admin views anyway. The admin stays for browsing records (comments, reports, suspensions, appeals,
the audit trail) and offers the same decisions as admin actions, through the same functions in
actions.py.

Access: login, then the permission "moderation.moderate_comment" (the Moderators group and
superusers have it); anyone else signed in gets 403, anonymous visitors the login page.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from briefing.comments.models import Comment, Objection, Suspension
from briefing.comments.services import DEFAMATION_RULE
from briefing.moderation import actions, audit, lapses, queue
from briefing.moderation.forms import (
    STATE_LABELS,
    AgencyRequestForm,
    BulkForm,
    DecisionForm,
    LiftSuspensionForm,
    QueueFilterForm,
    RemoveForm,
    SuspendForm,
    TemporaryForm,
)
from briefing.moderation.models import AgencyRequest, AuditEntry
from briefing.releases.models import Release

PAGE_SIZE = 50
MODERATE = "moderation.moderate_comment"


def moderator_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm(MODERATE):
            raise PermissionDenied
        return never_cache(view)(request, *args, **kwargs)

    return wrapper


# --- the queue ----------------------------------------------------------------------------------


@moderator_required
def queue_page(request):
    # The lazy path of the temporary measures' notices (see lapses.py for why no cron job).
    lapses.send_due_notices()
    # The filters above the bulk form also have a "rule" field: distinct ids keep each label
    # pointing at its own select (a duplicate id is a markup error, tests/standards).
    return _render_queue(request, BulkForm(auto_id="bulk-%s"))


def _render_queue(request, bulk_form, status=200):
    """The queue as filtered by the query string; the bulk form (bound when it was refused, with
    its errors beside it) posts back with the same query string so a refusal keeps the view."""
    releases = Release.objects.filter(comments__needs_review=True).distinct().only("pk", "title")
    filters = QueueFilterForm(request.GET or None, releases=releases)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    comments = queue.queue(
        state=criteria.get("state") or "",
        rule=criteria.get("rule"),
        release=criteria.get("release"),
        search=(criteria.get("q") or "").strip(),
    )
    page = Paginator(comments, PAGE_SIZE).get_page(request.GET.get("page"))
    items = queue.with_context(page.object_list)
    counts = queue.state_counts()
    # A refused bulk form comes back with the same comments still ticked.
    ticked = set(bulk_form.data.getlist("selected")) if bulk_form.is_bound else set()
    return render(
        request,
        "moderation/queue.html",
        {
            "filters": filters,
            "page_obj": page,
            "items": [
                (comment, _remove_form(comment), _selection(comment) in ticked) for comment in items
            ],
            "counts": [(state, STATE_LABELS[state], counts[state]) for state in queue.STATES],
            "total": counts["all"],
            "bulk_form": bulk_form,
            "query_string": _query_without_page(request),
            # Where decisions return to: this view of the queue, also when the page is the bulk
            # form's refusal (whose own address only answers POST).
            "here": reverse("moderation:queue")
            + (f"?{request.GET.urlencode()}" if request.GET else ""),
        },
        status=status,
    )


def _selection(comment) -> str:
    """The bulk form's value for one comment: its number and the decision version seen."""
    return f"{comment.pk}:{comment.decision_version}"


def _remove_form(comment, data=None):
    return RemoveForm(
        data, initial={"version": comment.decision_version}, auto_id=f"c{comment.pk}-%s"
    )


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- one comment: its context, every decision, its whole history ---------------------------------


@moderator_required
def comment_page(request, pk, bound=None):
    comment = get_object_or_404(
        Comment.objects.select_related("release", "author__citizen_profile", "decided_by"), pk=pk
    )
    comment = queue.with_context([comment])[0]
    initial = {"version": comment.decision_version}
    forms = {
        "approve": DecisionForm(initial=initial, auto_id="approve-%s"),
        "remove": _remove_form(comment),
        "restore": DecisionForm(initial=initial, auto_id="restore-%s"),
        "temporary": TemporaryForm(initial=initial, auto_id="temporary-%s"),
        "agency": AgencyRequestForm(initial=initial, auto_id="agency-%s"),
        "suspend": SuspendForm(auto_id="suspend-%s"),
    }
    if not request.user.has_perm(actions.RECORD_AGENCY_REQUEST):
        del forms["agency"]  # rule 13 is recorded by the officers named for it
    if bound:
        forms.update(bound)
    can_read_agency = request.user.has_perm("moderation.view_agencyrequest")
    return render(
        request,
        "moderation/comment.html",
        {
            "comment": comment,
            "appeal": getattr(comment, "appeal", None) if _has_appeal(comment) else None,
            "forms": forms,
            "history": [
                (entry, audit.describe(entry), audit.actor_label(entry))
                for entry in AuditEntry.objects.for_comment(comment).select_related("actor")
            ],
            "agency_requests": (
                AgencyRequest.objects.filter(comment=comment) if can_read_agency else None
            ),
            "next": _safe_next(request, request.GET.get("next", "")),
            "objections": Objection.objects.filter(comment=comment),
            "rule2_reports": [
                report for report in comment.open_reports if report.rule == DEFAMATION_RULE
            ],
            "lift_form": LiftSuspensionForm(auto_id="lift-%s"),
        },
        status=400 if bound else 200,
    )


def _has_appeal(comment) -> bool:
    try:
        return comment.appeal is not None
    except Comment.appeal.RelatedObjectDoesNotExist:
        return False


DECISIONS = {
    # action: (form, how to call the one implementation of it)
    "approve": (
        DecisionForm,
        lambda c, m, d: actions.perform_approve(
            comment=c, moderator=m, expected_version=d["version"], note=d["note"]
        ),
    ),
    "remove": (
        RemoveForm,
        lambda c, m, d: actions.perform_remove(
            comment=c, moderator=m, rule=d["rule"], note=d["note"], expected_version=d["version"]
        ),
    ),
    "restore": (
        DecisionForm,
        lambda c, m, d: actions.perform_restore(
            comment=c, moderator=m, expected_version=d["version"], note=d["note"]
        ),
    ),
    "temporary": (
        TemporaryForm,
        lambda c, m, d: actions.perform_temporary_measure(
            comment=c, moderator=m, days=d["days"], note=d["note"], expected_version=d["version"]
        ),
    ),
    "agency": (
        AgencyRequestForm,
        lambda c, m, d: actions.record_agency_request(
            comment=c,
            moderator=m,
            agency=d["agency"],
            reference=d["reference"],
            received_on=d["received_on"],
            legal_basis=d["legal_basis"],
            disclosable=d["disclosable"],
            expected_version=d["version"],
        ),
    ),
    "suspend": (
        SuspendForm,
        lambda c, m, d: actions.suspend_author(
            user=c.author,
            moderator=m,
            rule=d["rule"],
            days=d["days"],
            reason=d["reason"],
            comment=c,
        ),
    ),
}
DONE_MESSAGES = {
    "approve": gettext_noop("댓글 #%(number)s을(를) 승인해 게시했습니다."),
    "remove": gettext_noop("댓글 #%(number)s을(를) 삭제했습니다."),
    "restore": gettext_noop("댓글 #%(number)s을(를) 복원했습니다."),
    "temporary": gettext_noop("댓글 #%(number)s에 임시조치를 했습니다."),
    "agency": gettext_noop(
        "수사기관 요청을 기록하고 댓글 #%(number)s을(를) 비공개로 보존했습니다."
    ),
    "suspend": gettext_noop("댓글 #%(number)s의 작성자를 이용 정지했습니다."),
}


@require_POST
@moderator_required
def decide(request, pk, action):
    if action not in DECISIONS:
        raise PermissionDenied
    comment = get_object_or_404(Comment.objects.select_related("author", "release"), pk=pk)
    form_class, perform = DECISIONS[action]
    form = form_class(request.POST, auto_id=f"{action}-%s")
    if not form.is_valid():
        return comment_page(request, pk, bound={action: form})
    try:
        perform(comment, request.user, form.cleaned_data)
    except actions.ActionRefused as refusal:
        messages.error(request, refusal.message)
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return comment_page(request, pk, bound={action: form})
    else:
        messages.success(request, gettext(DONE_MESSAGES[action]) % {"number": comment.pk})
    return redirect(_back(request, comment))


#: Messages about one bulk decision carry this tag, so the queue shows them beside the bulk form.
BULK_TAG = "bulk"


@require_POST
@moderator_required
def lift_suspension(request, pk):
    """End a citizen's suspension now, from the desk (actions.lift_suspension: audited, the
    citizen is told)."""
    suspension = get_object_or_404(Suspension.objects.select_related("user"), pk=pk)
    form = LiftSuspensionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(_back(request))
    try:
        actions.lift_suspension(
            suspension=suspension, moderator=request.user, note=form.cleaned_data["note"]
        )
    except actions.ActionRefused as refusal:
        messages.error(request, refusal.message)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, gettext("이용 정지를 해제했습니다."))
    return redirect(_back(request))


@require_POST
@moderator_required
def bulk(request):
    form = BulkForm(request.POST, auto_id="bulk-%s")
    if not form.is_valid():
        return _render_queue(request, form, status=400)
    pairs = form.cleaned_data["selected"]
    comments = Comment.objects.select_related("author", "release").in_bulk([pk for pk, _v in pairs])
    for pk, _version in pairs:
        if pk not in comments:
            messages.error(
                request,
                gettext("댓글 #%(number)s: 찾을 수 없습니다. 보도자료와 함께 지워졌을 수 있습니다.")
                % {"number": pk},
                extra_tags=BULK_TAG,
            )
    items = [(comments[pk], version) for pk, version in pairs if pk in comments]
    done, refused = actions.bulk_decide(
        items=items,
        moderator=request.user,
        action=form.cleaned_data["action"],
        rule=form.cleaned_data["rule"],
        note=form.cleaned_data["note"],
    )
    if done:
        messages.success(
            request,
            gettext("%(count)d건을 처리했습니다.") % {"count": len(done)},
            extra_tags=BULK_TAG,
        )
    for message in refused:
        messages.error(request, message, extra_tags=BULK_TAG)
    return redirect(_back(request))


def _safe_next(request, candidate: str) -> str:
    """A return address on this site, or "" (javascript: and other sites' addresses are not)."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _back(request, comment=None) -> str:
    candidate = _safe_next(request, request.POST.get("next") or "")
    if candidate:
        return candidate
    if comment is not None:
        return reverse("moderation:comment", args=[comment.pk])
    return reverse("moderation:queue")
