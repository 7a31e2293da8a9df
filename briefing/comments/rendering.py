"""The release page's comment section, rendered on its own so the rest of the page can be cached.

The section is the only part of a release page that changes with every comment, so the page
around it is kept as a cached shell (briefing.pagecache.serve_with_shell) and the section, the
page's live "comments" slot, is rendered for each request. Comment items are built in Python rather than with
an `{% include %}` per comment: twenty includes cost about 7 ms a page (bench/run.py profile);
this markup is all the same shape, so building it from escaped strings gives the same HTML in
a fraction of that (tests/test_pagecache.py compares the two renders byte for byte).
"""

import re

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import get_language, gettext

from briefing.comments.forms import CommentForm
from briefing.comments.models import Comment, public_name
from briefing.comments.services import (
    OWN_CHANGEABLE_STATUSES,
    active_suspension,
    can_edit,
    suspension_message,
)
from briefing.comments.verification import needs_verification
from briefing.rules.hangul import COMPAT_JAMO_FIRST, COMPAT_JAMO_LAST, SYLLABLE_FIRST, SYLLABLE_LAST

PAGE_PARAMETER = "cpage"
WEB_ADDRESS = re.compile(r"\S+://\S+|www\.\S+")
#: What rules.hangul.is_hangul accepts (syllables and compatibility jamo), as one character class.
HANGUL_LETTER = re.compile(
    f"[{chr(SYLLABLE_FIRST)}-{chr(SYLLABLE_LAST)}{chr(COMPAT_JAMO_FIRST)}-{chr(COMPAT_JAMO_LAST)}]"
)
#: Stands in for a comment's id in the one reversed report URL the list reuses.
REPORT_URL_SENTINEL = 987654321


def render_comment_section(request, release) -> SafeString:
    """The comment form (or why there is none), the comments newest first, and report links.

    A fixed number of queries whatever the number of comments: a count, one page of comments
    with their authors' profiles, and, for a signed-in citizen, their suspension and profile.

    A comment the rules refused comes back here (views.post puts its bound form on the request),
    so the text and the reasons beside it stay on the release page.
    """
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    unverified = signed_in and needs_verification(user)
    comments = Comment.objects.filter(release_id=release.pk).on_board(user)
    page = _page_of(comments, request, rows=comments.values_list(*ITEM_COLUMNS))
    context = {
        "release": release,
        "signed_in": signed_in,
        "page_obj": page,
        "comment_count": page.paginator.count,
        "comment_items": comment_items_html(page.object_list, user),
        "suspension_notice": _suspension_notice(user) if signed_in else "",
        "unverified": unverified,
        "form": (getattr(request, "comment_form", None) or CommentForm()) if signed_in else None,
        "page_parameter": PAGE_PARAMETER,
    }
    return mark_safe(get_template("comments/section.html").render(context, request))  # noqa: S308


#: What one comment item needs, read as tuples: model instances for twenty comments, their authors
#: and profiles cost more than rendering them.
ITEM_COLUMNS = (
    "pk",
    "author_id",
    "author__username",
    "author__citizen_profile__display_name",
    "author__is_staff",
    "status",
    "created_at",
    "text",
    "hidden_until",
    "edited_at",
    "report_count",
    "decided_at",
)


