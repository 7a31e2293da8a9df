"""RSS and Atom feeds of published releases: all of them, or one ministry's (?ministry=B00013)."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from briefing.releases.models import Ministry, Release
from briefing.releases.text import without_controls
from briefing.site import absolute_url

FEED_SIZE = 30


class KoreanTimeMixin:
    """A feed with no items dates itself "now" in UTC (SyndicationFeed.latest_post_date); every
    date of ours is in the portal's time, the feed's own included."""

    def latest_post_date(self):
        return timezone.localtime(super().latest_post_date())


class KoreanTimeRssFeed(KoreanTimeMixin, Rss201rev2Feed):
    pass


class KoreanTimeAtomFeed(KoreanTimeMixin, Atom1Feed):
    pass


class ReleaseFeed(Feed):
    """Every link is absolute from SITE_URL (briefing/site.py): the syndication framework would
    otherwise build them from the request's Host header, and the feed is cached for all."""

    feed_type = KoreanTimeRssFeed

    def get_object(self, request):
        code = request.GET.get("ministry", "").strip().upper()
        return get_object_or_404(Ministry, code=code) if code else None

    def title(self, ministry):
        if ministry:
            return _("%(ministry)s 보도자료") % {"ministry": ministry.name}
        return _("보도자료")

    def link(self, ministry):
        url = reverse("releases:list")
        return absolute_url(f"{url}?ministry={ministry.code}" if ministry else url)

    def feed_url(self, ministry):
        url = reverse(
            "releases:feed-atom" if issubclass(self.feed_type, Atom1Feed) else "releases:feed-rss"
        )
        return absolute_url(f"{url}?ministry={ministry.code}" if ministry else url)

    def item_link(self, release):
        return absolute_url(release.get_absolute_url())

    def description(self, ministry):
        return _("대한민국 정책브리핑 브리핑룸의 보도자료")

    def items(self, ministry):
        releases = Release.objects.published().select_related("ministry")
        if ministry:
            releases = releases.filter(ministry=ministry)
        return releases[:FEED_SIZE]

    # What reached the database before text.py cleaned saves (or by a raw SQL path) must still
    # not break the feed for everyone: XML 1.0 cannot carry control characters.
    def item_title(self, release):
        return without_controls(release.title, multiline=False)

    def item_description(self, release):
        return without_controls(release.lead(300), multiline=True)

    # In the portal's time (TIME_ZONE, Asia/Seoul): the feed generator writes an aware datetime
    # with its own offset, so a UTC value would reach readers as "+0000" / "+00:00".
    def item_pubdate(self, release):
        return timezone.localtime(release.published_at)

    def item_updateddate(self, release):
        return timezone.localtime(release.updated_at)

    def item_author_name(self, release):
        return release.ministry.name

    def item_categories(self, release):
        return [release.ministry.name]


class ReleaseAtomFeed(ReleaseFeed):
    feed_type = KoreanTimeAtomFeed
    subtitle = ReleaseFeed.description
