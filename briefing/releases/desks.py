"""Which ministries' releases a member of staff may see and change.

Press officers belong to one or more ministries (Ministry.staff) and handle only those ministries'
releases, as Whitehall scopes its editors to their organisation. The portal's own editors (the
``handle_all_ministries`` permission) and superusers handle every ministry. Staff who belong to
no ministry see no release at all: a missing assignment fails closed.
"""

from django.db.models import QuerySet

from briefing.releases.models import Ministry, Release

ALL_MINISTRIES_PERMISSION = "releases.handle_all_ministries"


class UnknownMinistry(ValueError):
    pass


def handles_all_ministries(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(ALL_MINISTRIES_PERMISSION))


def ministries_for(user) -> QuerySet[Ministry]:
    if handles_all_ministries(user):
        return Ministry.objects.all()
    return Ministry.objects.filter(staff=user)


def releases_for(user, releases: QuerySet[Release]) -> QuerySet[Release]:
    if handles_all_ministries(user):
        return releases
    return releases.filter(ministry__staff=user)


def may_handle(user, release: Release) -> bool:
    return handles_all_ministries(user) or release.ministry.staff.filter(pk=user.pk).exists()


def assign_ministries(user, codes) -> list[Ministry]:
    """Make the user a member of the ministries with these codes (e.g. B00013); all or none."""
    codes = [code.strip().upper() for code in codes if code.strip()]
    ministries = list(Ministry.objects.filter(code__in=codes))
    missing = sorted(set(codes) - {ministry.code for ministry in ministries})
    if missing:
        raise UnknownMinistry(f"No ministry has the code {', '.join(missing)}.")
    for ministry in ministries:
        ministry.staff.add(user)
    return ministries
