from django.conf import settings


def site(request):
    """The site's name for every template, so it is written once (settings.SITE_NAME)."""
    return {"site_name": settings.SITE_NAME}
