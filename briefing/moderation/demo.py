"""Demo staff and a demo queue, for setup_demo (local demo only: it refuses to run without DEBUG).

The queue is made the way real traffic makes it: held comments go through post_comment and its
rules, reported ones through report_comment, so a newcomer can try every decision on them.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from briefing.comments.demo import DEMO_CITIZENS, DEMO_PASSWORD
from briefing.comments.models import CitizenProfile, Comment
from briefing.comments.services import post_comment, report_comment
from briefing.moderation.roles import ROLE_GROUPS, ROLES_WITH_MINISTRIES

DEMO_STAFF = (
    # purpose, username, password, role, full name (the API's ApproverName for a publisher)
    ("editor of PPS, B00013 (admin: writes, asks for review)", "editor", "briefing-editor-demo", "editor", "김 편집"),
    ("publisher of PPS, B00013 (admin: review queue, publishes)", "publisher", "briefing-publisher-demo", "publisher", "이 게시"),
    ("moderator (/ko/moderation/: the queue)", "moderator", "briefing-moderator-demo", "moderator", "박 검토"),
)  # fmt: skip
QUEUE_AUTHORS = (("citizen4", "조달새내기"), ("citizen5", "한빛상사"))
HELD = (
    # (author, text): the rules hold these (an unknown link; an advertisement)
    ("citizen4", "관련 자료는 http://example.com/pps-report 에서 확인하세요."),
    ("citizen5", "해외조달 컨설팅 문의는 저희 회사로 연락 주세요. 최저가 보장, 상담 환영합니다."),
)
REPORTED = (
    # (author, text, rule, how many demo citizens report it)
    ("citizen5", "이번 실적 발표는 부풀려졌고 담당 국장이 숫자를 조작했다고 들었습니다.", 2, 3),
    ("citizen4", "그런데 주말에 비가 온다던데 다들 우산 챙기세요.", 10, 1),
)


def prepare_demo(sender, release, **kwargs) -> list[tuple[str, str, str]]:
    """Receiver of releases.signals.demo_prepared: the demo editor and moderator, and a queue.
    Connected after the comments app's receiver, whose citizens report the queued comments."""
    accounts = ensure_demo_staff(release.ministry)
    seed_demo_queue(release)
    return accounts


def ensure_demo_staff(ministry) -> list[tuple[str, str, str]]:
    """Create (or reset) the demo editor, publisher (both of ``ministry``) and moderator;
    (purpose, username, password) each."""
    accounts = []
    for purpose, username, password, role, full_name in DEMO_STAFF:
        user, _created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.invalid"}
        )
        user.is_staff, user.is_superuser = True, False
        user.first_name, user.last_name = full_name, ""  # whole, as roles.create_staff keeps it
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=ROLE_GROUPS[role])])
        if role in ROLES_WITH_MINISTRIES:
            user.desk_ministries.set([ministry])
        accounts.append((purpose, username, password))
    return accounts


@transaction.atomic
def seed_demo_queue(release) -> list[Comment]:
    """A few held and reported comments on ``release``, once; a second run adds nothing."""
    authors = {name: _citizen(name, display) for name, display in QUEUE_AUTHORS}
    if Comment.objects.filter(release=release, author__in=authors.values()).exists():
        return []
    reporters = [_citizen(name, display) for name, display in DEMO_CITIZENS]
    made = []
    for username, text in HELD:
        comment, _verdict = post_comment(
            release=release, author=authors[username], text=text, enforce_limits=False
        )
        made.append(comment)
    for username, text, rule, count in REPORTED:
        comment, _verdict = post_comment(
            release=release, author=authors[username], text=text, enforce_limits=False
        )
        for reporter in reporters[: min(count, settings.COMMENTS_REPORT_HIDE_THRESHOLD)]:
            report_comment(comment=comment, reporter=reporter, rule=rule)
        made.append(comment)
    return [comment for comment in made if comment is not None]


def _citizen(username, display_name):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.invalid"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    # Demo citizens have confirmed their (made-up) address, so they can comment at once.
    CitizenProfile.objects.get_or_create(
        user=user, defaults={"display_name": display_name, "email_verified_at": timezone.now()}
    )
    return user
