from django.urls import path

from plainpeer import views

urlpatterns = [
    path("bare/", views.bare),
    path("ko/briefing/press-releases/<str:slug>/", views.detail),
]
