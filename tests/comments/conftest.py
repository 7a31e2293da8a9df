import pytest

from tests.accounts import PASSWORD  # noqa: F401 - tests import it from here


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
