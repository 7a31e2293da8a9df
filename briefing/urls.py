import os

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import RedirectView

from briefing.comments.account_views import privacy_policy
from briefing.opendata.query import PORTAL_PATH
from briefing.opendata.views import press_releases as open_data_press_releases
from briefing.releases.media import serve_media
from briefing.releases.sitemaps import SITEMAPS
from briefing.releases.views import robots_txt
from briefing.throttle import install as install_login_throttling

install_login_throttling()  # the admin's login form counts failures like the citizens' one
# A database outage that escapes the view layer still answers 503 (briefing/middleware.py).
handler500 = "briefing.middleware.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("briefing.opendata.urls")),
    # The portal API's own path for the same feed (README, "Open data").
    path(PORTAL_PATH, open_data_press_releases, name="opendata-portal-alias"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
]
urlpatterns += i18n_patterns(
    path("", RedirectView.as_view(pattern_name="releases:list", permanent=False), name="home"),
    path("briefing/", include("briefing.releases.urls")),
    path("", include("briefing.comments.urls")),
    path("accounts/two-factor/", include("briefing.two_factor.urls")),
    path("accounts/", include("briefing.comments.account_urls")),
    path("privacy/", privacy_policy, name="privacy"),
    path("moderation/", include("briefing.moderation.urls")),
    prefix_default_language=True,
)
# Uploaded media: Django decides who may see a file (only while its release is public, or staff);
# the web server may send the bytes (MEDIA_SENDFILE, README's deployment section).
urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media, name="media")]

if os.environ.get("BENCH_BASELINE"):
    # bench/run.py's bare-render baseline; never mounted (nor imported) unless the benchmark
    # asks for it.
    from briefing.bench.views import baseline

    urlpatterns.append(path("__bench__/baseline/", baseline))
