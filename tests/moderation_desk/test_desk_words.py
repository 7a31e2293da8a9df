"""The desk speaks in words: findings, states and audit details as sentences, bulk errors that say
what is wrong, and the way to the desk in the public header for moderators only."""

import ast
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from briefing.comments.services import post_comment
from briefing.moderation import audit
from briefing.moderation.models import AuditEntry
from briefing.rules import FINDING_LABELS
from tests.moderation_desk.conftest import client_for, decide_url

RULES_DIR = Path(__file__).resolve().parents[2] / "briefing" / "rules"
QUEUE = "/ko/moderation/"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
RELEASE_PAGE = "/ko/briefing/press-releases/pps-overseas-procurement-record-2024/"


def producible_codes() -> dict[str, str]:
    """Every code a Finding(...) in briefing/rules can carry -> where it is built.

    A code is the third argument (or code=): a string literal, or an item of a module-level dict
    of literals (copyright's _CODES). Anything else fails here, so a new way of building a code
    cannot slip past the labels."""
    codes = {}
    for path in sorted(RULES_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        dicts = {
            target.id: node.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Finding"):
                continue
            argument = next((k.value for k in node.keywords if k.arg == "code"), None)
            if argument is None:
                argument = node.args[2]
            where = f"{path.name}:{node.lineno}"
            if isinstance(argument, ast.Constant):
                codes[argument.value] = where
            elif isinstance(argument, ast.Subscript) and argument.value.id in dicts:
                for value in dicts[argument.value.id].values:
                    codes[value.value] = where
            else:
                pytest.fail(f"{where}: cannot tell which codes this Finding carries")
    return codes


def test_every_code_a_check_can_produce_has_a_label_in_both_languages():
    """link.unknown, ad.score, copyright.news-link, engine.error… each have Korean and English
    words; no label is left over for a code nothing produces."""
    codes = producible_codes()
    assert {"link.unknown", "ad.score", "copyright.news-link", "engine.error"} <= set(codes)
    assert sorted(set(codes) - set(FINDING_LABELS)) == []
    assert sorted(set(FINDING_LABELS) - set(codes)) == []
    with translation.override("en"):
        untranslated = [code for code, label in FINDING_LABELS.items() if HANGUL.search(str(label))]
    assert untranslated == []


def test_the_queue_names_the_reason_not_the_code(moderator_client, held_comment):
    """The held link comment reads "확인되지 않은 외부 링크", in English "Unverified external link"."""
    korean = moderator_client.get(QUEUE).content.decode()
    english = moderator_client.get("/en/moderation/").content.decode()

    assert "확인되지 않은 외부 링크" in korean and "link.unknown" not in korean
    superuser = type(held_comment.author).objects.create_superuser(
        "root", "r@example.com", "pw-1!x"
    )
    admin_page = client_for(superuser).get(f"/admin/comments/comment/{held_comment.pk}/change/")
    assert (
        "확인되지 않은 외부 링크 (제3항 공공질서·미풍양속 위반, 보류)"
        in admin_page.content.decode()
    )
    assert "Unverified external link" in english
    assert "link.unknown" not in english


# --- the audit trail in sentences ---------------------------------------------------------------


def entry(**fields):
    return AuditEntry(actor_name="mod-kim", **fields)


@pytest.mark.parametrize(
    ("fields", "korean", "english"),
    [
        (
            {"action": "remove", "rule": 4, "state_before": "published", "state_after": "removed"},
            "삭제 (제4항 욕설·비하 표현). ‘게시’에서 ‘삭제’ 상태로 바뀌었습니다.",
            "Status changed from “Published” to “Removed”.",
        ),
        (
            {"action": "remove", "state_before": "removed", "state_after": "removed",
             "details": {"appeal": "upheld"}},
            "작성자의 이의제기를 받아들이지 않았습니다(삭제 유지).",
            "The author's appeal was turned down; the removal stands.",
        ),
        (
            {"action": "restore", "details": {"appeal": "granted"}},
            "작성자의 이의제기를 받아들였습니다.",
            "The author's appeal was granted.",
        ),
        (
            {"action": "temporary", "rule": 2, "state_after": "temporary",
             "details": {"hidden_until": "2026-12-31T03:00:00+00:00"}},
            "임시조치는 2026.12.31 12:00에 끝납니다.",
            "The temporary measure ends on 2026.12.31 12:00.",
        ),
        (
            {"action": "reports_closed", "details": {"closed": 2, "reported_rules": [2, 4]}},
            "처리되지 않은 신고 2건을 종료했습니다. 신고된 운영원칙: 제2항 명예훼손, 제4항 욕설·비하 표현.",
            "Closed 2 open reports.",
        ),
        (
            {"action": "suspend", "rule": 4,
             "details": {"days": 7, "ends_at": "2026-12-08T03:00:00+00:00"}},
            "7일 동안, 2026.12.08 12:00까지 정지했습니다.",
            "Suspended for 7 days, until 2026.12.08 12:00.",
        ),
        (
            {"action": "suspend", "rule": 4, "details": {"days": None, "ends_at": None}},
            "기한 없이 정지했습니다.",
            "Suspended with no end date.",
        ),
        (
            {"action": "auto_hide", "state_before": "published", "state_after": "hidden",
             "details": {"report_count": 3, "threshold": 3}},
            "서로 다른 시민 3명이 신고해 자동 숨김 기준(3명)에 이르렀습니다.",
            "3 different citizens reported it, reaching the hiding threshold (3).",
        ),
        (
            {"action": "hold", "rule": 3, "state_after": "held",
             "details": {"verdict": {"urgent": False,
                                     "findings": [{"rule": 3, "code": "link.unknown"}]}}},
            "자동 검사 결과: 확인되지 않은 외부 링크(제3항 공공질서·미풍양속 위반).",
            "Unverified external link",
        ),
    ],
)  # fmt: skip
def test_an_audit_entry_reads_as_a_sentence(fields, korean, english):
    """Korean and English sentences; never a status code or a Python dict."""
    record = entry(**fields)
    with translation.override("ko"):
        sentence = audit.describe(record)
    assert korean in sentence
    with translation.override("en"):
        english_sentence = audit.describe(record)
    assert english in english_sentence
    for raw in ("{", "published", "removed", "hidden_until", "upheld", "'"):
        assert raw not in sentence
    assert "{" not in english_sentence and "hidden_until" not in english_sentence


def test_an_unknown_detail_is_shown_not_hidden():
    """A key no sentence knows yet still appears, as "key: value"."""
    assert "overdue_days: 2." in audit.describe(
        entry(action="approve", details={"overdue_days": 2})
    )


def test_the_desk_history_and_the_admin_show_the_same_sentences(
    moderator_client, moderator, reported_comment
):
    """After a removal: the comment's page and the admin's audit list read the sentence, the
    automatic steps are named in words, and the raw states and JSON are gone."""
    moderator_client.post(
        decide_url(reported_comment, "remove"),
        {"rule": 4, "note": "", "version": reported_comment.decision_version},
    )
    page = moderator_client.get(f"/ko/moderation/comments/{reported_comment.pk}/").content.decode()
    sentence = "‘게시’에서 ‘삭제’ 상태로 바뀌었습니다."
    assert sentence in page
    assert "처리되지 않은 신고 1건을 종료했습니다." in page
    assert "published → removed" not in page and "{&#x27;" not in page

    superuser = type(moderator).objects.create_superuser("root", "root@example.com", "pw-root-1!")
    admin_list = client_for(superuser).get("/admin/moderation/auditentry/").content.decode()
    assert sentence in admin_list
    assert "처리되지 않은 신고 1건을 종료했습니다." in admin_list
    removal = AuditEntry.objects.get(action="remove", comment_number=reported_comment.pk)
    admin_entry = client_for(superuser).get(f"/admin/moderation/auditentry/{removal.pk}/change/")
    assert sentence in admin_entry.content.decode()


# --- bulk errors beside the bulk form -----------------------------------------------------------


def test_bulk_with_nothing_selected_says_so_beside_the_form(moderator_client, held_comment):
    response = moderator_client.post("/ko/moderation/bulk/?state=held", {"action": "approve"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "처리할 댓글을 목록에서 하나 이상 고르세요." in page
    bulk_form = page[
        page.index('id="bulk-form"') : page.index("</form>", page.index('id="bulk-form"'))
    ]
    assert 'role="alert"' in bulk_form and "하나 이상 고르세요" in bulk_form
    # The queue keeps the view it was posted from.
    assert f'id="comment-{held_comment.pk}"' in page
    assert 'aria-current="page">검토 대기 1' in page
    # Decisions made from this page return to the queue, not to the bulk address (POST only).
    assert 'name="next" value="/ko/moderation/?state=held"' in page
    assert 'name="next" value="/ko/moderation/bulk/' not in page
    retry = moderator_client.post(
        "/ko/moderation/bulk/?state=held",
        {
            "action": "approve",
            "selected": [f"{held_comment.pk}:0"],
            "next": "/ko/moderation/?state=held",
        },
    )
    assert retry.status_code == 302 and retry.url == "/ko/moderation/?state=held"


def test_bulk_removal_without_a_rule_marks_the_rule_field(moderator_client, held_comment):
    page = moderator_client.post(
        "/ko/moderation/bulk/", {"action": "remove", "selected": [f"{held_comment.pk}:0"]}
    ).content.decode()
    assert "삭제하려면 어긋나는 운영원칙을 고르세요." in page
    assert 'aria-invalid="true"' in page and 'aria-describedby="bulk-rule_error"' in page
    # The ticked comment is still ticked, ready for a second try with a rule.
    assert (
        f'value="{held_comment.pk}:0" form="bulk-form" id="select-{held_comment.pk}" checked'
        in page
    )
    held_comment.refresh_from_db()
    assert held_comment.status == "held"


def test_bulk_refusals_name_each_comment_and_why(moderator_client, held_comment, seed, citizen):
    """One comment decided meanwhile (stale version), one gone, one approved: the first two are
    named by number with their reason, beside the bulk form, after the redirect."""
    other, _verdict = post_comment(
        release=seed,
        author=citizen,
        text="관련 자료 http://example.com/second 참고",
        enforce_limits=False,
    )
    response = moderator_client.post(
        "/ko/moderation/bulk/",
        {
            "action": "approve",
            "next": QUEUE,
            "selected": [f"{held_comment.pk}:7", "987654:0", f"{other.pk}:0"],
        },
        follow=True,
    )
    page = response.content.decode()
    bulk_form = page[
        page.index('id="bulk-form"') : page.index("</form>", page.index('id="bulk-form"'))
    ]
    assert f"댓글 #{held_comment.pk}:" in bulk_form
    assert "댓글 #987654: 찾을 수 없습니다." in bulk_form
    assert "1건을 처리했습니다." in bulk_form
    alert = bulk_form[bulk_form.index('role="alert"') : bulk_form.index('role="status"')]
    assert f"댓글 #{held_comment.pk}:" in alert and "댓글 #987654" in alert


# --- the way to the desk in the public header ---------------------------------------------------


def test_the_public_header_links_to_the_desk_for_moderators_only(
    moderator_client, held_comment, citizen, editor, django_assert_num_queries
):
    """A moderator sees 댓글 검토 (대기 1) in the header; a citizen, an editor and an anonymous
    reader do not, and the citizen's page costs no query for it."""
    page = moderator_client.get(RELEASE_PAGE).content.decode()
    assert 'href="/ko/moderation/" class="desk-link"' in page and "대기 1" in page

    english = moderator_client.get(RELEASE_PAGE.replace("/ko/", "/en/")).content.decode()
    assert 'href="/en/moderation/" class="desk-link"' in english

    for client in (client_for(citizen), client_for(editor), Client()):
        assert "desk-link" not in client.get(RELEASE_PAGE).content.decode()

    from briefing.moderation.page_slots import desk_for

    with django_assert_num_queries(0):
        assert desk_for(citizen) is None
    # A moderator: the permissions once per request (user and group), then one COUNT.
    fresh = type(citizen).objects.get(username="mod-kim")
    with django_assert_num_queries(3):
        assert desk_for(fresh)["count"] == 1
    with django_assert_num_queries(1):
        desk_for(fresh)
