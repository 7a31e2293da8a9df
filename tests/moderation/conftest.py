"""Shared fixtures for the moderation tests: the 조달청 release and authors old and new."""

import datetime

import pytest

from briefing.moderation import ReleaseContext, check
from briefing.moderation.evaluate import sample_release
from briefing.moderation.history import get_history_provider, set_history_provider


class Author:
    def __init__(self, days_old: float, pk: int = 7):
        self.date_joined = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=days_old)
        self.pk = pk


@pytest.fixture(autouse=True)
def no_database_history():
    """Unit tests pass history explicitly; the comments app's database provider stays out."""
    previous = get_history_provider()
    set_history_provider(None)
    yield
    set_history_provider(previous)


@pytest.fixture
def release() -> ReleaseContext:
    return sample_release()


@pytest.fixture
def new_author() -> Author:
    return Author(days_old=1)


@pytest.fixture
def old_author() -> Author:
    return Author(days_old=400)


def rules_fired(text, **kwargs) -> frozenset[int]:
    return check(text, **kwargs).rules


def action_for(text, rule, **kwargs) -> str:
    """The strongest action the given rule produced for this text ("publish" if none)."""
    verdict = check(text, **kwargs)
    actions = [f.action for f in verdict.findings if f.rule == rule]
    order = ("publish", "flag", "hold", "reject")
    return max(actions, key=order.index, default="publish")
