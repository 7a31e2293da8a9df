"""A citizen deletes their own account: what goes, what stays, and under which name.

The policy (also in the README):

- The account, its profile (display name, e-mail) and its suspensions are deleted; the citizen
  can no longer log in.
- Public comments (published, or back after a temporary measure ran out) stay, because other
  citizens' replies and reports refer to the public discussion they were part of, but they are
  anonymised: reassigned to one shared, inactive account shown as "탈퇴한 회원" ("Former
  member"), with their IP hash cleared.
- Comments that were never public or were taken down (held, hidden by reports, removed, hidden by a
  temporary measure still running) are deleted with the account: nobody else ever relied on them.
- Comments kept as evidence are kept and reassigned, never deleted: those withheld under rule 13
  and any comment named in an investigative agency's request (moderation's AgencyRequest, which
  protects its comment from deletion).
- The citizen's reports are deleted, and the report counts of the comments they reported go down
  with them. Moderators' audit entries stay (they name the comment by number; the account link
  becomes empty), because the record of decisions must not have holes.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Q

from briefing.comments.models import CitizenProfile, Comment, Report, public_condition
from briefing.pagecache import bump_content_version

#: Not a valid username for sign-up or the admin ("~" is refused), so nobody can claim it first.
FORMER_MEMBER_USERNAME = "~former-member"
FORMER_MEMBER_NAME = "탈퇴한 회원"


def former_member():
    """The one shared, inactive account that anonymised comments belong to."""
    user, created = get_user_model().objects.get_or_create(
        username=FORMER_MEMBER_USERNAME, defaults={"is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    CitizenProfile.objects.get_or_create(user=user, defaults={"display_name": FORMER_MEMBER_NAME})
    return user


def is_former_member(user) -> bool:
    return getattr(user, "username", None) == FORMER_MEMBER_USERNAME


def kept_as_evidence() -> Q:
    """Comments an investigative agency relies on: neither their author nor a deleted account
    may take them away (the author's own deletion refuses them too, services.delete_own_comment)."""
    kept = Q(status=Comment.Status.WITHHELD)
    # The moderation app's rule-13 records point at comments as "agency_requests".
    if any(rel.get_accessor_name() == "agency_requests" for rel in Comment._meta.related_objects):
        kept |= Q(agency_requests__isnull=False)
    return kept


@transaction.atomic
def delete_citizen_account(*, user) -> dict:
    """Delete ``user`` as the module docstring says; returns what happened, in counts."""
    if is_former_member(user):
        raise ValueError("The shared former-member account cannot be deleted.")
    own = Comment.objects.filter(author=user)
    kept_ids = list(
        own.filter(public_condition() | kept_as_evidence()).values_list("pk", flat=True).distinct()
    )
    anonymised = Comment.objects.filter(pk__in=kept_ids).update(author=former_member(), ip_hash="")
    unpublished = Comment.objects.filter(author=user)
    deleted_comments = unpublished.count()
    unpublished.delete()
    withdrawn_reports = _withdraw_reports(user)
    user.delete()
    # update() sends no signals: the cached pages still show the old display name.
    transaction.on_commit(bump_content_version)
    return {
        "anonymised": anonymised,
        "deleted_comments": deleted_comments,
        "withdrawn_reports": withdrawn_reports,
    }


def _withdraw_reports(user) -> int:
    reports = Report.objects.filter(reporter=user)
    for comment_id in reports.values_list("comment_id", flat=True):
        Comment.objects.filter(pk=comment_id, report_count__gt=0).update(
            report_count=F("report_count") - 1
        )
    count, _by_model = reports.delete()
    return count
