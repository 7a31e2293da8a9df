from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from briefing.releases.models import Release


def release_list(request):
    releases = Release.objects.published().select_related("ministry")
    page = Paginator(releases, settings.BRIEFING_LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "releases/release_list.html", {"page_obj": page})


def release_detail(request, slug):
    release = get_object_or_404(
        Release.objects.published()
        .select_related("ministry")
        .prefetch_related("photos", "statistics", "contacts", "attachments"),
        slug=slug,
    )
    return render(request, "releases/release_detail.html", {"release": release})
