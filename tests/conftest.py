import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads and fixture photos land in a per-test folder, never in the project's media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def seed(db):
    """The 2024-02-21 조달청 announcement, loaded the way the README's set-up loads it."""
    from django.core.management import call_command

    from briefing.releases.models import Release

    call_command("loaddata", "seed", verbosity=0)
    return Release.objects.get(slug="pps-overseas-procurement-record-2024")


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches (page renders, rate limits, rankings)."""
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()
    yield
    for alias in caches:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def korean_by_default():
    """Each test starts in the site's default language, whatever the previous one activated."""
    from django.utils import translation

    translation.activate("ko")
    yield
    translation.activate("ko")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Accounts are made in almost every test; real key stretching would only slow them down."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_citizen(db):
    """A factory for signed-up citizens with a display name."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from briefing.comments.models import CitizenProfile
    from tests.accounts import PASSWORD

    def make(username="minji", display_name=None, *, verified=True):
        """``verified=False`` for a citizen who has not yet opened the confirmation link."""
        user = get_user_model().objects.create_user(
            username=username, email=f"{username}@example.com", password=PASSWORD
        )
        CitizenProfile.objects.create(
            user=user,
            display_name=display_name or f"{username}님",
            email_verified_at=timezone.now() if verified else None,
        )
        return user

    return make


@pytest.fixture
def citizen(make_citizen):
    return make_citizen("minji", "민지")


@pytest.fixture(autouse=True)
def role_groups_survive_flushes(request):
    """Transactional tests end with a flush that also empties the role groups the data
    migrations made (Editors, Publishers, Portal editors, Moderators, Agency request officers); later transactional tests get them back."""
    marker = request.node.get_closest_marker("django_db")
    uses_live_server = "live_server" in request.fixturenames
    if not uses_live_server and not (marker and marker.kwargs.get("transaction")):
        return
    from importlib import import_module

    from django.apps import apps

    request.getfixturevalue("transactional_db")
    import_module("briefing.releases.migrations.0003_editorial_groups").create_groups(apps, None)
    import_module("briefing.moderation.migrations.0002_moderators_group").create_group(apps, None)
    import_module("briefing.moderation.migrations.0006_agency_request_officers_group").create_group(
        apps, None
    )
    import_module(
        "briefing.releases.migrations.0010_portal_editors_and_true_publication_times"
    ).forward(apps, None)
