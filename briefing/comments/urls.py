from django.urls import path  # noqa: F401 - filled in by the comments views

app_name = "comments"
urlpatterns = []
