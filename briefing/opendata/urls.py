from django.urls import path, re_path

from briefing.opendata import views

app_name = "opendata"
urlpatterns = [
    path("press-releases/", views.press_releases, name="press-releases"),
    path("schema/", views.schema, name="schema"),
    # Last: every other path under /api/ answers in the API's shape.
    re_path(r"^(?P<path>.*)$", views.unknown, name="unknown"),
]
