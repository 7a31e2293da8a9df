from django.urls import path  # noqa: F401 - filled in by the opendata views

app_name = "opendata"
urlpatterns = []
