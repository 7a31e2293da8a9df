"""Two moderators deciding the same comment at the same moment: exactly one decision applies.

Run on PostgreSQL (CI's second pass), with two real connections: each thread opens its own. The
first decision is slowed down while it holds the row lock, so the second is sure to arrive
during it; without the lock and the version check, both would apply.
"""

import threading
import time

import pytest
from django.db import connection, connections

from briefing.comments.models import Comment
from briefing.moderation import actions, audit
from briefing.moderation.models import AuditEntry

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_two_simultaneous_decisions_never_both_apply(
    held_comment, moderator, second_moderator, monkeypatch
):
    """One moderator's approval and another's removal race: one wins, the other is refused."""
    original_record = audit.record

    def slow_record(*args, **kwargs):
        entry = original_record(*args, **kwargs)
        time.sleep(0.5)  # still inside the transaction holding the lock
        return entry

    monkeypatch.setattr(audit, "record", slow_record)
    outcomes = {}
    start = threading.Barrier(2)

    def decide(name, perform):
        try:
            start.wait()
            perform()
            outcomes[name] = "applied"
        except actions.AlreadyDecided as refusal:
            outcomes[name] = refusal.message
        finally:
            connections.close_all()

    comment = Comment.objects.get(pk=held_comment.pk)
    threads = [
        threading.Thread(
            target=decide,
            args=(
                "approve",
                lambda: actions.perform_approve(
                    comment=comment, moderator=moderator, expected_version=0
                ),
            ),
        ),
        threading.Thread(
            target=decide,
            args=(
                "remove",
                lambda: actions.perform_remove(
                    comment=comment, moderator=second_moderator, rule=6, expected_version=0
                ),
            ),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()).count("applied") == 1
    refusal = next(message for message in outcomes.values() if message != "applied")
    assert "이미" in refusal
    assert AuditEntry.objects.filter(action__in=["approve", "remove"]).count() == 1
    assert Comment.objects.get(pk=held_comment.pk).decision_version == 1
