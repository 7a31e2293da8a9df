"""Lists, feeds and descriptions show leads cut from stored excerpts, exactly as if cut from the
whole body, in the reader's language with Korean as the fallback."""

from django.utils.text import Truncator

from briefing.releases.html import plain_text
from briefing.releases.models import Release

LONG_BODY = "".join(
    f"<p>{number}번째 문단입니다. 조달 정책의 세부 내용을 설명합니다.</p>" for number in range(40)
)


def make(seed, slug, **fields):
    return Release.objects.create(
        slug=slug, ministry=seed.ministry, status="published", published_at=seed.published_at,
        **fields,
    )  # fmt: skip


def test_leads_are_cut_as_from_the_whole_body_at_every_length(seed):
    release = make(seed, "long-body", title_ko="긴 본문", body_ko=LONG_BODY)
    whole = plain_text(LONG_BODY)
    assert len(whole) > 1000
    for length in (100, 150, 300):
        assert release.lead(length) == Truncator(whole).chars(length)
    short = make(seed, "short-body", title_ko="짧은 본문", body_ko="<p>짧은 <b>본문</b></p>")
    assert short.lead() == "짧은 본문"


def test_the_list_shows_each_languages_lead_and_falls_back_to_korean(client, seed):
    make(seed, "korean-only", title_ko="한국어만", body_ko="<p>한국어 본문만 있는 자료</p>")
    make(
        seed, "both", title_ko="두 언어", body_ko="<p>한국어 요약</p>",
        title_en="Both languages", body_en="<p>An English summary</p>",
    )  # fmt: skip
    english = client.get("/en/briefing/press-releases/").content.decode()
    assert "An English summary" in english and "한국어 요약" not in english
    assert "한국어 본문만 있는 자료" in english
    korean = client.get("/ko/briefing/press-releases/").content.decode()
    assert "한국어 요약" in korean


def test_an_edited_body_changes_its_lead_at_once(client, seed):
    seed.body_ko = "<p>고쳐 쓴 첫 문단이 목록에 보입니다.</p>"
    seed.save()
    assert (
        "고쳐 쓴 첫 문단이 목록에 보입니다."
        in client.get("/ko/briefing/press-releases/").content.decode()
    )
