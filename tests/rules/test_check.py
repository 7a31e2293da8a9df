"""check(): the verdict contract, robustness and speed."""

import json
import statistics
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.rules import RULES, ReleaseContext, Verdict, check


def test_clean_comment_publishes_with_no_findings(release):
    """An ordinary comment publishes."""
    verdict = check("수출 실적 축하드립니다", release=release)
    assert verdict.action == "publish"
    assert verdict.rules == frozenset()
    assert verdict.reasons == ()


def test_every_problem_is_reported_at_once():
    """A comment breaking two rules names both, one reason per finding."""
    verdict = check("씨발 010-1234-5678")
    assert verdict.action == "reject"
    assert verdict.rules == {1, 4}
    assert len(verdict.reasons) == len(verdict.findings) == 2
    assert all("운영원칙 제" in str(reason) for reason in verdict.reasons)


def test_strongest_action_wins():
    """reject beats hold: a threat with a phone number rejects and stays urgent."""
    verdict = check("죽여버리겠다 010-1234-5678")
    assert verdict.action == "reject"
    assert verdict.urgent


def test_verdict_is_frozen():
    """Verdicts cannot be changed after the fact."""
    verdict = check("좋아요")
    try:
        verdict.action = "reject"
    except AttributeError:
        return
    raise AssertionError("Verdict should be frozen")


def test_the_audit_summary_is_json_and_has_no_comment_text():
    """as_dict(details=False), what the audit trail keeps, holds codes and scores only."""
    verdict = check("씨발 hong@naver.com")
    stored = json.dumps(verdict.as_dict(details=False), ensure_ascii=False)
    assert "hong" not in stored and "씨발" not in stored
    assert {"rule", "action", "code", "score", "urgent"} <= set(verdict.as_dict()["findings"][0])


def test_details_tell_the_moderator_why_without_personal_data():
    """The comment row's findings say why (the learned score's words), never the number or
    address that made it personal information."""
    verdict = check("이 한녀들은 다 쓰레기 같은 것들 010-2345-6789 hong@naver.com")
    stored = json.dumps(verdict.as_dict(), ensure_ascii=False)
    assert "2345" not in stored and "hong" not in stored
    assert any(f.get("detail") for f in verdict.as_dict()["findings"])


def test_rules_without_automation_never_fire(release):
    """Rules 2, 12 and 13 are never in a verdict."""
    manual = {r.number for r in RULES if not r.automated}
    assert not check("허위사실 유포 명예훼손 고소한다", release=release).rules & manual


def test_release_may_be_none_a_context_or_junk():
    """Unknown release objects are ignored rather than crashing."""
    for release in (None, ReleaseContext(), object(), "text"):
        assert isinstance(check("좋아요", release=release), Verdict)


def test_author_without_date_joined_is_treated_as_established():
    """An author object lacking date_joined is not a new account."""
    assert check("참고 example-blog.net", author=object()).action == "flag"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, categories=None), max_size=400))
def test_check_never_raises_on_any_unicode(text):
    """Any string, including controls, RTL marks and lone surrogates, gives a verdict."""
    assert check(text).action in ("publish", "flag", "hold", "reject")


def test_check_handles_surrogates_controls_and_bidi_overrides():
    """Lone surrogates, NULs and RTL overrides never raise."""
    for text in (
        "\ud800씨발\udfff",
        "\x00\x1b[31m",
        "\u202e010-1234-5678\u202c",
        "\U000e0041" * 50,
    ):
        assert isinstance(check(text), Verdict)


def test_check_handles_a_hundred_kilobyte_comment(release):
    """A 100 KB comment is checked without error."""
    text = ("수출 지원 정말 좋네요 \u202e\u200b\x00 ㅋ" * 5000)[:100_000]
    assert check(text, release=release, recent_texts=[text]).action in (
        "flag",
        "hold",
        "reject",
        "publish",
    )


def test_check_is_fast(release):
    """p99 latency stays under 5 ms for ordinary comments."""
    comments = [
        "수출 실적 축하드립니다 앞으로도 지원 부탁해요",
        "씨 1 발 이게 뭐냐",
        "010-1234-5678 연락",
        "고수익 부업 카톡 abc123",
    ] * 100
    check(comments[0], release=release)  # builds the automata once
    timings = []
    for text in comments:
        # CPU time of this thread, so other processes on a busy CI machine do not count.
        start = time.thread_time()
        check(text, release=release, recent_texts=["이전 댓글 내용입니다"] * 5)
        timings.append(time.thread_time() - start)
    assert statistics.quantiles(timings, n=100)[98] < 0.005
