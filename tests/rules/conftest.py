"""Shared fixtures for the rules tests: the 조달청 release and authors old and new."""

import datetime

import pytest

from briefing.rules import ReleaseContext, check
from briefing.rules.evaluate import sample_release


class Author:
    def __init__(self, days_old: float, pk: int = 7):
        self.date_joined = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=days_old)
        self.pk = pk


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
