"""The release page pulls its comment section in through this tag, so releases knows nothing of
comments (the way django-contrib-comments' render_comment_form works)."""

from django import template
from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator

from briefing.comments.forms import CommentForm
from briefing.comments.models import Comment
from briefing.comments.services import active_suspension, suspension_message

register = template.Library()

PAGE_PARAMETER = "cpage"


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, release):
    """The comment form (or why there is none), the comments newest first, and report links.

    A fixed number of queries whatever the number of comments: a count, one page of comments
    with their authors' profiles, and, for a signed-in citizen, their suspension.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    comments = (
        Comment.objects.filter(release=release)
        .visible_to(user)
        .select_related("author__citizen_profile")
    )
    page = _page_of(comments, request)
    return {
        "release": release,
        "request": request,
        "user": user,
        "signed_in": signed_in,
        "csrf_token": context.get("csrf_token"),
        "page_obj": page,
        "comment_count": page.paginator.count,
        "suspension_notice": _suspension_notice(user) if signed_in else "",
        "messages": context.get("messages"),
        "form": context.get("comment_form") or CommentForm(),
        "page_parameter": PAGE_PARAMETER,
    }


def _suspension_notice(user) -> str:
    suspension = active_suspension(user)
    return suspension_message(suspension) if suspension else ""


def _page_of(comments, request) -> Page:
    """Like Paginator.get_page, but always one query for the objects, even when there are none,
    so the section's query count does not depend on the data."""
    paginator = Paginator(comments, getattr(settings, "COMMENTS_PAGE_SIZE", 20))
    raw = request.GET.get(PAGE_PARAMETER) if request is not None else None
    try:
        number = paginator.validate_number(raw or 1)
    except PageNotAnInteger:
        number = 1
    except EmptyPage:
        number = paginator.num_pages
    start = (number - 1) * paginator.per_page
    return Page(list(comments[start : start + paginator.per_page]), number, paginator)
