"""The editorial desk as press offices use it, through the admin with real POSTs: the
publication record, ministry-scoped roles, moves offered by role, the review queue and
send-back, four eyes, and URLs that never vanish."""

from datetime import timedelta
from xml.etree import ElementTree  # noqa: S405 - parses our own feed's answer

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from briefing.releases.models import Attachment, Ministry, Release, SlugRedirect
from briefing.releases.services import record_revision
from tests.releases.test_workflow import form_data, make_user

PPS, MND = "B00013", "A00005"  # 조달청 (the seed's), 국방부


def change_url(release):
    return reverse("admin:releases_release_change", args=[release.pk])


def status_options(client, release) -> set[str]:
    page = client.get(change_url(release))
    return {value for value, _label in page.context["adminform"].form.fields["status"].choices}


def make_release(ministry_code, *, slug, status="draft", author=None, **fields):
    published = status in ("published", "withdrawn")
    return Release.objects.create(
        title_ko=f"{slug} 제목",
        slug=slug,
        ministry=Ministry.objects.get(code=ministry_code),
        body_ko="<p>본문입니다.</p>",
        status=status,
        published_at=timezone.now() - timedelta(days=1) if published else None,
        created_by=author,
        **fields,
    )


@pytest.fixture
def desk(seed):
    return {
        "editor": make_user("editor-pps", "Editors", first_name="김 편집"),
        "publisher": make_user("publisher-pps", "Publishers", first_name="이 게시"),
        "other_publisher": make_user("publisher-pps-2", "Publishers", first_name="최"),
        "mnd_editor": make_user("editor-mnd", "Editors", ministries=(MND,)),
        "mnd_publisher": make_user("publisher-mnd", "Publishers", ministries=(MND,)),
        "portal_editor": make_user("portal", "Portal editors", ministries=()),
    }


# --- The publication record ------------------------------------------------------------------


