from django.conf import settings


def site(request):
    """The site's name and address for every template, so each is written once (settings)."""
    return {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}
