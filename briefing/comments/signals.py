"""Signals the comments app sends when an automatic step changes a comment's state.

The moderation app listens and writes its audit entries, so comments never imports moderation's
models (the dependency runs one way: moderation knows comments, not the reverse).
"""

from django.dispatch import Signal

#: The rules held or flagged a new comment. kwargs: comment, verdict.
comment_queued_by_rules = Signal()
#: Reports from distinct citizens reached the threshold and hid a comment. kwargs: comment, and
#: the counts that triggered it.
comment_auto_hidden = Signal()
#: An author appealed a removal. kwargs: appeal.
appeal_submitted = Signal()
#: An author asked for a comment under a temporary measure to be re-posted. kwargs: objection.
objection_submitted = Signal()
