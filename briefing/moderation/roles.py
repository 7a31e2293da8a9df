"""The staff roles and the groups that carry their permissions (created by data migrations)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

#: role name on the command line -> group (releases 0003 makes the first two, moderation 0002 the last)
ROLE_GROUPS = {"editor": "Editors", "publisher": "Publishers", "moderator": "Moderators"}


class RoleError(Exception):
    pass


@transaction.atomic
def create_staff(*, role, username, password, email=""):
    """A new staff account (is_staff, never superuser) in the group of ``role``."""
    group_name = ROLE_GROUPS.get(str(role).lower())
    if group_name is None:
        raise RoleError(f"Unknown role {role!r}: choose one of {', '.join(sorted(ROLE_GROUPS))}.")
    group = Group.objects.filter(name=group_name).first()
    if group is None:
        raise RoleError(f"The group {group_name!r} does not exist yet: run `manage.py migrate`.")
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise RoleError(f"A user named {username!r} already exists.")
    user = User(username=username, email=email, is_staff=True)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    user.groups.add(group)
    return user