def comment_items_html(rows, viewer) -> SafeString:
    """<li> items for rows of ITEM_COLUMNS; the report link is on others' public comments, the
    edit (while the window is open) and delete links on the viewer's own.

    A comment under a temporary measure is a placeholder that says so and until when, without
    its text or its author's name (정보통신망법 제44조의2 ④: the measure is shown on the board).
    """
    viewer_id = getattr(viewer, "pk", None)
    now = timezone.now()
    measure_note = gettext("권리침해 신고로 임시조치된 댓글입니다.")
    measure_end = gettext("임시조치 종료 예정: %(end)s")
    pending_status = format_html('<strong class="comment-status">{}</strong>', gettext("검토 중"))
    pending_note = format_html(
        '<p class="comment-status-note">{}</p>\n',
        gettext(
            "관리자가 운영원칙에 따라 확인하고 있습니다. 그동안 이 댓글은 작성자에게만 보입니다."
        ),
    )
    report_label = escape(gettext("신고"))
    report_aria = gettext("%(name)s 님의 댓글 신고")
    # One reverse() for the whole list: the pattern is the same for every comment.
    report_url = reverse("comments:report", args=[REPORT_URL_SENTINEL])
    edit_url = reverse("comments:edit", args=[REPORT_URL_SENTINEL])
    delete_url = reverse("comments:delete", args=[REPORT_URL_SENTINEL])
    edit_label, delete_label = escape(gettext("수정")), escape(gettext("삭제"))
    edit_aria = escape(gettext("내 댓글 수정"))
    delete_aria = escape(gettext("내 댓글 삭제"))
    edited_label = gettext("수정됨")
    items = []
    staff_badge = format_html(' <span class="comment-staff">{}</span>', gettext("직원"))
    # Comments are written in Korean; on a page in another language, screen readers need to be
    # told so to read them with a Korean voice (and browsers not to hyphenate them as English).
    korean = "" if get_language() == settings.LANGUAGE_CODE else f' lang="{settings.LANGUAGE_CODE}"'
    for row in rows:
        pk, author_id, username, display_name, is_staff, status, created_at, text = row[:8]
        until, edited_at, report_count, decided_at = row[8:]
        if status == Comment.Status.TEMPORARY and until > now:
            end = timezone.localtime(until)
            items.append(
                f'<li id="comment-{pk}" class="comment comment-measure">\n<article>\n'
                f'<p class="comment-measure-note">{escape(measure_note)} '
                f'<time datetime="{end.isoformat(timespec="seconds")}">'
                f"{escape(measure_end % {'end': f'{end:%Y.%m.%d %H:%M}'})}</time></p>\n"
                f"</article>\n</li>\n"
            )
            continue
        name = public_name(username, display_name, is_staff)
        created = timezone.localtime(created_at)
        pending = status in Comment.PENDING_STATUSES
        actions = ""
        if not pending and author_id != viewer_id:
            url = report_url.replace(str(REPORT_URL_SENTINEL), str(pk))
            actions = (
                f'<p class="comment-actions"><a href="{escape(url)}" '
                f'aria-label="{escape(report_aria % {"name": name})}">{report_label}</a></p>\n'
            )
        elif author_id == viewer_id:
            links = []
            editable = can_edit(
                status=status,
                report_count=report_count,
                decided_at=decided_at,
                created_at=created_at,
                now=now,
            )
            if editable:
                url = edit_url.replace(str(REPORT_URL_SENTINEL), str(pk))
                links.append(f'<a href="{escape(url)}" aria-label="{edit_aria}">{edit_label}</a>')
            if status in OWN_CHANGEABLE_STATUSES:
                url = delete_url.replace(str(REPORT_URL_SENTINEL), str(pk))
                links.append(
                    f'<a href="{escape(url)}" aria-label="{delete_aria}">{delete_label}</a>'
                )
            if links:
                actions = f'<p class="comment-actions">{" ".join(links)}</p>\n'
        edited = ""
        if edited_at is not None:
            local = timezone.localtime(edited_at)
            edited = (
                f' <span class="comment-edited">{escape(edited_label)} '
                f'<time datetime="{local.isoformat(timespec="seconds")}">{local:%H:%M}</time></span>'
            )
        items.append(
            f'<li id="comment-{pk}" class="comment{" comment-pending" if pending else ""}">\n'
            f"<article>\n"
            f'<p class="comment-meta"><strong class="comment-author">{escape(name)}</strong>'
            f"{staff_badge if is_staff else ''}\n"
            # Seconds at most: validators refuse a fraction of more than three digits.
            f'<time datetime="{created.isoformat(timespec="seconds")}">{created:%Y.%m.%d %H:%M}</time>'
            f"{edited}\n{pending_status if pending else ''}</p>\n{pending_note if pending else ''}"
            f'<p class="comment-text"{korean if korean and mostly_hangul(text) else ""}>'
            f"{_linebreaksbr(text)}</p>\n{actions}</article>\n</li>\n"
        )
    return mark_safe("".join(items))  # noqa: S308 - every value above is escaped


def mostly_hangul(text: str) -> bool:
    """Whether the text is mostly Korean. A Hangul syllable counts twice (it spells two or three
    letters' worth of sound), so "G-PASS 기업 화이팅" is Korean; web addresses are no language.

    Counted by a regular expression and str.isalpha mapped in C, not a Python loop per
    character: twenty comments on an English page cost about 1 ms that way (bench/profile_page.py)."""
    text = WEB_ADDRESS.sub("", text)
    hangul = len(HANGUL_LETTER.findall(text))
    return hangul > 0 and 2 * hangul > sum(map(str.isalpha, text)) - hangul


def _linebreaksbr(text: str) -> SafeString:
    """The `linebreaksbr` filter: escape, then one <br> per line break."""
    return mark_safe(escape(normalize_newlines(text)).replace("\n", "<br>"))  # noqa: S308


def _suspension_notice(user) -> str:
    suspension = active_suspension(user)
    return suspension_message(suspension) if suspension else ""


def _page_of(comments, request, *, rows) -> Page:
    """Like Paginator.get_page, but always one query for the page's rows, even when there are
    none, so the section's query count does not depend on the data; the count needs no joins."""
    paginator = Paginator(comments, getattr(settings, "COMMENTS_PAGE_SIZE", 20))
    raw = request.GET.get(PAGE_PARAMETER) if request is not None else None
    try:
        number = paginator.validate_number(raw or 1)
    except PageNotAnInteger:
        number = 1
    except EmptyPage:
        number = paginator.num_pages
    start = (number - 1) * paginator.per_page
    return Page(list(rows[start : start + paginator.per_page]), number, paginator)
