"""A comment that appears, changes state or goes away changes its release's page, and only that
page: the cached copies of it are invalidated (see briefing/pagecache.py)."""

from django.db.models.signals import post_delete, post_save

from briefing.comments.models import Comment
from briefing.pagecache import bump_scope
from briefing.releases.models import Release


def invalidate_release_page(sender, instance, **kwargs):
    slug = Release.objects.filter(pk=instance.release_id).values_list("slug", flat=True).first()
    if slug:
        bump_scope(slug)


def connect() -> None:
    """Called from CommentsConfig.ready()."""
    post_save.connect(invalidate_release_page, sender=Comment, dispatch_uid="comment-page-save")
    post_delete.connect(invalidate_release_page, sender=Comment, dispatch_uid="comment-page-delete")
