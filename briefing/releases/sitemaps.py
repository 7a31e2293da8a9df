"""sitemap.xml: the list and every published release, in each language it exists in (hreflang).

A release written only in Korean has an /en/ address too (English around the Korean text), but
that is not an English page: it is listed in Korean alone, and its alternates name Korean alone.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from briefing.releases.models import Release
from briefing.site import site_domain, site_protocol


class SiteSitemap(Sitemap):
    """Absolute URLs from SITE_URL, not from the request's Host header (briefing/site.py)."""

    @property
    def protocol(self):
        return site_protocol()

    def get_domain(self, site=None):
        return site_domain()


class ReleaseSitemap(SiteSitemap):
    changefreq = "monthly"
    priority = 0.8
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Release.objects.published().only(
            "slug",
            "updated_at",
            *(
                f"{field}_{code}"
                for field in ("title", "excerpt")
                for code, _name in settings.LANGUAGES
            ),
        )

    def get_languages_for_item(self, release):
        return release.languages

    def lastmod(self, release):
        return release.updated_at


class ListSitemap(SiteSitemap):
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
