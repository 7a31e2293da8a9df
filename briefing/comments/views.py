"""Citizens' pages: a release's comments, posting, reporting, their own comments, their account.

Posting and reporting follow post/redirect/get; a refused comment is shown again with every
problem listed and the text kept in the form, so the author loses nothing.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_http_methods

from briefing.comments.errors import Refused
from briefing.comments.forms import (
    AppealForm,
    CommentForm,
    DisplayNameForm,
    ObjectionForm,
    ReportForm,
    SignUpForm,
)
from briefing.comments.models import Comment, Objection, display_name_of
from briefing.comments.services import (
    OWN_CHANGEABLE_STATUSES,
    active_suspension,
    can_edit,
    delete_own_comment,
    disclosed_withholdings,
    edit_comment,
    edit_deadline,
    post_comment,
    report_comment,
    submit_appeal,
    submit_objection,
)
from briefing.comments.verification import (
    mark_verified,
    needs_verification,
    send_verification_email,
    user_for_link,
)
from briefing.privacy import client_ip
from briefing.releases.models import Release
from briefing.releases.views import render_release_page, with_page_parts
from briefing.throttle import refuse_account_email_if_over

MY_COMMENTS_PAGE_SIZE = 20
MAIL_FAILED = gettext_noop(
    "확인 메일을 보내지 못했습니다. 잠시 뒤 댓글 쓰는 곳이나 내 정보에서 다시 보내기를 누르세요."
)


def _published_release(slug):
    """The release at this address, or at one it used to have: a page loaded before a slug
    change still posts its comments to the old address (releases.models.SlugRedirect)."""
    published = Release.objects.published()
    release = published.filter(slug=slug).first()
    return release or get_object_or_404(published, old_slugs__old_slug=slug)


def _comment_url(release, comment=None) -> str:
    anchor = f"#comment-{comment.pk}" if comment else "#comments"
    return release.get_absolute_url() + anchor


def release_comments(request, slug):
    """A release's comments on a page of their own (the release page embeds the same section)."""
    release = _published_release(slug)
    return render(request, "comments/release_comments.html", {"release": release})


