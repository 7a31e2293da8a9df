"""sitemap.xml: the list and every published release, in Korean and English (hreflang pairs)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from briefing.releases.models import Release


class ReleaseSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Release.objects.published().only("slug", "updated_at")

    def lastmod(self, release):
        return release.updated_at


class ListSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return ["releases:list"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"releases": ReleaseSitemap, "list": ListSitemap}
