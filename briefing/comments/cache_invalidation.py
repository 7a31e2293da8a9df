"""A comment that appears, changes state or goes away changes its release's page, and only that
page: the cached copies of it are invalidated (see briefing/pagecache.py).

A temporary measure running out changes a page with nobody saving anything: the page cache asks
Comment.objects.next_lapse_time (registered in connect()), as it asks releases for their next
embargo, and the first request after that moment renews every cached page. Lapses are a few a
month, so renewing all pages then costs less than keeping a schedule per release.
"""

from django.db.models.signals import post_delete, post_save

from briefing import pagecache
from briefing.comments.models import Comment
from briefing.releases.models import Release


def invalidate_release_page(sender, instance, **kwargs):
    slug = Release.objects.filter(pk=instance.release_id).values_list("slug", flat=True).first()
    if slug:
        pagecache.bump_scope(slug)
    if getattr(instance, "status", None) == Comment.Status.TEMPORARY:
        # A new measure's end is a new moment in the schedule the page cache keeps.
        pagecache.schedule_changed()


def connect() -> None:
    """Called from CommentsConfig.ready()."""
    post_save.connect(invalidate_release_page, sender=Comment, dispatch_uid="comment-page-save")
    post_delete.connect(invalidate_release_page, sender=Comment, dispatch_uid="comment-page-delete")
    pagecache.watch_schedule(Comment.objects.next_lapse_time)