@require_http_methods(["GET", "POST"])
@login_required
def post(request, slug):
    release = _published_release(slug)
    if request.method != "POST":
        return redirect(_comment_url(release))
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment, verdict = post_comment(
                release=release,
                author=request.user,
                text=form.cleaned_data["text"],
                ip_address=client_ip(request),
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        except ValidationError as error:
            form.add_error("text", error)
        else:
            if comment is None:
                form.add_verdict_errors(verdict)
            else:
                _tell_author(request, comment)
                return redirect(_comment_url(release, comment))
    # Refused: the release page again, its comment box holding the text with the reasons beside
    # it (render_comment_section reads the bound form from the request). Nothing is stored.
    request.comment_form = form
    return render_release_page(
        request, with_page_parts(Release.objects.filter(pk=release.pk)).get()
    )


def _tell_author(request, comment) -> None:
    if comment.is_public:
        messages.success(request, gettext("댓글이 게시되었습니다."), extra_tags="comments")
    else:
        messages.info(
            request,
            gettext("댓글이 접수되었습니다. 관리자가 운영원칙에 따라 검토한 뒤 게시됩니다."),
            extra_tags="comments",
        )


def _own_comment(request, pk):
    return get_object_or_404(
        Comment.objects.select_related("release"),
        pk=pk,
        author=request.user,
        release__in=Release.objects.published(),
    )


@require_http_methods(["GET", "POST"])
@login_required
def edit(request, pk):
    """Correct one's own comment within COMMENTS_EDIT_MINUTES; the new text passes the rules
    again, and a refused one leaves the stored comment as it was."""
    comment = _own_comment(request, pk)
    form = CommentForm(request.POST or None, initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        try:
            edited, verdict = edit_comment(
                comment=comment, author=request.user, text=form.cleaned_data["text"]
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        except ValidationError as error:
            form.add_error("text", error)
        else:
            if edited is None:
                form.add_verdict_errors(verdict)
            else:
                if edited.is_public:
                    messages.success(request, gettext("댓글을 고쳤습니다."), extra_tags="comments")
                else:
                    _tell_author(request, edited)
                return redirect(_comment_url(comment.release, comment))
    context = {"comment": comment, "form": form, "deadline": edit_deadline(comment.created_at)}
    return render(request, "comments/edit.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def delete(request, pk):
    """GET asks for confirmation; the POST deletes (services.delete_own_comment says when not)."""
    comment = _own_comment(request, pk)
    back = _next_url(request, default=_comment_url(comment.release))
    refusal = None
    if request.method == "POST":
        try:
            delete_own_comment(comment=comment, author=request.user)
        except Refused as error:
            refusal = error.message
        else:
            messages.success(request, gettext("댓글을 지웠습니다."), extra_tags="comments")
            return redirect(back)
    context = {"comment": comment, "refusal": refusal, "next": back}
    return render(request, "comments/delete.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def report(request, pk):
    comment = get_object_or_404(
        Comment.objects.visible_to(request.user).select_related(
            "release", "author__citizen_profile"
        ),
        pk=pk,
        release__in=Release.objects.published(),
    )
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_comment(
                comment=comment,
                reporter=request.user,
                rule=form.cleaned_data["rule"],
                note=form.cleaned_data["note"],
                concerned_party=form.cleaned_data["concerned_party"],
                explanation=form.cleaned_data["explanation"],
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                gettext("신고가 접수되었습니다. 관리자가 검토합니다."),
                extra_tags="comments",
            )
            return redirect(_comment_url(comment.release, comment))
    return render(request, "comments/report.html", {"comment": comment, "form": form})


@login_required
def mine(request):
    """Every comment of the author with its state, the rule and note of the latest decision,
    and an appeal form under a removal not yet appealed."""
    comments = (
        Comment.objects.filter(author=request.user)
        .select_related("release", "appeal")
        .prefetch_related(
            Prefetch("objections", queryset=Objection.objects.order_by("-created_at"))
        )
    )
    page = Paginator(comments, MY_COMMENTS_PAGE_SIZE).get_page(request.GET.get("page"))
    disclosed = disclosed_withholdings(
        comment.pk for comment in page if comment.status == Comment.Status.WITHHELD
    )
    for comment in page:
        comment.withholding_disclosed = comment.pk in disclosed
        comment.latest_objection = next(iter(comment.objections.all()), None)
        comment.objection_form = (
            ObjectionForm(auto_id=f"objection-{comment.pk}-%s")
            if comment.under_measure and not _objected_in_this_measure(comment)
            else None
        )
    now = timezone.now()
    editable_ids = {
        comment.pk
        for comment in page
        if can_edit(
            status=comment.status,
            report_count=comment.report_count,
            decided_at=comment.decided_at,
            created_at=comment.created_at,
            now=now,
        )
    }
    context = {
        "page_obj": page,
        "editable_ids": editable_ids,
        "own_changeable": OWN_CHANGEABLE_STATUSES,
        "suspension": active_suspension(request.user),
    }
    return render(request, "comments/mine.html", context)


def _objected_in_this_measure(comment) -> bool:
    objection = comment.latest_objection
    return objection is not None and objection.created_at >= comment.measure_started_at


@require_http_methods(["POST"])
@login_required
def objection(request, pk):
    """재게시 요청 from "my comments", which it returns to; a reason missing or too long comes
    back on a page of its own with the error beside the field."""
    comment = get_object_or_404(Comment, pk=pk, author=request.user)
    form = ObjectionForm(request.POST, auto_id=f"objection-{comment.pk}-%s")
    back = reverse("comments:mine") + f"#comment-{comment.pk}"
    if form.is_valid():
        try:
            submit_objection(comment=comment, author=request.user, text=form.cleaned_data["text"])
        except Refused as refusal:
            messages.error(request, refusal.message)
            return redirect(back)
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(
                request,
                gettext(
                    "재게시 요청이 접수되었습니다. 관리자가 먼저 검토하고 결과를 알려 드립니다."
                ),
            )
            return redirect(back)
    return render(
        request,
        "comments/objection.html",
        {"comment": comment, "form": form},
        status=400,
    )


@require_http_methods(["GET", "POST"])
@login_required
def appeal(request, pk):
    comment = get_object_or_404(
        Comment.objects.select_related("release"), pk=pk, author=request.user
    )
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            submit_appeal(comment=comment, author=request.user, text=form.cleaned_data["text"])
        except Refused as refusal:
            form.add_error(None, refusal.message)
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(
                request,
                gettext(
                    "이의제기가 접수되었습니다. 삭제를 결정하지 않은 다른 관리자가 검토합니다."
                ),
            )
            return redirect(reverse("comments:mine") + f"#comment-{comment.pk}")
    return render(request, "comments/appeal.html", {"comment": comment, "form": form})


# --- accounts ---------------------------------------------------------------------------------


def _next_url(request, default=None) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if allowed else (default or reverse(settings.LOGIN_REDIRECT_URL))


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = form.save()
        except ValidationError as error:
            form.add_error("display_name", error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            if send_verification_email(user):
                messages.success(
                    request,
                    gettext(
                        "가입되었습니다. %(email)s(으)로 보낸 메일의 확인 링크를 열면 댓글을 쓸 수 "
                        "있습니다."
                    )
                    % {"email": user.email},
                )
            else:
                messages.warning(request, gettext(MAIL_FAILED))
            return redirect(_next_url(request))
    # A form sent back with its errors still leads where the citizen was going.
    next_url = request.POST.get("next") or request.GET.get("next", "")
    return render(request, "registration/signup.html", {"form": form, "next": next_url})


def signup_refused(request, message, seconds):
    """Too many sign-ups from this address (briefing.throttle): the form comes back with every
    field as typed and all its other mistakes shown too, so nothing needs a second trip."""
    form = SignUpForm(request.POST)
    form.is_valid()
    form.add_error(None, message)
    context = {"form": form, "next": request.POST.get("next", "")}
    response = render(request, "registration/signup.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response


@require_http_methods(["GET", "POST"])
@login_required
def profile(request):
    current = display_name_of(request.user)
    form = DisplayNameForm(
        request.POST or None, user=request.user, initial={"display_name": current}
    )
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except ValidationError as error:
            form.add_error("display_name", error)
        else:
            messages.success(request, gettext("표시 이름을 바꾸었습니다."))
            return redirect("profile")
    context = {
        "form": form,
        "unverified": needs_verification(request.user),
        "suspension": active_suspension(request.user),
    }
    return render(request, "accounts/profile.html", context)


@require_http_methods(["GET", "POST"])
def verify_email(request, uidb64, token):
    """The link from the confirmation e-mail. GET only shows a button: mail scanners open links
    (and would confirm for the citizen); the POST, from a person, confirms."""
    user = user_for_link(uidb64, token)
    if user is None:
        return render(request, "registration/verify_email.html", {"invalid": True}, status=400)
    if request.method == "POST":
        mark_verified(user)
        messages.success(
            request, gettext("전자우편 주소를 확인했습니다. 이제 댓글을 쓸 수 있습니다.")
        )
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "registration/verify_email.html", {"invalid": False})


@require_http_methods(["POST"])
@login_required
def resend_verification(request):
    """Another confirmation link, from the comment box or the profile; limited per address like
    password resets, since each sends an e-mail."""
    back = _next_url(request, default=reverse("profile"))
    if not needs_verification(request.user):
        return redirect(back)
    try:
        refuse_account_email_if_over(request)
    except ValidationError as error:
        messages.error(request, error.messages[0], extra_tags="comments")
    else:
        if send_verification_email(request.user):
            messages.success(
                request,
                gettext("확인 메일을 %(email)s(으)로 다시 보냈습니다.")
                % {"email": request.user.email},
                extra_tags="comments",
            )
        else:
            messages.warning(request, gettext(MAIL_FAILED), extra_tags="comments")
    return redirect(back)
