from django.urls import path

from briefing.opendata import views

app_name = "opendata"
urlpatterns = [
    path("press-releases/", views.press_releases, name="press-releases"),
    path("schema/", views.schema, name="schema"),
]
