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
