"""The staff roles and the groups that carry their permissions (created by data migrations)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from briefing.releases.desks import UnknownMinistry, assign_ministries

#: role name on the command line -> group (made by the data migrations: releases 0003 and 0010,
#: moderation 0002 and 0006)
ROLE_GROUPS = {
    "editor": "Editors",
    "publisher": "Publishers",
    "portal-editor": "Portal editors",
    "moderator": "Moderators",
    # A moderator who may also record rule-13 investigative agency requests.
    "agency-officer": "Agency request officers",
}
#: Press officers work for ministries: without one they would see no release at all.
ROLES_WITH_MINISTRIES = {"editor", "publisher"}


class RoleError(Exception):
    pass


@transaction.atomic
def create_staff(*, role, username, password, email="", ministries=(), full_name=""):
    """A new staff account (is_staff, never superuser) in the group of ``role``, belonging to
    the ministries with the codes given (e.g. B00013)."""
    role = str(role).lower()
    group_name = ROLE_GROUPS.get(role)
    if group_name is None:
        raise RoleError(f"Unknown role {role!r}: choose one of {', '.join(sorted(ROLE_GROUPS))}.")
    group = Group.objects.filter(name=group_name).first()
    if group is None:
        raise RoleError(f"The group {group_name!r} does not exist yet: run `manage.py migrate`.")
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise RoleError(f"A user named {username!r} already exists.")
    # A Korean name is written family name first, as one string ("이 게시"): it is kept whole
    # in first_name, which the admin greets with and get_full_name() returns unchanged.
    user = User(username=username, email=email, is_staff=True, first_name=full_name.strip())
    validate_password(password, user)
    if role in ROLES_WITH_MINISTRIES and not ministries:
        raise RoleError(
            "Editors and publishers belong to a ministry: give --ministry CODE (e.g. B00013)."
        )
    user.set_password(password)
    user.save()
    user.groups.add(group)
    try:
        assign_ministries(user, ministries)
    except UnknownMinistry as error:
        raise RoleError(str(error)) from None
    return user