def test_publication_time_is_when_it_went_live_not_when_the_form_was_opened(client, desk):
    """A draft written days ago and approved now is published now, by the approver."""
    draft = make_release(PPS, slug="written-days-ago", author=desk["editor"])
    assert draft.published_at is None
    opened = timezone.localtime() - timedelta(days=3)
    client.force_login(desk["publisher"])
    response = client.post(
        change_url(draft),
        form_data(
            draft,
            status="published",
            published_at_0=opened.strftime("%Y-%m-%d"),
            published_at_1=opened.strftime("%H:%M:%S"),
        ),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert timezone.now() - draft.published_at < timedelta(seconds=30)
    assert draft.published_by == desk["publisher"]
    assert draft.approved_at == draft.published_at
    assert draft.created_by == desk["editor"]  # the author stays the author


def test_a_scheduled_release_goes_live_at_its_time_and_records_the_approval(client, desk):
    draft = make_release(PPS, slug="scheduled-one", author=desk["editor"])
    at = (timezone.localtime() + timedelta(days=2)).replace(microsecond=0)
    client.force_login(desk["publisher"])
    client.post(
        change_url(draft),
        form_data(
            draft,
            status="scheduled",
            published_at_0=at.strftime("%Y-%m-%d"),
            published_at_1=at.strftime("%H:%M:%S"),
        ),
    )
    draft.refresh_from_db()
    assert draft.status == "scheduled" and draft.published_at == at
    assert draft.published_by == desk["publisher"]
    assert timezone.now() - draft.approved_at < timedelta(seconds=30)


def test_a_draft_saved_again_keeps_no_publication_time(client, desk):
    draft = make_release(PPS, slug="still-a-draft", author=desk["editor"])
    client.force_login(desk["editor"])
    client.post(change_url(draft), form_data(draft, title_ko="고친 제목"))
    draft.refresh_from_db()
    assert draft.title_ko == "고친 제목" and draft.published_at is None


def test_the_api_shows_a_new_release_once_unmodified_with_its_approver(client, desk):
    """First appearance: ModifyId 1, ContentsStatus I, the approver's name and time."""
    draft = make_release(PPS, slug="fresh-release", author=desk["editor"])
    client.force_login(desk["publisher"])
    client.post(change_url(draft), form_data(draft, status="published"))
    draft.refresh_from_db()
    day = timezone.localtime(draft.published_at).strftime("%Y%m%d")
    feed = client.get(
        reverse("opendata:press-releases"), {"startDate": day, "endDate": day, "numOfRows": 100}
    )
    root = ElementTree.fromstring(feed.content)  # noqa: S314
    items = {i.findtext("OriginalUrl").rsplit("/", 2)[-2]: i for i in root.iter("NewsItem")}
    item = items["fresh-release"]
    assert item.findtext("ModifyId") == "1"
    assert item.findtext("ContentsStatus") == "I"
    assert item.findtext("ApproverName") == "이 게시"
    approved = timezone.localtime(draft.approved_at).strftime("%m/%d/%Y %H:%M:%S")
    assert item.findtext("ApproveDate") == approved


# --- Ministry-scoped roles: role × own/other ministry × action ---------------------------------

ACTIONS = ("list", "change page", "save", "history", "preview", "revisions", "restore page")


def attempt(client, action, release):
    """What the user gets: "ok" when the desk let them act, "hidden" when it did not."""
    urls = {
        "change page": change_url(release),
        "save": change_url(release),
        "history": reverse("admin:releases_release_history", args=[release.pk]),
        "preview": reverse("admin:releases_release_preview", args=[release.pk]),
        "revisions": reverse("admin:releases_release_revisions", args=[release.pk]),
        "restore page": reverse("admin:releases_release_restore", args=[release.pk, 1]),
    }
    if action == "list":
        listing = client.get(reverse("admin:releases_release_changelist"))
        return "ok" if release.title_ko in listing.content.decode() else "hidden"
    if action == "save":
        response = client.post(urls["save"], form_data(release, title_ko="바꾼 제목"))
        changed = Release.objects.get(pk=release.pk).title_ko == "바꾼 제목"
        return "ok" if changed else "hidden"
    response = client.get(urls[action])
    if response.status_code == 200:
        return "ok"
    # A release outside one's ministries is as absent as a deleted one: a redirect with
    # Django's "does not exist" message, or a 404/403, never its content.
    assert release.title_ko not in response.content.decode()
    return "hidden"


# role -> which releases it may act on: its own ministry's (조달청) and another's (국방부)
MATRIX = {
    "editor": {"own": "ok", "other": "hidden"},
    "publisher": {"own": "ok", "other": "hidden"},
    "portal_editor": {"own": "ok", "other": "ok"},
    "superuser": {"own": "ok", "other": "ok"},
}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", sorted(MATRIX))
@pytest.mark.parametrize("whose", ["own", "other"])
def test_staff_see_and_change_only_their_ministries_releases(client, desk, role, whose, action):
    users = {**desk, "superuser": make_user("root", is_superuser=True)}
    release = make_release(PPS if whose == "own" else MND, slug=f"{whose}-release")
    record_revision(release, note="첫 판")
    client.force_login(users[role])
    assert attempt(client, action, release) == MATRIX[role][whose]


def test_the_ministry_choice_offers_only_ones_own_ministries(client, desk):
    client.force_login(desk["editor"])
    page = client.get(reverse("admin:releases_release_add"))
    ministries = page.context["adminform"].form.fields["ministry"].queryset
    assert [m.code for m in ministries] == [PPS]
    post = form_data(slug="moved-to-mnd", ministry=Ministry.objects.get(code=MND).pk)
    response = client.post(reverse("admin:releases_release_add"), post)
    assert response.status_code == 200 and "ministry" in response.context["adminform"].form.errors
    assert not Release.objects.filter(slug="moved-to-mnd").exists()


def test_createstaff_places_press_officers_in_their_ministries(db, seed):
    call_command(
        "createstaff", "pps-officer", role="editor", ministries=[PPS], name="박 보도",
        password="long-pass-phrase-77",
    )  # fmt: skip
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(username="pps-officer")
    assert [m.code for m in officer.desk_ministries.all()] == [PPS]
    assert officer.get_full_name() == "박 보도"
    with pytest.raises(CommandError, match="give --ministry"):
        call_command("createstaff", "nobody", role="publisher", password="long-pass-phrase-77")
    with pytest.raises(CommandError, match="No ministry has the code Z99999"):
        call_command(
            "createstaff", "typo", role="editor", ministries=["Z99999"],
            password="long-pass-phrase-77",
        )  # fmt: skip
    assert not get_user_model().objects.filter(username__in=["nobody", "typo"]).exists()


# --- Moves offered by role --------------------------------------------------------------------


def test_each_user_is_offered_only_the_moves_they_may_make(client, desk):
    draft = make_release(PPS, slug="draft-moves", author=desk["editor"])
    live = make_release(PPS, slug="live-moves", status="published")
    client.force_login(desk["editor"])
    assert status_options(client, draft) == {"draft", "review"}
    client.force_login(desk["publisher"])
    assert status_options(client, draft) == {"draft", "review", "scheduled", "published"}
    # A live release can only be withdrawn: its URL must not vanish back into a draft.
    assert status_options(client, live) == {"published", "withdrawn"}


def test_a_live_release_cannot_be_sent_back_to_draft_or_deleted(client, desk):
    live = make_release(PPS, slug="live-stays", status="published")
    client.force_login(desk["publisher"])
    response = client.post(change_url(live), form_data(live, status="draft"))
    assert "이 보도자료를 그 상태로 바꿀 수 없습니다" in response.content.decode()
    delete = client.post(reverse("admin:releases_release_delete", args=[live.pk]), {"post": "yes"})
    assert delete.status_code == 403
    assert Release.objects.get(pk=live.pk).status == "published"
    assert client.get(live.get_absolute_url()).status_code == 200


def test_a_scheduled_release_past_its_time_is_treated_as_published(client, desk):
    went_live = make_release(PPS, slug="went-live", status="scheduled")
    Release.objects.filter(pk=went_live.pk).update(published_at=timezone.now() - timedelta(hours=1))
    went_live.refresh_from_db()
    client.force_login(desk["publisher"])
    assert status_options(client, went_live) == {"published", "withdrawn"}
    before = went_live.published_at
    client.post(change_url(went_live), form_data(went_live, status="published", title_ko="고침"))
    went_live.refresh_from_db()
    assert went_live.status == "published" and went_live.published_at == before


def test_four_eyes_stops_a_publisher_publishing_their_own_release(client, desk, settings):
    settings.RELEASES_FOUR_EYES = True
    own = make_release(PPS, slug="own-release", author=desk["publisher"])
    colleagues = make_release(PPS, slug="colleagues-release", author=desk["editor"])
    client.force_login(desk["publisher"])
    assert status_options(client, own) == {"draft", "review"}
    page = client.get(change_url(own)).content.decode()
    assert "다른 게시 담당자가 게시해야 합니다" in page
    response = client.post(change_url(own), form_data(own, status="published"))
    assert Release.objects.get(pk=own.pk).status == "draft" and response.status_code == 200
    assert "published" in status_options(client, colleagues)
    client.force_login(desk["other_publisher"])
    client.post(change_url(own), form_data(own, status="published"))
    assert Release.objects.get(pk=own.pk).status == "published"


# --- Review queue and send-back ---------------------------------------------------------------


def test_a_request_for_review_reaches_the_ministrys_publishers(
    client, desk, django_capture_on_commit_callbacks
):
    draft = make_release(PPS, slug="please-review", author=desk["editor"])
    mnd_draft = make_release(MND, slug="mnd-review", author=desk["mnd_editor"])
    for user in ("publisher", "other_publisher", "mnd_publisher"):
        desk[user].email = f"{user}@example.com"
        desk[user].save()
    client.force_login(desk["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(draft), form_data(draft, status="review"))
    response = client.get(response["Location"])
    assert "게시 담당자 2명에게 검토 요청을 알렸습니다" in response.content.decode()
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["other_publisher@example.com", "publisher@example.com"]
    assert "please-review 제목" in mail.outbox[0].subject
    assert change_url(draft) in mail.outbox[0].body
    client.force_login(desk["mnd_editor"])
    client.post(change_url(mnd_draft), form_data(mnd_draft, status="review"))

    client.force_login(desk["publisher"])
    index = client.get(reverse("admin:index")).content.decode()
    assert "검토 대기" in index and '<span class="review-queue-count">1</span>' in index
    queue = client.get(reverse("admin:releases_release_review")).content.decode()
    assert "please-review 제목" in queue and "mnd-review 제목" not in queue
    assert "김 편집" in queue
    client.force_login(desk["editor"])
    assert "review-queue-count" not in client.get(reverse("admin:index")).content.decode()
    assert client.get(reverse("admin:releases_release_review")).status_code == 403


def test_a_publisher_sends_a_request_back_with_a_comment_the_author_reads(
    client, desk, django_capture_on_commit_callbacks
):
    desk["editor"].email = "editor@example.com"
    desk["editor"].save()
    request = make_release(PPS, slug="needs-work", status="review", author=desk["editor"])
    client.force_login(desk["publisher"])
    refused = client.post(change_url(request), form_data(request, status="draft"))
    assert "검토 의견을 적어 주세요" in refused.content.decode()
    assert Release.objects.get(pk=request.pk).status == "review"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            change_url(request),
            form_data(request, status="draft", review_comment="둘째 문단의 수치를 확인해 주세요."),
        )
    assert Release.objects.get(pk=request.pk).status == "draft"
    assert mail.outbox[-1].to == ["editor@example.com"]
    assert "둘째 문단의 수치를 확인해 주세요." in mail.outbox[-1].body

    client.force_login(desk["editor"])
    page = client.get(change_url(request)).content.decode()
    assert "게시 담당자가 되돌려 보냈습니다" in page
    assert "둘째 문단의 수치를 확인해 주세요." in page
    request.refresh_from_db()
    client.post(change_url(request), form_data(request, status="review"))
    assert Release.objects.get(pk=request.pk).status == "review"
    assert "되돌려 보냈습니다" not in client.get(change_url(request)).content.decode()


# --- URLs never vanish ------------------------------------------------------------------------


def test_a_slug_change_keeps_the_old_url_as_a_permanent_redirect(client, desk, seed):
    old_url = seed.get_absolute_url()
    attachment = Attachment.objects.create(
        release=seed, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="plan.pdf"), name="plan.pdf",
        kind="pdf", size=14,
    )  # fmt: skip
    old_file_url = reverse(
        "releases:attachment-download", kwargs={"slug": seed.slug, "pk": attachment.pk}
    )
    publisher = client
    publisher.force_login(desk["publisher"])
    response = publisher.post(change_url(seed), form_data(seed, slug="pps-record-2024-renamed"))
    assert response.status_code == 302
    seed.refresh_from_db()
    publisher.logout()

    moved = client.get(old_url + "?page=2")
    assert moved.status_code == 301
    assert moved["Location"] == seed.get_absolute_url() + "?page=2"
    assert client.get(moved["Location"]).status_code == 200
    file_moved = client.get(old_file_url)
    assert file_moved.status_code == 301 and "pps-record-2024-renamed" in file_moved["Location"]

    # Nobody else may take the old address: it belongs to the release that had it.
    client.force_login(desk["publisher"])
    taken = client.post(
        reverse("admin:releases_release_add"),
        form_data(slug="pps-overseas-procurement-record-2024", title_ko="다른 보도자료"),
    )
    assert taken.status_code == 200 and "slug" in taken.context["adminform"].form.errors


def test_a_draft_renamed_before_publication_leaves_no_redirect(client, desk):
    draft = make_release(PPS, slug="first-name", author=desk["editor"])
    client.force_login(desk["editor"])
    client.post(change_url(draft), form_data(draft, slug="second-name"))
    assert not SlugRedirect.objects.exists()
    assert client.get("/ko/briefing/press-releases/first-name/").status_code == 404
