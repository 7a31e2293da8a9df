"""Renders a release with the public page's own template, for the staff preview."""

from django.template.response import TemplateResponse


def render_release_page(request, release, *, preview=False):
    from briefing.releases import views

    page_renderer = getattr(views, "render_release_page", None)
    if page_renderer is not None:
        return page_renderer(request, release, preview=preview)
    return TemplateResponse(
        request, "releases/release_detail.html", {"release": release, "preview": preview}
    )
