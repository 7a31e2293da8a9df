from django.urls import path

from briefing.comments import views

app_name = "comments"
urlpatterns = [
    path("my/comments/", views.mine, name="mine"),
    path("comments/<int:pk>/report/", views.report, name="report"),
    path("comments/<int:pk>/appeal/", views.appeal, name="appeal"),
    path("comments/<int:pk>/objection/", views.objection, name="objection"),
    path("comments/<int:pk>/edit/", views.edit, name="edit"),
    path("comments/<int:pk>/delete/", views.delete, name="delete"),
    path("comments/on/<str:slug>/", views.release_comments, name="list"),
    path("comments/on/<str:slug>/post/", views.post, name="post"),
]
