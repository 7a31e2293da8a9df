"""The way to the moderators' desk from pages this app does not own.

The public header (templates/includes/account_links.html) names the slot ``account-links`` and
knows nothing of moderation; the admin's header uses the ``moderation_desk`` tag. Both ask
``desk_for``, so the link appears for exactly the people the desk itself lets in.
"""

from django.template.loader import get_template
from django.urls import reverse

from briefing import pagecache
from briefing.moderation import queue
from briefing.moderation.views import MODERATE


def desk_for(user):
    """{"url": the desk, "count": comments awaiting a decision} for staff who may moderate (the
    permission the desk checks), None for anyone else. Citizens cost no query (is_staff is on the
    user row already), moderators one COUNT on the queue's own index."""
    if user is None or not user.is_authenticated or not user.is_staff:
        return None
    if not user.has_perm(MODERATE):
        return None
    return {"url": reverse("moderation:queue"), "count": queue.queued().count()}


def render_account_link(request) -> str:
    desk = desk_for(getattr(request, "user", None))
    if desk is None:
        return ""
    return get_template("moderation/includes/header_link.html").render({"desk": desk})


def register() -> None:
    # Not live: pages with a signed-in user are never cached, and anonymous ones get nothing.
    pagecache.register_slot("account-links", render_account_link)
