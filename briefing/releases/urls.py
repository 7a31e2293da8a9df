from django.urls import path

from briefing.releases import views

app_name = "releases"
urlpatterns = [
    path("press-releases/", views.release_list, name="list"),
    path("press-releases/<str:slug>/", views.release_detail, name="detail"),
]
