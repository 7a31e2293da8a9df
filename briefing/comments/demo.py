"""Demo citizens and a few honest comments on the announcement, for setup_demo.

Local demo only (setup_demo refuses to run with DEBUG off); the comments go through post_comment,
so they pass the same rules as everyone's, with only the rate limits bypassed.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from briefing.comments.models import CitizenProfile, Comment
from briefing.comments.services import post_comment

DEMO_PASSWORD = "briefing-citizen-demo"  # noqa: S105 - printed by setup_demo, local demo only
DEMO_CITIZENS = (
    # username, display name
    ("citizen", "하늘바라기"),
    ("citizen2", "동네주민"),
    ("citizen3", "수출새내기"),
)
DEMO_COMMENTS = (
    (
        "citizen",
        "중소 조달기업의 해외 수출실적이 16억 3천만 달러로 역대 최고라니 반가운 소식입니다. "
        "해외조달 전문인력 양성을 기업 재직자로 넓힌다는 계획도 현장에 도움이 될 것 같습니다.",
    ),
    (
        "citizen2",
        "수출실적이 늘어난 것은 좋지만, G-PASS 기업 가운데 실제로 해외 계약을 따낸 곳이 몇 곳인지, "
        "지원 예산이 얼마였는지도 함께 공개해 주면 성과를 더 정확히 판단할 수 있겠습니다.",
    ),
    (
        "citizen3",
        "작은 회사를 운영하는데 해외전시회 참가 지원을 처음 알았습니다. "
        "올해 신설된다는 해외진출 종합지원 사업의 신청 시기와 자격 요건을 안내해 주세요.",
    ),
    (
        "citizen",
        "맞춤형 해외시장 정보 제공은 좋은 방향입니다.\n다만 지방 중소기업도 쉽게 이용할 수 있도록 "
        "설명회를 지역별로 열어 주었으면 합니다.",
    ),
)


def prepare_demo(sender, release, **kwargs) -> list[tuple[str, str, str]]:
    """Receiver of releases.signals.demo_prepared: the demo citizen and a few comments."""
    username, password = ensure_demo_citizen()
    seed_demo_comments(release)
    return [("citizen (comments and reports)", username, password)]


def ensure_demo_citizen() -> tuple[str, str]:
    """Create (or reset) the demo citizen "citizen"; return (username, password) to print."""
    username, display_name = DEMO_CITIZENS[0]
    _ensure_citizen(username, display_name)
    return username, DEMO_PASSWORD


@transaction.atomic
def seed_demo_comments(release) -> list[Comment]:
    """Post the demo comments on ``release`` once; a second run adds nothing."""
    users = {username: _ensure_citizen(username, name) for username, name in DEMO_CITIZENS}
    if Comment.objects.filter(release=release, author__in=users.values()).exists():
        return []
    posted = []
    for username, text in DEMO_COMMENTS:
        comment, _verdict = post_comment(
            release=release, author=users[username], text=text, enforce_limits=False
        )
        if comment is not None:
            posted.append(comment)
    return posted


def _ensure_citizen(username, display_name):
    user, _created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.invalid"}
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    # Demo citizens have confirmed their (made-up) address, so they can comment at once.
    CitizenProfile.objects.update_or_create(
        user=user, defaults={"display_name": display_name, "email_verified_at": timezone.now()}
    )
    return user
