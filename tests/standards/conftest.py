"""Realistic content for the standards checks: the seed release with everything a page can show.

``build_content`` is a plain function so that a module-scoped fixture (the validator pass fetches
every page once, then runs one JVM) can call it inside its own transaction; ``standards_content``
is the same content for ordinary function-scoped tests.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from tests.accounts import PASSWORD

SEED_SLUG = "pps-overseas-procurement-record-2024"
WITHDRAWN_SLUG = "withdrawn-procurement-notice"


@dataclass(frozen=True)
class Content:
    release: object
    withdrawn: object
    citizen: object
    moderator: object
    own_comment: object  # the citizen's
    other_comment: object  # a neighbour's, which the citizen may report


def _citizen(username, display_name):
    from briefing.comments.models import CitizenProfile

    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.com", password=PASSWORD
    )
    CitizenProfile.objects.create(
        user=user, display_name=display_name, email_verified_at=timezone.now()
    )
    return user


def build_content(*, extra_releases=25) -> Content:
    """The seed (photos, figures, a contact) plus a PDF and an HWPX file, a correction, comments
    from three citizens (one reported), a withdrawn release, and enough releases for a page 2."""
    from briefing.comments.services import post_comment, report_comment
    from briefing.releases.models import Attachment, Release, Revision
    from tests.releases.test_neighbour_seek import add_releases
    from tests.releases.test_views_detail import attach

    call_command("loaddata", "seed", verbosity=0)
    release = Release.objects.get(slug=SEED_SLUG)
    attach(release, "240221 보도자료.pdf", Attachment.Kind.PDF)
    attach(release, "240221 보도자료.hwpx", Attachment.Kind.HWPX, b"PK\x03\x04 hwpx")
    Revision.objects.create(
        release=release, number=1, is_correction=True, note="수출실적 수치 정정"
    )
    citizen = _citizen("minji", "민지")
    neighbour = _citizen("neighbour", "이웃주민")
    reporter = _citizen("reporter", "신고자")
    comments = {}
    for author, text in [
        (citizen, "수출 실적 증가가 반갑습니다. 지방 중소기업 지원도 늘려 주세요."),
        (neighbour, "해외조달 지원 사업 설명회 일정이 궁금합니다."),
        (reporter, "G-PASS 기업 지정 요건을 자세히 알려 주시면 좋겠습니다."),
    ]:
        comments[author.username], _verdict = post_comment(
            release=release, author=author, text=text, enforce_limits=False
        )
    report_comment(comment=comments["neighbour"], reporter=reporter, rule=4, note="욕설 같아요")
    moderator = get_user_model().objects.create_user(
        "mod-kim", "mod-kim@example.com", PASSWORD, is_staff=True
    )
    moderator.groups.add(Group.objects.get(name="Moderators"))
    withdrawn = Release.objects.create(
        title_ko="해외조달시장 설명회 개최 안내",
        title_en="Overseas procurement briefing session",
        slug=WITHDRAWN_SLUG,
        ministry=release.ministry,
        published_at=release.published_at,
        body_ko="<p>조달청은 해외조달시장 설명회를 개최한다.</p>",
        status=Release.Status.WITHDRAWN,
        withdrawal_notice_ko="사실관계 확인을 위해 게시를 철회합니다.",
        withdrawal_notice_en="Withdrawn while the facts are checked.",
        withdrawn_at=timezone.now(),
    )
    add_releases(extra_releases, analyse=False)
    return Content(
        release=release,
        withdrawn=withdrawn,
        citizen=citizen,
        moderator=moderator,
        own_comment=comments["minji"],
        other_comment=comments["neighbour"],
    )


@pytest.fixture
def standards_content(db) -> Content:
    """Everything a public page can show, for function-scoped tests."""
    return build_content()
