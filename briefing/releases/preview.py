"""Renders a release with the public page's own code and template, for the staff preview."""

from briefing.releases.models import Release
from briefing.releases.views import render_release_page as render_public_page
from briefing.releases.views import with_page_parts


def render_release_page(request, release, *, preview=True):
    release = with_page_parts(Release.objects.filter(pk=release.pk)).get()
    return render_public_page(request, release, preview=preview)
