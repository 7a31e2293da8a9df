"""The editorial workflow: which moves each user may make, and what a move records.

One table says it all (MOVES), and the admin reads it twice: to offer only the moves a user may
make, and to refuse any other one posted. The publication record is written here and nowhere
else: ``published_at`` is the moment the release went live (now, for 게시) or goes live (the
scheduled time, for 게시 예약); ``published_by`` and ``approved_at`` are who decided it and when.

A release that has been public keeps its URL for good: it can be withdrawn (the URL then shows the
notice) and published again, never sent back to a draft.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from briefing.releases import desks
from briefing.releases.models import Release, SlugRedirect, StatusChange

Status = Release.Status


@dataclass(frozen=True)
class Move:
    source: str
    target: str
    #: Publishing, scheduling and withdrawing are decisions for a publisher.
    needs_publisher: bool


def _moves(sources, targets, *, needs_publisher):
    return [Move(s, t, needs_publisher) for s in sources for t in targets if s != t]


#: Every move the desk allows between the stored states. "scheduled" here means not yet live: a
#: scheduled release whose time has passed is treated as published (see current_status).
MOVES = (
    _moves([Status.DRAFT], [Status.REVIEW], needs_publisher=False)
    # The author takes a request back, or a publisher sends it back (with a comment).
    + _moves([Status.REVIEW], [Status.DRAFT], needs_publisher=False)
    + _moves(
        [Status.DRAFT, Status.REVIEW], [Status.PUBLISHED, Status.SCHEDULED], needs_publisher=True
    )
    # Before its time a scheduled release is still private: it may be published now or unscheduled.
    + _moves(
        [Status.SCHEDULED], [Status.PUBLISHED, Status.REVIEW, Status.DRAFT], needs_publisher=True
    )
    + _moves([Status.PUBLISHED], [Status.WITHDRAWN], needs_publisher=True)
    + _moves([Status.WITHDRAWN], [Status.PUBLISHED], needs_publisher=True)
)
#: A new release starts as a draft or a request for review; a publisher may publish it at once.
FIRST_STATES = (
    (Status.DRAFT, False),
    (Status.REVIEW, False),
    (Status.PUBLISHED, True),
    (Status.SCHEDULED, True),
)

FOUR_EYES_REFUSAL = _(
    "직접 작성한 보도자료는 다른 게시 담당자가 게시해야 합니다(두 사람 확인 원칙)."
)


def current_status(release: Release) -> str:
    """The stored state as the desk sees it: a scheduled release past its time is published."""
    if release.status == Status.SCHEDULED and release.is_public_now():
        return Status.PUBLISHED
    return release.status


def is_publisher(user) -> bool:
    return user.has_perm("releases.publish_release")


def four_eyes_blocks(release: Release, user) -> bool:
    """With RELEASES_FOUR_EYES on, nobody publishes what they wrote themselves."""
    if not settings.RELEASES_FOUR_EYES:
        return False
    return release.pk is None or release.created_by_id == user.pk


def allowed_statuses(release: Release, user) -> list[str]:
    """The states this user may leave the release in, its current one first."""
    publisher = is_publisher(user)
    blocked = four_eyes_blocks(release, user)

    def permitted(target, needs_publisher):
        if needs_publisher and not publisher:
            return False
        return not (blocked and target in (Status.PUBLISHED, Status.SCHEDULED))

    if release.pk is None:
        return [state for state, needs in FIRST_STATES if permitted(state, needs)]
    current = current_status(release)
    targets = [
        move.target
        for move in MOVES
        if move.source == current and permitted(move.target, move.needs_publisher)
    ]
    return [current, *targets]


def is_send_back(previous: str, target: str, *, user, author_id) -> bool:
    """A publisher returning somebody else's request for review: the author must hear why."""
    return (
        previous == Status.REVIEW
        and target == Status.DRAFT
        and is_publisher(user)
        and author_id != user.pk
    )


def record_publication(release: Release, previous: str, *, user, now=None) -> None:
    """Write the publication record for a move from ``previous`` to ``release.status``.

    Call before saving. ``release.published_at`` holds what the form asked for: kept as the
    go-live time of a scheduled release, replaced by now on 게시, cleared on a draft.
    """
    now = now or timezone.now()
    target = release.status
    if target == Status.SCHEDULED and previous != Status.SCHEDULED:
        release.approved_at, release.published_by = now, user
    elif target == Status.PUBLISHED and previous in (Status.DRAFT, Status.REVIEW, Status.SCHEDULED):
        release.published_at = now
        release.approved_at, release.published_by = now, user
    elif target in (Status.DRAFT, Status.REVIEW):
        release.published_at = release.approved_at = release.published_by = None
    if target == Status.WITHDRAWN and previous != Status.WITHDRAWN:
        release.withdrawn_at = now
    elif target != Status.WITHDRAWN:
        release.withdrawn_at = None


def log_change(release: Release, previous: str, *, user, comment: str = "") -> StatusChange | None:
    """Keep the move in the release's history (nothing when the state did not change)."""
    if previous == release.status:
        return None
    return StatusChange.objects.create(
        release=release,
        from_status=previous,
        to_status=release.status,
        changed_by=user if getattr(user, "is_authenticated", False) else None,
        comment=comment,
    )


def last_send_back(release: Release) -> StatusChange | None:
    """The publisher's comment the author still has to act on: the latest move, when it was a
    send-back and the release has not moved since."""
    last = release.status_changes.select_related("changed_by").first()
    if (
        last
        and last.from_status == Status.REVIEW
        and last.to_status == Status.DRAFT
        and last.comment
    ):
        return last if release.status == Status.DRAFT else None
    return None


def waiting_for_review(user):
    """The requests for review in the user's ministries, the longest waiting first."""
    waiting = Release.objects.filter(status=Status.REVIEW).annotate(
        submitted_at=Max(
            "status_changes__changed_at", filter=Q(status_changes__to_status=Status.REVIEW)
        )
    )
    return (
        desks.releases_for(user, waiting)
        .select_related("ministry", "created_by")
        .order_by("submitted_at", "id")
    )


def keep_old_address(release: Release, old_slug: str, *, previous: str) -> None:
    """A public release's old slug keeps answering, as a permanent redirect to the new one.

    A release that was never public had no address anyone could have kept, so nothing is kept.
    Coming back to an old slug drops its redirect, which would otherwise point at itself.
    """
    SlugRedirect.objects.filter(old_slug=release.slug).delete()
    was_public = previous in (Status.PUBLISHED, Status.WITHDRAWN)
    if old_slug and old_slug != release.slug and was_public:
        SlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"release": release})
