"""Fixtures of the admin tests: a logged-in superuser's client and the seed's ministry."""

import pytest
from django.contrib.auth import get_user_model

from briefing.releases.models import Ministry


@pytest.fixture
def staff_client(client, db):
    user = get_user_model().objects.create_user("editor", password="pw-editor-1234", is_staff=True)
    user.is_superuser = True
    user.save()
    client.force_login(user)
    return client


@pytest.fixture
def pps(seed):
    return Ministry.objects.get(code="B00013")
