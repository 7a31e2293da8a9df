import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from briefing.comments.models import CitizenProfile

PASSWORD = "a-long-enough-passphrase-42"


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters from one test never leak into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Accounts are made in almost every test; real key stretching would only slow them down."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_citizen(db):
    """A factory for signed-up citizens with a display name."""

    def make(username="minji", display_name=None):
        user = get_user_model().objects.create_user(
            username=username, email=f"{username}@example.com", password=PASSWORD
        )
        CitizenProfile.objects.create(user=user, display_name=display_name or f"{username}님")
        return user

    return make


@pytest.fixture
def citizen(make_citizen):
    return make_citizen("minji", "민지")


@pytest.fixture
def citizen_client(client, citizen):
    client.force_login(citizen)
    return client


@pytest.fixture
def comments_url(seed):
    return f"/ko/comments/on/{seed.slug}/"


@pytest.fixture
def post_url(seed):
    return f"/ko/comments/on/{seed.slug}/post/"
