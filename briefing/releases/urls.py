from django.urls import path

from briefing.pagecache import anonymous_page_cache
from briefing.releases import feeds, views

app_name = "releases"
urlpatterns = [
    path("policies/", views.policies, name="policies"),
    path("press-releases/", views.release_list, name="list"),
    path("press-releases/feed/rss/", anonymous_page_cache(feeds.ReleaseFeed()), name="feed-rss"),
    path(
        "press-releases/feed/atom/", anonymous_page_cache(feeds.ReleaseAtomFeed()), name="feed-atom"
    ),
    path("press-releases/<str:slug>/", views.release_detail, name="detail"),
    path("press-releases/<str:slug>/photos/", views.release_photos, name="photos"),
    path(
        "press-releases/<str:slug>/files/<int:pk>/",
        views.attachment_download,
        name="attachment-download",
    ),
    path(
        "press-releases/<str:slug>/files/<int:pk>/view/",
        views.attachment_view,
        name="attachment-view",
    ),
]
