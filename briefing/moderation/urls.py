from django.urls import path

from briefing.moderation import views

app_name = "moderation"
urlpatterns = [
    path("", views.queue_page, name="queue"),
    path("bulk/", views.bulk, name="bulk"),
    path("comments/<int:pk>/", views.comment_page, name="comment"),
    path("comments/<int:pk>/<slug:action>/", views.decide, name="decide"),
    path("suspensions/<int:pk>/lift/", views.lift_suspension, name="lift-suspension"),
]
